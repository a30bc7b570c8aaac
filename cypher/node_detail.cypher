// One node and every relationship touching it, in one round trip: what NodeDetail is built from.
// Parameters: $id. Rows: the node itself (type null: props holds every stored property of the
// node, labels its labels; no such row: no such node), then one "edge row" per relationship
// touching it (labels null): source, source_labels, source_name, target, target_labels,
// target_name, type, props (the relationship's stored properties). A self-loop comes twice
// (once per branch); the store keeps one per key.
MATCH (n:PlanNode {id: $id})
RETURN properties(n) AS props, labels(n) AS labels,
       null AS source, null AS source_labels, null AS source_name,
       null AS target, null AS target_labels, null AS target_name, null AS type
UNION ALL
MATCH (a:PlanNode {id: $id})-[r]->(b:PlanNode)
RETURN properties(r) AS props, null AS labels,
       a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name, type(r) AS type
UNION ALL
MATCH (a:PlanNode)-[r]->(b:PlanNode {id: $id})
RETURN properties(r) AS props, null AS labels,
       a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name, type(r) AS type
