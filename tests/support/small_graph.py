"""A small hand-made plan graph and the builders of its nodes and edges, for store-level tests.

A goal, two positionings, a task, an indicator and an owner, cited by two sources (``A``, ``B``)
so that loads which replace one source can be checked.
"""

from __future__ import annotations

from typing import Any

from graph.model import Edge, Label, Mention, Node, PlanGraph, RelType

A, B = "a.txt", "b.txt"


def mention(source: str, start: int, text: str) -> Mention:
    return Mention(
        source=source, start=start, end=start + len(text), text=text,
        sentence=f"……{text}……", sentence_start=max(0, start - 2),
    )


def node(node_id: str, label: Label, name: str, *sources: str, **properties: Any) -> Node:
    return Node(
        id=node_id,
        label=label,
        name=name,
        properties=properties,
        mentions=[mention(source, 10 * i, name) for i, source in enumerate(sources)],
    )


def edge(source: str, target: str, rel: RelType, *sources: str, **properties: Any) -> Edge:
    return Edge(
        source=source,
        target=target,
        type=rel,
        properties={"basis": "stated", "confidence": 0.9, **properties},
        mentions=[mention(s, 100 + 10 * i, f"{source}->{target}") for i, s in enumerate(sources)],
    )


def small_graph() -> PlanGraph:
    """A goal, two positionings, a task, an indicator and an owner, cited by a.txt and b.txt."""
    return PlanGraph(
        nodes=[
            node("goal", Label.GOAL, "建设现代化国际大都市", A, B),
            node("pos-sea", Label.CITY_POSITIONING, "引领型现代海洋城市", A, B),
            node("pos-gate", Label.CITY_POSITIONING, "国际门户枢纽城市", B),
            node("task-port", Label.TASK, "世界一流海港建设", A),
            node("ind-teu", Label.INDICATOR, "集装箱吞吐量", A, target_year=2026, value=2800, unit="万标箱"),
            node("dept-ocean", Label.DEPARTMENT, "市海洋发展局", A, B),
        ],
        edges=[
            edge("pos-sea", "goal", RelType.REALIZES, A),
            edge("pos-gate", "goal", RelType.REALIZES, B),
            edge("task-port", "pos-sea", RelType.SUPPORTS, A),
            edge("ind-teu", "pos-sea", RelType.MEASURES, A),
            edge("dept-ocean", "pos-sea", RelType.RESPONSIBLE_FOR, A, B),
        ],
    )
