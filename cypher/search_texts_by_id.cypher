// The stored lower-cased search texts of some plan nodes, read before a load rewrites or deletes
// them (graph.neo4j.search_index: the bigrams they leave). Parameters: $ids (list of node ids).
// One row per stored id: id, name (search_name), evidence (search_evidence).
UNWIND $ids AS id
MATCH (n:PlanNode {id: id})
RETURN n.id AS id, n.search_name AS name, n.search_evidence AS evidence
