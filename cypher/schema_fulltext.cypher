// Neo4j 5 / Aura only (ArcadeDB has no CREATE FULLTEXT INDEX; graph.neo4j.dialect decides).
// No parameters. Lucene's `cjk` analyzer (CJK bigrams) over node names and evidence sentences,
// for Bloom and for narrowing search candidates (see search_fulltext.cypher).
CREATE FULLTEXT INDEX plan_text IF NOT EXISTS
FOR (n:PlanNode) ON EACH [n.name, n.evidence]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
