// The relationships the ownership matrix is decided from (graph.questions.ownership.ownership_matrix):
// RESPONSIBLE_FOR into Indicators and into the CityPositionings and Tasks they may inherit
// through, and Indicators' MEASURES into those. Only basis and confidence are fetched: cells
// show no evidence.
// No parameters. Rows: edge rows (see node_detail), props = {basis, confidence}.
MATCH (a:PlanNode)-[r:RESPONSIBLE_FOR]->(b:Indicator)
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, {basis: r.basis, confidence: r.confidence} AS props
UNION ALL
MATCH (a:PlanNode)-[r:RESPONSIBLE_FOR]->(b:PlanNode)
WHERE b:CityPositioning OR b:Task
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, {basis: r.basis, confidence: r.confidence} AS props
UNION ALL
MATCH (a:Indicator)-[r:MEASURES]->(b:PlanNode)
WHERE b:CityPositioning OR b:Task
RETURN a.id AS source, labels(a) AS source_labels, a.name AS source_name,
       b.id AS target, labels(b) AS target_labels, b.name AS target_name,
       type(r) AS type, {basis: r.basis, confidence: r.confidence} AS props
