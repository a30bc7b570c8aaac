"""An indexed, read-only snapshot of a plan graph that the question functions walk.

``GraphView`` holds the records (nodes by id, edges by key) and two networkx indexes built once:

- ``graph``: every edge, a ``MultiDiGraph`` keyed by relationship type (at most one edge of a
  type between two nodes, ``Edge.key``), used for neighbours and neighbourhoods;
- ``hierarchy``: only the ``CLIMBING_TYPES`` edges, used for ladder walks. Walking a prebuilt
  hierarchy is what keeps ladders cheap on big graphs: unfiltered ``nx.ancestors`` on a
  100k-node graph with cross links took ~730 ms, on the hierarchy-only graph 0.008 ms.

A view never changes after construction; a store swaps in a new view on load, so a reader that
took ``store.view`` keeps a consistent graph however long it walks. ``Neo4jStore`` can build a
small view from fetched rows and call the same question functions on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from functools import cached_property
from types import MappingProxyType

import networkx as nx

from graph.errors import InvalidQuery, NodeNotFound
from graph.model import CLIMBING_TYPES, Edge, Label, Node, PlanGraph

__all__ = ["EdgeKey", "GraphView"]

EdgeKey = tuple[str, str, str]
"""(source, target, type value): ``Edge.key``."""


class GraphView:
    """Nodes and edges with adjacency indexes; raises ``InvalidQuery`` for a dangling edge.

    Parameters
    ----------
    nodes, edges
        The records, already normalised (see ``graph.questions.answers``). A later record with the same
        id or key replaces an earlier one; merging is the caller's business (``graph.merging``).

    Notes
    -----
    Construction is O(N + E). Lookups by id and adjacency by node are O(1) and O(degree).
    """

    def __init__(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> None:
        self._nodes: dict[str, Node] = {node.id: node for node in nodes}
        self._edges: dict[EdgeKey, Edge] = {edge.key: edge for edge in edges}
        self._by_label: dict[Label, list[str]] = defaultdict(list)
        for node in self._nodes.values():
            self._by_label[node.label].append(node.id)

        for edge in self._edges.values():
            for end in (edge.source, edge.target):
                if end not in self._nodes:
                    raise InvalidQuery(
                        "graph",
                        f"{edge.type.value} edge {edge.source} -> {edge.target} "
                        f"refers to unknown node {end!r}",
                    )
        climbing = {rel.value for rel in CLIMBING_TYPES}
        self._graph = nx.MultiDiGraph()
        self._graph.add_nodes_from(self._nodes)
        self._graph.add_edges_from(self._edges)
        self._hierarchy = nx.MultiDiGraph()
        self._hierarchy.add_edges_from(key for key in self._edges if key[2] in climbing)

    @classmethod
    def from_plan_graph(cls, graph: PlanGraph) -> GraphView:
        """A view of a whole ``PlanGraph`` (records taken as they are)."""
        return cls(graph.nodes, graph.edges)

    # --- records ---------------------------------------------------------------------------

    @property
    def nodes(self) -> Mapping[str, Node]:
        """Nodes by id (read-only)."""
        return MappingProxyType(self._nodes)

    @property
    def edges(self) -> Mapping[EdgeKey, Edge]:
        """Edges by (source, target, type) (read-only)."""
        return MappingProxyType(self._edges)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __len__(self) -> int:
        return len(self._nodes)

    def node(self, node_id: str) -> Node:
        """The node with this id; raises ``NodeNotFound``."""
        try:
            return self._nodes[node_id]
        except (KeyError, TypeError):
            raise NodeNotFound(str(node_id)) from None

    def with_label(self, label: Label) -> list[Node]:
        """Every node of a label, in load order (callers sort)."""
        return [self._nodes[node_id] for node_id in self._by_label.get(label, ())]

    def label_counts(self) -> dict[Label, int]:
        """How many nodes carry each label present."""
        return {label: len(ids) for label, ids in self._by_label.items() if ids}

    # --- adjacency -------------------------------------------------------------------------

    @property
    def graph(self) -> nx.MultiDiGraph:
        """Every edge as adjacency, keyed by type value. Do not mutate."""
        return self._graph

    @property
    def hierarchy(self) -> nx.MultiDiGraph:
        """Only the climbing edges, keyed by type value. Do not mutate."""
        return self._hierarchy

    def out_edges(self, node_id: str, types: Collection[str] | None = None) -> list[Edge]:
        """Edges leaving the node, optionally of some types only (``RelType`` or its value)."""
        return list(self._iter_edges(self._graph.out_edges(node_id, keys=True), types))

    def in_edges(self, node_id: str, types: Collection[str] | None = None) -> list[Edge]:
        """Edges entering the node, optionally of some types only (``RelType`` or its value)."""
        return list(self._iter_edges(self._graph.in_edges(node_id, keys=True), types))

    def _iter_edges(self, triples: Iterable[EdgeKey], types: Collection[str] | None) -> Iterator[Edge]:
        wanted = None if types is None else {str(t) for t in types}
        for key in triples:
            if wanted is None or key[2] in wanted:
                yield self._edges[key]

    def neighbour_ids(self, node_id: str) -> set[str]:
        """Ids one edge away in either direction (the node itself only through a self-loop)."""
        return set(self._graph.successors(node_id)) | set(self._graph.predecessors(node_id))

    # --- derived indexes -------------------------------------------------------------------

    @cached_property
    def goal_climbers(self) -> frozenset[str]:
        """Non-Goal nodes from which some Goal can be reached along climbing edges.

        A ladder walk only enters these nodes (or a Goal, where it stops), so it never explores
        a branch that cannot end at a Goal. One reverse breadth-first search from all Goals.
        """
        goals = set(self._by_label.get(Label.GOAL, ()))
        seen: set[str] = set(goals)
        frontier = [goal for goal in goals if goal in self._hierarchy]
        while frontier:
            nxt: list[str] = []
            for node_id in frontier:
                for parent in self._hierarchy.predecessors(node_id):
                    if parent not in seen:
                        seen.add(parent)
                        nxt.append(parent)
            frontier = nxt
        return frozenset(seen - goals)
