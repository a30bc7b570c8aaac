// Delete up to $batch plan nodes (and the load marker and the search bigram index) with their relationships; the store
// repeats it until it returns 0, so no transaction grows with the graph. The schema stays.
// Parameters: $batch (int). Returns one row: deleted.
MATCH (n)
WHERE n:PlanNode OR n:PlanKGLoad OR n:PlanSearchGram
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
