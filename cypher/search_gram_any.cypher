// Whether the bigram search index holds anything (graph.neo4j.store checks once before trusting
// it: a database loaded by other means has none). No parameters. Rows: at most one: gram.
MATCH (g:PlanSearchGram)
RETURN g.gram AS gram
LIMIT 1
