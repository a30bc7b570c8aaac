// One breadth-first step: the nodes one hop (either direction) from a set of nodes.
// Parameters: $ids (list of node ids). Rows: id (distinct).
UNWIND $ids AS id
MATCH (n:PlanNode {id: id})--(m:PlanNode)
RETURN DISTINCT m.id AS id
