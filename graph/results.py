"""Answer records shared by every store and the API.

The stores are interchangeable only if they answer with the same records in the same order, so
every list here has a documented, total sort order (see each model's docstring) and the contract
suite compares whole answers with ``==``.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from graph.model import Basis, Edge, Label, Mention, Node, PropertyValue, RelType

BASIS_RANK: dict[str, int] = {basis: rank for rank, basis in enumerate(get_args(Basis))}
"""Strength order of bases, ``Basis``'s own order: stated (0) beats presented (1) beats inferred (2).

What the loaders write is typed ``Basis``; the answers' ``basis`` fields stay ``str`` because
they report what a loaded graph file holds, where an unknown basis ranks last
(``graph.questions.answers.basis_rank``) instead of failing the answer."""


class NodeRef(BaseModel):
    """A node named in an answer, without its evidence (ask ``get_node`` for that)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    label: Label
    name: str


class Step(BaseModel):
    """One edge walked in an answer path, with the evidence that makes it true."""

    model_config = ConfigDict(extra="forbid")

    source: NodeRef
    target: NodeRef
    type: RelType
    basis: str | None = None
    confidence: float | None = None
    reason: str | None = None
    shared_terms: list[str] = Field(
        default_factory=list,
        description="For a link inferred across documents (ADVANCES): the words it was inferred from",
    )
    mentions: list[Mention] = Field(default_factory=list)


class Neighbour(BaseModel):
    """A node next to the asked one. ``direction`` is ``out`` when the asked node is the source.

    Sorted by (direction, type, node name, node id).
    """

    model_config = ConfigDict(extra="forbid")

    direction: str
    type: RelType
    node: NodeRef
    properties: dict[str, PropertyValue] = Field(default_factory=dict)


class NodeDetail(BaseModel):
    model_config = ConfigDict(extra="forbid")

    node: Node
    neighbours: list[Neighbour] = Field(default_factory=list)


class NodePage(BaseModel):
    """One page of a node list, sorted by (name, id)."""

    model_config = ConfigDict(extra="forbid")

    items: list[Node]
    total: int
    limit: int
    offset: int


class Ownership(BaseModel):
    """Why ``owner`` answers for ``target``.

    ``path`` starts with the RESPONSIBLE_FOR edge; when the ownership is inherited through a
    positioning (an indicator MEASURES a positioning the department is responsible for), the
    second step is that MEASURES/SUPPORTS edge and ``via`` names the positioning. ``basis`` and
    ``confidence`` are those of the RESPONSIBLE_FOR edge: inheritance never strengthens a claim.

    Sorted by (basis rank, -confidence, owner name, owner id, target name, target id).
    """

    model_config = ConfigDict(extra="forbid")

    owner: NodeRef
    target: NodeRef
    basis: str
    confidence: float
    via: NodeRef | None = None
    path: list[Step]


class LadderPath(BaseModel):
    """One way up from a node to a Goal; ``steps[0].source`` is the asked node."""

    model_config = ConfigDict(extra="forbid")

    steps: list[Step]


class Ladder(BaseModel):
    """Every simple path from ``start`` up to a Goal along the climbing relationship types.

    Paths are sorted by (length, the sequence of node ids along the path).
    """

    model_config = ConfigDict(extra="forbid")

    start: NodeRef
    paths: list[LadderPath]


class MatrixCell(BaseModel):
    model_config = ConfigDict(extra="forbid")

    owner_id: str
    target_id: str
    basis: str
    via: str | None = Field(default=None, description="The positioning's id when the ownership is inherited")
    via_name: str | None = Field(default=None, description="The positioning's name when the ownership is inherited")


class OwnershipMatrix(BaseModel):
    """Owners (departments and task forces, sorted by name, id) × indicators (sorted by name, id).

    A cell holds the strongest ownership of that pair; cells are sorted by (owner, target)
    position in the row and column lists.
    """

    model_config = ConfigDict(extra="forbid")

    owners: list[NodeRef]
    targets: list[NodeRef]
    cells: list[MatrixCell]


class Snippet(BaseModel):
    """Where a hit matched: the name, or a window of the first evidence sentence that matches.

    ``text[start:end]`` is the matched span (the query phrase when it matched, else the first
    matched token), so a client can highlight it without searching again.
    """

    model_config = ConfigDict(extra="forbid")

    text: str
    start: int
    end: int


class SearchHit(BaseModel):
    """A search result. Sorted by (-score, label rank, name, id) (``graph.questions.search``).

    ``matched_in`` is ``name`` when the query phrase or a token is in the node's name, else
    ``evidence``: a department named 海洋发展局 and a task whose sentence mentions it look apart.
    """

    model_config = ConfigDict(extra="forbid")

    node: NodeRef
    score: float
    matched: list[str] = Field(default_factory=list)
    matched_in: Literal["name", "evidence"]
    snippet: Snippet


class SearchPage(BaseModel):
    """One page of search hits: ``total`` hits in all, ``items`` from ``offset``."""

    model_config = ConfigDict(extra="forbid")

    items: list[SearchHit]
    total: int
    limit: int
    offset: int


class Subgraph(BaseModel):
    """A node-link neighbourhood, nodes sorted by id, edges by (source, target, type)."""

    model_config = ConfigDict(extra="forbid")

    focus: str
    depth: int
    nodes: list[Node]
    edges: list[Edge]


class Counts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nodes: dict[str, int]
    relationships: dict[str, int]


class LoadReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    store: str
    nodes_written: int
    relationships_written: int
    replaced_sources: list[str] = Field(default_factory=list)
    counts: Counts


Status = Literal["met", "on_track", "behind", "missed", "too_early", "no_data", "not_assessed"]
"""A target's progress status (the rule is ``graph.questions.progress``'s)."""


class ReportedPoint(BaseModel):
    """One reported figure of a target, read in the target's base unit, with its sentence."""

    model_config = ConfigDict(extra="forbid")

    figure: NodeRef
    year: int
    value: str = Field(description="As written in the report, e.g. 3087")
    unit: str | None = Field(default=None, description="As written, e.g. 万标箱")
    comparable_value: float = Field(description="The value in the target's base unit")
    basis: str | None = None
    shared_terms: list[str] = Field(default_factory=list)
    reason: str | None = None
    source: str | None = None
    sentence: str | None = None
    mentions: list[Mention] = Field(default_factory=list, description="The figure's mentions")


class IndicatorProgress(BaseModel):
    """A target, its reported figures in year order, and its status."""

    model_config = ConfigDict(extra="forbid")

    indicator: NodeRef
    target_value: float | None = Field(default=None, description="The target in its base unit")
    target_unit: str | None = None
    target_year: int | None = None
    bound: Literal["lower", "upper"] | None = None
    status: Status
    latest: ReportedPoint | None = None
    share: float | None = Field(default=None, description="latest / target (lower bounds), 4 decimals")
    holds: bool | None = Field(default=None, description="latest ≤ target (upper bounds)")
    expected: float | None = Field(default=None, description="The linear path's value in the latest year")
    figures: list[ReportedPoint] = Field(default_factory=list)
    positionings: list[NodeRef] = Field(default_factory=list)


class ProgressGroup(BaseModel):
    """How many targets of one positioning (or owner) are in each status."""

    model_config = ConfigDict(extra="forbid")

    node: NodeRef
    counts: dict[str, int]
    indicators: list[NodeRef]


class ProgressOverview(BaseModel):
    """Status counts over every target, per positioning and per owner (sorted by name, id)."""

    model_config = ConfigDict(extra="forbid")

    statuses: list[str]
    totals: dict[str, int]
    positionings: list[ProgressGroup]
    owners: list[ProgressGroup]


class ProgressSummary(BaseModel):
    """An indicator's progress in one row: what the indicators list adds to each item."""

    model_config = ConfigDict(extra="forbid")

    status: Status
    share: float | None = None
    holds: bool | None = None
    latest_year: int | None = None
    latest_value: str | None = None
    latest_unit: str | None = None
    figures: int = 0
