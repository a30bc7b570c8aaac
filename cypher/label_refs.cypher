// Id and name of every node of one label (matrix rows and columns). Template: {{LABEL}} is
// filled from graph.model.Label only (graph.neo4j.cypher_files.label_query). No parameters.
// Rows: id, labels, name.
MATCH (n:{{LABEL}})
RETURN n.id AS id, labels(n) AS labels, n.name AS name
