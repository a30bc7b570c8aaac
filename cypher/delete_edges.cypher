// Delete relationships by key. Parameters: $rows, a list of {source, target, type} maps.
UNWIND $rows AS row
MATCH (a:PlanNode {id: row.source})-[r]->(b:PlanNode {id: row.target})
WHERE type(r) = row.type
DELETE r
RETURN count(*) AS deleted
