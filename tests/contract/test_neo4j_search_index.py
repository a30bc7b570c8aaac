"""The bigram search index (``graph.neo4j.search_index``): kept by each load, exact, crash-safe.

The contract suite holds search answers to the embedded store's (a scan); here the index itself
is held to what a full rebuild from the stored texts gives, after every kind of load, and loads
are held to touching only the postings of bigrams whose node texts changed. The server tests run
on an engine without a fulltext index (ArcadeDB); on Neo4j they are skipped.
"""

from __future__ import annotations

import doctest
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.embedded.nx_store import NetworkxStore
from graph.model import Label, Mention, Node, PlanGraph, RelType
from graph.neo4j import batches, search_index
from graph.neo4j.batches import row_chars, size_chunks
from graph.neo4j.cypher_files import query
from graph.neo4j.dialect import detect
from graph.neo4j.search_index import (
    FullRebuild,
    IncrementalUpdate,
    index_delta,
    node_grams,
    posting_ids,
    posting_row,
    postings,
    stored_postings,
)
from graph.neo4j.store import Neo4jStore
from tests.support.bolt_helpers import rebuilt, stored_texts
from tests.support.small_graph import A, B, edge, node, small_graph

C = "c.txt"
GRAM_QUERIES = ("create_search_grams", "update_search_grams", "drop_search_grams")
QUERIES = ("海洋", "海洋城市", "国际", "港口", "建设", "集装箱吞吐量", "牧场", "发展局")


def test_doctests() -> None:
    assert doctest.testmod(search_index).failed == 0
    assert doctest.testmod(batches).failed == 0


# --- without a server ------------------------------------------------------------------------

_texts = st.text(alphabet="海洋港口城市ab\n", max_size=8)
_nodes = st.dictionaries(st.sampled_from(["a", "b", "c", "d", "x\ny", ""]), st.tuples(_texts, _texts), max_size=5)


@given(old=_nodes, new=_nodes)
def test_a_delta_applied_to_the_old_postings_gives_the_new(
    old: dict[str, tuple[str, str]], new: dict[str, tuple[str, str]]
) -> None:
    index = {gram: set(ids) for gram, ids in postings((k, *v) for k, v in old.items()).items()}
    delta = index_delta(old, new)
    for gram, ids in delta.added.items():
        assert not index.get(gram, set()) & set(ids)
        index.setdefault(gram, set()).update(ids)
    for gram, ids in delta.removed.items():
        assert set(ids) <= index[gram]
        index[gram] -= set(ids)
    expected = {gram: set(ids) for gram, ids in postings((k, *v) for k, v in new.items()).items()}
    assert {gram: ids for gram, ids in index.items() if ids} == expected


@given(ids=st.sets(st.text(alphabet="ab\n", max_size=3), max_size=6))
def test_a_posting_row_keeps_every_id(ids: set[str]) -> None:
    row = posting_row("海洋", sorted(ids))
    assert posting_ids(row["ids"], row["odd"]) == ids
    assert row["size"] == len(ids)


@given(
    sizes=st.lists(st.integers(min_value=0, max_value=40), max_size=30),
    rows=st.integers(min_value=1, max_value=5),
    chars=st.one_of(st.none(), st.integers(min_value=1, max_value=60)),
)
def test_postings_are_written_in_batches_bounded_in_rows_and_characters(
    sizes: list[int], rows: int, chars: int | None
) -> None:
    """ArcadeDB refuses a Bolt message over 16 MiB (and hangs): a batch holds at most ``chars``
    id characters, unless one posting alone has more."""
    postings_ = [posting_row(f"g{i}", ["x" * size] if size else []) for i, size in enumerate(sizes)]
    batches = list(size_chunks(postings_, rows, chars, row_chars))
    assert [row for batch in batches for row in batch] == postings_
    for batch in batches:
        assert 1 <= len(batch) <= rows
        assert len(batch) == 1 or chars is None or sum(len(row["ids"]) for row in batch) <= chars
    assert (detect("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)").write_chars, detect("Neo4j/5.26.1").write_chars) == (
        2_000_000,
        None,
    )


# --- on the server -----------------------------------------------------------------------------


@pytest.fixture
def gram_store(neo4j_store: Neo4jStore) -> Neo4jStore:
    if neo4j_store.capabilities.fulltext_index:
        pytest.skip("a Neo4j server searches through its fulltext index, not the bigram index")  # pragma: no cover
    return neo4j_store


def changed_grams(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """The bigrams whose postings a change of texts from ``before`` to ``after`` must touch."""
    changed: set[str] = set()
    for node_id in before.keys() | after.keys():
        old = node_grams(*before[node_id]) if node_id in before else set()
        new = node_grams(*after[node_id]) if node_id in after else set()
        changed |= old ^ new
    return changed


@pytest.fixture
def written_grams(gram_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Every bigram whose posting a write of the store's connection creates, rewrites or drops."""
    written: set[str] = set()
    connection = gram_store._connection
    real = connection.run_write
    spied = {query(name) for name in GRAM_QUERIES}

    def run_write(cypher: str, **params: Any) -> list[dict[str, Any]]:
        if cypher in spied:
            written.update(row["gram"] for row in params.get("rows", ()))
            written.update(params.get("grams", ()))
        return real(cypher, **params)

    monkeypatch.setattr(connection, "run_write", run_write)
    yield written


def no_rebuild(*args: Any, **kwargs: Any) -> int:
    raise AssertionError("a full rebuild where an incremental update was due")


STEPS = [
    # (what, graph, replace_sources)
    ("first load", small_graph(), []),
    (
        "nodes added",
        PlanGraph(
            nodes=[node("task-farm", Label.TASK, "海洋牧场建设", C), node("dept-port", Label.DEPARTMENT, "市港口局", C)],
            edges=[edge("task-farm", "pos-sea", RelType.SUPPORTS, C)],
        ),
        [],
    ),
    (
        "evidence changed",  # a new sentence cites a stored node: its evidence grows
        PlanGraph(nodes=[Node(id="goal", label=Label.GOAL, name="建设现代化国际大都市", mentions=[
            Mention(source=C, start=50, end=60, text="国际大都市", sentence="加快建设国际消费中心", sentence_start=40)
        ])]),
        [],
    ),
    (
        "name changed",  # a.txt, first cited, renames the positioning
        PlanGraph(
            nodes=[node("pos-sea", Label.CITY_POSITIONING, "全球海洋中心城市", A), node("goal", Label.GOAL, "建设现代化国际大都市", A)],
            edges=[edge("pos-sea", "goal", RelType.REALIZES, A)],
        ),
        [A],
    ),
    ("nodes deleted", PlanGraph(), [C]),
    (
        "texts unchanged",  # a new mention with a sentence the node already has, and a property
        PlanGraph(nodes=[node("dept-ocean", Label.DEPARTMENT, "市海洋发展局", B, level="市级")]),
        [],
    ),
]


def test_each_load_updates_only_the_changed_bigrams_to_what_a_rebuild_gives(
    gram_store: Neo4jStore, written_grams: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "rebuild", no_rebuild)
    reference = NetworkxStore()
    for what, graph, sources in STEPS:
        before = stored_texts(gram_store)
        written_grams.clear()
        gram_store.load(graph, replace_sources=sources)
        reference.load(graph, replace_sources=sources)
        after = stored_texts(gram_store)
        assert stored_postings(gram_store._connection) == rebuilt(gram_store), what
        assert written_grams == changed_grams(before, after), what
        for q in QUERIES:
            assert gram_store.search(q) == reference.search(q), (what, q)
    assert gram_store.export_graph() == reference.export_graph()


def test_ids_that_cannot_be_joined_are_indexed_too(gram_store: Neo4jStore) -> None:
    odd = PlanGraph(nodes=[node("odd\nid", Label.DEPARTMENT, "市海洋发展局", A), node("plain", Label.TASK, "海洋牧场", A)])
    gram_store.load(odd)
    assert stored_postings(gram_store._connection, ["海洋"]) == {"海洋": {"odd\nid", "plain"}}
    assert sorted(hit.node.id for hit in gram_store.search("海洋").items) == ["odd\nid", "plain"]
    gram_store.load(PlanGraph(nodes=[node("plain", Label.TASK, "海洋牧场", B)]), replace_sources=[A])
    assert stored_postings(gram_store._connection) == rebuilt(gram_store)
    assert [hit.node.id for hit in gram_store.search("海洋").items] == ["plain"]


def test_a_missing_index_is_rebuilt_by_the_next_load_even_with_nothing_to_write(gram_store: Neo4jStore) -> None:
    gram_store.load(small_graph())
    gram_store._connection.run_write("MATCH (g:PlanSearchGram) DELETE g")  # as after `export --format cypher`
    assert gram_store.plan_load(small_graph()).changes == 0
    gram_store.load(small_graph())
    assert stored_postings(gram_store._connection) == rebuilt(gram_store) != {}


class _Killed(RuntimeError):
    pass


@pytest.mark.parametrize(("phase", "runs_first"), [("before_records", True), ("after_records", False)])
def test_a_load_killed_in_the_index_update_is_seen_and_repaired_by_the_rerun(
    gram_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch, phase: str, runs_first: bool
) -> None:
    """Killed while adding ids (records not written yet) or while taking ids away (records
    written): the marker says running, every posting still holds at least its true ids (so
    search stays exact), and the rerun rebuilds the index whole."""
    gram_store.load(small_graph())
    revised = STEPS[3][1]
    real = getattr(IncrementalUpdate, phase)

    def killed_half_way(self: IncrementalUpdate) -> None:
        if runs_first:  # the ids added are written, the records not yet
            real(self)
        raise _Killed("process killed")  # after_records: records written, old ids not taken away

    monkeypatch.setattr(IncrementalUpdate, phase, killed_half_way)
    with pytest.raises(_Killed):
        gram_store.load(revised, replace_sources=[A])
    monkeypatch.undo()
    assert gram_store.last_load()["state"] == "running"
    held, true = stored_postings(gram_store._connection), rebuilt(gram_store)
    assert all(ids <= held.get(gram, set()) for gram, ids in true.items())
    half_done = NetworkxStore(gram_store.export_graph())
    for q in QUERIES:
        assert gram_store.search(q) == half_done.search(q), q

    rebuilds: list[int] = []
    real_rebuild = FullRebuild.after_records

    def counted(self: FullRebuild) -> None:
        rebuilds.append(1)
        real_rebuild(self)

    monkeypatch.setattr(FullRebuild, "after_records", counted)
    gram_store.load(revised, replace_sources=[A])
    assert rebuilds == [1]
    assert gram_store.last_load()["state"] == "complete"
    assert stored_postings(gram_store._connection) == rebuilt(gram_store)


def test_an_index_written_by_an_older_plankg_is_not_trusted_and_is_rebuilt(
    gram_store: Neo4jStore, bolt_server: Any
) -> None:
    """Postings with their ids as a list (before the ids became one string): a store scans
    instead of searching through them, and the next load rebuilds the index."""
    gram_store.load(small_graph())
    gram_store._connection.run_write("MATCH (g:PlanSearchGram) DELETE g")
    gram_store._connection.run_write("CREATE (:PlanSearchGram {gram: '海洋', ids: ['pos-sea'], generation: 1})")
    fresh = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
    try:
        assert fresh.search("海洋") == NetworkxStore(small_graph()).search("海洋")
    finally:
        fresh.close()
    gram_store.load(small_graph())
    assert stored_postings(gram_store._connection) == rebuilt(gram_store) != {}
