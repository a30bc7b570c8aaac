// The state_hash of stored relationships of one type, by their ends (see node_hashes.cypher).
// Template: {{TYPE}} is filled from graph.model.RelType only (graph.neo4j.cypher_files.type_query).
// Parameters: $keys (list of {source, target} maps of node ids).
// One row per stored relationship: source, target, state_hash.
UNWIND $keys AS key
MATCH (a:PlanNode {id: key.source})-[r:{{TYPE}}]->(b:PlanNode {id: key.target})
RETURN a.id AS source, b.id AS target, r.state_hash AS state_hash
