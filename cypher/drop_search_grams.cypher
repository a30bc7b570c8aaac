// Delete the postings of bigrams no node holds any more (graph.neo4j.search_index: an
// incremental update after a load). Parameters: $grams (list of bigrams). Returns one row: deleted.
UNWIND $grams AS gram
MATCH (g:PlanSearchGram {gram: gram})
DELETE g
RETURN count(*) AS deleted
