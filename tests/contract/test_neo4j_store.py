"""What only ``Neo4jStore`` does: schema, engine detection, connection errors, loading in batches.

The questions themselves are held to the embedded store's answers by the contract suite
(``tests/contract/test_store_contract.py``); here are the Bolt-side behaviours, on small graphs built
with ``graph.model``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.embedded.nx_store import NetworkxStore
from graph.errors import InvalidQuery, NodeNotFound, StoreUnavailable
from graph.model import Label, Mention, Node, PlanGraph, RelType
from graph.neo4j import load as load_module
from graph.neo4j.batches import row_chars
from graph.neo4j.cypher_files import label_query, query
from graph.neo4j.dialect import EngineCapabilities, detect, search_plan
from graph.neo4j.load import GraphLoader, RowBuilder
from graph.neo4j.store import Neo4jStore, lucene_phrases
from graph.settings import Settings
from tests.support.arcadedb_server import BoltTestServer, free_port
from tests.support.bolt import ExternalBoltServer
from tests.support.small_graph import A, B, edge, node, small_graph
from tests.support.tcp_proxy import TcpProxy


def counts_of(store: Neo4jStore) -> tuple[dict[str, int], dict[str, int]]:
    held = store.counts()
    return (
        {label: n for label, n in held.nodes.items() if n},
        {rel: n for rel, n in held.relationships.items() if n},
    )


# --- schema and engine -----------------------------------------------------------------------


def test_first_load_applies_the_schema(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load(small_graph())
    schema = neo4j_store.schema()
    expected = {
        "goal_id", "city_positioning_id", "task_id", "indicator_id", "department_id",
        "task_force_id", "person_id", "plan_id", "source_id", "plan_node_id",
    }
    assert expected <= set(schema["constraints"])
    names = {f"{stem}_name" for stem in ("goal", "city_positioning", "task", "indicator", "department",
                                         "task_force", "person", "plan", "source")}
    assert names <= set(schema["indexes"])
    if neo4j_store.capabilities.fulltext_index:
        assert "plan_text" in schema["indexes"]
    else:
        assert "plan_text" not in schema["indexes"]


def test_schema_is_idempotent(neo4j_store: Neo4jStore) -> None:
    neo4j_store.apply_schema()
    first = neo4j_store.schema()
    neo4j_store.apply_schema()
    assert neo4j_store.schema() == first


def test_engine_is_detected_from_the_agent(
    neo4j_store: Neo4jStore, bolt_server: BoltTestServer | ExternalBoltServer
) -> None:
    caps = neo4j_store.capabilities
    if isinstance(bolt_server, ExternalBoltServer):
        assert caps.engine in {"neo4j", "arcadedb"}
        return
    assert caps.engine == "arcadedb"
    assert caps.fulltext_index is False
    assert caps.agent.startswith("Neo4j/5.26.0 compatible (ArcadeDB ")
    assert caps.version and caps.version[0].isdigit()


@pytest.mark.parametrize(
    ("agent", "engine", "version", "fulltext"),
    [
        ("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)", "arcadedb", "26.10.2", False),
        ("Neo4j/5.26.1", "neo4j", "5.26.1", True),
        ("Neo4j/5.27-aura", "neo4j", "5.27-aura", True),
        ("Neo4j/2025.01.0", "neo4j", "2025.01.0", True),
    ],
)
def test_detect(agent: str, engine: str, version: str, fulltext: bool) -> None:
    caps = detect(agent)
    assert (caps.engine, caps.version, caps.fulltext_index) == (engine, version, fulltext)


# --- connection errors -------------------------------------------------------------------------


def test_unreachable_server_is_store_unavailable_with_what_to_check() -> None:
    port = free_port()
    store = Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", "secret", max_transaction_retry_time=0.5)
    try:  # constructing did not connect, so it did not fail
        with pytest.raises(StoreUnavailable) as caught:
            store.ping()
        message = str(caught.value)
        assert f"bolt://127.0.0.1:{port}" in message
        assert "running" in message and "NEO4J_URI" in message
        with pytest.raises(StoreUnavailable):
            store.get_node("goal")
        with pytest.raises(StoreUnavailable):
            store.load(small_graph())
    finally:
        store.close()
        store.close()  # idempotent


def test_wrong_password_names_the_settings(bolt_server: BoltTestServer | ExternalBoltServer) -> None:
    store = Neo4jStore(bolt_server.uri, bolt_server.user, "not-the-password", bolt_server.database)
    try:
        with pytest.raises(StoreUnavailable, match="NEO4J_USER and NEO4J_PASSWORD"):
            store.ping()
    finally:
        store.close()


def test_missing_database_names_the_setting(bolt_server: BoltTestServer | ExternalBoltServer) -> None:
    store = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, "no_such_database")
    try:
        with pytest.raises(StoreUnavailable, match=r"'no_such_database'.*NEO4J_DATABASE"):
            store.ping()
    finally:
        store.close()


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", ""])
def test_a_uri_that_is_not_bolt_fails_on_use_not_on_construction(uri: str) -> None:
    store = Neo4jStore(uri, "neo4j", "secret")
    with pytest.raises(StoreUnavailable, match="not a Bolt URI"):
        store.ping()
    store.close()


def test_aura_uri_is_accepted_without_connecting() -> None:
    settings = Settings(
        NEO4J_URI="neo4j+s://abcd1234.databases.neo4j.io",
        NEO4J_USER="neo4j",
        NEO4J_PASSWORD="secret",
        NEO4J_DATABASE="neo4j",
    )
    store = Neo4jStore.from_settings(settings)
    assert (store.kind, store.uri, store.database) == ("neo4j", "neo4j+s://abcd1234.databases.neo4j.io", "neo4j")
    store.close()


@pytest.fixture
def private_server(tmp_path: Path) -> Iterator[BoltTestServer]:
    """A server of this test's own, which it may stop (the session's server stays up)."""
    server = BoltTestServer(tmp_path / "down-and-back", heap="512m")
    server.start()
    yield server
    server.stop()


def test_requests_succeed_again_when_the_server_is_back(private_server: BoltTestServer) -> None:
    store = Neo4jStore(
        private_server.uri, private_server.user, private_server.password, private_server.database,
        max_transaction_retry_time=0.5,
    )
    try:
        store.load(small_graph())
        private_server.stop()
        with pytest.raises(StoreUnavailable, match="check that the server is running"):
            store.get_node("goal")
        private_server.start()
        assert store.get_node("goal").node.name == "建设现代化国际大都市"  # same store, no restart
        store.ping()
    finally:
        store.close()


def test_a_read_is_retried_when_its_pooled_connection_was_dropped(
    neo4j_store: Neo4jStore,
    bolt_server: BoltTestServer | ExternalBoltServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A real dropped connection (closed by a proxy while the query waits), not a mocked driver:
    the one-round-trip read fails, is retried once on a new connection, and answers."""
    neo4j_store.load(small_graph())
    host, port = bolt_server.uri.split("://", 1)[1].rsplit(":", 1)
    with TcpProxy(host, int(port)) as proxy:
        store = Neo4jStore(
            f"bolt://127.0.0.1:{proxy.port}", bolt_server.user, bolt_server.password, bolt_server.database,
            max_transaction_retry_time=5.0,
        )
        try:
            assert store.get_node("goal").node.name == "建设现代化国际大都市"
            opened = proxy.accepted
            proxy.drop_next_request()  # the question's RUN/PULL kills its connection
            with caplog.at_level("INFO", logger="graph.neo4j.connection"):
                assert store.get_node("goal").node.name == "建设现代化国际大都市"
            retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("read retried")]
            assert len(retries) == 1, retries
            assert proxy.accepted > opened  # answered over a new connection
        finally:
            store.close()


# --- loading -----------------------------------------------------------------------------------


def test_loading_twice_changes_nothing(neo4j_store: Neo4jStore) -> None:
    graph = small_graph()
    first = neo4j_store.load(graph)
    exported = neo4j_store.export_graph()
    assert neo4j_store.plan_load(graph).changes == 0
    second = neo4j_store.load(graph)
    assert second == first
    assert neo4j_store.export_graph() == exported
    assert counts_of(neo4j_store) == (
        {"Goal": 1, "CityPositioning": 2, "Task": 1, "Indicator": 1, "Department": 1},
        {"REALIZES": 2, "SUPPORTS": 1, "MEASURES": 1, "RESPONSIBLE_FOR": 1},
    )
    assert sorted(n.id for n in exported.nodes) == ["dept-ocean", "goal", "ind-teu", "pos-gate", "pos-sea", "task-port"]
    assert neo4j_store.last_load()["state"] == "complete"


def test_first_load_report(neo4j_store: Neo4jStore) -> None:
    assert neo4j_store.last_load() is None
    report = neo4j_store.load(small_graph())
    assert (report.store, report.nodes_written, report.relationships_written, report.replaced_sources) == (
        "neo4j", 6, 5, []
    )
    assert report.counts.nodes["Task"] == 1 and report.counts.nodes["Person"] == 0
    assert set(report.counts.relationships) == {rel.value for rel in RelType}


def test_replacing_one_source_leaves_the_others(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load(small_graph())
    revised_a = PlanGraph(
        nodes=[
            node("goal", Label.GOAL, "建设现代化国际大都市", A),
            node("pos-sea", Label.CITY_POSITIONING, "引领型现代海洋城市", A),
            node("ind-port", Label.INDICATOR, "港口货物吞吐量", A, target_year=2026),
        ],
        edges=[edge("ind-port", "pos-sea", RelType.MEASURES, A)],
    )
    report = neo4j_store.load(revised_a, replace_sources=[A])
    assert report.replaced_sources == [A]
    exported = neo4j_store.export_graph()
    by_id = {n.id: n for n in exported.nodes}
    # a.txt-only facts are gone: the task, the old indicator and their edges
    assert sorted(by_id) == ["dept-ocean", "goal", "ind-port", "pos-gate", "pos-sea"]
    # b.txt's mentions are untouched, a.txt's are the new ones
    assert [(m.source, m.start) for m in by_id["dept-ocean"].mentions] == [(B, 10)]
    assert [(m.source, m.start) for m in by_id["goal"].mentions] == [(A, 0), (B, 10)]
    assert [(e.source, e.target, e.type.value, [m.source for m in e.mentions]) for e in exported.edges] == [
        ("dept-ocean", "pos-sea", "RESPONSIBLE_FOR", [B]),
        ("ind-port", "pos-sea", "MEASURES", [A]),
        ("pos-gate", "goal", "REALIZES", [B]),
    ]
    # the REALIZES edge pos-sea -> goal had only a.txt and the revision does not restate it
    reference = NetworkxStore(small_graph())
    reference.load(revised_a, replace_sources=[A])
    assert exported == reference.export_graph()


def test_properties_survive_exactly(neo4j_store: Neo4jStore) -> None:
    tricky = node(
        "ind-x", Label.INDICATOR, "数字经济核心产业增加值占GDP比重", A,
        value=12, ratio=12.0, flags=["≥", "≈"], years=[2025, 2026],
        sources="a property named like a store field", evidence="also", dropped=None,
    )
    neo4j_store.load(PlanGraph(nodes=[tricky]))
    stored = neo4j_store.get_node("ind-x").node
    assert stored.properties == {
        "value": 12, "ratio": 12.0, "flags": ["≥", "≈"], "years": [2025, 2026],
        "sources": "a property named like a store field", "evidence": "also",
    }
    assert isinstance(stored.properties["value"], int) and isinstance(stored.properties["ratio"], float)
    assert stored.mentions == tricky.mentions


def test_a_label_clash_is_refused_before_writing(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load(small_graph())
    before = neo4j_store.export_graph()
    clash = PlanGraph(
        nodes=[node("task-port", Label.INDICATOR, "世界一流海港建设", A), node("new", Label.TASK, "新任务", A)]
    )
    with pytest.raises(InvalidQuery, match="task-port"):
        neo4j_store.load(clash)
    assert neo4j_store.export_graph() == before


def test_a_dangling_edge_is_refused_before_writing(neo4j_store: Neo4jStore) -> None:
    dangling = PlanGraph(
        nodes=[node("task-a", Label.TASK, "任务甲", A)],
        edges=[edge("task-a", "pos-nowhere", RelType.SUPPORTS, A)],
    )
    with pytest.raises(InvalidQuery, match="pos-nowhere"):
        neo4j_store.load(dangling)
    assert counts_of(neo4j_store) == ({}, {})


def test_replace_sources_must_be_a_list(neo4j_store: Neo4jStore) -> None:
    with pytest.raises(InvalidQuery, match="replace_sources"):
        neo4j_store.load(small_graph(), replace_sources=A)


class _Killed(RuntimeError):
    pass


def test_a_load_killed_half_way_completes_on_a_rerun(
    neo4j_store: Neo4jStore, bolt_server: BoltTestServer | ExternalBoltServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old graph stays queryable, the marker says 'running', a re-run equals a clean load."""
    store = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database, batch_size=4)
    store.load(small_graph())
    revised_a = PlanGraph(
        nodes=[node(f"task-{i}", Label.TASK, f"新任务{i}", A) for i in range(12)]
        + [node("pos-sea", Label.CITY_POSITIONING, "引领型现代海洋城市", A)],
        edges=[edge(f"task-{i}", "pos-sea", RelType.SUPPORTS, A) for i in range(12)],
    )
    real = GraphLoader._run_batches
    calls = {"n": 0}

    def dies_after_three(self: GraphLoader, cypher: str, rows: Any, **kwargs: Any) -> None:
        if rows:
            calls["n"] += 1
            if calls["n"] > 3:
                raise _Killed("process killed")
        real(self, cypher, rows, **kwargs)

    monkeypatch.setattr(GraphLoader, "_run_batches", dies_after_three)
    try:
        with pytest.raises(_Killed):
            store.load(revised_a, replace_sources=[A])
        assert calls["n"] == 4
        assert store.last_load()["state"] == "running"
        assert store.get_node("goal").node.name == "建设现代化国际大都市"  # still queryable
        half_done = store.export_graph()

        monkeypatch.setattr(GraphLoader, "_run_batches", real)
        store.load(revised_a, replace_sources=[A])
    finally:
        store.close()
    assert neo4j_store.last_load()["state"] == "complete"
    clean = NetworkxStore(small_graph())
    clean.load(revised_a, replace_sources=[A])
    assert half_done != clean.export_graph()
    assert neo4j_store.export_graph() == clean.export_graph()
    assert neo4j_store.counts() == clean.counts()


def test_clear_empties_the_store_but_keeps_the_schema(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load(small_graph())
    neo4j_store.clear()
    assert counts_of(neo4j_store) == ({}, {})
    assert neo4j_store.last_load() is None
    assert "plan_node_id" in neo4j_store.schema()["constraints"]
    with pytest.raises(NodeNotFound):
        neo4j_store.get_node("goal")


# --- search --------------------------------------------------------------------------------------


def test_search_scores_names_twice_evidence_once(neo4j_store: Neo4jStore) -> None:
    graph = PlanGraph(
        nodes=[
            node("d1", Label.DEPARTMENT, "市海洋发展局", A),
            Node(id="t1", label=Label.TASK, name="港口建设", mentions=[
                Mention(source=A, start=0, end=2, text="港口", sentence="推进海洋经济和GDP增长", sentence_start=0)
            ]),
        ]
    )
    neo4j_store.load(graph)
    page = neo4j_store.search("海洋 gdp", limit=10)
    assert page.total == 2
    assert [(h.node.id, h.score, h.matched, h.matched_in) for h in page.items] == [
        ("d1", 3.0, ["海洋"], "name"),  # name (2) + its evidence sentence "……市海洋发展局……" (1)
        ("t1", 2.0, ["海洋", "gdp"], "evidence"),  # evidence only, GDP matched case-insensitively
    ]
    snippet = page.items[1].snippet
    assert (snippet.text, snippet.start, snippet.end) == ("推进海洋经济和GDP增长", 2, 4)
    assert neo4j_store.search("，。", limit=10).items == []


def test_search_plan_per_engine() -> None:
    neo4j, arcade = detect("Neo4j/5.26.1"), detect("Neo4j/5.26.0 compatible (ArcadeDB 26.10.2)")
    assert search_plan(neo4j, ["海洋", "港口"], "海洋 港口") == (
        "search_fulltext",
        {"terms": ["海洋", "港口"], "phrase": "海洋 港口", "lucene": '"海洋" OR "港口"'},
    )
    assert search_plan(neo4j, ["gdp"], "gdp") == ("search_contains", {"terms": ["gdp"], "phrase": "gdp"})
    assert search_plan(arcade, ["海洋局", "gdp"], "海洋局gdp") == (
        "search_grams",
        {
            "terms": ["海洋局", "gdp"],
            "phrase": "海洋局gdp",
            "grams": [
                {"term": "海洋局", "gram": "海洋"},
                {"term": "海洋局", "gram": "洋局"},
                {"term": "gdp", "gram": "gd"},
                {"term": "gdp", "gram": "dp"},
            ],
            "separator": "\n",
        },
    )
    assert search_plan(arcade, ["海"], "海") == ("search_contains", {"terms": ["海"], "phrase": "海"})
    assert (neo4j.schema_files(), arcade.schema_files()) == (("schema", "schema_fulltext"), ("schema", "schema_grams"))


def test_bigram_index_follows_loads_and_finds_substrings_of_one_jieba_word(
    neo4j_store: Neo4jStore, bolt_server: BoltTestServer | ExternalBoltServer
) -> None:
    """海洋 inside 海洋发展局 (one jieba word) is found through the bigram index, still found by
    the scan when the index is missing, and a reload that replaces the text drops the old
    bigrams' postings."""
    if neo4j_store.capabilities.fulltext_index:
        pytest.skip("a Neo4j server searches through its fulltext index, not the bigram index")  # pragma: no cover
    evidence = [
        Mention(source="a.txt", start=1, end=7, text="市海洋发展局", sentence="由市海洋发展局牵头。", sentence_start=0)
    ]
    graph = PlanGraph(nodes=[Node(id="dept", label=Label.DEPARTMENT, name="市海洋发展局", mentions=evidence)])
    neo4j_store.load(graph)
    grams = neo4j_store._connection.run_read("MATCH (g:PlanSearchGram {gram: '海洋'}) RETURN g.ids AS ids")
    assert grams == [{"ids": "dept"}]
    assert [hit.node.id for hit in neo4j_store.search("海洋").items] == ["dept"]
    neo4j_store._connection.run_write("MATCH (g:PlanSearchGram) DELETE g")  # as after `export --format cypher`
    fresh = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
    try:  # a store that has not seen the index yet scans, and finds
        assert [hit.node.id for hit in fresh.search("海洋").items] == ["dept"]
    finally:
        fresh.close()
    renamed = Node(id="dept", label=Label.DEPARTMENT, name="市港口局", mentions=[])
    neo4j_store.load(PlanGraph(nodes=[renamed]), replace_sources=["a.txt"])
    assert neo4j_store.search("海洋").items == []
    assert [hit.node.id for hit in neo4j_store.search("港口").items] == ["dept"]
    assert neo4j_store._connection.run_read("MATCH (g:PlanSearchGram {gram: '海洋'}) RETURN g.ids AS ids") == []


def test_lucene_phrases_only_for_han_terms_of_two_or_more() -> None:
    assert lucene_phrases(["海洋", "经济发展"]) == '"海洋" OR "经济发展"'
    assert lucene_phrases(["海"]) is None
    assert lucene_phrases(["海洋", "gdp"]) is None
    assert lucene_phrases(["2026"]) is None
    assert lucene_phrases([]) is None


def test_a_changed_node_is_merged_key_by_key(neo4j_store: Neo4jStore) -> None:
    """Keys of both kept, mentions united; name and values both set come from the record first
    cited (A before B), whichever was loaded first: graph.merging's order-free rule."""
    first = PlanGraph(nodes=[node("ind-x", Label.INDICATOR, "旧名称", A, value=1, unit="%")])
    second = PlanGraph(nodes=[node("ind-x", Label.INDICATOR, "新名称", B, value=2, target_year=2026)])
    neo4j_store.load(first)
    plan = neo4j_store.plan_load(second)
    assert (len(plan.create_nodes), len(plan.update_nodes), plan.changes) == (0, 1, 1)
    neo4j_store.load(second)
    stored = neo4j_store.get_node("ind-x").node
    assert stored.name == "旧名称"
    assert stored.properties == {"value": 1, "unit": "%", "target_year": 2026}
    assert [m.source for m in stored.mentions] == [A, B]
    reference = NetworkxStore(first)
    reference.load(second)
    assert neo4j_store.export_graph() == reference.export_graph()


def test_a_graph_naming_a_node_twice_merges_both(neo4j_store: Neo4jStore) -> None:
    twice = PlanGraph(
        nodes=[node("t", Label.TASK, "任务", A, x=1), node("t", Label.TASK, "任务", B, y=2)],
    )
    neo4j_store.load(PlanGraph(nodes=[node("t", Label.TASK, "任务", A, x=1)]))
    neo4j_store.load(twice)
    stored = neo4j_store.get_node("t").node
    assert stored.properties == {"x": 1, "y": 2}
    assert [m.source for m in stored.mentions] == [A, B]


def test_record_writes_stay_within_the_engines_message_bound(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ArcadeDB refuses a Bolt message over 16 MiB and hangs: a batch of records is cut by size too.

    The bound is made 5,000 characters here; six tasks of ~4,000 characters each then need six
    writes instead of one, and every one of them is held."""
    bound = 5_000
    monkeypatch.setattr(EngineCapabilities, "write_chars", property(lambda self: bound))
    written: list[list[Any]] = []
    cut = load_module.size_chunks

    def recording(rows: Any, size: int, chars: int | None, measure: Any) -> Any:
        for batch in cut(rows, size, chars, measure):
            written.append(batch)
            yield batch

    monkeypatch.setattr(load_module, "size_chunks", recording)
    tasks = [node(f"t{i}", Label.TASK, f"任务{i}", A, note="长" * 2_000) for i in range(6)]
    neo4j_store.clear()
    neo4j_store.load(PlanGraph(nodes=tasks))
    task_ids = {task.id for task in tasks}
    task_batches = [batch for batch in written if isinstance(batch[0], dict) and batch[0].get("id") in task_ids]
    assert [len(batch) for batch in task_batches] == [1] * 6
    assert all(len(batch) == 1 or sum(row_chars(row) for row in batch) <= bound for batch in written)
    assert neo4j_store.counts().nodes["Task"] == 6
    assert neo4j_store.get_node("t3").node.properties["note"] == "长" * 2_000


def test_a_list_is_one_round_trip_and_pages_in_code_point_order(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list is one query, the check of the positioning included. Its page is sliced in the
    engine's order when that is Python's: Neo4j compares UTF-16 units (𠀀 before Ａ), Python code
    points (Ａ before 𠀀), so an engine ordering so (played here over ArcadeDB, which orders by
    code point) gets the page of Python's order all the same."""
    names = ["Ａ港口", "𠀀港口", "港口建设", "Ｚ", "𠀁港"]
    graph = PlanGraph(
        nodes=[node("pos", Label.CITY_POSITIONING, "海洋城市", A)]
        + [node(f"t{i}", Label.TASK, name, A) for i, name in enumerate(names)],
        edges=[edge(f"t{i}", "pos", RelType.SUPPORTS, A) for i in range(len(names))],
    )
    neo4j_store.load(graph)
    reference = NetworkxStore(graph)
    connection = neo4j_store._connection
    real = connection.records
    calls: list[str] = []

    def one_query(cypher: str, **params: Any) -> list[dict[str, Any]]:
        calls.append(cypher)
        return real(cypher, **params)

    monkeypatch.setattr(connection, "records", one_query)
    page = neo4j_store.list_nodes(Label.TASK, positioning="pos", q="港口建", limit=5)
    assert ([item.id for item in page.items], len(calls)) == (["t2"], 1)
    with pytest.raises(InvalidQuery):
        neo4j_store.list_nodes(Label.TASK, positioning="t0")
    with pytest.raises(NodeNotFound):
        neo4j_store.list_nodes(Label.TASK, positioning="nope")

    lists = {label_query("list_ids", Label.TASK), label_query("list_ids_near", Label.TASK)}

    def utf16_engine(cypher: str, **params: Any) -> list[dict[str, Any]]:
        rows = real(cypher, **params)
        if cypher in lists:
            keys = sorted(rows[0]["keys"], key=lambda key: (key[1].encode("utf-16-be"), key[0]))
            page_ids = [key[0] for key in keys[params["offset"] : params["offset"] + params["limit"]]]
            by_id = {row["props"]["id"]: row for row in real(query("nodes_by_id"), ids=page_ids)}
            rows = [{**rows[0], "keys": keys, "page": [by_id[node_id] for node_id in page_ids]}]
        return rows

    monkeypatch.setattr(connection, "records", utf16_engine)
    for offset in range(len(names)):
        for positioning in (None, "pos"):
            asked = {"positioning": positioning, "limit": 2, "offset": offset}
            assert neo4j_store.list_nodes(Label.TASK, **asked) == reference.list_nodes(Label.TASK, **asked)


def test_load_rows_are_built_a_bounded_way_ahead_and_a_failed_load_frees_the_worker() -> None:
    """The worker building a load's rows stays ``ahead`` batches in front of the writes, and a
    load that stops half-way (an error) leaves no worker waiting (the process could not exit)."""
    built: list[int] = []
    builder = RowBuilder(ahead=2)
    rows = builder.rows(lambda i: built.append(i) or {"i": i}, list(range(10)), 1)  # ten batches of one
    batches = rows.batches()
    assert next(batches) == [{"i": 0}]
    time.sleep(0.2)
    assert built == [0, 1]  # the batch being written and one more: two slots
    assert next(batches) == [{"i": 1}]  # done with batch 0: a slot for batch 2
    time.sleep(0.2)
    assert built == [0, 1, 2]
    builder.close()  # the load failed here
    waiter = threading.Thread(target=builder._pool.shutdown, kwargs={"wait": True})
    waiter.start()
    waiter.join(timeout=5)
    assert not waiter.is_alive()
    assert len(built) <= 4
