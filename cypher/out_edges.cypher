// Every outgoing relationship of a set of nodes (the store keeps those whose target is in the
// set: the edges among a neighbourhood). Parameters: $ids (list of node ids).
// Rows: source, target, type, props.
UNWIND $ids AS id
MATCH (a:PlanNode {id: id})-[r]->(b:PlanNode)
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
