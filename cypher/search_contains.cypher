// Search by substring: which query terms each node's name and evidence contain, and whether they
// contain the whole phrase. Terms, phrase and the search_name / search_evidence properties are
// lower-cased by Python (graph.neo4j.records), so a term matches here exactly when
// graph.questions.search.match_texts finds it; graph.questions.search.page scores, ranks and pages these
// facts. The evidence text comes back only for nodes whose name matched no term (the snippet
// of an evidence hit); a name hit's snippet is its name. The rows come collected in one record
// of positional lists: the driver then reads one Bolt message instead of one per node, which
// halved the client's work for a search of the seed graph (maps, with their keys, cost ~20 % more).
// Parameters: $terms (list of lower-cased strings), $phrase (lower-cased string).
// Returns one row: rows, a list of [id, labels, name, in_name, in_evidence, phrase_in_name,
// phrase_in_evidence, evidence] lists, one per matching node.
MATCH (n:PlanNode)
WITH n,
     [term IN $terms WHERE n.search_name CONTAINS term] AS in_name,
     [term IN $terms WHERE n.search_evidence CONTAINS term] AS in_evidence
WHERE size(in_name) + size(in_evidence) > 0
RETURN collect([n.id, labels(n), n.name, in_name, in_evidence,
                n.search_name CONTAINS $phrase,
                n.search_evidence CONTAINS $phrase,
                CASE WHEN size(in_name) = 0 THEN n.evidence ELSE null END]) AS rows
