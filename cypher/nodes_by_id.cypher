// Stored nodes by id. Parameters: $ids (list of node ids).
// One row per existing id: props (every stored property), labels.
UNWIND $ids AS id
MATCH (n:PlanNode {id: id})
RETURN properties(n) AS props, labels(n) AS labels
