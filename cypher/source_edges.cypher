// Relationships with at least one mention from one source file (to withdraw that source).
// Parameters: $source (file name). Rows: source, target, type, props.
MATCH (a:PlanNode)-[r]->(b:PlanNode)
WHERE $source IN r.sources
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
