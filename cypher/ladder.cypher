// The relationships on the climbing paths from one node up to a Goal; graph.questions.ladder walks them
// (simple paths only, one path per parallel edge). Template: {{CLIMBING_TYPES}} is filled with
// graph.model.CLIMBING_TYPES joined by "|" (graph.neo4j.cypher_files.climbing_query): no other type
// is climbed. A walk stops at the first Goal, so paths through a Goal are not followed.
// Parameters: $id (the start). Rows: edge rows (see node_detail), each relationship once.
// One round trip: one row is the asked node itself (type null; no such row: no such node),
// then the edge rows. Edge props are only properties_json and mentions_json, what the
// answer decodes (every stored property when properties_json is absent: a hand-made database).
MATCH (a:PlanNode {id: $id})
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       null AS target, null AS target_labels, null AS target_name, null AS type, null AS props
UNION ALL
MATCH path = (s:PlanNode {id: $id})-[:{{CLIMBING_TYPES}}*]->(g:Goal)
WHERE none(n IN nodes(path)[1..-1] WHERE n:Goal)
UNWIND relationships(path) AS r
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type,
       CASE WHEN r.properties_json IS NULL THEN properties(r)
            ELSE {properties_json: r.properties_json, mentions_json: r.mentions_json} END AS props
