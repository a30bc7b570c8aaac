// Servers without a fulltext index only (ArcadeDB; graph.neo4j.dialect decides). No parameters.
// The equality index behind the bigram search index (graph.neo4j.search_index, search_grams.cypher).
CREATE INDEX plan_search_gram IF NOT EXISTS FOR (n:PlanSearchGram) ON (n.gram);
