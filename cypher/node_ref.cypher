// One node's id, labels and name (no evidence). Parameters: $id. Zero or one row: id, labels, name.
MATCH (n:PlanNode {id: $id})
RETURN n.id AS id, labels(n) AS labels, n.name AS name
