"""What only the embedded store and its building blocks promise.

The graph file (deterministic, atomic, refusing what is not a plankg graph), GraphML export,
``NetworkxStore``'s file round trip and snapshot isolation, the pure merging and ladder rules on
hand-made graphs, and the synthetic generator's shape and citations. Questions both stores
answer are in ``test_store_contract.py``.
"""

from __future__ import annotations

import doctest
import json
import threading
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

import graph.embedded.graph_file as graph_file
from graph.embedded.graph_file import (
    graph_to_node_link,
    node_link_to_graph,
    read_graph_json,
    write_graph_json,
)
from graph.embedded.nx_store import NetworkxStore
from graph.errors import GraphFileError, InvalidQuery
from graph.merging import merge_graph, merge_properties, withdraw_sources
from graph.model import (
    CLIMBING_TYPES,
    Edge,
    Label,
    Mention,
    Node,
    PlanGraph,
    RelType,
    node_id,
)
from graph.questions import search as search_rule
from graph.questions.view import GraphView
from graph.settings import Settings
from tests.support.synthetic import city_name, synthetic_corpus, synthetic_graph


def mention(source: str, start: int, text: str = "x") -> Mention:
    return Mention(
        source=source, start=start, end=start + len(text), text=text, sentence=text, sentence_start=start
    )


def node(label: Label, key: str, *mentions: Mention, **properties: object) -> Node:
    return Node(id=node_id(label, key), label=label, name=key, properties=properties, mentions=list(mentions))


def edge(source: Node, target: Node, rel: RelType, *mentions: Mention, basis: str = "stated") -> Edge:
    return Edge(
        source=source.id,
        target=target.id,
        type=rel,
        properties={"basis": basis, "confidence": 0.9},
        mentions=list(mentions),
    )


# =========================================================================================
# The graph file
# =========================================================================================


class TestGraphFile:
    def test_two_builds_are_byte_identical_and_sorted(self, tmp_path: Path) -> None:
        first = write_graph_json(synthetic_graph(1), tmp_path / "a.json")
        shuffled = synthetic_graph(1)
        shuffled = PlanGraph(nodes=list(reversed(shuffled.nodes)), edges=list(reversed(shuffled.edges)))
        second = write_graph_json(shuffled, tmp_path / "out" / "b.json")
        assert first.read_bytes() == second.read_bytes()
        data = json.loads(first.read_text(encoding="utf-8"))
        assert data["graph"] == {"format": "plankg", "version": 1}
        assert data["directed"] is True and data["multigraph"] is True
        ids = [n["id"] for n in data["nodes"]]
        assert ids == sorted(ids)
        keys = [(e["source"], e["target"], e["type"]) for e in data["edges"]]
        assert keys == sorted(keys)
        assert "领导小组" in first.read_text(encoding="utf-8")  # ensure_ascii=False

    def test_layout_is_flat_node_link(self) -> None:
        goal = node(Label.GOAL, "目标", mention("a.txt", 5, "目标"), horizon=2026)
        pos = node(Label.CITY_POSITIONING, "定位", mention("a.txt", 1, "定位"), aliases=["定"])
        realizes = edge(pos, goal, RelType.REALIZES, mention("a.txt", 1, "定位目标"))
        data = graph_to_node_link(PlanGraph(nodes=[pos, goal], edges=[realizes]))
        assert [n["id"] for n in data["nodes"]] == sorted([pos.id, goal.id])
        by_id = {n["id"]: n for n in data["nodes"]}
        assert by_id[goal.id] == {
            "id": goal.id,
            "label": "Goal",
            "name": "目标",
            "horizon": 2026,
            "mentions": [goal.mentions[0].model_dump()],
        }
        assert by_id[pos.id]["aliases"] == ["定"] and by_id[pos.id]["label"] == "CityPositioning"
        assert data["edges"] == [
            {
                "source": pos.id,
                "target": goal.id,
                "type": "REALIZES",
                "key": "REALIZES",
                "basis": "stated",
                "confidence": 0.9,
                "mentions": [realizes.mentions[0].model_dump()],
            }
        ]
        opened = nx.node_link_graph(data, edges="edges")
        assert isinstance(opened, nx.MultiDiGraph)
        assert opened.has_edge(pos.id, goal.id, key="REALIZES")
        assert node_link_to_graph(data) == PlanGraph(
            nodes=sorted([pos, goal], key=lambda n: n.id), edges=[realizes]
        )

    def test_round_trip_through_the_file_equals_the_store_export(
        self, tmp_path: Path, synthetic_small: PlanGraph
    ) -> None:
        path = write_graph_json(synthetic_small, tmp_path / "graph.json")
        assert read_graph_json(path) == NetworkxStore(synthetic_small).export_graph()

    def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = write_graph_json(synthetic_graph(1), tmp_path / "graph.json")
        before = path.read_bytes()

        def broken_dump(data: object, handle: object, **kwargs: object) -> None:
            handle.write('{"nodes": [')  # type: ignore[attr-defined]
            raise OSError("disk full")

        monkeypatch.setattr(graph_file.json, "dump", broken_dump)
        with pytest.raises(OSError, match="disk full"):
            write_graph_json(synthetic_graph(2), path)
        assert path.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("{not json", "not JSON"),
            ("[1, 2]", "not a plankg graph"),
            ('{"nodes": [], "links": []}', "not a plankg graph"),
            ('{"graph": {"format": "other"}, "nodes": [], "edges": []}', "graph format is 'other'"),
            ('{"nodes": [{"id": "x", "name": "no label"}], "edges": []}', "not a plankg graph"),
            ('{"nodes": [{"id": "x", "label": "Planet", "name": "n"}], "edges": []}', "not a plankg graph"),
            ('{"nodes": [], "edges": [{"source": "a", "target": "b"}]}', "not a plankg graph"),
        ],
    )
    def test_reading_what_is_not_a_plankg_graph_names_the_file(
        self, tmp_path: Path, content: str, message: str
    ) -> None:
        path = tmp_path / "bad.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(GraphFileError) as raised:
            read_graph_json(path)
        assert str(path) in str(raised.value) and message in str(raised.value)

    def test_reading_a_missing_file_says_to_build(self, tmp_path: Path) -> None:
        with pytest.raises(GraphFileError, match="plankg build") as raised:
            read_graph_json(tmp_path / "missing.json")
        assert str(tmp_path / "missing.json") in str(raised.value)

    def test_reserved_property_names_and_dangling_edges_are_refused(self, tmp_path: Path) -> None:
        clash = Node(id="goal-1", label=Label.GOAL, name="g", properties={"label": "x"})
        with pytest.raises(GraphFileError, match="'label' is a reserved field"):
            write_graph_json(PlanGraph(nodes=[clash]), tmp_path / "g.json")
        goal = node(Label.GOAL, "g")
        dangling = Edge(source=goal.id, target="pos-missing", type=RelType.REALIZES)
        with pytest.raises(GraphFileError, match="unknown node 'pos-missing'"):
            write_graph_json(PlanGraph(nodes=[goal], edges=[dangling]), tmp_path / "g.json")
        assert not (tmp_path / "g.json").exists()


# =========================================================================================
# NetworkxStore
# =========================================================================================


class TestNetworkxStore:
    def test_from_file_answers_like_the_graph_and_saves_back(
        self, tmp_path: Path, synthetic_small: PlanGraph
    ) -> None:
        path = write_graph_json(synthetic_small, tmp_path / "graph.json")
        store = NetworkxStore.from_file(path)
        assert store.kind == "networkx" and store.path == path
        assert store.export_graph() == NetworkxStore(synthetic_small).export_graph()

        extra = synthetic_graph(3).nodes[-1]
        assert extra.id not in store.view
        store.load(PlanGraph(nodes=[extra]))
        assert store.save() == path
        reopened = NetworkxStore.from_file(path)
        assert reopened.get_node(extra.id).node == extra
        assert reopened.counts() == store.counts()

    def test_from_settings_reads_plankg_graph(self, tmp_path: Path, synthetic_small: PlanGraph) -> None:
        path = write_graph_json(synthetic_small, tmp_path / "g.json")
        store = NetworkxStore.from_settings(Settings(PLANKG_GRAPH=str(path)))
        assert store.counts().nodes["Goal"] == 2
        with pytest.raises(GraphFileError, match="plankg build"):
            NetworkxStore.from_settings(Settings(PLANKG_GRAPH=str(tmp_path / "none.json")))

    def test_save_needs_a_path(self, nx_store: NetworkxStore, tmp_path: Path) -> None:
        with pytest.raises(InvalidQuery) as raised:
            nx_store.save()
        assert raised.value.parameter == "path"
        written = nx_store.save(tmp_path / "copy.json")
        assert read_graph_json(written) == nx_store.export_graph()

    def test_hierarchy_is_prebuilt_with_climbing_edges_only(self, nx_store: NetworkxStore) -> None:
        view = nx_store.view
        types = Counter(key for _, _, key in view.hierarchy.edges(keys=True))
        assert set(types) == {rel.value for rel in CLIMBING_TYPES}
        assert sum(types.values()) == sum(1 for e in view.edges.values() if e.type in CLIMBING_TYPES)
        assert view.graph.number_of_edges() == len(view.edges)
        labels = Counter(view.nodes[n].label for n in view.goal_climbers)
        assert set(labels) == {Label.TASK, Label.INDICATOR, Label.CITY_POSITIONING}
        assert labels[Label.CITY_POSITIONING] == 12

    def test_a_view_is_a_snapshot_and_loads_replace_it(self, nx_store: NetworkxStore) -> None:
        before = nx_store.view
        count = len(before)
        nx_store.load(PlanGraph(), replace_sources=["synthetic_0_001_plan.txt"])
        assert len(before) == count and len(nx_store.view) < count
        assert nx_store.view is not before

    def test_readers_never_see_half_a_load(self, synthetic_small: PlanGraph) -> None:
        store = NetworkxStore(synthetic_small)
        plan = "synthetic_0_000_plan.txt"
        only_plan = PlanGraph(
            nodes=[n for n in synthetic_small.nodes if any(m.source == plan for m in n.mentions)],
            edges=[e for e in synthetic_small.edges if any(m.source == plan for m in e.mentions)],
        )
        full = store.counts()
        withdrawn = NetworkxStore(synthetic_small)
        withdrawn.load(PlanGraph(), replace_sources=[plan])
        allowed = {full.model_dump_json(), withdrawn.counts().model_dump_json()}
        seen: set[str] = set()
        errors: list[BaseException] = []
        stop = threading.Event()

        def read() -> None:
            try:
                while not stop.is_set():
                    seen.add(store.counts().model_dump_json())
                    store.ownership_matrix()
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        readers = [threading.Thread(target=read) for _ in range(3)]
        for reader in readers:
            reader.start()
        for _ in range(4):
            store.load(PlanGraph(), replace_sources=[plan])
            store.load(only_plan)
        stop.set()
        for reader in readers:
            reader.join()
        assert errors == []
        assert seen <= allowed and store.counts() == full

    def test_injected_tokenizer_is_used(self, synthetic_small: PlanGraph) -> None:
        store = NetworkxStore(synthetic_small, tokenize=lambda text: text.split("|"))
        hits = store.search("商务局|不存在", limit=5).items
        assert hits and all(h.matched == ["商务局"] for h in hits)
        assert hits[0].node.name == "山海市商务局" and hits[0].score == 3.0

    def test_replace_sources_must_be_a_list(self, nx_store: NetworkxStore) -> None:
        with pytest.raises(InvalidQuery) as raised:
            nx_store.load(PlanGraph(), replace_sources="synthetic_0_000_plan.txt")
        assert raised.value.parameter == "replace_sources"


# =========================================================================================
# Pure rules on hand-made graphs
# =========================================================================================


class TestMerging:
    def test_withdraw_deletes_only_what_lost_its_last_mention(self) -> None:
        a, b = mention("a.txt", 0), mention("b.txt", 0)
        both = node(Label.CITY_POSITIONING, "both", a, b)
        only_a = node(Label.TASK, "only a", a)
        unsourced = node(Label.GOAL, "unsourced")
        kept_edge = edge(only_a, both, RelType.SUPPORTS, b)  # survives its mentions, not its end
        goal_edge = edge(both, unsourced, RelType.REALIZES, a, b)
        nodes = {n.id: n for n in (both, only_a, unsourced)}
        edges = {e.key: e for e in (kept_edge, goal_edge)}
        new_nodes, new_edges = withdraw_sources(nodes, edges, ["a.txt"])
        assert set(new_nodes) == {both.id, unsourced.id}
        assert new_nodes[both.id].mentions == [b] and new_nodes[unsourced.id] is unsourced
        assert list(new_edges) == [goal_edge.key] and new_edges[goal_edge.key].mentions == [b]
        assert nodes[both.id].mentions == [a, b]  # inputs untouched
        assert withdraw_sources(nodes, edges, []) == (nodes, edges)

    def test_merge_properties_keep_both_and_the_leading_records_scalars(self) -> None:
        assert merge_properties({"a": 1, "b": 2, "l": ["x"]}, {"b": 3, "c": 4, "l": ["y", "x"], "d": None}) == {
            "a": 1, "b": 2, "c": 4, "l": ["x", "y"]}
        assert merge_properties({"path": ["二、重点任务", "（一）"]}, {"path": ["（一）", "二、重点任务"]}) == {
            "path": ["二、重点任务", "（一）"]}
        assert merge_properties({"a": 1}, {}) == {"a": 1}

    def test_merge_refuses_dangling_edges_without_changing_inputs(self) -> None:
        goal = node(Label.GOAL, "g", mention("a.txt", 0))
        pos = node(Label.CITY_POSITIONING, "p", mention("a.txt", 1))
        nodes = {goal.id: goal}
        with pytest.raises(InvalidQuery, match="unknown node"):
            merge_graph(nodes, {}, PlanGraph(edges=[edge(pos, goal, RelType.REALIZES)]))
        assert nodes == {goal.id: goal}
        merged_nodes, merged_edges = merge_graph(
            nodes, {}, PlanGraph(nodes=[pos], edges=[edge(pos, goal, RelType.REALIZES)])
        )
        assert set(merged_nodes) == {goal.id, pos.id} and len(merged_edges) == 1


class TestLadderRules:
    def test_cycles_terminate_and_walks_stop_at_the_first_goal(self) -> None:
        m = mention("a.txt", 0)
        top = node(Label.GOAL, "top", m)
        lower = node(Label.GOAL, "lower", m)
        pos = node(Label.CITY_POSITIONING, "pos", m)
        t1, t2 = node(Label.TASK, "t1", m), node(Label.TASK, "t2", m)
        ind = node(Label.INDICATOR, "ind", m)
        edges = [
            edge(t1, t2, RelType.PART_OF, m),
            edge(t2, t1, RelType.PART_OF, m),  # a cycle
            edge(t2, pos, RelType.SUPPORTS, m),
            edge(t1, pos, RelType.ADVANCES, m),
            edge(pos, lower, RelType.REALIZES, m),
            edge(ind, lower, RelType.MEASURES, m),
            edge(lower, top, RelType.ADVANCES, m),  # goal above goal
            edge(t1, ind, RelType.HOLDS_ROLE, m),  # not climbing
        ]
        store = NetworkxStore(PlanGraph(nodes=[top, lower, pos, t1, t2, ind], edges=edges))
        paths = [
            [(s.source.name, s.type.value, s.target.name) for s in p.steps] for p in store.ladder(t1.id).paths
        ]
        assert paths == [
            [("t1", "ADVANCES", "pos"), ("pos", "REALIZES", "lower")],
            [("t1", "PART_OF", "t2"), ("t2", "SUPPORTS", "pos"), ("pos", "REALIZES", "lower")],
        ]
        assert store.ladder(lower.id).paths == []  # a Goal is the top of its own ladder
        assert [len(p.steps) for p in store.ladder(ind.id).paths] == [1]


class TestTextRules:
    def test_doctests(self) -> None:
        assert doctest.testmod(search_rule).failed == 0

    def test_query_tokens_drop_punctuation_and_repeat(self) -> None:
        assert search_rule.query_tokens(
            "GDP 比重，GDP！", tokenize=lambda s: ["GDP", " ", "比重", "，", "GDP", "！"]
        ) == ["gdp", "比重"]
        assert search_rule.query_tokens("", tokenize=lambda s: []) == []

    def test_stop_words_never_match_alone(self) -> None:
        assert search_rule.query_tokens("海洋发展和渔业局") == ["海洋", "发展", "渔业局"]
        assert search_rule.parse_query("和") is None
        assert search_rule.parse_query(" 海洋  GDP ") == search_rule.SearchQuery("海洋 gdp", ("海洋", "gdp"))

    def test_default_tokenizer_cuts_chinese(self) -> None:
        assert search_rule.query_tokens("集装箱吞吐量，海洋") == ["集装箱", "吞吐量", "海洋"]


# =========================================================================================
# The synthetic generator
# =========================================================================================


class TestSynthetic:
    def test_deterministic_and_prefix_stable(self) -> None:
        two = synthetic_graph(2)
        assert two == synthetic_graph(2)
        three = synthetic_graph(3)
        assert three.nodes[: len(two.nodes)] == two.nodes and three.edges[: len(two.edges)] == two.edges
        assert synthetic_graph(1, seed=1) != synthetic_graph(1)
        assert synthetic_graph(0) == PlanGraph()
        with pytest.raises(ValueError):
            synthetic_graph(-1)

    def test_every_mention_quotes_its_document(self) -> None:
        corpus = synthetic_corpus(2)
        assert sorted(corpus.documents) == [
            "synthetic_0_000_briefing.txt",
            "synthetic_0_000_plan.txt",
            "synthetic_0_001_briefing.txt",
            "synthetic_0_001_plan.txt",
        ]
        items = [*corpus.graph.nodes, *corpus.graph.edges]
        assert all(item.mentions for item in items)
        for item in items:
            for m in item.mentions:
                text = corpus.documents[m.source]
                assert text[m.start : m.end] == m.text
                assert text[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence

    def test_shape_of_a_city(self) -> None:
        graph = synthetic_graph(1)
        labels = Counter(n.label for n in graph.nodes)
        assert labels[Label.GOAL] == 1 and labels[Label.CITY_POSITIONING] == 6
        assert labels[Label.DEPARTMENT] == 12 and labels[Label.TASK_FORCE] == 7
        assert labels[Label.PLAN] == 13 and labels[Label.SOURCE] == 2 and labels[Label.PERSON] == 21
        assert 6 * 3 + 1 <= labels[Label.INDICATOR] <= 6 * 4 + 1
        assert 480 <= len(graph.nodes) <= 540
        assert len({n.id for n in graph.nodes}) == len(graph.nodes)
        assert len({e.key for e in graph.edges}) == len(graph.edges)
        ids = {n.id for n in graph.nodes}
        assert all(e.source in ids and e.target in ids for e in graph.edges)
        bases = Counter(e.properties["basis"] for e in graph.edges if e.type is RelType.RESPONSIBLE_FOR)
        assert set(bases) == {"stated", "presented", "inferred"}
        assert all(isinstance(e.properties["confidence"], float) for e in graph.edges)
        assert all(e.properties.get("reason") for e in graph.edges if e.properties["basis"] == "inferred")
        kinds = Counter(n.properties.get("kind") for n in graph.nodes if n.label is Label.TASK)
        assert (
            kinds["key_task"] == 65
            and 65 * 4 <= kinds["sub_task"] <= 65 * 6
            and 30 <= kinds["focus_area"] <= 36
        )

    def test_a_hundred_cities_make_fifty_thousand_nodes(self) -> None:
        graph = synthetic_graph(100)
        assert len(graph.nodes) >= 50_000
        assert len({n.id for n in graph.nodes}) == len(graph.nodes)

    def test_city_names_are_unique(self) -> None:
        names = [city_name(i) for i in range(1000)]
        assert len(set(names)) == 1000 and names[0] == "海海市"


def test_graph_view_refuses_dangling_edges() -> None:
    goal = node(Label.GOAL, "g")
    with pytest.raises(InvalidQuery) as raised:
        GraphView([goal], [Edge(source="pos-x", target=goal.id, type=RelType.REALIZES)])
    assert raised.value.parameter == "graph"
