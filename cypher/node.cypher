// One node by id. Parameters: $id. Zero or one row: props (every stored property), labels.
MATCH (n:PlanNode {id: $id})
RETURN properties(n) AS props, labels(n) AS labels
