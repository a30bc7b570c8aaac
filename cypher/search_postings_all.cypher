// Every stored posting of the bigram index (graph.neo4j.search_index.stored_postings: tests and
// checks compare it with a rebuild). No parameters. Rows: gram, ids (string, ids joined by
// newlines), odd (list or null).
MATCH (g:PlanSearchGram)
RETURN g.gram AS gram, g.ids AS ids, g.odd AS odd
