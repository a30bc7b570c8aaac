// Ids and names of the nodes of one label that pass the list filters; the store sorts and
// pages them (Python's code-point order is the contract, not the engine's collation).
// Template: {{LABEL}} is filled from graph.model.Label only (graph.neo4j.cypher_files.label_query).
// Parameters: $year (int or null: keep nodes whose target_year equals it; a boolean or a
// string never equals an int in Cypher, as in graph.questions.browse), $q (string or null: keep nodes
// whose name contains it, case-sensitive). Rows: id, name.
MATCH (n:{{LABEL}})
WHERE ($year IS NULL OR n.target_year = $year)
  AND ($q IS NULL OR n.name CONTAINS $q)
RETURN n.id AS id, n.name AS name
