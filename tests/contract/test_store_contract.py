"""The store contract: every store answers researchers' questions with identical records.

Each test runs once per store kind (the parametrised ``store`` / ``seed_store`` fixtures of
``tests/support/stores.py``). Answers are checked three ways:

- against exact values written out by hand (the synthetic generator is deterministic);
- against an *oracle*: the documented semantics re-implemented here by brute force over the
  loaded ``PlanGraph``, independently of ``graph/`` (only the shared tokeniser is reused);
- against the reference ``NetworkxStore``'s answers, compared as ``model_dump()``.

Layer (a) asks generic questions of ``synthetic_graph(2)``; layer (b) asks the seed documents'
questions of the graph the loaders build from ``data/``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from itertools import pairwise
from typing import Any, TypeVar

import networkx as nx
import pytest

from graph.errors import InvalidQuery, NodeNotFound
from graph.model import CLIMBING_TYPES, Edge, Label, Mention, Node, PlanGraph, RelType
from graph.questions.search import query_tokens
from graph.results import BASIS_RANK, Ownership
from graph.store import MAX_DEPTH, MAX_LIMIT, OWNER_LABELS, PlanStore

BRIEFING_0 = "synthetic_0_000_briefing.txt"
PLAN_0 = "synthetic_0_000_plan.txt"

_Record = TypeVar("_Record", Node, Edge)


# =========================================================================================
# Oracle: the documented semantics, by brute force over a PlanGraph
# =========================================================================================


def _mentions(items: Iterable[Mention]) -> list[Mention]:
    unique = {(m.source, m.start, m.end): m for m in reversed(list(items))}
    return [unique[key] for key in sorted(unique)]


def _stored(record: _Record) -> _Record:
    """A node or edge as a store holds it: mentions deduplicated and sorted, no null properties."""
    return record.model_copy(
        update={
            "mentions": _mentions(record.mentions),
            "properties": {k: v for k, v in record.properties.items() if v is not None},
        }
    )


def normalised(graph: PlanGraph) -> PlanGraph:
    """What ``export_graph`` must return after loading ``graph`` into an empty store."""
    return PlanGraph(
        nodes=sorted((_stored(n) for n in graph.nodes), key=lambda n: n.id),
        edges=sorted((_stored(e) for e in graph.edges), key=lambda e: (e.source, e.target, e.type.value)),
    )


#: Labels the synthetic plans hold: every label but ReportedFigure, which plans do not yield;
#: ``TestReports`` covers it (and REPORTS_ON) on the plans and the Qingdao reports in data/.
PLAN_LABELS = [label for label in Label if label is not Label.REPORTED_FIGURE]


class Oracle:
    """Brute-force answers over one graph; rows are plain tuples so they compare to anything."""

    def __init__(self, graph: PlanGraph) -> None:
        self.graph = normalised(graph)
        self.nodes = {n.id: n for n in self.graph.nodes}
        self.edges = self.graph.edges

    def named(self, label: Label, name: str, source: str | None = None) -> Node:
        """The one node of ``label`` called ``name`` (mentioned in ``source`` when given)."""
        found = [
            n
            for n in self.graph.nodes
            if n.label is label
            and n.name == name
            and (source is None or any(m.source == source for m in n.mentions))
        ]
        assert len(found) == 1, (label, name, source, found)
        return found[0]

    def containing(self, label: Label, fragment: str) -> list[Node]:
        return [n for n in self.graph.nodes if n.label is label and fragment in n.name]

    # --- ownership ---------------------------------------------------------------------

    @staticmethod
    def _rank(basis: str) -> int:
        return BASIS_RANK.get(basis, len(BASIS_RANK))

    def _row(self, owner: str, target: str, rf: Edge, via: str | None, link: Edge | None) -> tuple:
        basis = rf.properties.get("basis", "inferred")
        confidence = float(rf.properties.get("confidence", 0.0))
        path = [(rf.source, rf.target, rf.type.value)]
        if link is not None:
            path.append((link.source, link.target, link.type.value))
        return (owner, target, basis, confidence, via, tuple(path))

    def _sorted(self, rows: list[tuple]) -> list[tuple]:
        def key(row: tuple) -> tuple:
            owner, target, basis, confidence, via, _ = row
            o, t = self.nodes[owner], self.nodes[target]
            v = self.nodes[via] if via else None
            return (
                self._rank(basis),
                -confidence,
                o.name,
                o.id,
                t.name,
                t.id,
                0 if v is None else 1,
                v.name if v else "",
                v.id if v else "",
            )

        return sorted(rows, key=key)

    def owners_of(self, node_id: str) -> list[tuple]:
        node = self.nodes[node_id]
        rows = [
            self._row(e.source, node_id, e, None, None)
            for e in self.edges
            if e.type is RelType.RESPONSIBLE_FOR
            and e.target == node_id
            and self.nodes[e.source].label in OWNER_LABELS
        ]
        link_type = {Label.INDICATOR: RelType.MEASURES, Label.TASK: RelType.SUPPORTS}.get(node.label)
        for link in self.edges:
            if link.type is not link_type or link.source != node_id:
                continue
            if self.nodes[link.target].label is not Label.CITY_POSITIONING:
                continue
            for rf in self.edges:
                if (
                    rf.type is RelType.RESPONSIBLE_FOR
                    and rf.target == link.target
                    and self.nodes[rf.source].label in OWNER_LABELS
                ):
                    rows.append(self._row(rf.source, node_id, rf, link.target, link))
        return self._sorted(rows)

    def targets_of(self, owner_id: str) -> list[tuple]:
        rows = []
        for rf in self.edges:
            if rf.type is not RelType.RESPONSIBLE_FOR or rf.source != owner_id:
                continue
            rows.append(self._row(owner_id, rf.target, rf, None, None))
            if self.nodes[rf.target].label is not Label.CITY_POSITIONING:
                continue
            for link in self.edges:
                if (
                    link.type is RelType.MEASURES
                    and link.target == rf.target
                    and self.nodes[link.source].label is Label.INDICATOR
                ):
                    rows.append(self._row(owner_id, link.source, rf, rf.target, link))
        return self._sorted(rows)

    def matrix(self) -> tuple[list[str], list[str], list[tuple]]:
        owners = sorted(
            (n for n in self.graph.nodes if n.label in OWNER_LABELS), key=lambda n: (n.name, n.id)
        )
        targets = sorted(
            (n for n in self.graph.nodes if n.label is Label.INDICATOR), key=lambda n: (n.name, n.id)
        )
        cells = []
        for owner in owners:
            for target in targets:
                rows = [r for r in self.owners_of(target.id) if r[0] == owner.id]
                if rows:
                    cells.append((owner.id, target.id, rows[0][2], rows[0][4]))
        return [o.id for o in owners], [t.id for t in targets], cells

    # --- ladder ------------------------------------------------------------------------

    @cached_property
    def _climbing(self) -> nx.MultiDiGraph:
        climbing = nx.MultiDiGraph()
        climbing.add_nodes_from(self.nodes)
        climbing.add_edges_from(
            (e.source, e.target, e.type.value) for e in self.edges if e.type in CLIMBING_TYPES
        )
        return climbing

    def ladder(self, node_id: str) -> list[tuple[tuple[str, str, str], ...]]:
        if self.nodes[node_id].label is Label.GOAL:
            return []
        goals = [n for n, node in self.nodes.items() if node.label is Label.GOAL]
        paths = [
            tuple(path)
            for path in nx.all_simple_edge_paths(self._climbing, node_id, goals)
            if all(self.nodes[v].label is not Label.GOAL for _, v, _ in path[:-1])
        ]
        return sorted(paths, key=lambda p: (len(p), (p[0][0], *(s[1] for s in p)), tuple(s[2] for s in p)))

    # --- browsing ----------------------------------------------------------------------

    def neighbours(self, node_id: str) -> list[tuple]:
        rows = [
            ("out", e.type.value, self.nodes[e.target].name, e.target, e.properties)
            for e in self.edges
            if e.source == node_id
        ]
        rows += [
            ("in", e.type.value, self.nodes[e.source].name, e.source, e.properties)
            for e in self.edges
            if e.target == node_id
        ]
        return sorted(rows, key=lambda r: r[:4])

    def listing(
        self, label: Label, positioning: str | None = None, year: int | None = None, q: str | None = None
    ) -> list[str]:
        near = None
        if positioning is not None:
            near = {positioning}
            near |= {e.source for e in self.edges if e.target == positioning}
            near |= {e.target for e in self.edges if e.source == positioning}
        nodes = [
            n
            for n in self.graph.nodes
            if n.label is label
            and (near is None or n.id in near)
            and (year is None or n.properties.get("target_year") == year)
            and (q is None or q in n.name)
        ]
        return [n.id for n in sorted(nodes, key=lambda n: (n.name, n.id))]

    def neighbourhood(self, node_id: str, depth: int) -> tuple[list[str], list[tuple[str, str, str]]]:
        undirected = nx.Graph()
        undirected.add_nodes_from(self.nodes)
        undirected.add_edges_from((e.source, e.target) for e in self.edges)
        members = set(nx.single_source_shortest_path_length(undirected, node_id, cutoff=depth))
        edges = sorted(
            (e.source, e.target, e.type.value)
            for e in self.edges
            if e.source in members and e.target in members
        )
        return sorted(members), edges

    #: Label order of search ties (graph.questions.answers.SEARCH_LABEL_ORDER), written out again here.
    SEARCH_LABELS = ("Goal", "CityPositioning", "Department", "TaskForce", "Indicator", "Plan", "Task",
                     "Person", "Source")  # fmt: skip

    def search_all(self, q: str) -> list[tuple[str, float, list[str], str]]:
        """Every hit as (id, score, matched, matched_in), ranked (graph.questions.search's rule)."""
        tokens = query_tokens(q)
        if not tokens:
            return []
        phrase = " ".join(q.split()).lower()
        rows = []
        for node in self.graph.nodes:
            name = node.name.lower()
            evidence = "\n".join(m.sentence for m in node.mentions).lower()
            in_name = [t for t in tokens if t in name]
            in_evidence = [t for t in tokens if t in evidence]
            if not in_name and not in_evidence:
                continue
            points = 2 * len(in_name) + len(in_evidence)
            if phrase in name:
                points += 8 if name == phrase else 4
            elif phrase in evidence:
                points += 2
            matched = [t for t in tokens if t in in_name or t in in_evidence]
            rank = self.SEARCH_LABELS.index(node.label.value)
            rows.append((-points, rank, node.name, node.id, matched, "name" if in_name else "evidence"))
        rows.sort(key=lambda r: r[:4])
        return [(r[3], float(-r[0]), r[4], r[5]) for r in rows]

    def search(self, q: str, limit: int, offset: int = 0) -> list[tuple[str, float, list[str], str]]:
        return self.search_all(q)[offset : offset + limit]


def hit_rows(page: Any) -> list[tuple[str, float, list[str], str]]:
    return [(h.node.id, h.score, h.matched, h.matched_in) for h in page.items]


def ownership_rows(answer: list[Ownership]) -> list[tuple]:
    return [
        (
            o.owner.id,
            o.target.id,
            o.basis,
            o.confidence,
            o.via.id if o.via else None,
            tuple((s.source.id, s.target.id, s.type.value) for s in o.path),
        )
        for o in answer
    ]


def readable(answer: list[Ownership]) -> list[tuple]:
    """(owner name, target name, basis, confidence, via name): for hand-written expectations."""
    return [
        (o.owner.name, o.target.name, o.basis, o.confidence, o.via.name if o.via else None) for o in answer
    ]


def dump(value: Any) -> Any:
    if isinstance(value, list):
        return [dump(item) for item in value]
    return value.model_dump(mode="json")


@pytest.fixture(scope="module")
def oracle(synthetic_small: PlanGraph) -> Oracle:
    return Oracle(synthetic_small)


# =========================================================================================
# (a) Generic questions over synthetic_graph(2)
# =========================================================================================


class TestLoadAndCounts:
    def test_counts_are_exact_and_list_every_label_and_type(
        self, store: PlanStore, synthetic_small: PlanGraph
    ) -> None:
        counts = store.counts()
        labels = Counter(n.label.value for n in synthetic_small.nodes)
        types = Counter(e.type.value for e in synthetic_small.edges)
        assert counts.nodes == {label.value: labels.get(label.value, 0) for label in Label}
        assert counts.relationships == {rel.value: types.get(rel.value, 0) for rel in RelType}
        assert counts.nodes["Goal"] == 2 and counts.nodes["CityPositioning"] == 12
        assert counts.relationships["REALIZES"] == 12

    def test_empty_store_counts_zero(self, empty_store: PlanStore) -> None:
        counts = empty_store.counts()
        assert set(counts.nodes) == {label.value for label in Label}
        assert set(counts.relationships) == {rel.value for rel in RelType}
        assert sum(counts.nodes.values()) == 0 == sum(counts.relationships.values())

    def test_load_report_and_idempotent_double_load(
        self, empty_store: PlanStore, synthetic_small: PlanGraph
    ) -> None:
        first = empty_store.load(synthetic_small)
        exported = empty_store.export_graph()
        second = empty_store.load(synthetic_small)
        assert first.store == empty_store.kind
        assert first.nodes_written == len(synthetic_small.nodes) == second.nodes_written
        assert first.relationships_written == len(synthetic_small.edges) == second.relationships_written
        assert first.replaced_sources == [] == second.replaced_sources
        assert first.counts == second.counts == empty_store.counts()
        assert empty_store.export_graph() == exported

    def test_export_round_trip(self, store: PlanStore, synthetic_small: PlanGraph) -> None:
        exported = store.export_graph()
        assert exported == normalised(synthetic_small)
        store.load(exported)
        assert store.export_graph() == exported

    def test_replace_one_source_leaves_the_others_untouched(
        self, store: PlanStore, synthetic_small: PlanGraph
    ) -> None:
        before = store.export_graph()
        report = store.load(PlanGraph(), replace_sources=[PLAN_0, PLAN_0])
        assert report.replaced_sources == [PLAN_0]
        assert report.nodes_written == 0 and report.relationships_written == 0
        after = store.export_graph()
        assert after == withdrawn(before, PLAN_0)
        # City 1 and the other file of city 0 keep every fact, mention for mention.
        untouched_nodes = [n for n in before.nodes if all(m.source != PLAN_0 for m in n.mentions)]
        untouched_edges = [e for e in before.edges if all(m.source != PLAN_0 for m in e.mentions)]
        assert len(untouched_nodes) > len(before.nodes) // 2
        assert all(n in after.nodes for n in untouched_nodes)
        assert all(e in after.edges for e in untouched_edges)
        assert not any(m.source == PLAN_0 for item in [*after.nodes, *after.edges] for m in item.mentions)
        # Goal and positionings of city 0 were cited by both files: they stay, with the briefing only.
        goal = next(n for n in after.nodes if n.label is Label.GOAL and n.mentions[0].source == BRIEFING_0)
        assert {m.source for m in goal.mentions} == {BRIEFING_0}
        assert store.counts().nodes["Plan"] == 13 and store.counts().nodes["Goal"] == 2

        # Reloading the file's own facts restores the store exactly.
        store.load(restricted(synthetic_small, PLAN_0), replace_sources=[PLAN_0])
        assert store.export_graph() == before

    def test_failed_load_changes_nothing(self, store: PlanStore, synthetic_small: PlanGraph) -> None:
        before = store.export_graph()
        extra = synthetic_small.nodes[0].model_copy(update={"name": "changed"})
        dangling = Edge(
            source=extra.id,
            target="goal-doesnotexist",
            type=RelType.REALIZES,
            properties={"basis": "stated", "confidence": 1.0},
        )
        with pytest.raises(InvalidQuery) as raised:
            store.load(PlanGraph(nodes=[extra], edges=[dangling]))
        assert raised.value.parameter == "graph"
        assert store.export_graph() == before

    def test_merge_unions_mentions_and_properties_led_by_the_first_cited(self, store: PlanStore, oracle: Oracle) -> None:
        dept = oracle.named(Label.DEPARTMENT, "海海市商务局")
        assert dept.properties == {"short_name": "商务局", "aliases": ["市商务局"]}
        extra = Mention(
            source="extra.txt",
            start=3,
            end=8,
            text="海海市商务局"[:5],
            sentence="由海海市商务局牵头。",
            sentence_start=1,
        )
        update = Node(
            id=dept.id,
            label=dept.label,
            name="海海市商务局（口岸办）",
            properties={"short_name": "商务局（口岸办）", "rank": 4, "aliases": None},
            mentions=[extra, extra],
        )
        report = store.load(PlanGraph(nodes=[update]))
        assert (report.nodes_written, report.relationships_written) == (1, 0)
        node = store.get_node(dept.id).node
        # extra.txt is cited first, so its record leads: its name and values; a key only the
        # other record sets is kept (a null never removes one: the merge does not depend on order)
        assert node.name == "海海市商务局（口岸办）"
        assert node.properties == {"short_name": "商务局（口岸办）", "rank": 4, "aliases": ["市商务局"]}
        assert node.mentions == [extra, *dept.mentions]  # "extra.txt" sorts before "synthetic_…"

    def test_a_record_held_under_another_label_is_refused(self, store: PlanStore, oracle: Oracle) -> None:
        before = store.counts()
        dept = oracle.named(Label.DEPARTMENT, "海海市商务局")
        clash = Node(id=dept.id, label=Label.PERSON, name=dept.name, mentions=dept.mentions)
        with pytest.raises(InvalidQuery) as raised:
            store.load(PlanGraph(nodes=[clash]))
        assert raised.value.parameter == "graph"
        assert store.counts() == before and store.get_node(dept.id).node == dept


def withdrawn(graph: PlanGraph, source: str) -> PlanGraph:
    """The oracle of withdrawing ``source``: drop its mentions, delete what is left with none."""
    nodes = {}
    for n in graph.nodes:
        kept = [m for m in n.mentions if m.source != source]
        if kept or len(kept) == len(n.mentions):
            nodes[n.id] = n.model_copy(update={"mentions": kept})
    edges = []
    for e in graph.edges:
        kept = [m for m in e.mentions if m.source != source]
        if e.source in nodes and e.target in nodes and (kept or len(kept) == len(e.mentions)):
            edges.append(e.model_copy(update={"mentions": kept}))
    return PlanGraph(nodes=list(nodes.values()), edges=edges)


def restricted(graph: PlanGraph, source: str) -> PlanGraph:
    """Only what ``source`` says: records it mentions, with only its mentions."""
    nodes = [
        n.model_copy(update={"mentions": [m for m in n.mentions if m.source == source]})
        for n in graph.nodes
        if any(m.source == source for m in n.mentions)
    ]
    edges = [
        e.model_copy(update={"mentions": [m for m in e.mentions if m.source == source]})
        for e in graph.edges
        if any(m.source == source for m in e.mentions)
    ]
    return PlanGraph(nodes=nodes, edges=edges)


class TestNodes:
    def test_get_node_has_record_and_sorted_neighbours(self, store: PlanStore, oracle: Oracle) -> None:
        pos = oracle.named(Label.CITY_POSITIONING, "引领型现代海洋城市", BRIEFING_0)
        detail = store.get_node(pos.id)
        assert detail.node == pos
        rows = [(n.direction, n.type.value, n.node.name, n.node.id, n.properties) for n in detail.neighbours]
        assert rows == oracle.neighbours(pos.id)
        directions = Counter((n.direction, n.type.value) for n in detail.neighbours)
        assert directions[("out", "REALIZES")] == 1
        assert directions[("in", "RESPONSIBLE_FOR")] == 2  # its 专班 and 海洋发展局
        assert directions[("in", "MEASURES")] == 4
        assert directions[("in", "IMPLEMENTS")] == 2

    @pytest.mark.parametrize("label", PLAN_LABELS)
    def test_get_node_every_label(self, store: PlanStore, oracle: Oracle, label: Label) -> None:
        node = min((n for n in oracle.graph.nodes if n.label is label), key=lambda n: n.id)
        detail = store.get_node(node.id)
        assert detail.node == node
        assert [
            (n.direction, n.type.value, n.node.name, n.node.id, n.properties) for n in detail.neighbours
        ] == oracle.neighbours(node.id)

    @pytest.mark.parametrize("bad", ["nope", "", "pos-000000000000", "'; DROP"])
    def test_unknown_node_raises_node_not_found(self, store: PlanStore, bad: str) -> None:
        for ask in (store.get_node, store.owners_of, store.targets_of, store.ladder, store.neighbourhood):
            with pytest.raises(NodeNotFound) as raised:
                ask(bad)
            assert raised.value.node_id == bad


class TestListNodes:
    @pytest.mark.parametrize("label", PLAN_LABELS)
    def test_every_label_sorted_by_name_then_id(self, store: PlanStore, oracle: Oracle, label: Label) -> None:
        page = store.list_nodes(label, limit=MAX_LIMIT)
        expected = oracle.listing(label)
        assert page.total == len(expected)
        assert [n.id for n in page.items] == expected[:MAX_LIMIT]
        assert all(item == oracle.nodes[item.id] for item in page.items)

    def test_paging_covers_everything_once(self, store: PlanStore, oracle: Oracle) -> None:
        expected = oracle.listing(Label.TASK)
        assert len(expected) > 2 * MAX_LIMIT - 200
        seen: list[str] = []
        offset = 0
        while True:
            page = store.list_nodes(Label.TASK, limit=37, offset=offset)
            assert (page.limit, page.offset, page.total) == (37, offset, len(expected))
            if not page.items:
                break
            seen += [n.id for n in page.items]
            offset += 37
        assert seen == expected

    def test_limit_is_capped_and_offset_past_the_end_is_empty(self, store: PlanStore, oracle: Oracle) -> None:
        page = store.list_nodes(Label.TASK, limit=MAX_LIMIT + 1000)
        assert page.limit == MAX_LIMIT and len(page.items) == MAX_LIMIT
        assert page.total == len(oracle.listing(Label.TASK))
        past = store.list_nodes(Label.TASK, offset=10_000)
        assert past.items == [] and past.total == page.total and past.offset == 10_000

    def test_positioning_filter(self, store: PlanStore, oracle: Oracle) -> None:
        pos = oracle.named(Label.CITY_POSITIONING, "国际门户枢纽城市", BRIEFING_0)
        tasks = store.list_nodes(Label.TASK, positioning=pos.id, limit=MAX_LIMIT)
        assert [n.id for n in tasks.items] == oracle.listing(Label.TASK, positioning=pos.id)
        assert {n.properties["kind"] for n in tasks.items} == {"focus_area", "key_task"}
        indicators = store.list_nodes(Label.INDICATOR, positioning=pos.id)
        assert [n.name for n in indicators.items] == [
            "使用外资",
            "国际航线数量",
            "机场旅客吞吐量",
            "货物进出口总额",
        ]
        owners = store.list_nodes(Label.DEPARTMENT, positioning=pos.id)
        assert [n.name for n in owners.items] == ["海海市交通运输局", "海海市商务局"]
        itself = store.list_nodes(Label.CITY_POSITIONING, positioning=pos.id)
        assert [n.id for n in itself.items] == [pos.id]
        assert store.list_nodes(Label.PERSON, positioning=pos.id).total == 0

    def test_year_and_name_filters_combine(self, store: PlanStore, oracle: Oracle) -> None:
        in_2025 = store.list_nodes(Label.INDICATOR, year=2025)
        assert [n.id for n in in_2025.items] == oracle.listing(Label.INDICATOR, year=2025)
        assert in_2025.total > 0 and all(n.properties["target_year"] == 2025 for n in in_2025.items)
        assert store.list_nodes(Label.INDICATOR, year=1999).total == 0
        assert store.list_nodes(Label.TASK, year=2026).total == 0
        named = store.list_nodes(Label.INDICATOR, q="吞吐量")
        assert [n.name for n in named.items] == [
            "机场旅客吞吐量",
            "机场旅客吞吐量",
            "港口货物吞吐量",
            "港口货物吞吐量",
            "集装箱吞吐量",
            "集装箱吞吐量",
        ]
        pos = oracle.named(Label.CITY_POSITIONING, "国际门户枢纽城市", BRIEFING_0)
        both = store.list_nodes(Label.INDICATOR, positioning=pos.id, year=2026, q="吞吐量")
        assert [n.name for n in both.items] == ["机场旅客吞吐量"]
        assert [n.id for n in both.items] == oracle.listing(
            Label.INDICATOR, positioning=pos.id, year=2026, q="吞吐量"
        )
        assert store.list_nodes(Label.DEPARTMENT, q="海海市").total == 12
        assert store.list_nodes(Label.DEPARTMENT, q="不存在的名字").total == 0

    @pytest.mark.parametrize(
        ("kwargs", "parameter"),
        [
            ({"offset": -1}, "offset"),
            ({"limit": 0}, "limit"),
            ({"limit": -5}, "limit"),
            ({"label": "Nope"}, "label"),
        ],
    )
    def test_invalid_paging_raises_invalid_query(
        self, store: PlanStore, kwargs: dict[str, Any], parameter: str
    ) -> None:
        args = {"label": Label.TASK, **kwargs}
        label = args.pop("label")
        with pytest.raises(InvalidQuery) as raised:
            store.list_nodes(label, **args)
        assert raised.value.parameter == parameter

    def test_positioning_must_be_a_positioning(self, store: PlanStore, oracle: Oracle) -> None:
        task = oracle.named(Label.TASK, "推进国际合作", PLAN_0)
        with pytest.raises(InvalidQuery) as raised:
            store.list_nodes(Label.INDICATOR, positioning=task.id)
        assert raised.value.parameter == "positioning"
        with pytest.raises(NodeNotFound):
            store.list_nodes(Label.INDICATOR, positioning="pos-unknown")


class TestOwnership:
    def test_owners_of_an_indicator_are_inherited_from_its_positioning(
        self, store: PlanStore, oracle: Oracle
    ) -> None:
        indicator = oracle.named(Label.INDICATOR, "集装箱吞吐量", BRIEFING_0)
        answer = store.owners_of(indicator.id)
        assert readable(answer) == [
            ("引领型现代海洋城市专班", "集装箱吞吐量", "stated", 0.95, "引领型现代海洋城市"),
            ("海海市海洋发展局", "集装箱吞吐量", "presented", 0.9, "引领型现代海洋城市"),
        ]
        step_types = [[s.type for s in o.path] for o in answer]
        assert step_types == [[RelType.RESPONSIBLE_FOR, RelType.MEASURES]] * 2
        first = answer[1].path
        assert (first[0].source.name, first[0].target.name, first[0].basis) == (
            "海海市海洋发展局",
            "引领型现代海洋城市",
            "presented",
        )
        assert (first[1].source.id, first[1].target.id) == (indicator.id, answer[1].via.id)
        assert first[0].mentions and first[0].mentions[0].source == BRIEFING_0
        assert ownership_rows(answer) == oracle.owners_of(indicator.id)

    def test_direct_and_inherited_routes_are_both_listed(self, store: PlanStore, oracle: Oracle) -> None:
        indicator = oracle.named(Label.INDICATOR, "货物进出口总额", BRIEFING_0)
        assert readable(store.owners_of(indicator.id)) == [
            ("国际门户枢纽城市专班", "货物进出口总额", "stated", 0.95, "国际门户枢纽城市"),
            ("海海市商务局", "货物进出口总额", "stated", 0.95, None),
            ("海海市商务局", "货物进出口总额", "presented", 0.9, "国际门户枢纽城市"),
            ("海海市交通运输局", "货物进出口总额", "inferred", 0.66, "国际门户枢纽城市"),
        ]

    def test_tasks_inherit_through_supports_only(self, store: PlanStore, oracle: Oracle) -> None:
        focus = oracle.named(Label.TASK, "推进海洋科技创新", PLAN_0)
        answer = store.owners_of(focus.id)
        assert readable(answer) == [
            ("引领型现代海洋城市专班", "推进海洋科技创新", "stated", 0.95, "引领型现代海洋城市"),
            ("海海市海洋发展局", "推进海洋科技创新", "presented", 0.9, "引领型现代海洋城市"),
        ]
        assert [s.type for s in answer[0].path] == [RelType.RESPONSIBLE_FOR, RelType.SUPPORTS]
        key_tasks = [n for n in oracle.graph.nodes if n.properties.get("kind") in {"key_task", "sub_task"}]
        for task in key_tasks[:40]:  # ADVANCES and PART_OF never pass ownership on
            assert store.owners_of(task.id) == []

    def test_ownership_is_not_inherited_through_the_goal(self, store: PlanStore, oracle: Oracle) -> None:
        goal_indicator = oracle.named(Label.INDICATOR, "城市综合竞争力", BRIEFING_0)
        assert store.owners_of(goal_indicator.id) == []
        goal = oracle.named(Label.GOAL, "建设新时代社会主义现代化国际大都市", BRIEFING_0)
        assert readable(store.owners_of(goal.id)) == [
            ("海海市发展改革委", "建设新时代社会主义现代化国际大都市", "stated", 0.95, None),
            ("海海市打造“六个城市”领导小组", "建设新时代社会主义现代化国际大都市", "stated", 0.95, None),
        ]

    def test_inferred_owner_keeps_its_weak_basis(self, store: PlanStore, oracle: Oracle) -> None:
        pos = oracle.named(Label.CITY_POSITIONING, "国际门户枢纽城市", BRIEFING_0)
        answer = store.owners_of(pos.id)
        assert [(o.owner.name, o.basis, o.via) for o in answer] == [
            ("国际门户枢纽城市专班", "stated", None),
            ("海海市商务局", "presented", None),
            ("海海市交通运输局", "inferred", None),
        ]
        assert 0.55 <= answer[2].confidence <= 0.8
        assert answer[2].path[0].reason == "交通运输局的职能与国际门户枢纽城市相关，文中只说配合"

    def test_owners_of_every_indicator_and_task_match_the_oracle(
        self, store: PlanStore, oracle: Oracle
    ) -> None:
        for node in oracle.graph.nodes:
            if (
                node.label in {Label.INDICATOR, Label.CITY_POSITIONING, Label.GOAL, Label.PLAN}
                or node.properties.get("kind") == "focus_area"
            ):
                assert ownership_rows(store.owners_of(node.id)) == oracle.owners_of(node.id), node.name

    def test_targets_of_commerce_bureau(self, store: PlanStore, oracle: Oracle) -> None:
        bureau = oracle.named(Label.DEPARTMENT, "海海市商务局")
        answer = store.targets_of(bureau.id)
        assert readable(answer) == [
            ("海海市商务局", "货物进出口总额", "stated", 0.95, None),
            ("海海市商务局", "使用外资", "presented", 0.9, "国际门户枢纽城市"),
            ("海海市商务局", "国际航线数量", "presented", 0.9, "国际门户枢纽城市"),
            ("海海市商务局", "国际门户枢纽城市", "presented", 0.9, None),
            ("海海市商务局", "机场旅客吞吐量", "presented", 0.9, "国际门户枢纽城市"),
            ("海海市商务局", "货物进出口总额", "presented", 0.9, "国际门户枢纽城市"),
        ]
        assert ownership_rows(answer) == oracle.targets_of(bureau.id)

    def test_targets_of_every_owner_match_the_oracle_and_owners_of(
        self, store: PlanStore, oracle: Oracle
    ) -> None:
        for owner in (n for n in oracle.graph.nodes if n.label in OWNER_LABELS):
            answer = store.targets_of(owner.id)
            assert ownership_rows(answer) == oracle.targets_of(owner.id), owner.name
            for row in answer:  # every claimed target names the owner back
                assert row in store.owners_of(row.target.id)

    def test_targets_of_requires_an_owner(self, store: PlanStore, oracle: Oracle) -> None:
        for label in (Label.TASK, Label.INDICATOR, Label.PERSON, Label.GOAL):
            node = min((n for n in oracle.graph.nodes if n.label is label), key=lambda n: n.id)
            with pytest.raises(InvalidQuery) as raised:
                store.targets_of(node.id)
            assert raised.value.parameter == "owner_id"

    def test_ownership_matrix(self, store: PlanStore, oracle: Oracle) -> None:
        matrix = store.ownership_matrix()
        owners, targets, cells = oracle.matrix()
        assert [o.id for o in matrix.owners] == owners and len(owners) == 24 + 14
        assert [t.id for t in matrix.targets] == targets and len(targets) == 48
        assert [(c.owner_id, c.target_id, c.basis, c.via) for c in matrix.cells] == cells
        bureau = oracle.named(Label.DEPARTMENT, "海海市商务局")
        trade = oracle.named(Label.INDICATOR, "货物进出口总额", BRIEFING_0)
        row = [
            (oracle.nodes[c.target_id].name, c.basis, c.via) for c in matrix.cells if c.owner_id == bureau.id
        ]
        pos = oracle.named(Label.CITY_POSITIONING, "国际门户枢纽城市", BRIEFING_0)
        assert row == [
            ("使用外资", "presented", pos.id),
            ("国际航线数量", "presented", pos.id),
            ("机场旅客吞吐量", "presented", pos.id),
            ("货物进出口总额", "stated", None),  # the direct stated route beats the presented one
        ]
        assert any(c.target_id == trade.id for c in matrix.cells if c.owner_id == bureau.id)
        group = oracle.named(Label.TASK_FORCE, "海海市打造“六个城市”领导小组")
        assert [c for c in matrix.cells if c.owner_id == group.id] == []


class TestLadder:
    def test_sub_task_climbs_through_its_key_task(self, store: PlanStore, oracle: Oracle) -> None:
        sub = min(
            (n for n in oracle.graph.nodes if n.properties.get("kind") == "sub_task"), key=lambda n: n.id
        )
        answer = store.ladder(sub.id)
        assert answer.start.id == sub.id
        assert answer.paths, sub
        for path in answer.paths:
            assert path.steps[0].source.id == sub.id
            assert path.steps[-1].target.label is Label.GOAL
            assert [s.type for s in path.steps] == [RelType.PART_OF, RelType.ADVANCES, RelType.REALIZES]
            assert [s.basis for s in path.steps] == ["stated", "inferred", "stated"]
            assert path.steps[1].reason and path.steps[1].mentions
            assert all(a.target.id == b.source.id for a, b in pairwise(path.steps))
        assert [
            tuple((s.source.id, s.target.id, s.type.value) for s in p.steps) for p in answer.paths
        ] == oracle.ladder(sub.id)

    def test_parallel_edges_give_two_paths_sorted_by_type(self, store: PlanStore, oracle: Oracle) -> None:
        task = oracle.named(Label.TASK, "推进创新策源", PLAN_0)
        answer = store.ladder(task.id)
        assert [[(s.source.name, s.type.value, s.target.name) for s in p.steps] for p in answer.paths] == [
            [
                ("推进创新策源", "ADVANCES", "国际化创新型城市"),
                ("国际化创新型城市", "REALIZES", "建设新时代社会主义现代化国际大都市"),
            ],
            [
                ("推进创新策源", "SUPPORTS", "国际化创新型城市"),
                ("国际化创新型城市", "REALIZES", "建设新时代社会主义现代化国际大都市"),
            ],
        ]
        assert answer.paths[0].steps[0].confidence is not None and answer.paths[1].steps[0].confidence == 0.95

    def test_indicator_of_the_goal_has_a_one_step_ladder(self, store: PlanStore, oracle: Oracle) -> None:
        indicator = oracle.named(Label.INDICATOR, "城市综合竞争力", BRIEFING_0)
        answer = store.ladder(indicator.id)
        assert [[(s.type.value, s.target.label) for s in p.steps] for p in answer.paths] == [
            [("MEASURES", Label.GOAL)]
        ]

    def test_nodes_that_cannot_climb_have_no_paths(self, store: PlanStore, oracle: Oracle) -> None:
        for label in (Label.GOAL, Label.DEPARTMENT, Label.PLAN, Label.PERSON, Label.SOURCE, Label.TASK_FORCE):
            node = min((n for n in oracle.graph.nodes if n.label is label), key=lambda n: n.id)
            answer = store.ladder(node.id)
            assert answer.paths == [] and answer.start.id == node.id

    def test_every_task_and_indicator_matches_the_oracle(self, store: PlanStore, oracle: Oracle) -> None:
        lengths: Counter[int] = Counter()
        subs = 0
        for node in oracle.graph.nodes:
            if node.label not in {Label.TASK, Label.INDICATOR, Label.CITY_POSITIONING}:
                continue
            if node.properties.get("kind") == "sub_task":
                subs += 1
                if subs % 10:  # every tenth sub-task: they all climb alike, and a Bolt call each is slow
                    continue
            answer = store.ladder(node.id)
            expected = oracle.ladder(node.id)
            assert [
                tuple((s.source.id, s.target.id, s.type.value) for s in p.steps) for p in answer.paths
            ] == expected, node.name
            lengths.update(len(p.steps) for p in answer.paths)
        assert set(lengths) == {1, 2, 3}
        multi = [
            n
            for n in oracle.graph.nodes
            if n.properties.get("kind") == "key_task" and len(oracle.ladder(n.id)) > 1
        ]
        assert multi, "some key tasks advance two positionings"


class TestSearch:
    def test_search_ranks_names_and_phrases_first(self, store: PlanStore, oracle: Oracle) -> None:
        page = store.search("海洋发展", limit=50)
        assert hit_rows(page) == oracle.search("海洋发展", 50)
        assert page.total == len(oracle.search_all("海洋发展"))
        # Two departments named …海洋发展局: phrase in the name (4), 2 name tokens (4), 2 in evidence (2).
        assert [(h.node.name, h.score, h.matched_in) for h in page.items[:2]] == [
            ("山海市海洋发展局", 10.0, "name"),
            ("海海市海洋发展局", 10.0, "name"),
        ]
        scores = [h.score for h in page.items]
        assert scores == sorted(scores, reverse=True)

    @pytest.mark.parametrize(
        "q", ["海洋", "集装箱吞吐量", "GDP比重", "gdp", "专班 领导小组", "推进", "2026年", "海洋和港口"]
    )
    def test_search_matches_the_oracle(self, store: PlanStore, oracle: Oracle, q: str) -> None:
        page = store.search(q, limit=MAX_LIMIT)
        assert hit_rows(page) == oracle.search(q, MAX_LIMIT)
        assert page.total == len(oracle.search_all(q)) and page.items

    def test_offset_pages_through_the_total(self, store: PlanStore, oracle: Oracle) -> None:
        whole = oracle.search_all("推进")
        page = store.search("推进", limit=3, offset=4)
        assert (page.total, page.limit, page.offset) == (len(whole), 3, 4)
        assert hit_rows(page) == whole[4:7]
        assert store.search("推进", offset=len(whole)).items == []

    def test_search_limit_and_empty_queries(self, store: PlanStore) -> None:
        assert len(store.search("推进", limit=3).items) == 3
        assert len(store.search("突出", limit=MAX_LIMIT + 1).items) == MAX_LIMIT
        for nothing in ("", " ，。！ ", "量子纠缠", "和", "的 与"):
            assert store.search(nothing).total == 0 and store.search(nothing).items == []
        for bad in (0, -1):
            with pytest.raises(InvalidQuery) as raised:
                store.search("海洋", limit=bad)
            assert raised.value.parameter == "limit"
        with pytest.raises(InvalidQuery) as raised:
            store.search("海洋", offset=-1)
        assert raised.value.parameter == "offset"


class TestNeighbourhood:
    def test_depth_zero_is_the_node_alone(self, store: PlanStore, oracle: Oracle) -> None:
        pos = oracle.named(Label.CITY_POSITIONING, "国际门户枢纽城市", BRIEFING_0)
        sub = store.neighbourhood(pos.id, 0)
        assert (sub.focus, sub.depth, sub.nodes, sub.edges) == (pos.id, 0, [pos], [])

    @pytest.mark.parametrize("depth", [1, 2])
    def test_induced_subgraph_matches_the_oracle(self, store: PlanStore, oracle: Oracle, depth: int) -> None:
        pos = oracle.named(Label.CITY_POSITIONING, "国际门户枢纽城市", BRIEFING_0)
        sub = store.neighbourhood(pos.id, depth)
        nodes, edges = oracle.neighbourhood(pos.id, depth)
        assert [n.id for n in sub.nodes] == nodes
        assert [e.key for e in sub.edges] == edges
        assert all(n == oracle.nodes[n.id] for n in sub.nodes)
        goal = oracle.named(Label.GOAL, "建设新时代社会主义现代化国际大都市", BRIEFING_0)
        sibling = oracle.named(Label.CITY_POSITIONING, "引领型现代海洋城市", BRIEFING_0)
        ids = {n.id for n in sub.nodes}
        assert goal.id in ids
        assert (sibling.id in ids) is (depth == 2)  # a sibling is two hops away, through the goal

    def test_depth_outside_range_is_invalid(self, store: PlanStore, oracle: Oracle) -> None:
        goal = oracle.named(Label.GOAL, "建设新时代社会主义现代化国际大都市", BRIEFING_0)
        for bad in (-1, MAX_DEPTH + 1):
            with pytest.raises(InvalidQuery) as raised:
                store.neighbourhood(goal.id, bad)
            assert raised.value.parameter == "depth"
        assert len(store.neighbourhood(goal.id, MAX_DEPTH).nodes) == len(
            oracle.neighbourhood(goal.id, MAX_DEPTH)[0]
        )


# =========================================================================================
# Every answer equals the reference store's
# =========================================================================================
# These compare the Neo4j store with the embedded one (the reference); run for the embedded
# store they would compare the code with itself, so they run for Neo4j only. The embedded
# store's own answers are held to the oracle and to written-down values everywhere else here.


def questions(oracle: Oracle) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    """A broad list of (method, args, kwargs) covering every question and label."""
    asked: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
        ("counts", (), {}),
        ("ownership_matrix", (), {}),
        ("export_graph", (), {}),
    ]
    for label in Label:
        sample = sorted((n for n in oracle.graph.nodes if n.label is label), key=lambda n: n.id)[:3]
        asked.append(("list_nodes", (label,), {"limit": 20, "offset": 5}))
        for node in sample:
            asked += [
                ("get_node", (node.id,), {}),
                ("owners_of", (node.id,), {}),
                ("ladder", (node.id,), {}),
                ("neighbourhood", (node.id,), {"depth": 2}),
            ]
            if label in OWNER_LABELS:
                asked.append(("targets_of", (node.id,), {}))
            if label is Label.INDICATOR:
                asked.append(("progress", (node.id,), {}))
    asked.append(("progress_all", (), {}))
    for pos in (n for n in oracle.graph.nodes if n.label is Label.CITY_POSITIONING):
        asked.append(("list_nodes", (Label.TASK,), {"positioning": pos.id, "limit": 100}))
        asked.append(("list_nodes", (Label.INDICATOR,), {"positioning": pos.id, "year": 2026}))
    for q in ("海洋", "国际门户枢纽城市", "推进 建设", "数字经济核心产业增加值占GDP比重"):
        asked.append(("search", (q,), {"limit": 100}))
        asked.append(("search", (q,), {"limit": 5, "offset": 3}))
    return asked


@pytest.mark.parametrize("store_kind", ["neo4j"], indirect=True)  # the embedded store IS the reference
def test_every_answer_equals_the_reference(store: PlanStore, nx_reference: PlanStore, oracle: Oracle) -> None:
    for method, args, kwargs in questions(oracle):
        got = getattr(store, method)(*args, **kwargs)
        want = getattr(nx_reference, method)(*args, **kwargs)
        assert dump(got) == dump(want), (method, args, kwargs)


@pytest.mark.parametrize("store_kind", ["neo4j"], indirect=True)  # the embedded store IS the reference
def test_every_refusal_equals_the_reference(
    store: PlanStore, nx_reference: PlanStore, oracle: Oracle
) -> None:
    task = min((n for n in oracle.graph.nodes if n.label is Label.TASK), key=lambda n: n.id)
    bad: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
        ("get_node", ("missing",), {}),
        ("owners_of", ("missing",), {}),
        ("targets_of", (task.id,), {}),
        ("progress", ("missing",), {}),
        ("progress", (task.id,), {}),
        ("list_nodes", (Label.TASK,), {"offset": -3}),
        ("list_nodes", (Label.TASK,), {"positioning": task.id}),
        ("neighbourhood", (task.id,), {"depth": MAX_DEPTH + 1}),
        ("search", ("海洋",), {"limit": 0}),
        ("search", ("海洋",), {"offset": -1}),
    ]
    for method, args, kwargs in bad:
        errors = []
        for subject in (store, nx_reference):
            with pytest.raises((InvalidQuery, NodeNotFound)) as raised:
                getattr(subject, method)(*args, **kwargs)
            errors.append((type(raised.value), getattr(raised.value, "parameter", None), str(raised.value)))
        assert errors[0] == errors[1], (method, args, kwargs)


# =========================================================================================
# (b) The seed documents' questions
# =========================================================================================


@pytest.fixture(scope="module")
def seed_oracle(seed_graph: PlanGraph) -> Oracle:
    return Oracle(seed_graph)


class TestSeedQuestions:
    def test_owners_of_container_throughput(self, seed_store: PlanStore, seed_oracle: Oracle) -> None:
        indicator = seed_oracle.named(Label.INDICATOR, "集装箱吞吐量")
        answer = seed_store.owners_of(indicator.id)
        ocean = [o for o in answer if o.owner.name == "青岛市海洋发展局"]
        assert len(ocean) == 1
        assert (ocean[0].basis, ocean[0].via.name if ocean[0].via else None) == (
            "presented",
            "引领型现代海洋城市",
        )
        assert [s.type for s in ocean[0].path] == [RelType.RESPONSIBLE_FOR, RelType.MEASURES]
        assert all(o.via is None or o.via.label is Label.CITY_POSITIONING for o in answer)
        assert all(o.owner.label in OWNER_LABELS for o in answer)
        assert ownership_rows(answer) == seed_oracle.owners_of(indicator.id)

    def test_everything_the_commerce_bureau_owns(self, seed_store: PlanStore, seed_oracle: Oracle) -> None:
        bureau = seed_oracle.named(Label.DEPARTMENT, "青岛市商务局")
        answer = seed_store.targets_of(bureau.id)
        assert sorted(
            (o.target.label.value, o.target.name, o.via.name if o.via else None) for o in answer
        ) == [
            ("CityPositioning", "国际门户枢纽城市", None),
            ("Indicator", "使用外资", "国际门户枢纽城市"),
            ("Indicator", "机场旅客吞吐量", "国际门户枢纽城市"),
            ("Indicator", "货物进出口总额", "国际门户枢纽城市"),
        ]
        assert {o.basis for o in answer} == {"presented"}
        assert ownership_rows(answer) == seed_oracle.targets_of(bureau.id)

    def test_ladder_of_the_blue_drug_bank(self, seed_store: PlanStore, seed_oracle: Oracle) -> None:
        (task,) = seed_oracle.containing(Label.TASK, "蓝色药库")
        answer = seed_store.ladder(task.id)
        assert answer.paths
        routes = [[s.target.name for s in p.steps] for p in answer.paths]
        assert ["引领型现代海洋城市", "建设新时代社会主义现代化国际大都市"] in [r[-2:] for r in routes]
        assert all(p.steps[-1].target.label is Label.GOAL for p in answer.paths)
        assert all(p.steps[-1].target.name == "建设新时代社会主义现代化国际大都市" for p in answer.paths)
        expected = seed_oracle.ladder(task.id)
        assert [
            tuple((s.source.id, s.target.id, s.type.value) for s in p.steps) for p in answer.paths
        ] == expected

    def test_ownership_matrix_shape(self, seed_store: PlanStore, seed_oracle: Oracle) -> None:
        matrix = seed_store.ownership_matrix()
        owners, targets, cells = seed_oracle.matrix()
        assert [o.id for o in matrix.owners] == owners
        assert [t.id for t in matrix.targets] == targets
        assert [(c.owner_id, c.target_id, c.basis, c.via) for c in matrix.cells] == cells
        names = {o.name for o in matrix.owners}
        assert {"青岛市商务局", "青岛市海洋发展局"} <= names
        assert len(matrix.targets) == 17
        bureau = seed_oracle.named(Label.DEPARTMENT, "青岛市商务局")
        row = sorted(seed_oracle.nodes[c.target_id].name for c in matrix.cells if c.owner_id == bureau.id)
        assert row == ["使用外资", "机场旅客吞吐量", "货物进出口总额"]

    def test_search_ocean(self, seed_store: PlanStore, seed_oracle: Oracle) -> None:
        page = seed_store.search("海洋", limit=MAX_LIMIT)
        assert hit_rows(page) == seed_oracle.search("海洋", MAX_LIMIT)
        assert page.total == 44
        # The positioning first, not a sub-task: names and phrases weigh most, then structure.
        first = page.items[0]
        assert (first.node.name, first.node.label, first.score, first.matched_in) == (
            "引领型现代海洋城市", Label.CITY_POSITIONING, 7.0, "name",
        )
        assert (first.snippet.text, first.snippet.start, first.snippet.end) == ("引领型现代海洋城市", 5, 7)
        assert [h.node.name for h in page.items[1:3]] == ["青岛市海洋发展局", "海洋生产总值占GDP比重"]
        assert all(h.matched == ["海洋"] for h in page.items)
        assert all((h.matched_in == "name") == ("海洋" in h.node.name) for h in page.items)
        for hit in page.items:
            assert hit.snippet.text[hit.snippet.start : hit.snippet.end] == "海洋"

    def test_search_a_name_split_around_a_stop_word(self, seed_store: PlanStore, seed_oracle: Oracle) -> None:
        # 海洋发展和渔业局 is cut 海洋 / 发展 / 和 / 渔业局; 和 never matches alone.
        page = seed_store.search("海洋发展和渔业局", limit=MAX_LIMIT)
        assert hit_rows(page) == seed_oracle.search("海洋发展和渔业局", MAX_LIMIT)
        assert page.total == 94
        assert page.items[0].node.name == "青岛市海洋发展局"
        assert all("和" not in h.matched for h in page.items)
        names = {h.node.name for h in page.items}
        assert "加快垄断行业、基础设施和社会事业改革" not in names  # its name and sentence share only 和
        assert seed_store.search("和").total == 0

    def test_search_evidence_hit_shows_the_sentence(self, seed_store: PlanStore) -> None:
        page = seed_store.search("海洋发展局", limit=MAX_LIMIT)
        assert page.total == 6
        rows = [(h.node.name, h.score, h.matched_in) for h in page.items]
        assert rows[0] == ("青岛市海洋发展局", 7.0, "name")
        assert rows[1:] == [
            ("国际门户枢纽城市", 3.0, "evidence"),
            ("引领型现代海洋城市", 3.0, "evidence"),
            ("青岛市商务局", 3.0, "evidence"),
            ("李苏满", 3.0, "evidence"),
            ("殷世逸", 3.0, "evidence"),
        ]
        snippet = page.items[1].snippet
        assert snippet.text[snippet.start : snippet.end] == "海洋发展局"
        assert snippet.text.startswith("发布会上,市政协副主席、商务局局长李苏满,市海洋发展局局长殷世逸")

    def test_exact_name_ranks_first(self, seed_store: PlanStore) -> None:
        page = seed_store.search("国际门户枢纽城市")
        first = page.items[0]
        # 国际 / 门户 / 枢纽 / 城市: 4 tokens in the name (8) and its sentences (4), the exact name (8).
        assert (first.node.name, first.score, first.matched_in) == ("国际门户枢纽城市", 20.0, "name")
        assert page.items[1].score < 20.0

    @pytest.mark.parametrize("store_kind", ["neo4j"], indirect=True)  # the embedded store IS the reference
    def test_seed_answers_equal_the_reference(
        self, seed_store: PlanStore, seed_reference: PlanStore, seed_oracle: Oracle
    ) -> None:
        for method, args, kwargs in questions(seed_oracle):
            got = getattr(seed_store, method)(*args, **kwargs)
            want = getattr(seed_reference, method)(*args, **kwargs)
            assert dump(got) == dump(want), (method, args, kwargs)


# =========================================================================================
# (c) The plans and the reports: ReportedFigure, REPORTS_ON and progress
# =========================================================================================


@pytest.fixture
def progress_store(empty_store: PlanStore, progress_graph: PlanGraph) -> PlanStore:
    empty_store.load(progress_graph)
    return empty_store


@pytest.fixture(scope="module")
def progress_reference(progress_graph: PlanGraph) -> PlanStore:
    from graph.embedded.nx_store import NetworkxStore

    return NetworkxStore(progress_graph)


class TestReports:
    def test_every_label_and_type_is_held_and_answered_alike(
        self, progress_store: PlanStore, progress_reference: PlanStore, progress_graph: PlanGraph
    ) -> None:
        counts = progress_store.counts()
        assert all(counts.nodes[label.value] > 0 for label in Label), counts.nodes
        assert counts.nodes["ReportedFigure"] == 77 and counts.relationships["REPORTS_ON"] == 9
        oracle = Oracle(progress_graph)
        for label in Label:
            sample = sorted((n for n in oracle.graph.nodes if n.label is label), key=lambda n: n.id)[:3]
            asked = [("list_nodes", (label,), {"limit": MAX_LIMIT})]
            asked += [("get_node", (n.id,), {}) for n in sample] + [("neighbourhood", (n.id,), {}) for n in sample]
            for method, args, kwargs in asked:
                got = getattr(progress_store, method)(*args, **kwargs)
                assert dump(got) == dump(getattr(progress_reference, method)(*args, **kwargs)), (method, args)

    def test_progress_is_answered_alike(self, progress_store: PlanStore, progress_reference: PlanStore) -> None:
        answers = progress_store.progress_all()
        assert dump(answers) == dump(progress_reference.progress_all())
        assert [(p.indicator.name, p.status) for p in answers if p.status != "no_data"] == [
            ("人才总量", "met"),
            ("国家高新技术企业数量", "behind"),
            ("常住人口", "too_early"),
            ("机场旅客吞吐量", "too_early"),
            ("海洋生产总值占GDP比重", "met"),
            ("港口货物吞吐量", "met"),
            ("空气质量优良天数比率", "too_early"),
            ("集装箱吞吐量", "met"),
        ]
        for item in answers:
            assert dump(progress_store.progress(item.indicator.id)) == dump(item)
        container = next(p for p in answers if p.indicator.name == "集装箱吞吐量")
        assert [(f.value, f.unit, f.year, f.sentence) for f in container.figures] == [
            ("3087", "万标箱", 2024, "港口货物、集装箱吞吐量分别达到7.1亿吨、3087万标箱。")
        ]
        assert [p.name for p in container.positionings] == ["引领型现代海洋城市"]
