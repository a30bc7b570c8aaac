// Stored postings of the bigram index (graph.neo4j.search_index), for the bigrams a load changes.
// Parameters: $grams (list of bigrams). Rows: gram, ids (string, ids joined by newlines),
// odd (list or null). A bigram has no row when it is not indexed, two after an interrupted rebuild.
UNWIND $grams AS gram
MATCH (g:PlanSearchGram {gram: gram})
RETURN g.gram AS gram, g.ids AS ids, g.odd AS odd
