"""What the Bolt server on the other end can do: Neo4j 5 / Aura, or ArcadeDB's Bolt plugin.

The store is written for Neo4j 5 / Aura. The tests run against ArcadeDB (Neo4j cannot be
installed on the build machines), which speaks Bolt and most of Cypher but not all of it.
``cypher/README.md`` lists every difference. Most are avoided by writing Cypher both accept (no
``MERGE`` on two labels, no label changes, ordering in Python); the one feature only Neo4j has,
the fulltext index, is switched here, from the server's agent string.

ArcadeDB announces itself as ``Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)`` and answers
``CALL dbms.components()`` with ``Neo4j Kernel``, so the word "Neo4j" proves nothing: only the
word "ArcadeDB" in the agent does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ARCADE = re.compile(r"ArcadeDB\s*([0-9][0-9A-Za-z.\-]*)?")
_NEO4J = re.compile(r"Neo4j/([0-9][0-9A-Za-z.\-]*)")


@dataclass(frozen=True)
class EngineCapabilities:
    """The engine behind a Bolt URI and the features the store may use on it."""

    engine: str
    """``neo4j`` or ``arcadedb``."""
    version: str
    agent: str
    fulltext_index: bool
    """``CREATE FULLTEXT INDEX`` and ``db.index.fulltext.queryNodes`` (Lucene, ``cjk`` analyzer)."""

    @property
    def description(self) -> str:
        return f"{self.engine} {self.version}".strip()


def detect(agent: str) -> EngineCapabilities:
    """Capabilities from the Bolt server agent (``driver.get_server_info().agent``).

    >>> detect("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)").engine
    'arcadedb'
    >>> detect("Neo4j/5.26.1").fulltext_index
    True
    """
    arcade = _ARCADE.search(agent)
    if arcade:
        return EngineCapabilities(
            engine="arcadedb",
            version=arcade.group(1) or "",
            agent=agent,
            fulltext_index=False,
        )
    neo4j = _NEO4J.search(agent)
    return EngineCapabilities(
        engine="neo4j",
        version=neo4j.group(1) if neo4j else "",
        agent=agent,
        fulltext_index=True,
    )
