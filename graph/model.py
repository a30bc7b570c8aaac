"""The plan graph's vocabulary: labels, relationship types and the typed node/edge records.

Both stores, the API, the exports and the Bloom perspective speak this one vocabulary, so a
label or a relationship type is defined exactly once, here, as an ASCII identifier (Neo4j
conventions: PascalCase labels, UPPER_SNAKE types). Chinese text only ever lives in properties.

Every node and edge carries ``mentions``: where in which source file it was read. The invariant
``original_text[start:end] == text`` holds for every mention, so a researcher can always cite.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Label(StrEnum):
    """Node labels. The value is the Neo4j label."""

    GOAL = "Goal"
    CITY_POSITIONING = "CityPositioning"
    TASK = "Task"
    INDICATOR = "Indicator"
    DEPARTMENT = "Department"
    TASK_FORCE = "TaskForce"
    PERSON = "Person"
    PLAN = "Plan"
    SOURCE = "Source"
    REPORTED_FIGURE = "ReportedFigure"  # an achieved or current figure (not a target)


class RelType(StrEnum):
    """Relationship types. The value is the Neo4j relationship type."""

    REALIZES = "REALIZES"  # CityPositioning -> Goal
    SUPPORTS = "SUPPORTS"  # Task -> CityPositioning
    PART_OF = "PART_OF"  # Task -> Task (sub-task), Task -> Plan (key task of a plan)
    MEASURES = "MEASURES"  # Indicator -> CityPositioning | Goal
    ADVANCES = "ADVANCES"  # Task -> CityPositioning | Goal, inferred across documents
    RESPONSIBLE_FOR = "RESPONSIBLE_FOR"  # Department | TaskForce -> CityPositioning | Indicator | Plan | Goal
    HOLDS_ROLE = "HOLDS_ROLE"  # Person -> Department
    LEADS = "LEADS"  # Person -> TaskForce
    DRAFTED_BY = "DRAFTED_BY"  # Plan -> Department
    BASED_ON = "BASED_ON"  # Plan -> Plan
    IMPLEMENTS = "IMPLEMENTS"  # Plan -> Goal | CityPositioning | Plan
    DESCRIBED_IN = "DESCRIBED_IN"  # Plan | Goal -> Source (the document that publishes it)
    REPORTS_ON = "REPORTS_ON"  # ReportedFigure -> Indicator (a later report's figure for the target)


#: Relationship types a ladder walk climbs (from a task or indicator up to the Goal).
CLIMBING_TYPES: frozenset[RelType] = frozenset(
    {RelType.SUPPORTS, RelType.PART_OF, RelType.REALIZES, RelType.MEASURES, RelType.ADVANCES}
)

Basis = Literal["stated", "presented", "inferred"]
"""How a relationship is known, strongest first (``graph.results.BASIS_RANK`` is this order).

- ``stated``: a sentence says it (市发改委会同开展…工作谋划和推进落实).
- ``presented``: the department's head presented the plan for it at the press conference.
- ``inferred``: the text only implies it; the edge's ``reason`` says why.
"""

Scalar = str | int | float | bool | None
PropertyValue = Scalar | list[str] | list[int] | list[float]


class Mention(BaseModel):
    """One place in one source file where a node or edge was read."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(description="File name of the source document, e.g. 000_59d890921a0e6d8d.txt")
    start: int = Field(ge=0, description="Character offset into the original (decoded) file text")
    end: int = Field(ge=0, description="End offset, exclusive: original[start:end] == text")
    text: str = Field(description="The quoted span, exactly as in the original text")
    sentence: str = Field(description="The whole sentence around the span, as in the original text")
    sentence_start: int = Field(ge=0, description="Offset of the sentence in the original text")


class Node(BaseModel):
    """A node of the plan graph. ``properties`` holds label-specific fields (see README)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    label: Label
    name: str
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    mentions: list[Mention] = Field(default_factory=list)


class Edge(BaseModel):
    """A relationship. Every edge has a ``basis`` and a ``confidence`` in its properties."""

    model_config = ConfigDict(extra="forbid")

    source: str
    target: str
    type: RelType
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    mentions: list[Mention] = Field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of an edge: at most one edge of a type between two nodes."""
        return (self.source, self.target, self.type.value)

    @property
    def basis(self) -> str | None:
        value = self.properties.get("basis")
        return value if isinstance(value, str) else None


class PlanGraph(BaseModel):
    """A whole built graph: what ``plankg build`` writes and what stores load."""

    model_config = ConfigDict(extra="forbid")

    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)

    def node_index(self) -> dict[str, Node]:
        return {node.id: node for node in self.nodes}


_ID_PREFIX: dict[Label, str] = {
    Label.GOAL: "goal",
    Label.CITY_POSITIONING: "pos",
    Label.TASK: "task",
    Label.INDICATOR: "ind",
    Label.DEPARTMENT: "dept",
    Label.TASK_FORCE: "tf",
    Label.PERSON: "person",
    Label.PLAN: "plan",
    Label.SOURCE: "src",
    Label.REPORTED_FIGURE: "fig",
}


def node_id(label: Label, key: str) -> str:
    """A stable, URL-safe id from a label and a canonical key.

    Ids must survive rebuilds (Bloom scenes and API permalinks point at them), so they depend
    only on the label and the canonical key, never on file order or offsets.
    """
    digest = hashlib.sha1(f"{label.value}\x1f{key}".encode("utf-8")).hexdigest()[:12]
    return f"{_ID_PREFIX[label]}-{digest}"


def merge_mentions(existing: list[Mention], extra: list[Mention]) -> list[Mention]:
    """Union of two mention lists, in document order, without duplicates."""
    seen = {(m.source, m.start, m.end) for m in existing}
    merged = list(existing)
    for mention in extra:
        key = (mention.source, mention.start, mention.end)
        if key not in seen:
            seen.add(key)
            merged.append(mention)
    merged.sort(key=lambda m: (m.source, m.start, m.end))
    return merged

