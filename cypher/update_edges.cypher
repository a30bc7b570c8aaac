// Rewrite one batch of stored relationships of one type (their whole stored state, as computed
// by the load plan, so writing it again changes nothing).
// Template: {{TYPE}} is filled from graph.model.RelType only (graph.neo4j.cypher_files.type_query).
// Parameters: $rows, a list of {source, target, props} maps (graph.neo4j.records.edge_row).
// Returns one row: written.
UNWIND $rows AS row
MATCH (a:PlanNode {id: row.source})-[r:{{TYPE}}]->(b:PlanNode {id: row.target})
SET r = row.props
RETURN count(r) AS written
