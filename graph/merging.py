"""What loading a graph into a store does to the facts already there.

Both stores implement ``PlanStore.load`` with these semantics (``NetworkxStore`` by calling the
functions, ``Neo4jStore`` in Cypher):

1. **Withdraw** (only with ``replace_sources``): every mention from those sources is removed
   from every node and edge. A node or edge that had at least one such mention and has none
   left is deleted; deleting a node deletes its edges. Records that never had mentions are
   left alone.
2. **Merge** each incoming record (normalised: mentions sorted and deduplicated, null
   properties dropped):

   - a new id / edge key is added;
   - an existing one keeps the union of both mention lists (``merge_mentions``); its
     properties are the old ones updated with the new ones, key by key (Cypher's
     ``SET n += $props``: a newer value wins, a key only the old record has is kept, a key the
     newer record sets to ``None`` is removed); its ``name`` is the newer one;
   - a node id already held under another label is refused (``InvalidQuery("graph")``).

3. **Check**: every edge's ends exist after the merge, else ``InvalidQuery("graph")`` and
   nothing changes (the functions here return new dicts; the caller swaps them in only when all
   steps succeeded).

Loading the same graph twice is therefore a no-op the second time.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from graph.answers import clean_properties, normalise_edge, normalise_node
from graph.errors import InvalidQuery
from graph.model import Edge, Node, PlanGraph, PropertyValue, merge_mentions
from graph.view import EdgeKey

__all__ = ["merge_graph", "merge_properties", "withdraw_sources"]


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
    old: Mapping[str, PropertyValue], new: Mapping[str, PropertyValue]
) -> dict[str, PropertyValue]:
    """``old`` updated with ``new`` key by key; a ``None`` in ``new`` removes the key."""
    merged = dict(old)
    merged.update(new)
    return clean_properties(merged)


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
        merged_nodes[incoming.id] = Node(
            id=current.id,
            label=current.label,
            name=incoming.name,
            properties=merge_properties(current.properties, incoming.properties),
            mentions=merge_mentions(current.mentions, incoming.mentions),
        )

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
        merged_edges[key] = Edge(
            source=current_edge.source,
            target=current_edge.target,
            type=current_edge.type,
            properties=merge_properties(current_edge.properties, incoming_edge.properties),
            mentions=merge_mentions(current_edge.mentions, incoming_edge.mentions),
        )
    return merged_nodes, merged_edges
