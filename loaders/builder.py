"""Accumulates nodes and edges, merging repeats into one node with several mentions.

A fact stated twice (the 六个城市 article repeats itself) must become one node with two
mentions, and the strongest basis wins when two rules claim the same edge (a department that
both co-drafted a plan and presented a positioning is ``presented``, not ``inferred``). The
merge rule is ``graph.merging``'s, the one the stores apply on load, so a graph is the same
whatever order its facts arrive in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.merging import merge_edges, merge_nodes
from graph.model import (
    Basis,
    Edge,
    Label,
    Mention,
    Node,
    PlanGraph,
    PropertyValue,
    RelType,
    merge_mentions,
    node_id,
)


@dataclass
class GraphBuilder:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)

    def node(
        self,
        label: Label,
        key: str,
        name: str,
        mentions: list[Mention] | None = None,
        **properties: PropertyValue,
    ) -> str:
        """Add or merge a node identified by (label, key); return its id."""
        nid = node_id(label, key)
        props = {k: v for k, v in properties.items() if v is not None}
        new = Node(id=nid, label=label, name=name, properties=props, mentions=merge_mentions([], mentions or []))
        existing = self.nodes.get(nid)
        self.nodes[nid] = new if existing is None else merge_nodes(existing, new)
        return nid

    def edge(
        self,
        source: str,
        target: str,
        type_: RelType,
        mentions: list[Mention] | None = None,
        *,
        basis: Basis = "stated",
        confidence: float = 1.0,
        **properties: PropertyValue,
    ) -> None:
        """Add an edge, or merge it with the one of the same key (``graph.merging.merge_edges``)."""
        props: dict[str, PropertyValue] = {"basis": basis, "confidence": round(confidence, 3)}
        props.update({k: v for k, v in properties.items() if v is not None})
        new = Edge(source=source, target=target, type=type_, properties=props, mentions=merge_mentions([], mentions or []))
        old = self.edges.get(new.key)
        self.edges[new.key] = new if old is None else merge_edges(old, new)

    def graph(self) -> PlanGraph:
        """The graph in canonical order, so two builds serialise byte-identically."""
        return PlanGraph(
            nodes=sorted(self.nodes.values(), key=lambda n: n.id),
            edges=sorted(self.edges.values(), key=lambda e: e.key),
        )
