// The relationships that can make one owner answer for something (graph.questions.ownership.targets_of
// decides which do): its RESPONSIBLE_FOR relationships, and the MEASURES relationships into the
// CityPositionings and Tasks among their targets (graph.questions.ownership.TARGETS_INHERITED_BY).
// Parameters: $id (the owner).
// One round trip, one record (none: no such node): id, labels, name of the asked node, and
// edges, a list of edge maps (see node_detail's edge rows; the store keeps one per key). Edge
// props are only properties_json and mentions_json, what the answer decodes (every stored
// property when properties_json is absent: a hand-made database).
MATCH (x:PlanNode {id: $id})
OPTIONAL MATCH (x)-[owns:RESPONSIBLE_FOR]->(:PlanNode)
WITH x, collect(owns) AS owns
OPTIONAL MATCH (x)-[:RESPONSIBLE_FOR]->(b:PlanNode)<-[measures:MEASURES]-(:PlanNode)
WHERE b:CityPositioning OR b:Task
WITH x, owns, collect(measures) AS measures
WITH x, owns + measures AS rels
RETURN x.id AS id, labels(x) AS labels, x.name AS name,
       [r IN rels | {source: startNode(r).id, source_labels: labels(startNode(r)), source_name: startNode(r).name,
                     target: endNode(r).id, target_labels: labels(endNode(r)), target_name: endNode(r).name,
                     type: type(r),
                     props: CASE WHEN r.properties_json IS NULL THEN properties(r)
                                 ELSE {properties_json: r.properties_json, mentions_json: r.mentions_json} END}] AS edges
