// What a load needs to know of stored nodes it may not have to touch: their label, name and
// state_hash (graph.neo4j.records), without the heavy properties. Parameters: $ids (list of
// node ids). One row per stored id: id, labels, name, state_hash.
UNWIND $ids AS id
MATCH (n:PlanNode {id: id})
RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.state_hash AS state_hash
