// The relationships that can make a Department or TaskForce answer for one node
// (graph.questions.ownership.owners_of decides which do): RESPONSIBLE_FOR into the node; the node's
// MEASURES/SUPPORTS to a CityPositioning or Task (graph.questions.ownership.INHERITED_THROUGH); and
// RESPONSIBLE_FOR into those. Parameters: $id (the node). Rows: edge rows (see node_detail).
// One round trip: one row is the asked node itself (type null; no such row: no such node),
// then the edge rows. Edge props are only properties_json and mentions_json, what the
// answer decodes (every stored property when properties_json is absent: a hand-made database).
MATCH (a:PlanNode {id: $id})
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       null AS target, null AS target_labels, null AS target_name, null AS type, null AS props
UNION ALL
MATCH (a:PlanNode)-[r:RESPONSIBLE_FOR]->(b:PlanNode {id: $id})
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type,
       CASE WHEN r.properties_json IS NULL THEN properties(r)
            ELSE {properties_json: r.properties_json, mentions_json: r.mentions_json} END AS props
UNION ALL
MATCH (a:PlanNode {id: $id})-[r:MEASURES|SUPPORTS]->(b:PlanNode)
WHERE b:CityPositioning OR b:Task
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type,
       CASE WHEN r.properties_json IS NULL THEN properties(r)
            ELSE {properties_json: r.properties_json, mentions_json: r.mentions_json} END AS props
UNION ALL
MATCH (:PlanNode {id: $id})-[:MEASURES|SUPPORTS]->(b:PlanNode)<-[r:RESPONSIBLE_FOR]-(a:PlanNode)
WHERE b:CityPositioning OR b:Task
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type,
       CASE WHEN r.properties_json IS NULL THEN properties(r)
            ELSE {properties_json: r.properties_json, mentions_json: r.mentions_json} END AS props
