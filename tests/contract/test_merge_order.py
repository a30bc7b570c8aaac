"""One merge rule, whatever order facts arrive in (graph.merging, used by the loaders' builder
and by both stores' ``load``): loading A then B equals B then A equals building both at once."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.embedded.nx_store import NetworkxStore
from graph.merging import merge_nodes
from graph.model import Edge, Label, Mention, Node, PlanGraph, RelType, node_id
from loaders.builder import GraphBuilder

BASES = ("stated", "presented", "inferred")
POS = node_id(Label.CITY_POSITIONING, "p")
DEPT = node_id(Label.DEPARTMENT, "d")
TASK = node_id(Label.TASK, "t")


def _mention(source: str, start: int) -> Mention:
    return Mention(source=source, start=start, end=start + 2, text="xx", sentence="xx。", sentence_start=start)


mentions = st.lists(st.builds(_mention, st.sampled_from(["a.txt", "b.txt"]), st.integers(0, 40)), max_size=2)
scalars = st.one_of(st.integers(0, 3), st.sampled_from(["甲", "乙"]))


@st.composite
def graphs(draw: st.DrawFn) -> PlanGraph:
    nodes = [
        Node(id=nid, label=label, name=draw(st.sampled_from(["甲名", "乙名"])),
             properties={"k": draw(scalars), "tags": draw(st.lists(st.sampled_from(["x", "y", "z"]), max_size=2))},
             mentions=draw(mentions))
        for nid, label in ((POS, Label.CITY_POSITIONING), (DEPT, Label.DEPARTMENT), (TASK, Label.TASK))
    ]
    edges = [
        Edge(source=DEPT, target=target, type=RelType.RESPONSIBLE_FOR,
             properties={"basis": draw(st.sampled_from(BASES)), "confidence": draw(st.sampled_from([0.4, 0.8, 1.0])),
                         "reason": draw(st.sampled_from(["r1", "r2"]))},
             mentions=draw(mentions))
        for target in draw(st.lists(st.sampled_from([POS, TASK]), unique=True, max_size=2))
    ]
    return PlanGraph(nodes=nodes, edges=edges)


def _built_at_once(a: PlanGraph, b: PlanGraph) -> PlanGraph:
    """Both graphs' records through the loaders' builder, as one build of both documents would."""
    builder = GraphBuilder()
    for graph in (a, b):
        for node in graph.nodes:
            old = builder.nodes.get(node.id)
            builder.nodes[node.id] = node if old is None else merge_nodes(old, node)
        for edge in graph.edges:
            props = dict(edge.properties)
            builder.edge(edge.source, edge.target, edge.type, list(edge.mentions), basis=str(props.pop("basis")),
                         confidence=float(props.pop("confidence")), **props)
    return builder.graph()


def _loaded(store_factory, *graphs_in_order: PlanGraph) -> PlanGraph:
    store = store_factory()
    try:
        for graph in graphs_in_order:
            store.load(graph)
        return store.export_graph()
    finally:
        store.close()


def _canonical(graph: PlanGraph) -> dict:
    return {
        "nodes": sorted((n.model_dump(mode="json") for n in graph.nodes), key=lambda n: n["id"]),
        "edges": sorted((e.model_dump(mode="json") for e in graph.edges), key=lambda e: (e["source"], e["target"], e["type"])),
    }


@settings(max_examples=60, deadline=None)
@given(graphs(), graphs())
def test_embedded_store_merges_in_any_order(a: PlanGraph, b: PlanGraph) -> None:
    one_way = _canonical(_loaded(NetworkxStore, a, b))
    assert one_way == _canonical(_loaded(NetworkxStore, b, a))
    assert one_way == _canonical(_loaded(NetworkxStore, _built_at_once(a, b)))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graphs(), graphs())
def test_neo4j_store_merges_in_any_order(neo4j_store, a: PlanGraph, b: PlanGraph) -> None:
    def fresh() -> _Borrowed:
        neo4j_store.clear()
        return _Borrowed(neo4j_store)

    one_way = _canonical(_loaded(fresh, a, b))
    other_way = _canonical(_loaded(fresh, b, a))
    at_once = _canonical(_loaded(fresh, _built_at_once(a, b)))
    assert one_way == other_way == at_once
    assert one_way == _canonical(_loaded(NetworkxStore, a, b))  # and the same as the embedded store


class _Borrowed:
    """The test's Neo4j store, cleared for each use and closed by its fixture."""

    def __init__(self, store) -> None:
        self._store = store

    def load(self, graph: PlanGraph):
        return self._store.load(graph)

    def export_graph(self) -> PlanGraph:
        return self._store.export_graph()

    def close(self) -> None:
        pass


def test_a_weaker_load_never_overrides_a_stated_ownership() -> None:
    """The defect of issue 10: stated, then the same edge inferred, ended inferred in the store."""
    pos = Node(id=POS, label=Label.CITY_POSITIONING, name="p", mentions=[_mention("a.txt", 0)])
    dept = Node(id=DEPT, label=Label.DEPARTMENT, name="d", mentions=[_mention("a.txt", 5)])

    def owned(basis: str, confidence: float, at: int) -> PlanGraph:
        return PlanGraph(nodes=[pos, dept], edges=[Edge(source=DEPT, target=POS, type=RelType.RESPONSIBLE_FOR,
                                                        properties={"basis": basis, "confidence": confidence},
                                                        mentions=[_mention("b.txt", at)])])

    for order in ((owned("stated", 1.0, 1), owned("inferred", 0.4, 9)), (owned("inferred", 0.4, 9), owned("stated", 1.0, 1))):
        (edge,) = _loaded(NetworkxStore, *order).edges
        assert (edge.properties["basis"], edge.properties["confidence"]) == ("stated", 1.0)
        assert [m.start for m in edge.mentions] == [1]  # the inference's sentence is no evidence for it
