// Marks the running load complete. Parameters: $finished_at (ISO-8601 string).
MATCH (m:PlanKGLoad {id: 'last'})
SET m.state = 'complete', m.finished_at = $finished_at
RETURN m.state AS state
