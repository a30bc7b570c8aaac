// The relationships on the climbing paths from one node up to a Goal; graph.questions.ladder walks them
// (simple paths only, one path per parallel edge). Template: {{CLIMBING_TYPES}} is filled with
// graph.model.CLIMBING_TYPES joined by "|" (graph.neo4j.cypher_files.climbing_query): no other type
// is climbed. A walk stops at the first Goal, so paths through a Goal are not followed.
// Parameters: $id (the start).
// One round trip, one record (none: no such node): id, labels, name of the asked node, and
// edges, a list of edge maps (see node_detail's edge rows), each relationship once. Edge props
// are only properties_json and mentions_json, what the answer decodes (every stored property
// when properties_json is absent: a hand-made database). One record rather than one per edge:
// the driver reads one Bolt message, and ArcadeDB runs one MATCH instead of two UNION branches.
MATCH (s:PlanNode {id: $id})
OPTIONAL MATCH path = (s)-[:{{CLIMBING_TYPES}}*]->(g:Goal)
WHERE none(n IN nodes(path)[1..-1] WHERE n:Goal)
UNWIND CASE WHEN path IS NULL THEN [null] ELSE relationships(path) END AS r
WITH s, collect(DISTINCT r) AS rels
RETURN s.id AS id, labels(s) AS labels, s.name AS name,
       [r IN rels | {source: startNode(r).id, source_labels: labels(startNode(r)), source_name: startNode(r).name,
                     target: endNode(r).id, target_labels: labels(endNode(r)), target_name: endNode(r).name,
                     type: type(r),
                     props: CASE WHEN r.properties_json IS NULL THEN properties(r)
                                 ELSE {properties_json: r.properties_json, mentions_json: r.mentions_json} END}] AS edges
