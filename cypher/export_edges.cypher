// Every relationship between plan nodes. No parameters. Rows: source, target, type, props.
MATCH (a:PlanNode)-[r]->(b:PlanNode)
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
