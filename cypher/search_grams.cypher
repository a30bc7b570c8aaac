// Servers without a fulltext index (ArcadeDB): as search_contains.cypher, with candidates from
// the bigram index (graph.neo4j.search_index) instead of a scan. For each term, the posting of
// its rarest bigram (smallest size) holds every node whose text contains the term (and some that
// do not); the CONTAINS tests below keep exactly the true matches. A term whose bigram is not
// indexed at all is in no text. The store uses it only when every term has two or more characters.
// Parameters: $grams (list of {term, gram} maps: every distinct bigram of every term),
// $separator (the string a posting's ids are joined with), $terms (list of lower-cased strings),
// $phrase (lower-cased string).
// Returns one row: rows, a list of [id, labels, name, in_name, in_evidence, phrase_in_name,
// phrase_in_evidence, evidence] lists, one per matching node (see search_contains.cypher).
UNWIND $grams AS pair
MATCH (g:PlanSearchGram {gram: pair.gram})
WITH pair.term AS term, g
ORDER BY g.size
WITH term, collect(g)[0] AS rarest
UNWIND split(rarest.ids, $separator) + coalesce(rarest.odd, []) AS id
WITH DISTINCT id
MATCH (n:PlanNode {id: id})
WITH n,
     [term IN $terms WHERE n.search_name CONTAINS term] AS in_name,
     [term IN $terms WHERE n.search_evidence CONTAINS term] AS in_evidence
WHERE size(in_name) + size(in_evidence) > 0
RETURN collect([n.id, labels(n), n.name, in_name, in_evidence,
                n.search_name CONTAINS $phrase,
                n.search_evidence CONTAINS $phrase,
                CASE WHEN size(in_name) = 0 THEN n.evidence ELSE null END]) AS rows
