// Rewrite one batch of stored nodes. Parameters: $rows, a list of {id, props} maps
// (graph.neo4j.records.node_row); props is the node's whole stored state, computed by the load
// plan (graph.neo4j.load), so SET = replaces it and writing it again changes nothing. Labels are
// not touched (the plan refuses a node whose label would change). Returns one row: written.
UNWIND $rows AS row
MATCH (n:PlanNode {id: row.id})
SET n = row.props
RETURN count(n) AS written
