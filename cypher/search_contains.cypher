// Search by substring: which query terms each node's name and evidence contain. Terms and the
// search_name / search_evidence properties are lower-cased by Python (graph.neo4j_records), so
// a term matches here exactly when graph.search_text.score counts it; the store computes the
// score (2 per name term, 1 per evidence term) and the order from these lists.
// Parameters: $terms (list of lower-cased strings). Rows: id, labels, name, in_name, in_evidence.
MATCH (n:PlanNode)
WITH n,
     [term IN $terms WHERE n.search_name CONTAINS term] AS in_name,
     [term IN $terms WHERE n.search_evidence CONTAINS term] AS in_evidence
WHERE size(in_name) + size(in_evidence) > 0
RETURN n.id AS id, labels(n) AS labels, n.name AS name, in_name, in_evidence
