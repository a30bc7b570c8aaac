// The last load's marker (see load_begin.cypher). No parameters. Zero or one row.
MATCH (m:PlanKGLoad {id: 'last'})
RETURN m.state AS state, m.started_at AS started_at, m.finished_at AS finished_at,
       m.replace_sources AS replace_sources, m.nodes AS nodes, m.relationships AS relationships
