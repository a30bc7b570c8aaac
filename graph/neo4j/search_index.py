"""The character-bigram index behind search on a Bolt server without a fulltext index (ArcadeDB).

Search matches a query token when it is a *substring* of a node's lower-cased name or evidence
(``graph.questions.search``). A jieba-token index cannot find every substring (海洋发展局 is one jieba
word, so 海洋 would miss it); character bigrams can: a text containing a term of two or more
characters contains every bigram of the term. So the index keeps, per bigram, the ids of the
nodes whose ``search_name`` or ``search_evidence`` holds it (``PlanSearchGram {gram, ids}``, an
equality index on ``gram``); a search fetches the posting of each term's rarest bigram, and the
``CONTAINS`` tests of ``cypher/search_grams.cypher`` keep exactly the true matches. The answer
is the scan's, with candidates from an index lookup.

A posting list per bigram rather than a property list per node because ArcadeDB's Cypher does not
use an index for ``x IN n.list``; one node per bigram rather than one relationship per (bigram,
node) because the latter would multiply a load's writes by the text's length.

The index is derived data: ``rebuild`` recomputes it from the stored texts after a load that
changed something, writing a new generation before deleting the old, so search always has an
index (during the switch some bigrams have two postings; the query takes the union of ids).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from graph.neo4j.cypher_files import query

if TYPE_CHECKING:  # graph.neo4j.connection imports graph.neo4j.dialect, which imports this module
    from graph.neo4j.connection import BoltConnection

__all__ = ["GRAM_SIZE", "postings", "rebuild", "term_grams", "text_grams"]

GRAM_SIZE = 2


def text_grams(text: str) -> set[str]:
    """Every character bigram of ``text``.

    >>> sorted(text_grams("海洋局"))
    ['洋局', '海洋']
    """
    return {text[i : i + GRAM_SIZE] for i in range(len(text) - GRAM_SIZE + 1)}


def term_grams(term: str) -> list[str]:
    """A term's distinct bigrams in order; empty for a term too short to have one.

    >>> term_grams("海洋海洋")
    ['海洋', '洋海']
    >>> term_grams("海")
    []
    """
    return list(dict.fromkeys(term[i : i + GRAM_SIZE] for i in range(len(term) - GRAM_SIZE + 1)))


def postings(rows: Iterable[tuple[str, str | None, str | None]]) -> dict[str, list[str]]:
    """``{bigram: sorted ids}`` from ``(id, search_name, search_evidence)`` rows.

    Name and evidence are cut separately, so no bigram spans the two.

    >>> postings([("a", "海洋", "港口"), ("b", "海港", None)])
    {'海洋': ['a'], '港口': ['a'], '海港': ['b']}
    """
    found: defaultdict[str, list[str]] = defaultdict(list)
    for node_id, name, evidence in rows:
        for gram in text_grams(name or "") | text_grams(evidence or ""):
            found[gram].append(node_id)
    return {gram: sorted(ids) for gram, ids in found.items()}


def _chunks(items: Sequence[dict[str, object]], size: int) -> Iterable[list[dict[str, object]]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def rebuild(connection: BoltConnection, *, batch_size: int = 1000) -> int:
    """Recompute the bigram index from the stored texts; returns the number of bigrams.

    A new generation (a time stamp in nanoseconds) is written first, then every older one
    deleted, each in batches of managed write transactions.
    """
    rows = connection.run_read(query("search_texts"))
    index = postings((row["id"], row["name"], row["evidence"]) for row in rows)
    generation = time.time_ns()
    entries: list[dict[str, object]] = [{"gram": gram, "ids": ids} for gram, ids in sorted(index.items())]
    cypher = query("create_search_grams")
    for batch in _chunks(entries, batch_size):
        connection.run_write(cypher, rows=batch, generation=generation)
    delete = query("delete_search_grams")
    while connection.run_write(delete, generation=generation, batch=10 * batch_size)[0]["deleted"]:
        pass
    return len(entries)
