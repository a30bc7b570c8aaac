// How many plan nodes the database holds (0 means a first load may CREATE instead of MERGE).
// No parameters. Returns one row: nodes.
MATCH (n:PlanNode)
RETURN count(n) AS nodes
