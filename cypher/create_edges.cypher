// Create one batch of new relationships of one type; the load plan (graph.neo4j.load) has
// checked that none of them is stored and that both ends exist.
// Template: {{TYPE}} is filled from graph.model.RelType only (graph.neo4j.cypher_files.type_query),
// never from a request. Parameters: $rows, a list of {source, target, props} maps
// (graph.neo4j.records.edge_row). Returns one row: written.
UNWIND $rows AS row
MATCH (a:PlanNode {id: row.source})
MATCH (b:PlanNode {id: row.target})
CREATE (a)-[r:{{TYPE}}]->(b)
SET r = row.props
RETURN count(r) AS written
