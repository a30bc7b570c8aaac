// The relationships that can make a Department or TaskForce answer for one node
// (graph.questions.ownership.owners_of decides which do): RESPONSIBLE_FOR into the node; the node's
// MEASURES/SUPPORTS to a CityPositioning or Task (graph.questions.ownership.INHERITED_THROUGH); and
// RESPONSIBLE_FOR into those. Parameters: $id (the node).
// One round trip, one record (none: no such node): id, labels, name of the asked node, and
// edges, a list of edge maps (see node_detail's edge rows; the store keeps one per key). Edge
// props are only properties_json and mentions_json, what the answer decodes (every stored
// property when properties_json is absent: a hand-made database).
MATCH (x:PlanNode {id: $id})
OPTIONAL MATCH (:PlanNode)-[direct:RESPONSIBLE_FOR]->(x)
WITH x, collect(direct) AS direct
OPTIONAL MATCH (x)-[through:MEASURES|SUPPORTS]->(b:PlanNode)
WHERE b:CityPositioning OR b:Task
WITH x, direct, collect(through) AS through
OPTIONAL MATCH (x)-[:MEASURES|SUPPORTS]->(b:PlanNode)<-[inherited:RESPONSIBLE_FOR]-(:PlanNode)
WHERE b:CityPositioning OR b:Task
WITH x, direct, through, collect(inherited) AS inherited
WITH x, direct + through + inherited AS rels
RETURN x.id AS id, labels(x) AS labels, x.name AS name,
       [r IN rels | {source: startNode(r).id, source_labels: labels(startNode(r)), source_name: startNode(r).name,
                     target: endNode(r).id, target_labels: labels(endNode(r)), target_name: endNode(r).name,
                     type: type(r),
                     props: CASE WHEN r.properties_json IS NULL THEN properties(r)
                                 ELSE {properties_json: r.properties_json, mentions_json: r.mentions_json} END}] AS edges
