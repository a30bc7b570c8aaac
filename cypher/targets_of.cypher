// The relationships that can make one owner answer for something (graph.ownership.targets_of
// decides which do): its RESPONSIBLE_FOR relationships, and the MEASURES relationships into the
// CityPositionings among their targets (graph.ownership.TARGETS_INHERITED_BY).
// Parameters: $id (the owner). Rows: edge rows (see incident_edges).
MATCH (a:PlanNode {id: $id})-[r:RESPONSIBLE_FOR]->(b:PlanNode)
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, properties(r) AS props
UNION ALL
MATCH (:PlanNode {id: $id})-[:RESPONSIBLE_FOR]->(b:CityPositioning)<-[r:MEASURES]-(a:PlanNode)
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, properties(r) AS props
