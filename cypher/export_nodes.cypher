// Every plan node. No parameters. Rows: props (every stored property), labels.
MATCH (n:PlanNode)
RETURN properties(n) AS props, labels(n) AS labels
