// Create one batch of new nodes of one label, with the PlanNode label (graph.neo4j.records).
// The load plan (graph.neo4j.load) has checked that none of these ids is stored, so CREATE is
// safe; the uniqueness constraints refuse a duplicate should another writer race the load.
// Template: {{LABEL}} is filled from graph.model.Label only (graph.neo4j.cypher_files.label_query),
// never from a request. Parameters: $rows, a list of {id, props} maps
// (graph.neo4j.records.node_row). Returns one row: written.
UNWIND $rows AS row
CREATE (n:{{LABEL}}:PlanNode)
SET n = row.props
RETURN count(n) AS written
