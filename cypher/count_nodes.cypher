// Plan nodes per label combination (the store maps PlanNode + one plan label to the label).
// No parameters. Rows: labels, count.
MATCH (n:PlanNode)
RETURN labels(n) AS labels, count(*) AS count
