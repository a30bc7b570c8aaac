// Relationships between plan nodes, per type. No parameters. Rows: type, count.
MATCH (:PlanNode)-[r]->(:PlanNode)
RETURN type(r) AS type, count(*) AS count
