// Whether the bigram search index holds anything, and in which format (graph.neo4j.search_index:
// the store checks before trusting it, a load before updating it; a database loaded by other
// means has none, one indexed by an older plankg has postings without size).
// No parameters. Rows: at most one: gram, size.
MATCH (g:PlanSearchGram)
RETURN g.gram AS gram, g.size AS size
LIMIT 1
