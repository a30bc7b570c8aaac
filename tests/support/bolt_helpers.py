"""Running a ``cypher-shell`` script against the Bolt test server, as cypher-shell would.

Shared by ``tests/contract/test_exports.py`` (the Cypher export loads) and ``tests/contract/test_bloom.py`` (the
Bloom phrases run on a database loaded from that export). The script is split into statements
by a quote-aware splitter of its own, not by trusting the writer's one-statement-per-line layout.
"""

from __future__ import annotations

from neo4j import Driver

from graph.neo4j.cypher_files import query
from graph.neo4j.search_index import postings
from graph.neo4j.store import Neo4jStore


def split_statements(script: str) -> list[str]:
    """Cypher statements of a script: ``;`` outside strings, identifiers and ``//`` comments."""
    out: list[str] = []
    current: list[str] = []
    i, n = 0, len(script)
    quote: str | None = None
    while i < n:
        ch = script[i]
        if quote:
            current.append(ch)
            if ch == "\\" and quote != "`" and i + 1 < n:
                current.append(script[i + 1])
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
            current.append(ch)
        elif script.startswith("//", i):
            end = script.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch == ";":
            statement = "".join(current).strip()
            if statement:
                out.append(statement)
            current = []
        else:
            current.append(ch)
        i += 1
    assert quote is None, "unterminated quote in the script"
    assert not "".join(current).strip(), "text after the last ';'"
    return out


def clear(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH (n) DETACH DELETE n").consume()


def run_script(driver: Driver, database: str, script: str) -> None:
    """Run a cypher-shell script: schema statements one by one, data in one transaction."""
    parts = split_statements(script)
    schema = [s for s in parts if s.upper().startswith(("CREATE CONSTRAINT", "CREATE INDEX"))]
    data = [s for s in parts if s not in schema]
    with driver.session(database=database) as session:
        for statement in schema:
            session.run(statement).consume()
        with session.begin_transaction() as tx:
            for statement in data:
                tx.run(statement).consume()
            tx.commit()


def stored_texts(store: Neo4jStore) -> dict[str, tuple[str | None, str | None]]:
    return {row["id"]: (row["name"], row["evidence"]) for row in store._connection.run_read(query("search_texts"))}


def rebuilt(store: Neo4jStore) -> dict[str, set[str]]:
    """The postings a full rebuild would write from what the database holds now."""
    return {gram: set(ids) for gram, ids in postings((k, *v) for k, v in stored_texts(store).items()).items()}
