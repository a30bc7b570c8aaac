// As list_ids.cypher, keeping only a positioning itself and the nodes joined to it by a
// relationship of any type, in either direction (graph.questions.browse.list_nodes); the same record also
// names the positioning's labels, which the store checks (graph.questions.browse.check_list_filters), so
// the whole list is one round trip.
// Template: {{LABEL}} is filled from graph.model.Label only (graph.neo4j.cypher_files.label_query).
// Parameters: $positioning (node id), $year (int or null), $q (string or null), $offset,
// $limit (ints). Returns one row: anchor (the positioning's labels, null when there is no such
// node), keys (list of [id, name]), page (list of {props, labels} maps).
OPTIONAL MATCH (anchor:PlanNode {id: $positioning})
OPTIONAL MATCH (anchor)--(near:{{LABEL}})
WITH anchor, collect(DISTINCT near) AS near
WITH anchor, near + [x IN [anchor] WHERE x:{{LABEL}} AND NOT x IN near] AS candidates
WITH anchor, [n IN candidates WHERE ($year IS NULL OR n.target_year = $year)
                                AND ($q IS NULL OR n.name CONTAINS $q)] AS matches
UNWIND CASE WHEN size(matches) = 0 THEN [null] ELSE matches END AS n
WITH anchor, n
ORDER BY n.name, n.id
WITH anchor, collect(n) AS found
RETURN labels(anchor) AS anchor,
       [x IN found | [x.id, x.name]] AS keys,
       [x IN found[$offset..$offset + $limit] | {props: properties(x), labels: labels(x)}] AS page
