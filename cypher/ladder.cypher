// The relationships on the climbing paths from one node up to a Goal; graph.ladder walks them
// (simple paths only, one path per parallel edge). Template: {{CLIMBING_TYPES}} is filled with
// graph.model.CLIMBING_TYPES joined by "|" (graph.cypher_files.climbing_query): no other type
// is climbed. A walk stops at the first Goal, so paths through a Goal are not followed.
// Parameters: $id (the start). Rows: edge rows (see incident_edges), each relationship once.
MATCH path = (s:PlanNode {id: $id})-[:{{CLIMBING_TYPES}}*]->(g:Goal)
WHERE none(n IN nodes(path)[1..-1] WHERE n:Goal)
UNWIND relationships(path) AS r
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, properties(r) AS props
