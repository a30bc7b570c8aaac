"""What loading a graph into a store does to the facts already there.

Both stores implement ``PlanStore.load`` with these semantics (``NetworkxStore`` by calling the
functions, ``Neo4jStore`` in Cypher):

1. **Withdraw** (only with ``replace_sources``): every mention from those sources is removed
   from every node and edge. A node or edge that had at least one such mention and has none
   left is deleted; deleting a node deletes its edges. Records that never had mentions are
   left alone.
2. **Merge** each incoming record (normalised: mentions sorted and deduplicated, null
   properties dropped) with ``merge_nodes`` / ``merge_edges``, the one merge rule the loaders'
   ``GraphBuilder`` uses too, so a graph never depends on the order facts arrive in:

   - a new id / edge key is added;
   - two edges: the **stronger basis wins** (stated > presented > inferred) and keeps its own
     evidence: its properties, and the mentions of every record of that basis (equal bases
     unite their mentions; a weaker record's mentions are not evidence for a stronger claim);
     between equal bases the higher confidence leads;
   - two nodes: mentions are united; the name and every property both records set come from
     the record that leads (the one first cited: its earliest mention, then its properties),
     lists are united;
   - so merging A then B, B then A, or building both at once give the same records;
   - a node id already held under another label is refused (``InvalidQuery("graph")``).

3. **Check**: every edge's ends exist after the merge, else ``InvalidQuery("graph")`` and
   nothing changes (the functions here return new dicts; the caller swaps them in only when all
   steps succeeded).

Loading the same graph twice is therefore a no-op the second time.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence

from graph.errors import InvalidQuery
from graph.model import Edge, Mention, Node, PlanGraph, PropertyValue, merge_mentions
from graph.questions.answers import (
    basis_rank,
    clean_properties,
    normalise_edge,
    normalise_node,
)
from graph.questions.view import EdgeKey

__all__ = [
    "merge_edges",
    "merge_graph",
    "merge_nodes",
    "merge_properties",
    "source_list",
    "withdraw_sources",
]


def source_list(replace_sources: Sequence[str]) -> list[str]:
    """The sources a load withdraws, sorted and unique, as both stores report them.

    One string is refused (``InvalidQuery``): iterating it would withdraw single characters.
    """
    if isinstance(replace_sources, str):
        raise InvalidQuery("replace_sources", "expected a list of source file names, not one string")
    return sorted(set(replace_sources))


def withdraw_sources(
    nodes: Mapping[str, Node],
    edges: Mapping[EdgeKey, Edge],
    sources: Collection[str],
) -> tuple[dict[str, Node], dict[EdgeKey, Edge]]:
    """The records after removing every mention from ``sources`` (step 1 above).

    Returns new dicts; the inputs are not changed. O(N + E + mentions).
    """
    wanted = set(sources)
    if not wanted:
        return dict(nodes), dict(edges)

    kept_nodes: dict[str, Node] = {}
    for node_id, node in nodes.items():
        remaining = [m for m in node.mentions if m.source not in wanted]
        if len(remaining) == len(node.mentions):
            kept_nodes[node_id] = node
        elif remaining:
            kept_nodes[node_id] = node.model_copy(update={"mentions": remaining})

    kept_edges: dict[EdgeKey, Edge] = {}
    for key, edge in edges.items():
        if edge.source not in kept_nodes or edge.target not in kept_nodes:
            continue
        remaining = [m for m in edge.mentions if m.source not in wanted]
        if len(remaining) == len(edge.mentions):
            kept_edges[key] = edge
        elif remaining:
            kept_edges[key] = edge.model_copy(update={"mentions": remaining})
    return kept_nodes, kept_edges


def merge_properties(
    leading: Mapping[str, PropertyValue], other: Mapping[str, PropertyValue]
) -> dict[str, PropertyValue]:
    """Both records' properties: a scalar both set from ``leading``; lists united, ``leading``'s
    items first in their order (a heading path keeps its order), then the other's new ones."""
    merged = dict(other)
    for key, value in leading.items():
        theirs = merged.get(key)
        if isinstance(value, list) and isinstance(theirs, list):
            merged[key] = list(value) + [item for item in theirs if item not in value]  # type: ignore[operator]
        else:
            merged[key] = value
    return clean_properties(merged)


def _canonical(properties: Mapping[str, PropertyValue]) -> str:
    return json.dumps(properties, ensure_ascii=False, sort_keys=True, default=str)


def _first_cited(mentions: list[Mention]) -> tuple[str, int, int]:
    return min(((m.source, m.start, m.end) for m in mentions), default=("\uffff", 0, 0))


def merge_nodes(a: Node, b: Node) -> Node:
    """One node from two records of the same id (see the module docstring); order-free."""
    if a.label != b.label:
        raise InvalidQuery("graph", f"node {a.id!r} is a {a.label.value} and a {b.label.value}")
    lead, other = sorted((a, b), key=lambda n: (_first_cited(n.mentions), n.name, _canonical(n.properties)))
    return Node(
        id=lead.id,
        label=lead.label,
        name=lead.name,
        properties=merge_properties(lead.properties, other.properties),
        mentions=merge_mentions(lead.mentions, other.mentions),
    )


def _edge_rank(edge: Edge) -> tuple[int, float, tuple[str, int, int], str]:
    confidence = edge.properties.get("confidence")
    strength = float(confidence) if isinstance(confidence, int | float) and not isinstance(confidence, bool) else 0.0
    return (basis_rank(edge.basis), -strength, _first_cited(edge.mentions), _canonical(edge.properties))


def merge_edges(a: Edge, b: Edge) -> Edge:
    """One edge from two records of the same key (see the module docstring); order-free."""
    lead, other = sorted((a, b), key=_edge_rank)
    if basis_rank(lead.basis) != basis_rank(other.basis):
        return normalise_edge(lead)  # the stronger claim keeps its own evidence only
    return Edge(
        source=lead.source,
        target=lead.target,
        type=lead.type,
        properties=merge_properties(lead.properties, other.properties),
        mentions=merge_mentions(lead.mentions, other.mentions),
    )


def merge_graph(
    nodes: Mapping[str, Node],
    edges: Mapping[EdgeKey, Edge],
    graph: PlanGraph,
) -> tuple[dict[str, Node], dict[EdgeKey, Edge]]:
    """The records after merging ``graph`` into them (steps 2 and 3 above).

    Returns new dicts; the inputs are not changed. Raises ``InvalidQuery("graph")`` for a node
    id held under another label or an edge whose ends do not exist after the merge.
    """
    merged_nodes = dict(nodes)
    for incoming in graph.nodes:
        current = merged_nodes.get(incoming.id)
        if current is None:
            merged_nodes[incoming.id] = normalise_node(incoming)
            continue
        if current.label != incoming.label:
            raise InvalidQuery(
                "graph",
                f"node {incoming.id!r} is a {current.label.value} in the store but a "
                f"{incoming.label.value} in the loaded graph",
            )
        merged_nodes[incoming.id] = merge_nodes(current, normalise_node(incoming))

    merged_edges = dict(edges)
    for incoming_edge in graph.edges:
        for end in (incoming_edge.source, incoming_edge.target):
            if end not in merged_nodes:
                raise InvalidQuery(
                    "graph",
                    f"{incoming_edge.type.value} edge {incoming_edge.source} -> {incoming_edge.target} "
                    f"refers to unknown node {end!r}",
                )
        key = incoming_edge.key
        current_edge = merged_edges.get(key)
        if current_edge is None:
            merged_edges[key] = normalise_edge(incoming_edge)
            continue
        merged_edges[key] = merge_edges(current_edge, normalise_edge(incoming_edge))
    return merged_nodes, merged_edges
