// One batch of the bigram index (graph.neo4j.search_index): a PlanSearchGram per bigram with the
// sorted ids of the nodes whose search_name or search_evidence contains it.
// Parameters: $rows (list of {gram, ids} maps), $generation (int: this rebuild's stamp).
// Returns one row: written.
UNWIND $rows AS row
CREATE (g:PlanSearchGram {gram: row.gram, ids: row.ids, generation: $generation})
RETURN count(g) AS written
