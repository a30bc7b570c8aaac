// As list_ids.cypher, keeping only a positioning itself and the nodes joined to it by a
// relationship of any type, in either direction (graph.questions.browse.list_nodes).
// Template: {{LABEL}} is filled from graph.model.Label only (graph.neo4j.cypher_files.label_query).
// Parameters: $positioning (node id), $year (int or null), $q (string or null). Rows: id, name.
MATCH (:PlanNode {id: $positioning})--(n:{{LABEL}})
WHERE ($year IS NULL OR n.target_year = $year)
  AND ($q IS NULL OR n.name CONTAINS $q)
RETURN n.id AS id, n.name AS name
UNION
MATCH (n:{{LABEL}} {id: $positioning})
WHERE ($year IS NULL OR n.target_year = $year)
  AND ($q IS NULL OR n.name CONTAINS $q)
RETURN n.id AS id, n.name AS name
