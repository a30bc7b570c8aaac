"""Is a target on track? The status of an indicator from the figures later reports give for it.

One pure function over a ``GraphView``, so both stores answer alike: ``NetworkxStore`` hands it
the whole graph, ``Neo4jStore`` the indicator, its REPORTS_ON figures and its positionings it
fetched. The rule (also in the README, "Progress"):

- the target's **bound** comes from its comparator and hedge: 达到/超过/突破/提高到/不低于 (or
  以上) is a lower bound, 控制在/不超过 (or 以内) an upper bound; a rank (前5位) or a change
  (年均增长) is not assessed;
- a figure is read in the target's base unit (the REPORTS_ON edge's ``comparable_value``);
- lower bound: ``share`` = latest / target. ``met`` when latest ≥ target; else ``missed`` when
  the latest figure is of the target year or later; else, with figures of at least two years,
  the linear path from the earliest figure (y0, v0) to (target year T, target) expects
  ``v0 + (target − v0) · (y − y0) / (T − y0)`` in the latest year y: ``on_track`` when latest ≥
  expected, ``behind`` otherwise; with one year only there is no path yet: ``too_early``;
- upper bound: ``holds`` = latest ≤ target; before the target year ``on_track`` / ``behind``,
  from it on ``met`` / ``missed``;
- no figure: ``no_data``. Nothing is ever guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from graph.errors import InvalidQuery, NodeNotFound
from graph.model import Edge, Label, Node, RelType
from graph.questions.answers import node_ref, node_sort_key, normalise_mentions
from graph.questions.view import GraphView
from graph.results import (
    IndicatorProgress,
    NodeRef,
    OwnershipMatrix,
    ProgressGroup,
    ProgressOverview,
    ProgressSummary,
    ReportedPoint,
    Status,
)

#: Every status, in the order the overview counts them.
STATUSES: tuple[Status, ...] = ("met", "on_track", "behind", "missed", "too_early", "no_data", "not_assessed")

LOWER_COMPARATORS = frozenset({"达到", "超过", "突破", "提高到", "不低于", "增至", "力争"})
UPPER_COMPARATORS = frozenset({"控制在", "不超过", "不高于", "低于"})
LOWER_HEDGES = frozenset({"以上"})
UPPER_HEDGES = frozenset({"以内", "以下"})


def _number(node: Node, key: str) -> float | None:
    value = node.properties.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _int(node: Node, key: str) -> int | None:
    value = node.properties.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(node: Node, key: str) -> str | None:
    value = node.properties.get(key)
    return value if isinstance(value, str) else None


def bound_of(indicator: Node) -> Literal["lower", "upper"] | None:
    """Which way the target binds, from its comparator and hedge (``None``: not a level bound)."""
    if indicator.properties.get("base_year") is not None:
        return None
    comparator, hedge = _str(indicator, "comparator"), _str(indicator, "hedge")
    if comparator in UPPER_COMPARATORS or hedge in UPPER_HEDGES:
        return "upper"
    if comparator in LOWER_COMPARATORS or hedge in LOWER_HEDGES:
        return "lower"
    return None


def _point(figure: Node, edge: Edge) -> ReportedPoint | None:
    year, value = _int(figure, "year"), edge.properties.get("comparable_value")
    if year is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    first = figure.mentions[0] if figure.mentions else None
    terms = edge.properties.get("shared_terms")
    reason = edge.properties.get("reason")
    return ReportedPoint(
        figure=node_ref(figure), year=year, value=str(figure.properties.get("value")), unit=_str(figure, "unit"),
        comparable_value=float(value), basis=edge.basis,
        shared_terms=[str(t) for t in terms] if isinstance(terms, list) else [],
        reason=reason if isinstance(reason, str) else None,
        source=first.source if first else None, sentence=first.sentence if first else None,
        mentions=normalise_mentions(figure.mentions),
    )  # fmt: skip


def assess(indicator: Node, points: Sequence[ReportedPoint]) -> dict[str, object]:
    """Status, share, holds and expected of a target from its points (sorted by year): the rule."""
    target, target_year, bound = _number(indicator, "base_value"), _int(indicator, "target_year"), bound_of(indicator)
    if not points:
        return {"status": "no_data"}
    latest = points[-1]
    if bound is None or target is None or target_year is None:
        return {"status": "not_assessed", "latest": latest}
    value = latest.comparable_value
    if bound == "upper":
        holds = value <= target
        if latest.year >= target_year:
            return {"status": "met" if holds else "missed", "latest": latest, "holds": holds}
        return {"status": "on_track" if holds else "behind", "latest": latest, "holds": holds}
    share = round(value / target, 4) if target else None
    if value >= target:
        return {"status": "met", "latest": latest, "share": share}
    if latest.year >= target_year:
        return {"status": "missed", "latest": latest, "share": share}
    first = points[0]
    if first.year == latest.year:
        return {"status": "too_early", "latest": latest, "share": share}
    expected = first.comparable_value + (target - first.comparable_value) * (latest.year - first.year) / (
        target_year - first.year
    )
    status = "on_track" if value >= expected else "behind"
    return {"status": status, "latest": latest, "share": share, "expected": round(expected, 4)}


def indicator_progress(view: GraphView, indicator_id: str) -> IndicatorProgress:
    """The progress of one indicator. Raises ``NodeNotFound``, or ``InvalidQuery`` for another label."""
    if indicator_id not in view:
        raise NodeNotFound(indicator_id)
    indicator = view.node(indicator_id)
    if indicator.label is not Label.INDICATOR:
        raise InvalidQuery("indicator_id", f"{indicator_id!r} is a {indicator.label.value}, not an Indicator")
    points = []
    for edge in view.in_edges(indicator_id, {RelType.REPORTS_ON.value}):
        point = _point(view.node(edge.source), edge)
        if point is not None:
            points.append(point)
    points.sort(key=lambda p: (p.year, p.figure.name, p.figure.id))
    positionings = sorted(
        (
            node_ref(view.node(edge.target))
            for edge in view.out_edges(indicator_id, {RelType.MEASURES.value})
            if view.node(edge.target).label is Label.CITY_POSITIONING
        ),
        key=node_sort_key,
    )
    return IndicatorProgress(
        indicator=node_ref(indicator),
        target_value=_number(indicator, "base_value"),
        target_unit=_str(indicator, "base_unit"),
        target_year=_int(indicator, "target_year"),
        bound=bound_of(indicator),
        figures=points,
        positionings=positionings,
        **assess(indicator, points),  # type: ignore[arg-type]
    )


def all_progress(view: GraphView) -> list[IndicatorProgress]:
    """Every indicator's progress, sorted by (name, id)."""
    return [indicator_progress(view, node.id) for node in sorted(view.with_label(Label.INDICATOR), key=node_sort_key)]


def summary(progress: IndicatorProgress) -> ProgressSummary:
    """The progress in one row (the indicators list's ``progress`` and its CSV columns)."""
    latest = progress.latest
    return ProgressSummary(
        status=progress.status, share=progress.share, holds=progress.holds,
        latest_year=latest.year if latest else None, latest_value=latest.value if latest else None,
        latest_unit=latest.unit if latest else None, figures=len(progress.figures),
    )  # fmt: skip


def _group(node: NodeRef, members: Iterable[IndicatorProgress]) -> ProgressGroup:
    items = sorted(members, key=lambda p: node_sort_key(p.indicator))
    counts = {status: 0 for status in STATUSES}
    for item in items:
        counts[item.status] += 1
    return ProgressGroup(node=node, counts=counts, indicators=[item.indicator for item in items])


def progress_overview(progress: Sequence[IndicatorProgress], matrix: OwnershipMatrix) -> ProgressOverview:
    """Status counts per positioning (MEASURES) and per owner (the ownership matrix's cells)."""
    totals = {status: 0 for status in STATUSES}
    for item in progress:
        totals[item.status] += 1
    by_id = {item.indicator.id: item for item in progress}
    positionings: dict[str, tuple[NodeRef, list[IndicatorProgress]]] = {}
    for item in progress:
        for positioning in item.positionings:
            positionings.setdefault(positioning.id, (positioning, []))[1].append(item)
    owners = {owner.id: owner for owner in matrix.owners}
    owned: dict[str, list[IndicatorProgress]] = {}
    for cell in matrix.cells:
        if cell.target_id in by_id and cell.owner_id in owners:
            owned.setdefault(cell.owner_id, []).append(by_id[cell.target_id])
    return ProgressOverview(
        statuses=list(STATUSES),
        totals=totals,
        positionings=sorted(
            (_group(ref, members) for ref, members in positionings.values()), key=lambda g: node_sort_key(g.node)
        ),
        owners=sorted((_group(owners[oid], members) for oid, members in owned.items()), key=lambda g: node_sort_key(g.node)),
    )
