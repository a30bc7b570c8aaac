// Every plan node's lower-cased search texts, to rebuild the bigram index
// (graph.neo4j.search_index). No parameters. Rows: id, name (search_name), evidence (search_evidence).
MATCH (n:PlanNode)
RETURN n.id AS id, n.search_name AS name, n.search_evidence AS evidence
