// Stored relationships of one type by their ends. Template: {{TYPE}} is filled from
// graph.model.RelType only (graph.neo4j.cypher_files.type_query).
// Parameters: $keys (list of {source, target} maps of node ids). One row per stored
// relationship: source, target, type, props (every stored property).
UNWIND $keys AS key
MATCH (a:PlanNode {id: key.source})-[r:{{TYPE}}]->(b:PlanNode {id: key.target})
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
