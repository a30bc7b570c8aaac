"""The character-bigram index behind search on a Bolt server without a fulltext index (ArcadeDB).

Search matches a query token when it is a *substring* of a node's lower-cased name or evidence
(``graph.questions.search``). A jieba-token index cannot find every substring (海洋发展局 is one jieba
word, so 海洋 would miss it); character bigrams can: a text containing a term of two or more
characters contains every bigram of the term. So the index keeps, per bigram, the ids of the
nodes whose ``search_name`` or ``search_evidence`` holds it (one ``PlanSearchGram`` node per
bigram, an equality index on ``gram``); a search fetches the posting of each term's rarest bigram,
and the ``CONTAINS`` tests of ``cypher/search_grams.cypher`` keep exactly the true matches. The
answer is the scan's, with candidates from an index lookup.

A posting list per bigram rather than a property list per node because ArcadeDB's Cypher does not
use an index for ``x IN n.list``; one node per bigram rather than one relationship per (bigram,
node) because the latter would multiply a load's writes by the text's length. A posting holds its
ids as **one string**, joined by newlines (``ids``), with their number (``size``, to pick the
rarest bigram without splitting): writing ~64 ids per node as list elements cost a first load of
the synthetic corpus 1.0–1.5 s, the same ids as strings 0.15–0.3 s. An id that holds a newline (or
is empty) cannot be joined unambiguously; such ids go to a list property, ``odd``, which the query
adds to the split string's, so the index stays exact for any id.

The index is derived data, kept current by each load (``plan_update``):

- **incrementally** after an ordinary load: only the postings of bigrams whose node texts changed
  are rewritten (nodes created, deleted, or updated with another ``search_name`` /
  ``search_evidence``). The ids a load adds are written *before* its records and the ids it takes
  away *after* them, so every posting always holds at least the nodes whose stored text has its
  bigram: a search during a load sees no false misses (the ``CONTAINS`` tests drop the extra
  candidates);
- **rebuilt whole** when the index is missing (a database holding nodes and no posting: loaded
  by other means, or its index deleted) or the previous load was interrupted (the marker says
  ``running``: its postings may be half-written, so the rerun does not trust them). A rebuild
  writes a new generation (a time stamp) and then deletes the older ones, so search always has
  an index (during the switch some bigrams have two postings; either is exact for its time).

Every write runs between the load's ``load_begin`` and ``load_end`` markers, so a load killed
during an index write is seen as interrupted, and the rerun rebuilds.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from graph.neo4j.batches import chunks, row_chars, size_chunks
from graph.neo4j.cypher_files import query
from graph.neo4j.records import search_texts

if TYPE_CHECKING:  # graph.neo4j.connection imports graph.neo4j.dialect, which imports this module
    from graph.neo4j.connection import BoltConnection
    from graph.neo4j.load import LoadPlan

__all__ = [
    "GRAM_SIZE",
    "SEPARATOR",
    "WriteLimits",
    "FullRebuild",
    "IncrementalUpdate",
    "IndexDelta",
    "index_delta",
    "index_state",
    "node_grams",
    "plan_update",
    "posting_ids",
    "posting_row",
    "postings",
    "rebuild",
    "stored_postings",
    "term_grams",
    "text_grams",
]

GRAM_SIZE = 2
#: What a posting's ``ids`` string is joined with.
SEPARATOR = "\n"

#: ``(search_name, search_evidence)`` of a node, as stored (``graph.neo4j.records.search_texts``).
Texts = tuple[str | None, str | None]


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


def node_grams(name: str | None, evidence: str | None) -> set[str]:
    """The bigrams a node is indexed under. Name and evidence are cut separately, so no bigram
    spans the two.

    >>> sorted(node_grams("海洋", "港口"))
    ['海洋', '港口']
    """
    return text_grams(name or "") | text_grams(evidence or "")


def postings(rows: Iterable[tuple[str, str | None, str | None]]) -> dict[str, list[str]]:
    """``{bigram: sorted ids}`` from ``(id, search_name, search_evidence)`` rows.

    >>> sorted(postings([("a", "海洋", "港口"), ("b", "海港", None)]).items())
    [('海洋', ['a']), ('海港', ['b']), ('港口', ['a'])]
    """
    found: defaultdict[str, list[str]] = defaultdict(list)
    for node_id, name, evidence in rows:
        for gram in node_grams(name, evidence):
            found[gram].append(node_id)
    return {gram: sorted(ids) for gram, ids in found.items()}


def _joinable(node_id: str) -> bool:
    return bool(node_id) and SEPARATOR not in node_id


def posting_row(gram: str, ids: Sequence[str]) -> dict[str, Any]:
    """The stored form of one posting: ``{gram, ids, odd, size}`` (see the module docstring).

    ``ids`` are distinct and stored in the order given: sorting every posting was a fifth of a
    first load's index work, and the order means nothing to a search.

    >>> posting_row("海洋", ["b", "a", "x\\ny"])
    {'gram': '海洋', 'ids': 'b\\na', 'odd': ['x\\ny'], 'size': 3}
    """
    joined = SEPARATOR.join(ids)
    # The common case, checked at C speed: no id holds the separator or is empty.
    if joined.count(SEPARATOR) == len(ids) - 1 and "" not in ids:
        return {"gram": gram, "ids": joined, "odd": None, "size": len(ids)}
    odd = [node_id for node_id in ids if not _joinable(node_id)]
    plain = [node_id for node_id in ids if _joinable(node_id)]
    return {"gram": gram, "ids": SEPARATOR.join(plain), "odd": odd or None, "size": len(ids)}


def posting_ids(ids: str | None, odd: Sequence[str] | None) -> set[str]:
    """The ids of a stored posting (``posting_row``'s inverse).

    >>> sorted(posting_ids("a\\nb", ["x\\ny"]))
    ['a', 'b', 'x\\ny']
    """
    found = set(ids.split(SEPARATOR)) if ids else set()
    found.update(odd or ())
    return found


def stored_postings(
    connection: BoltConnection, grams: Collection[str] | None = None, *, batch_size: int = 1000
) -> dict[str, set[str]]:
    """``{bigram: ids}`` as stored, for ``grams`` (``None``: every posting). Postings of one bigram
    in two generations are united."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    if grams is None:
        rows: Iterable[dict[str, Any]] = connection.run_read(query("search_postings_all"))
    else:
        rows = (
            row
            for batch in chunks(sorted(grams), batch_size)
            for row in connection.run_read(query("search_postings"), grams=batch)
        )
    for row in rows:
        found[row["gram"]].update(posting_ids(row["ids"], row["odd"]))
    return dict(found)


@dataclass(frozen=True)
class WriteLimits:
    """How much one write transaction of postings may carry: ``rows`` postings and ``chars`` id
    characters (the engine's bound, ``EngineCapabilities.write_chars``; ``None``: none)."""

    rows: int = 1000
    chars: int | None = None


def _write(
    connection: BoltConnection, name: str, rows: Sequence[dict[str, Any]], limits: WriteLimits, **params: Any
) -> None:
    """Postings in managed write transactions within ``limits``."""
    cypher = query(name)
    for batch in size_chunks(rows, limits.rows, limits.chars, row_chars):
        connection.run_write(cypher, rows=batch, **params)


def rebuild(connection: BoltConnection, *, limits: WriteLimits = WriteLimits()) -> int:
    """Recompute the bigram index from the stored texts; returns the number of bigrams.

    A new generation (a time stamp in nanoseconds) is written first, then every older one
    deleted, each in batches of managed write transactions.
    """
    rows = connection.run_read(query("search_texts"))
    index = postings((row["id"], row["name"], row["evidence"]) for row in rows)
    generation = time.time_ns()
    entries = [posting_row(gram, ids) for gram, ids in sorted(index.items())]
    _write(connection, "create_search_grams", entries, limits, generation=generation)
    delete = query("delete_search_grams")
    while connection.run_write(delete, generation=generation, batch=10 * limits.rows)[0]["deleted"]:
        pass
    return len(entries)


@dataclass
class IndexDelta:
    """Per bigram, the ids a change of node texts adds to its posting and takes from it (each id
    once)."""

    added: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def grams(self) -> set[str]:
        """The bigrams whose postings change."""
        return self.added.keys() | self.removed.keys()


def index_delta(old: Mapping[str, Texts], new: Mapping[str, Texts]) -> IndexDelta:
    """What changes in the index when the nodes of ``old`` (id → texts as stored; an id missing
    there was not stored) take the texts of ``new`` (an id missing there is deleted).

    >>> d = index_delta({"a": ("海洋", None), "b": ("港口", None)}, {"a": ("海港", None), "c": ("港口", None)})
    >>> sorted(d.added.items()), sorted(d.removed.items())
    ([('海港', ['a']), ('港口', ['c'])], [('海洋', ['a']), ('港口', ['b'])])
    """
    added: defaultdict[str, list[str]] = defaultdict(list)
    removed: defaultdict[str, list[str]] = defaultdict(list)
    for node_id in [*old, *(node_id for node_id in new if node_id not in old)]:  # a stable order
        before = node_grams(*old[node_id]) if node_id in old else set()
        after = node_grams(*new[node_id]) if node_id in new else set()
        for gram in after - before:
            added[gram].append(node_id)
        for gram in before - after:
            removed[gram].append(node_id)
    return IndexDelta(dict(added), dict(removed))


class FullRebuild:
    """The index rebuilt after the records are written (``rebuild``)."""

    def __init__(self, connection: BoltConnection, *, limits: WriteLimits = WriteLimits()) -> None:
        self.connection = connection
        self.limits = limits
        self.grams = 0

    def before_records(self) -> None:
        """Nothing: the rebuild reads what the load has written."""

    def after_records(self) -> None:
        self.grams = rebuild(self.connection, limits=self.limits)


class IncrementalUpdate:
    """The postings of the bigrams a load's node texts add or take away, and no others.

    ``stored`` are the ids whose stored texts may change (updated or deleted nodes: their texts
    are read before the load writes them), ``written`` the texts every created or updated node
    will have. ``index_empty``: no posting is stored, so none is fetched (a first load).
    """

    def __init__(
        self,
        connection: BoltConnection,
        *,
        stored: Collection[str],
        written: Mapping[str, Texts],
        index_empty: bool,
        limits: WriteLimits = WriteLimits(),
    ) -> None:
        self.connection = connection
        self.stored = sorted(set(stored))
        self.written = written
        self.index_empty = index_empty
        self.limits = limits
        self.grams = 0
        self._final: dict[str, set[str]] = {}

    def before_records(self) -> None:
        """Read the changing nodes' stored texts and the postings they touch; write the ids the
        load adds (new postings created, others rewritten), keep the ids it removes for later."""
        delta = index_delta(self._stored_texts(), self.written)
        self.grams = len(delta.grams)
        current = {} if self.index_empty else stored_postings(self.connection, delta.grams, batch_size=self.limits.rows)
        create, update = [], []
        for gram, added in sorted(delta.added.items()):
            if gram in current:
                current[gram].update(added)
                update.append(posting_row(gram, sorted(current[gram])))
            else:
                create.append(posting_row(gram, added))
                if gram in delta.removed:  # another node leaves the new posting (its id is gone)
                    current[gram] = set(added)
        self._final = {gram: current.get(gram, set()).difference(gone) for gram, gone in sorted(delta.removed.items())}
        _write(self.connection, "create_search_grams", create, self.limits, generation=time.time_ns())
        _write(self.connection, "update_search_grams", update, self.limits)

    def after_records(self) -> None:
        """Take away the ids the load removed, now that no stored text has them any more."""
        emptied = [gram for gram, ids in self._final.items() if not ids]
        update = [posting_row(gram, sorted(ids)) for gram, ids in self._final.items() if ids]
        _write(self.connection, "update_search_grams", update, self.limits)
        cypher = query("drop_search_grams")
        for batch in chunks(emptied, self.limits.rows):
            self.connection.run_write(cypher, grams=batch)

    def _stored_texts(self) -> dict[str, Texts]:
        texts: dict[str, Texts] = {}
        cypher = query("search_texts_by_id")
        for batch in chunks(self.stored, self.limits.rows):
            for row in self.connection.run_read(cypher, ids=batch):
                texts[row["id"]] = (row["name"], row["evidence"])
        return texts


def index_state(connection: BoltConnection) -> Literal["missing", "outdated", "ready"]:
    """Whether the database holds postings at all, and in this module's format (an index written
    by an older plankg, with its ids as a list, is ``outdated``: searched as it is, it would find
    nothing, and updated, it would be misread)."""
    rows = connection.run_read(query("search_gram_any"))
    if not rows:
        return "missing"
    return "ready" if rows[0]["size"] is not None else "outdated"


def plan_update(
    connection: BoltConnection,
    plan: LoadPlan,
    *,
    interrupted: bool,
    limits: WriteLimits = WriteLimits(),
) -> FullRebuild | IncrementalUpdate | None:
    """How a load keeps the index: rebuilt (the previous load was interrupted, nodes are stored
    without an index, or the index is outdated), updated by the plan's changes, or left alone
    (the plan changes nothing).
    """
    state = index_state(connection)
    if interrupted or state == "outdated" or (state == "missing" and plan.stored_nodes):
        return FullRebuild(connection, limits=limits)
    if not plan.changes:
        return None
    return IncrementalUpdate(
        connection,
        stored=[*(node.id for node in plan.update_nodes), *plan.delete_nodes],
        written={node.id: search_texts(node) for node in (*plan.create_nodes, *plan.update_nodes)},
        index_empty=state == "missing",
        limits=limits,
    )
