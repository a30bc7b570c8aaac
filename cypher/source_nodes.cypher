// Nodes with at least one mention from one source file (to withdraw that source's facts).
// Parameters: $source (file name). Rows: props (every stored property), labels.
MATCH (n:PlanNode)
WHERE $source IN n.sources
RETURN properties(n) AS props, labels(n) AS labels
