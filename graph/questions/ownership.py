"""Who answers for what: ownership resolution over a ``GraphView``.

An owner is a Department or TaskForce (``OWNER_LABELS``). It answers for a node

- **directly** when it has a RESPONSIBLE_FOR edge to the node (any label of node);
- **by inheritance** when the node is an Indicator that MEASURES a CityPositioning or a Task
  (the task item it is stated under, whose （牵头单位：…）tail names its owners), or a Task that
  SUPPORTS a CityPositioning, and the owner is RESPONSIBLE_FOR that positioning or task.
  ``via`` is that positioning or task and ``path`` is [the RESPONSIBLE_FOR step, the
  MEASURES/SUPPORTS step]. Inheritance is one hop only (a sub-task PART_OF a supporting task
  inherits nothing) and never passes through a Goal: otherwise the leading group, responsible
  for the Goal, would own everything.

``basis`` and ``confidence`` of a direct ownership are those of its RESPONSIBLE_FOR edge (an
edge without them counts as ``"inferred"`` / ``0.0``). An inherited one is only as strong as its
weakest step: the weaker basis and the lower confidence of the RESPONSIBLE_FOR edge and the
MEASURES/SUPPORTS link (``weakest_basis``), so inheritance never strengthens a claim.

``owners_of`` lists every (owner, route) pair, so an owner that is both direct and inherited
appears once per route. ``targets_of`` lists an owner's direct targets plus the *indicators* of
its positionings (``PlanStore.targets_of``: the accountability view of the matrix); tasks that
support its positionings are not listed there although ``owners_of(task)`` names the owner.
The matrix keeps, per (owner, indicator), the strongest route (first in ``ownership_sort_key``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graph.errors import InvalidQuery
from graph.model import Edge, Label, Node, RelType
from graph.questions.answers import (
    basis_rank,
    edge_basis,
    edge_confidence,
    make_step,
    node_ref,
    node_sort_key,
)
from graph.questions.view import GraphView
from graph.results import MatrixCell, NodeRef, Ownership, OwnershipMatrix
from graph.store import OWNER_LABELS

__all__ = [
    "DEFAULT_BASIS",
    "DEFAULT_CONFIDENCE",
    "INHERITED_BY",
    "TARGETS_INHERITED_BY",
    "build_matrix",
    "direct_ownership",
    "inherited_ownership",
    "owners_of",
    "ownership_matrix",
    "ownership_sort_key",
    "sort_ownerships",
    "targets_of",
    "weakest_basis",
]

#: owners_of: a node of this label inherits the owners of the positioning it links to by this type.
INHERITED_BY: Mapping[Label, RelType] = {Label.INDICATOR: RelType.MEASURES, Label.TASK: RelType.SUPPORTS}
#: What an inherited ownership may run through, per link type: a target inherits the owners of
#: the positioning or task it MEASURES; a task those of the positioning it SUPPORTS.
INHERITED_THROUGH: Mapping[RelType, frozenset[Label]] = {
    RelType.MEASURES: frozenset({Label.CITY_POSITIONING, Label.TASK}),
    RelType.SUPPORTS: frozenset({Label.CITY_POSITIONING}),
}
#: targets_of: the positioning's or task's neighbours listed as inherited targets (indicators only).
TARGETS_INHERITED_BY: Mapping[RelType, Label] = {RelType.MEASURES: Label.INDICATOR}

DEFAULT_BASIS = "inferred"
DEFAULT_CONFIDENCE = 0.0


def direct_ownership(owner: Node | NodeRef, target: Node | NodeRef, responsible: Edge) -> Ownership:
    """``owner`` answers for ``target`` through the RESPONSIBLE_FOR edge ``responsible``."""
    return Ownership(
        owner=node_ref(owner),
        target=node_ref(target),
        basis=edge_basis(responsible) or DEFAULT_BASIS,
        confidence=_confidence(responsible),
        via=None,
        path=[make_step(owner, target, responsible)],
    )


def inherited_ownership(
    owner: Node | NodeRef,
    target: Node | NodeRef,
    positioning: Node | NodeRef,
    responsible: Edge,
    link: Edge,
) -> Ownership:
    """``owner`` answers for ``target`` because it is responsible for ``positioning`` (a
    CityPositioning, or the Task a target is stated under).

    ``responsible`` is owner -RESPONSIBLE_FOR-> positioning, ``link`` is
    target -MEASURES|SUPPORTS-> positioning; basis and confidence are the weaker of the two steps'.
    """
    return Ownership(
        owner=node_ref(owner),
        target=node_ref(target),
        basis=weakest_basis(edge_basis(responsible) or DEFAULT_BASIS, edge_basis(link) or DEFAULT_BASIS),
        confidence=min(_confidence(responsible), _confidence(link)),
        via=node_ref(positioning),
        path=[make_step(owner, positioning, responsible), make_step(target, positioning, link)],
    )


def weakest_basis(*bases: str) -> str:
    """The weakest of some bases (``inferred`` < ``presented`` < ``stated``; unknown ranks weakest)."""
    return max(bases, key=basis_rank)


def _confidence(edge: Edge) -> float:
    value = edge_confidence(edge)
    return DEFAULT_CONFIDENCE if value is None else value


def ownership_sort_key(ownership: Ownership) -> tuple[int, float, str, str, str, str, int, str, str]:
    """(basis rank, -confidence, owner name, owner id, target name, target id, route).

    ``results.Ownership`` documents the first six keys; the route (direct before inherited,
    then via name, via id) makes the order total when one owner reaches one target two ways.
    """
    via = ownership.via
    return (
        basis_rank(ownership.basis),
        -ownership.confidence,
        ownership.owner.name,
        ownership.owner.id,
        ownership.target.name,
        ownership.target.id,
        0 if via is None else 1,
        "" if via is None else via.name,
        "" if via is None else via.id,
    )


def sort_ownerships(rows: Iterable[Ownership]) -> list[Ownership]:
    """Ownerships in the documented order (``ownership_sort_key``)."""
    return sorted(rows, key=ownership_sort_key)


def owners_of(view: GraphView, node_id: str) -> list[Ownership]:
    """Every route by which a Department or TaskForce answers for the node.

    Raises ``NodeNotFound``. Any label may be asked; nodes nobody answers for give ``[]``.
    """
    target = view.node(node_id)
    rows: list[Ownership] = []
    for responsible in view.in_edges(node_id, {RelType.RESPONSIBLE_FOR}):
        owner = view.node(responsible.source)
        if owner.label in OWNER_LABELS:
            rows.append(direct_ownership(owner, target, responsible))
    link_type = INHERITED_BY.get(target.label)
    if link_type is not None:
        for link in view.out_edges(node_id, {link_type}):
            positioning = view.node(link.target)
            if positioning.label not in INHERITED_THROUGH[link_type]:
                continue
            for responsible in view.in_edges(positioning.id, {RelType.RESPONSIBLE_FOR}):
                owner = view.node(responsible.source)
                if owner.label in OWNER_LABELS:
                    rows.append(inherited_ownership(owner, target, positioning, responsible, link))
    return sort_ownerships(rows)


def targets_of(view: GraphView, owner_id: str) -> list[Ownership]:
    """Everything an owner answers for: its direct targets and the indicators of its positionings.

    Raises ``NodeNotFound``, and ``InvalidQuery("owner_id")`` when the node is not a Department
    or TaskForce (asking what a task owns is a malformed question, not an empty answer).
    """
    owner = view.node(owner_id)
    if owner.label not in OWNER_LABELS:
        raise InvalidQuery(
            "owner_id", f"{owner_id!r} is a {owner.label.value}, not a Department or TaskForce"
        )
    rows: list[Ownership] = []
    for responsible in view.out_edges(owner_id, {RelType.RESPONSIBLE_FOR}):
        target = view.node(responsible.target)
        rows.append(direct_ownership(owner, target, responsible))
        if target.label not in INHERITED_THROUGH[RelType.MEASURES]:
            continue
        for link_type, source_label in TARGETS_INHERITED_BY.items():
            for link in view.in_edges(target.id, {link_type}):
                inherited = view.node(link.source)
                if inherited.label is source_label:
                    rows.append(inherited_ownership(owner, inherited, target, responsible, link))
    return sort_ownerships(rows)


def build_matrix(
    owners: Iterable[Node | NodeRef],
    targets: Iterable[Node | NodeRef],
    ownerships: Iterable[Ownership],
) -> OwnershipMatrix:
    """The matrix from its rows, columns and any ownerships (extra pairs are ignored).

    Rows and columns are sorted by (name, id); a cell keeps the pair's first ownership in
    ``ownership_sort_key`` order; cells are sorted by (row position, column position).
    """
    owner_refs = sorted((node_ref(o) for o in owners), key=node_sort_key)
    target_refs = sorted((node_ref(t) for t in targets), key=node_sort_key)
    row = {ref.id: i for i, ref in enumerate(owner_refs)}
    column = {ref.id: i for i, ref in enumerate(target_refs)}
    best: dict[tuple[int, int], Ownership] = {}
    for ownership in ownerships:
        position = (row.get(ownership.owner.id), column.get(ownership.target.id))
        if position[0] is None or position[1] is None:
            continue
        cell_key = (position[0], position[1])
        current = best.get(cell_key)
        if current is None or ownership_sort_key(ownership) < ownership_sort_key(current):
            best[cell_key] = ownership
    cells = [
        MatrixCell(
            owner_id=ownership.owner.id,
            target_id=ownership.target.id,
            basis=ownership.basis,
            via=None if ownership.via is None else ownership.via.id,
            via_name=None if ownership.via is None else ownership.via.name,
        )
        for _, ownership in sorted(best.items())
    ]
    return OwnershipMatrix(owners=owner_refs, targets=target_refs, cells=cells)


def ownership_matrix(view: GraphView) -> OwnershipMatrix:
    """Every Department and TaskForce × every Indicator, including empty rows and columns."""
    owners = [node for label in sorted(OWNER_LABELS) for node in view.with_label(label)]
    indicators = view.with_label(Label.INDICATOR)
    ownerships = (row for indicator in indicators for row in owners_of(view, indicator.id))
    return build_matrix(owners, indicators, ownerships)
