// The relationships that can make one owner answer for something (graph.questions.ownership.targets_of
// decides which do): its RESPONSIBLE_FOR relationships, and the MEASURES relationships into the
// CityPositionings and Tasks among their targets (graph.questions.ownership.TARGETS_INHERITED_BY).
// Parameters: $id (the owner). Rows: edge rows (see node_detail).
// One round trip: one row is the asked node itself (type null; no such row: no such node),
// then the edge rows. Edge props are only properties_json and mentions_json, what the
// answer decodes (every stored property when properties_json is absent: a hand-made database).
MATCH (a:PlanNode {id: $id})
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       null AS target, null AS target_labels, null AS target_name, null AS type, null AS props
UNION ALL
MATCH (a:PlanNode {id: $id})-[r:RESPONSIBLE_FOR]->(b:PlanNode)
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type,
       CASE WHEN r.properties_json IS NULL THEN properties(r)
            ELSE {properties_json: r.properties_json, mentions_json: r.mentions_json} END AS props
UNION ALL
MATCH (:PlanNode {id: $id})-[:RESPONSIBLE_FOR]->(b:PlanNode)<-[r:MEASURES]-(a:PlanNode)
WHERE b:CityPositioning OR b:Task
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type,
       CASE WHEN r.properties_json IS NULL THEN properties(r)
            ELSE {properties_json: r.properties_json, mentions_json: r.mentions_json} END AS props
