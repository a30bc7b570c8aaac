// What graph.questions.progress needs around some indicators: the REPORTS_ON relationships into them and
// their MEASURES relationships to CityPositionings. Parameters: $ids (list of Indicator ids).
// Rows: edge rows (see node_detail); the store then fetches the indicators and the
// figures whole (nodes_by_id), since a status reads their properties.
UNWIND $ids AS id
MATCH (a:ReportedFigure)-[r:REPORTS_ON]->(b:Indicator {id: id})
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, properties(r) AS props
UNION ALL
UNWIND $ids AS id
MATCH (a:Indicator {id: id})-[r:MEASURES]->(b:CityPositioning)
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, properties(r) AS props
