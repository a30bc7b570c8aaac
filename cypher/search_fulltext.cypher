// Neo4j only: as search_contains.cypher, with candidates from the `plan_text` fulltext index
// (schema_fulltext.cypher) instead of a scan. The store uses it only when every term is two or
// more Han characters, where the cjk analyzer's bigram phrase query finds every text containing
// the term; the CONTAINS tests below then keep exactly the true matches.
// Parameters: $lucene (quoted phrases joined by OR, graph.neo4j.store builds it from the terms),
// $terms (list of lower-cased strings), $phrase (lower-cased string).
// Returns one row: rows, a list of [id, labels, name, in_name, in_evidence, phrase_in_name,
// phrase_in_evidence, evidence] lists, one per matching node (see search_contains.cypher).
CALL db.index.fulltext.queryNodes('plan_text', $lucene) YIELD node
WITH node AS n,
     [term IN $terms WHERE node.search_name CONTAINS term] AS in_name,
     [term IN $terms WHERE node.search_evidence CONTAINS term] AS in_evidence
WHERE size(in_name) + size(in_evidence) > 0
RETURN collect([n.id, labels(n), n.name, in_name, in_evidence,
                n.search_name CONTAINS $phrase,
                n.search_evidence CONTAINS $phrase,
                CASE WHEN size(in_name) = 0 THEN n.evidence ELSE null END]) AS rows
