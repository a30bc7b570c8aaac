// The nodes of one label that pass the list filters, in one record: the id and name of every
// match (keys), ordered by name then id in the engine, and the page's records (page). The store
// checks the engine's order against Python's code-point order (the contract; Java compares
// UTF-16 units, which differs beyond the BMP) and, on a difference, fetches the right page with
// nodes_by_id: one round trip in the common case, the same answer always.
// Template: {{LABEL}} is filled from graph.model.Label only (graph.neo4j.cypher_files.label_query).
// Parameters: $year (int or null: keep nodes whose target_year equals it; a boolean or a
// string never equals an int in Cypher, as in graph.questions.browse), $q (string or null: keep nodes
// whose name contains it, case-sensitive), $offset, $limit (ints: the page, in the engine's
// order). Returns one row: keys (list of [id, name]), page (list of {props, labels} maps).
MATCH (n:{{LABEL}})
WHERE ($year IS NULL OR n.target_year = $year)
  AND ($q IS NULL OR n.name CONTAINS $q)
WITH n
ORDER BY n.name, n.id
WITH collect(n) AS found
RETURN [x IN found | [x.id, x.name]] AS keys,
       [x IN found[$offset..$offset + $limit] | {props: properties(x), labels: labels(x)}] AS page
