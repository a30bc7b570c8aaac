// Every relationship touching one node, with both ends named: what NodeDetail.neighbours is
// built from. A self-loop comes twice (once per branch); the store keeps one per key.
// Parameters: $id. Rows ("edge rows"): source, source_labels, source_name, target,
// target_labels, target_name, type, props (the relationship's stored properties).
MATCH (a:PlanNode {id: $id})-[r]->(b:PlanNode)
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, properties(r) AS props
UNION ALL
MATCH (a:PlanNode)-[r]->(b:PlanNode {id: $id})
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, properties(r) AS props
