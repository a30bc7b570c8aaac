// Upsert ONE node with MERGE: the one-statement-per-row baseline that bench/load.py measures
// the store's batches against. The store never uses it. Plain label only: on ArcadeDB a MERGE
// on a two-label pattern (Label:PlanNode) does not use the id index (14 rows/s), which would
// measure that, not the cost of one round trip per row (see cypher/README.md).
// Template: {{LABEL}} is filled from graph.model.Label only (graph.neo4j.cypher_files.label_query).
// Parameters: $id (node id), $props (the node's stored properties, graph.neo4j.records.node_row).
MERGE (n:{{LABEL}} {id: $id})
SET n = $props
RETURN count(n) AS written
