// Up to $batch bigram postings of older generations than $generation (graph.neo4j.search_index
// repeats it until it returns 0). Parameters: $generation (int), $batch (int).
// Returns one row: deleted.
MATCH (g:PlanSearchGram)
WHERE g.generation <> $generation
WITH g LIMIT $batch
DELETE g
RETURN count(*) AS deleted
