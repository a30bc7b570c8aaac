"""Accumulates nodes and edges, merging repeats into one node with several mentions.

A fact stated twice (the 六个城市 article repeats itself) must become one node with two
mentions, and the strongest basis wins when two rules claim the same edge (a department that
both co-drafted a plan and presented a positioning is ``presented``, not ``inferred``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import Edge, Label, Mention, Node, PlanGraph, PropertyValue, RelType, merge_mentions, node_id
from graph.results import BASIS_RANK


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
        existing = self.nodes.get(nid)
        props = {k: v for k, v in properties.items() if v is not None}
        if existing is None:
            self.nodes[nid] = Node(id=nid, label=label, name=name, properties=props, mentions=merge_mentions([], mentions or []))
        else:
            merged = dict(existing.properties)
            for k, v in props.items():
                if isinstance(v, list) and isinstance(merged.get(k), list):
                    merged[k] = sorted(set(merged[k]) | set(v))  # type: ignore[arg-type]
                else:
                    merged.setdefault(k, v)
            self.nodes[nid] = existing.model_copy(
                update={"properties": merged, "mentions": merge_mentions(existing.mentions, mentions or [])}
            )
        return nid

    def edge(
        self,
        source: str,
        target: str,
        type_: RelType,
        mentions: list[Mention] | None = None,
        *,
        basis: str = "stated",
        confidence: float = 1.0,
        **properties: PropertyValue,
    ) -> None:
        """Add an edge; a stronger basis replaces a weaker one, an equal one merges mentions."""
        props: dict[str, PropertyValue] = {"basis": basis, "confidence": round(confidence, 3)}
        props.update({k: v for k, v in properties.items() if v is not None})
        new = Edge(source=source, target=target, type=type_, properties=props, mentions=merge_mentions([], mentions or []))
        key = new.key
        old = self.edges.get(key)
        if old is None:
            self.edges[key] = new
            return
        old_rank, new_rank = BASIS_RANK[str(old.properties["basis"])], BASIS_RANK[basis]
        if new_rank < old_rank:
            self.edges[key] = new
        elif new_rank == old_rank:
            merged = dict(old.properties)
            merged["confidence"] = max(float(old.properties["confidence"]), round(confidence, 3))  # type: ignore[arg-type]
            for k, v in props.items():
                if isinstance(v, list) and isinstance(merged.get(k), list):
                    merged[k] = sorted(set(merged[k]) | set(v))  # type: ignore[arg-type]
                else:
                    merged.setdefault(k, v)
            self.edges[key] = old.model_copy(
                update={"properties": merged, "mentions": merge_mentions(old.mentions, mentions or [])}
            )

    def graph(self) -> PlanGraph:
        """The graph in canonical order, so two builds serialise byte-identically."""
        return PlanGraph(
            nodes=sorted(self.nodes.values(), key=lambda n: n.id),
            edges=sorted(self.edges.values(), key=lambda e: e.key),
        )
