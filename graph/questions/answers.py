"""How answer records are built from graph records, ordered and validated, for every store.

Two stores are interchangeable only if they build the same records from the same facts and
order them the same way. So everything that decides an answer's shape or order lives here, as
small pure functions over ``graph.model`` records: ``NetworkxStore`` calls them on its in-memory
graph, ``Neo4jStore`` can call them on the rows it fetched. Sorting is Python's, i.e. strings
compare by code point; a store that sorts in its engine must agree on every key listed here (for
text outside the Basic Multilingual Plane Java's UTF-16 order differs, so sort in Python when in
doubt).

Normalisation (what a store holds for a loaded record):

- ``mentions`` are deduplicated and sorted by (source, start, end) (``merge_mentions``);
- a property whose value is ``None`` is absent, as in Neo4j, which cannot hold nulls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Protocol, TypeVar

from graph.errors import InvalidQuery
from graph.model import Edge, Label, Mention, Node, PropertyValue, merge_mentions
from graph.results import BASIS_RANK, LadderPath, Neighbour, NodeRef, SearchHit, Step
from graph.store import MAX_DEPTH, MAX_LIMIT

__all__ = [
    "basis_rank",
    "check_depth",
    "check_label",
    "check_limit",
    "check_offset",
    "clean_properties",
    "edge_basis",
    "edge_confidence",
    "edge_reason",
    "edge_shared_terms",
    "edge_sort_key",
    "ladder_path_sort_key",
    "make_step",
    "neighbour_sort_key",
    "node_ref",
    "node_sort_key",
    "normalise_edge",
    "normalise_mentions",
    "normalise_node",
    "search_hit_sort_key",
    "search_rank_key",
    "SEARCH_LABEL_ORDER",
]

_Record = TypeVar("_Record", Node, Edge)


# --- normalisation -------------------------------------------------------------------------


def normalise_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions deduplicated on (source, start, end) and sorted by it: the order stores return.

    Equal to ``merge_mentions([], mentions)``; a list already in strict order is returned as a
    new list without re-sorting (the common case when loading a built graph).
    """
    items = list(mentions)
    keys = [(m.source, m.start, m.end) for m in items]
    if all(a < b for a, b in pairwise(keys)):
        return items
    return merge_mentions([], items)


def clean_properties(properties: Mapping[str, PropertyValue]) -> dict[str, PropertyValue]:
    """Properties without ``None`` values: Neo4j cannot store a null, so neither store keeps one."""
    return {key: value for key, value in properties.items() if value is not None}


def normalise_node(node: Node) -> Node:
    """The node as a store holds it (mentions sorted and deduplicated, no null properties)."""
    return Node(
        id=node.id,
        label=node.label,
        name=node.name,
        properties=clean_properties(node.properties),
        mentions=normalise_mentions(node.mentions),
    )


def normalise_edge(edge: Edge) -> Edge:
    """The edge as a store holds it (mentions sorted and deduplicated, no null properties)."""
    return Edge(
        source=edge.source,
        target=edge.target,
        type=edge.type,
        properties=clean_properties(edge.properties),
        mentions=normalise_mentions(edge.mentions),
    )


# --- records -------------------------------------------------------------------------------


def node_ref(node: Node | NodeRef) -> NodeRef:
    """The node named without its evidence."""
    return NodeRef(id=node.id, label=node.label, name=node.name)


def edge_basis(edge: Edge) -> str | None:
    """The edge's ``basis`` property when it is a string, else ``None``."""
    return edge.basis


def edge_confidence(edge: Edge) -> float | None:
    """The edge's ``confidence`` as a float, ``None`` when absent or not a number.

    ``bool`` is rejected although it is an ``int``: ``True`` is not a confidence.
    """
    value = edge.properties.get("confidence")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def edge_reason(edge: Edge) -> str | None:
    """Why an inferred edge was inferred (the ``reason`` property), ``None`` when absent."""
    value = edge.properties.get("reason")
    return value if isinstance(value, str) else None


def edge_shared_terms(edge: Edge) -> list[str]:
    """The words an inferred cross-document link was inferred from (``shared_terms``), else ``[]``."""
    value = edge.properties.get("shared_terms")
    return [str(term) for term in value] if isinstance(value, list) else []


def make_step(source: Node | NodeRef, target: Node | NodeRef, edge: Edge) -> Step:
    """One walked edge with the evidence that makes it true.

    ``source``/``target`` are the edge's own ends (not the walking direction), so a step reads
    the way the relationship is stored: ``(Indicator)-[:MEASURES]->(CityPositioning)``.
    """
    return Step(
        source=node_ref(source),
        target=node_ref(target),
        type=edge.type,
        basis=edge_basis(edge),
        confidence=edge_confidence(edge),
        reason=edge_reason(edge),
        shared_terms=edge_shared_terms(edge),
        mentions=normalise_mentions(edge.mentions),
    )


# --- orders --------------------------------------------------------------------------------


def basis_rank(basis: str | None) -> int:
    """Position of a basis in ``BASIS_RANK`` (stated 0 … inferred 2); unknown or absent ranks last."""
    if basis is None:
        return len(BASIS_RANK)
    return BASIS_RANK.get(basis, len(BASIS_RANK))


def node_sort_key(node: Node | NodeRef) -> tuple[str, str]:
    """(name, id): the order of node lists, matrix rows and columns."""
    return (node.name, node.id)


def edge_sort_key(edge: Edge) -> tuple[str, str, str]:
    """(source, target, type): the order of edges in exports and subgraphs."""
    return (edge.source, edge.target, edge.type.value)


def neighbour_sort_key(neighbour: Neighbour) -> tuple[str, str, str, str]:
    """(direction, type, node name, node id); ``"in"`` sorts before ``"out"``."""
    return (neighbour.direction, neighbour.type.value, neighbour.node.name, neighbour.node.id)


def ladder_path_sort_key(path: LadderPath) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    """(length, node ids along the path, relationship types along the path).

    The types break the tie ``results.Ladder`` leaves open: two paths through the same nodes
    that differ only in one edge's type (a task that both SUPPORTS and ADVANCES a positioning).
    """
    ids = tuple([path.steps[0].source.id, *(step.target.id for step in path.steps)]) if path.steps else ()
    types = tuple(step.type.value for step in path.steps)
    return (len(path.steps), ids, types)


#: Search ties: the plan's structure and its owners before the many tasks, people and sources.
SEARCH_LABEL_ORDER: tuple[Label, ...] = (
    Label.GOAL,
    Label.CITY_POSITIONING,
    Label.DEPARTMENT,
    Label.TASK_FORCE,
    Label.INDICATOR,
    Label.PLAN,
    Label.TASK,
    Label.REPORTED_FIGURE,
    Label.PERSON,
    Label.SOURCE,
)
_SEARCH_LABEL_RANK = {label: rank for rank, label in enumerate(SEARCH_LABEL_ORDER)}


class Named(Protocol):
    """Anything that names a node: a ``Node``, a ``NodeRef``, a search match."""

    @property
    def id(self) -> str: ...

    @property
    def label(self) -> Label: ...

    @property
    def name(self) -> str: ...


def search_rank_key(score: float, node: Named) -> tuple[float, int, str, str]:
    """(-score, label rank in ``SEARCH_LABEL_ORDER``, name, id): the order of search hits."""
    return (-score, _SEARCH_LABEL_RANK[node.label], node.name, node.id)


def search_hit_sort_key(hit: SearchHit) -> tuple[float, int, str, str]:
    """``search_rank_key`` of a hit."""
    return search_rank_key(hit.score, hit.node)


# --- parameter checks (the same InvalidQuery from both stores) -----------------------------


def check_label(label: Label | str) -> Label:
    """The label as a ``Label``; ``InvalidQuery("label")`` names the valid ones otherwise."""
    try:
        return Label(label)
    except ValueError:
        valid = ", ".join(item.value for item in Label)
        raise InvalidQuery("label", f"unknown label {label!r}; expected one of {valid}") from None


def check_limit(limit: int) -> int:
    """The effective page size: at least 1 (else ``InvalidQuery``), at most ``MAX_LIMIT`` (capped)."""
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise InvalidQuery("limit", f"must be an integer, got {limit!r}")
    if limit < 1:
        raise InvalidQuery("limit", f"must be at least 1, got {limit}")
    return min(limit, MAX_LIMIT)


def check_offset(offset: int) -> int:
    """The offset, which must be a non-negative integer (else ``InvalidQuery``)."""
    if isinstance(offset, bool) or not isinstance(offset, int):
        raise InvalidQuery("offset", f"must be an integer, got {offset!r}")
    if offset < 0:
        raise InvalidQuery("offset", f"must not be negative, got {offset}")
    return offset


def check_depth(depth: int) -> int:
    """A neighbourhood depth in ``0..MAX_DEPTH`` (else ``InvalidQuery``)."""
    if isinstance(depth, bool) or not isinstance(depth, int) or not 0 <= depth <= MAX_DEPTH:
        raise InvalidQuery("depth", f"must be an integer from 0 to {MAX_DEPTH}, got {depth!r}")
    return depth
