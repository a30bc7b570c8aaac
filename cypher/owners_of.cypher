// The relationships that can make a Department or TaskForce answer for one node
// (graph.ownership.owners_of decides which do): RESPONSIBLE_FOR into the node; the node's
// MEASURES/SUPPORTS to a CityPositioning (graph.ownership.INHERITED_BY); and RESPONSIBLE_FOR
// into those positionings. Parameters: $id (the node). Rows: edge rows (see incident_edges).
MATCH (a:PlanNode)-[r:RESPONSIBLE_FOR]->(b:PlanNode {id: $id})
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, properties(r) AS props
UNION ALL
MATCH (a:PlanNode {id: $id})-[r:MEASURES|SUPPORTS]->(b:CityPositioning)
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, properties(r) AS props
UNION ALL
MATCH (:PlanNode {id: $id})-[:MEASURES|SUPPORTS]->(b:CityPositioning)<-[r:RESPONSIBLE_FOR]-(a:PlanNode)
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, properties(r) AS props
