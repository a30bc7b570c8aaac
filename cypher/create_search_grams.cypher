// One batch of new postings of the bigram index (graph.neo4j.search_index): a PlanSearchGram per
// bigram, with the ids of the nodes whose search_name or search_evidence contains it, as one
// string joined by newlines (ids), the ids that cannot be joined so (odd: a list, or null) and
// how many ids there are (size).
// Parameters: $rows (list of {gram, ids, odd, size} maps, graph.neo4j.search_index.posting_row),
// $generation (int: the stamp of this rebuild or update). Returns one row: written.
UNWIND $rows AS row
CREATE (g:PlanSearchGram {gram: row.gram, ids: row.ids, size: row.size, generation: $generation})
SET g.odd = row.odd
RETURN count(g) AS written
