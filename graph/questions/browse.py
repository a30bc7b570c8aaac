"""Browsing questions over a ``GraphView``: a node, a page of nodes, a neighbourhood, counts.

Semantics both stores share (beyond the docstrings of ``graph.store``):

- ``node_detail``: neighbours are every edge touching the node, ``"out"`` when the node is the
  edge's source, ``"in"`` when it is the target (a self-loop gives one of each); ``properties``
  are the edge's.
- ``list_nodes``: ``positioning`` must be the id of a CityPositioning (``NodeNotFound`` for an
  unknown id, ``InvalidQuery("positioning")`` for another label) and keeps the positioning itself
  and nodes joined to it by an edge of any type in either direction; ``year`` keeps nodes whose
  ``target_year`` property equals it (only indicators carry one); ``q`` keeps names containing it
  (case-sensitive substring). Filters combine with AND. ``total`` counts the filtered nodes
  before paging; ``limit`` is capped at ``MAX_LIMIT`` and the page reports the capped value.
- ``neighbourhood``: nodes within ``depth`` edges ignoring direction, and every edge whose two
  ends are among them (the induced subgraph), not only the edges walked.
- ``counts``: every ``Label`` and every ``RelType`` appears, absent ones with 0.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from graph.errors import InvalidQuery
from graph.model import Edge, Label, PlanGraph, RelType
from graph.questions.answers import (
    check_depth,
    check_label,
    check_limit,
    check_offset,
    edge_sort_key,
    neighbour_sort_key,
    node_ref,
    node_sort_key,
)
from graph.questions.view import GraphView
from graph.results import Counts, Neighbour, NodeDetail, NodePage, Subgraph

__all__ = [
    "check_list_filters",
    "counts",
    "export_graph",
    "list_nodes",
    "neighbourhood",
    "node_detail",
]


def node_detail(view: GraphView, node_id: str) -> NodeDetail:
    """The node with its mentions and its neighbours. Raises ``NodeNotFound``."""
    node = view.node(node_id)
    neighbours = [_neighbour(view, edge, "out") for edge in view.out_edges(node_id)]
    neighbours += [_neighbour(view, edge, "in") for edge in view.in_edges(node_id)]
    neighbours.sort(key=neighbour_sort_key)
    return NodeDetail(node=node, neighbours=neighbours)


def _neighbour(view: GraphView, edge: Edge, direction: Literal["in", "out"]) -> Neighbour:
    """The far end of ``edge`` as a neighbour of its source (``"out"``) or of its target (``"in"``)."""
    other = edge.target if direction == "out" else edge.source
    return Neighbour(
        direction=direction,
        type=edge.type,
        node=node_ref(view.node(other)),
        properties=dict(edge.properties),
    )


def list_nodes(
    view: GraphView,
    label: Label | str,
    *,
    positioning: str | None = None,
    year: int | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> NodePage:
    """One page of the nodes of a label that pass every filter, sorted by (name, id)."""
    wanted_label, limit, offset = check_list_filters(
        label, positioning, year, limit, offset, label_of=lambda node_id: view.node(node_id).label
    )
    near = None if positioning is None else view.neighbour_ids(positioning) | {positioning}

    selected = [
        node
        for node in view.with_label(wanted_label)
        if (near is None or node.id in near)
        and (year is None or _same_year(node.properties.get("target_year"), year))
        and (q is None or q in node.name)
    ]
    selected.sort(key=node_sort_key)
    return NodePage(items=selected[offset : offset + limit], total=len(selected), limit=limit, offset=offset)


def check_list_filters(
    label: Label | str,
    positioning: str | None,
    year: int | None,
    limit: int,
    offset: int,
    *,
    label_of: Callable[[str], Label],
) -> tuple[Label, int, int]:
    """Check ``list_nodes``' arguments the same way in both stores: (label, capped limit, offset).

    Checked in this order, so both stores name the same first error: the label, the page, then
    ``positioning`` (``label_of`` looks its label up in the store, raising ``NodeNotFound`` for an
    unknown id; another label than CityPositioning is an ``InvalidQuery``), then ``year``.
    """
    wanted_label = check_label(label)
    limit = check_limit(limit)
    offset = check_offset(offset)
    if positioning is not None:
        anchor_label = label_of(positioning)
        if anchor_label is not Label.CITY_POSITIONING:
            raise InvalidQuery("positioning", f"{positioning!r} is a {anchor_label.value}, not a CityPositioning")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise InvalidQuery("year", f"must be an integer, got {year!r}")
    return wanted_label, limit, offset


def _same_year(value: object, year: int) -> bool:
    """``target_year == year`` for integer-valued years only (``True`` is not 1, ``"2026"`` not 2026)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and value == year


def neighbourhood(view: GraphView, node_id: str, depth: int = 1) -> Subgraph:
    """The induced subgraph on nodes within ``depth`` undirected hops of ``node_id``.

    Raises ``NodeNotFound`` and ``InvalidQuery("depth")`` (outside ``0..MAX_DEPTH``).
    Breadth-first: O(size of the neighbourhood).
    """
    view.node(node_id)
    depth = check_depth(depth)
    seen = {node_id}
    frontier = [node_id]
    for _ in range(depth):
        nxt: list[str] = []
        for current in frontier:
            for other in view.neighbour_ids(current):
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    edges = [edge for member in seen for edge in view.out_edges(member) if edge.target in seen]
    edges.sort(key=edge_sort_key)
    nodes = sorted((view.node(member) for member in seen), key=lambda n: n.id)
    return Subgraph(focus=node_id, depth=depth, nodes=nodes, edges=edges)


def counts(view: GraphView) -> Counts:
    """Nodes per label and relationships per type, every label and type listed (0 if absent)."""
    by_label = view.label_counts()
    by_type = {rel: 0 for rel in RelType}
    for edge in view.edges.values():
        by_type[edge.type] += 1
    return Counts(
        nodes={label.value: by_label.get(label, 0) for label in Label},
        relationships={rel.value: n for rel, n in by_type.items()},
    )


def export_graph(view: GraphView) -> PlanGraph:
    """The whole graph, nodes sorted by id, edges by (source, target, type)."""
    return PlanGraph(
        nodes=sorted(view.nodes.values(), key=lambda n: n.id),
        edges=sorted(view.edges.values(), key=edge_sort_key),
    )
