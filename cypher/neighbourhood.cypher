// A node's neighbourhood in one round trip: a breadth-first walk of up to $depth hops (either
// direction, any relationship type), then every member with its outgoing relationships to other
// members. The walk is written out step by step for graph.store.MAX_DEPTH (4) steps, each a no-op
// past $depth: a variable-length pattern would enumerate every path, not every node, and its
// bound cannot be a parameter. graph.questions.browse.neighbourhood builds the answer from the rows.
// Parameters: $id (the centre), $depth (int, 0..4, checked by the store).
// Rows: one per member (none: no such node): props (every stored property), labels,
// out (list of {target, type, props} maps: its relationships to members).
MATCH (a:PlanNode {id: $id})
WITH [a.id] AS seen, [a.id] AS frontier
WITH seen, frontier
UNWIND CASE WHEN $depth >= 1 AND size(frontier) > 0 THEN frontier ELSE [null] END AS fid
OPTIONAL MATCH (:PlanNode {id: fid})--(m:PlanNode)
WITH seen, collect(DISTINCT m.id) AS found
WITH seen, [x IN found WHERE NOT x IN seen] AS frontier
WITH seen + frontier AS seen, frontier
WITH seen, frontier
UNWIND CASE WHEN $depth >= 2 AND size(frontier) > 0 THEN frontier ELSE [null] END AS fid
OPTIONAL MATCH (:PlanNode {id: fid})--(m:PlanNode)
WITH seen, collect(DISTINCT m.id) AS found
WITH seen, [x IN found WHERE NOT x IN seen] AS frontier
WITH seen + frontier AS seen, frontier
WITH seen, frontier
UNWIND CASE WHEN $depth >= 3 AND size(frontier) > 0 THEN frontier ELSE [null] END AS fid
OPTIONAL MATCH (:PlanNode {id: fid})--(m:PlanNode)
WITH seen, collect(DISTINCT m.id) AS found
WITH seen, [x IN found WHERE NOT x IN seen] AS frontier
WITH seen + frontier AS seen, frontier
WITH seen, frontier
UNWIND CASE WHEN $depth >= 4 AND size(frontier) > 0 THEN frontier ELSE [null] END AS fid
OPTIONAL MATCH (:PlanNode {id: fid})--(m:PlanNode)
WITH seen, collect(DISTINCT m.id) AS found
WITH seen, [x IN found WHERE NOT x IN seen] AS frontier
WITH seen + frontier AS seen, frontier
UNWIND seen AS sid
MATCH (n:PlanNode {id: sid})
OPTIONAL MATCH (n)-[r]->(b:PlanNode)
WHERE b.id IN seen
RETURN properties(n) AS props, labels(n) AS labels,
       collect(CASE WHEN r IS NULL THEN null ELSE {target: b.id, type: type(r), props: properties(r)} END) AS out
