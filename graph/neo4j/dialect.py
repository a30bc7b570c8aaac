"""What the Bolt server on the other end can do: Neo4j 5 / Aura, or ArcadeDB's Bolt plugin.

The store is written for Neo4j 5 / Aura. The tests run against ArcadeDB (Neo4j cannot be
installed on the build machines), which speaks Bolt and most of Cypher but not all of it.
``cypher/README.md`` lists every difference. Most are avoided by writing Cypher both accept (no
``MERGE`` on two labels, no label changes, ordering in Python); the one feature only Neo4j has,
the fulltext index, is switched here, from the server's agent string: which schema files a load
applies (``schema_files``), whether a load keeps the bigram index (``EngineCapabilities.gram_index``)
and which query a search runs (``search_plan``).

ArcadeDB announces itself as ``Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)`` and answers
``CALL dbms.components()`` with ``Neo4j Kernel``, so the word "Neo4j" proves nothing: only the
word "ArcadeDB" in the agent does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.neo4j.search_index import SEPARATOR, term_grams

_ARCADE = re.compile(r"ArcadeDB\s*([0-9][0-9A-Za-z.\-]*)?")
_NEO4J = re.compile(r"Neo4j/([0-9][0-9A-Za-z.\-]*)")
_HAN_TERM = re.compile(r"[\u4e00-\u9fff]{2,}\Z")
#: ``EngineCapabilities.write_chars`` on ArcadeDB.
ARCADEDB_WRITE_CHARS = 2_000_000


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

    @property
    def gram_index(self) -> bool:
        """The bigram search index (``graph.neo4j.search_index``): where there is no fulltext index."""
        return not self.fulltext_index

    @property
    def write_chars(self) -> int | None:
        """Characters of text one write (records or bigram postings) may carry (``None``: no bound).

        ArcadeDB refuses a Bolt message over 16 MiB after chunk reassembly, and then leaves the
        connection hanging: 1,000 postings of the 100-city synthetic corpus were more. Two
        million characters are at most 8 MB in UTF-8, whatever the script.
        """
        return ARCADEDB_WRITE_CHARS if self.engine == "arcadedb" else None

    def schema_files(self) -> tuple[str, ...]:
        """The ``cypher/`` schema files a load applies on this engine, in order."""
        return ("schema", "schema_fulltext") if self.fulltext_index else ("schema", "schema_grams")


def lucene_phrases(terms: Sequence[str]) -> str | None:
    """A Lucene query (quoted phrases joined by OR) for the fulltext index, or ``None``.

    Only terms of two or more Han characters qualify: the ``cjk`` analyzer indexes Han text as
    overlapping bigrams, so the phrase of a term's bigrams matches exactly the texts that contain
    the term. A single character, Latin letters or digits are tokenised otherwise and could miss
    texts that ``CONTAINS`` finds, so one such term sends the whole search to ``CONTAINS``.

    >>> lucene_phrases(["海洋", "经济发展"])
    '"海洋" OR "经济发展"'
    >>> lucene_phrases(["海洋", "gdp"]) is None
    True
    """
    if not terms or not all(_HAN_TERM.match(term) for term in terms):
        return None
    return " OR ".join(f'"{term}"' for term in terms)


def gram_pairs(terms: Sequence[str]) -> list[dict[str, str]] | None:
    """``{term, gram}`` rows for ``search_grams.cypher``, or ``None`` when a term is one character
    (it has no bigram, so the index cannot find it; the search scans instead).

    >>> gram_pairs(["海洋局", "gdp"])
    [{'term': '海洋局', 'gram': '海洋'}, {'term': '海洋局', 'gram': '洋局'}, {'term': 'gdp', 'gram': 'gd'}, {'term': 'gdp', 'gram': 'dp'}]
    >>> gram_pairs(["海洋", "5"]) is None
    True
    """
    pairs = [{"term": term, "gram": gram} for term in terms for gram in term_grams(term)]
    if not terms or any(not term_grams(term) for term in terms):
        return None
    return pairs


def search_plan(capabilities: EngineCapabilities, terms: Sequence[str], phrase: str) -> tuple[str, dict[str, Any]]:
    """The ``cypher/`` file and parameters a search for ``terms`` runs on this engine.

    Every plan gives the same rows (the ``CONTAINS`` facts of every node holding a term): the
    fulltext index (Neo4j) or the bigram index (elsewhere) only narrows the candidates, and a
    search either index could miss a hit of falls back to the scan (``search_contains``).
    """
    params: dict[str, Any] = {"terms": list(terms), "phrase": phrase}
    if capabilities.fulltext_index:
        lucene = lucene_phrases(terms)
        if lucene is not None:
            return "search_fulltext", {**params, "lucene": lucene}
    else:
        pairs = gram_pairs(terms)
        if pairs is not None:
            return "search_grams", {**params, "grams": pairs, "separator": SEPARATOR}
    return "search_contains", params


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
