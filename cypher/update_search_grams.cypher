// Rewrite one batch of stored postings of the bigram index (graph.neo4j.search_index: an
// incremental update after a load). Every posting of the bigram is set (two generations may be
// stored after an interrupted rebuild). Parameters: $rows (list of {gram, ids, odd, size} maps,
// graph.neo4j.search_index.posting_row). Returns one row: written.
UNWIND $rows AS row
MATCH (g:PlanSearchGram {gram: row.gram})
SET g.ids = row.ids, g.odd = row.odd, g.size = row.size
RETURN count(g) AS written
