"""The evidence table: one row per quantitative target × owner, with the sentence that states it.

What a researcher hands a colleague: every Indicator (目标值) with its city, the positioning it
measures, value, unit, year, comparator and hedge, each department or task force answering for
it (``basis``, and ``via`` the positioning when the ownership is inherited), and where the
target is written (source file, character offsets, the sentence). An indicator nobody answers
for still has one row, with the owner columns empty, so no target is lost from the table.

Rows come in document order (source file, offset of the target's first mention), then owners in
ownership order (strongest basis first, ``graph.questions.ownership.ownership_sort_key``); an owner reaching
a target two ways (directly and through a positioning) keeps its strongest route only.

Used by ``plankg export --format evidence`` (CSV and JSON files) and ``GET /evidence``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from graph.model import Label, Node, RelType
from graph.questions.answers import normalise_mentions
from graph.questions.ownership import owners_of
from graph.questions.view import GraphView
from graph.results import Ownership
from graph.store import PlanStore

__all__ = ["EVIDENCE_COLUMNS", "EvidenceRow", "evidence_rows", "evidence_table", "store_evidence"]


class EvidenceRow(BaseModel):
    """One target × owner. Absent values (no hedge, no owner, a direct ownership's ``via``) are null."""

    model_config = ConfigDict(extra="forbid")

    city: str | None = None
    positioning: str | None = None
    target: str
    value: str | None = None
    unit: str | None = None
    year: int | None = None
    comparator: str | None = None
    hedge: str | None = None
    owner: str | None = None
    basis: str | None = None
    via: str | None = None
    source: str | None = None
    start: int | None = None
    end: int | None = None
    sentence: str | None = None
    target_id: str
    owner_id: str | None = None


#: Column order of the CSV (the model's field order).
EVIDENCE_COLUMNS: tuple[str, ...] = tuple(EvidenceRow.model_fields)


def _text(node: Node, key: str) -> str | None:
    value = node.properties.get(key)
    return None if value is None else str(value)


def _year(node: Node) -> int | None:
    value = node.properties.get("target_year")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _strongest_per_owner(ownerships: list[Ownership]) -> list[Ownership]:
    """The first (strongest) route of each owner, keeping ownership order."""
    seen: set[str] = set()
    kept = []
    for ownership in ownerships:
        if ownership.owner.id not in seen:
            seen.add(ownership.owner.id)
            kept.append(ownership)
    return kept


def _rows_of(view: GraphView, target: Node) -> list[EvidenceRow]:
    positionings = sorted(
        view.node(edge.target).name
        for edge in view.out_edges(target.id, {RelType.MEASURES})
        if view.node(edge.target).label is Label.CITY_POSITIONING
    )
    mentions = normalise_mentions(target.mentions)
    first = mentions[0] if mentions else None
    common = {
        "city": _text(target, "city"),
        "positioning": "；".join(positionings) or None,
        "target": target.name,
        "value": _text(target, "value"),
        "unit": _text(target, "unit"),
        "year": _year(target),
        "comparator": _text(target, "comparator"),
        "hedge": _text(target, "hedge"),
        "source": first.source if first else None,
        "start": first.start if first else None,
        "end": first.end if first else None,
        "sentence": first.sentence if first else None,
        "target_id": target.id,
    }
    owners = _strongest_per_owner(owners_of(view, target.id))
    if not owners:
        return [EvidenceRow(**common, owner=None, basis=None, via=None, owner_id=None)]
    return [
        EvidenceRow(
            **common,
            owner=row.owner.name,
            basis=row.basis,
            via=None if row.via is None else row.via.name,
            owner_id=row.owner.id,
        )
        for row in owners
    ]


def _document_order(node: Node) -> tuple[str, int, str, str]:
    mentions = normalise_mentions(node.mentions)
    if not mentions:
        return ("\uffff", 0, node.name, node.id)
    return (mentions[0].source, mentions[0].start, node.name, node.id)


def evidence_rows(view: GraphView) -> list[EvidenceRow]:
    """Every Indicator × owner of the graph, in document order (see the module docstring)."""
    targets = sorted(view.with_label(Label.INDICATOR), key=_document_order)
    return [row for target in targets for row in _rows_of(view, target)]


def evidence_table(rows: list[EvidenceRow]) -> tuple[list[str], list[list[object]]]:
    """The rows as a header and cell lists, for a CSV writer."""
    return list(EVIDENCE_COLUMNS), [[getattr(row, column) for column in EVIDENCE_COLUMNS] for row in rows]


def store_evidence(store: PlanStore) -> list[EvidenceRow]:
    """The evidence rows of a store's graph: on its in-memory view when it keeps one (the
    embedded store), else on the whole exported graph (one read; the table covers every target)."""
    view = getattr(store, "view", None)
    if not isinstance(view, GraphView):
        view = GraphView.from_plan_graph(store.export_graph())
    return evidence_rows(view)
