// Marks a load as running, before anything is written. A load killed half-way leaves
// state = 'running' behind, which the next load (and Neo4jStore.last_load) reports.
// Parameters: $started_at (ISO-8601 string), $replace_sources (list of source file names),
// $nodes, $relationships (ints: what this load will write).
MERGE (m:PlanKGLoad {id: 'last'})
SET m.state = 'running',
    m.started_at = $started_at,
    m.finished_at = null,
    m.replace_sources = $replace_sources,
    m.nodes = $nodes,
    m.relationships = $relationships
RETURN m.state AS state
