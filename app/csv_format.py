"""CSV answers for spreadsheets: the response, and the tables of each answer shape.

The text itself (UTF-8 with BOM, CRLF, lists joined with ``;``) is :mod:`graph.exports.spreadsheet`'s,
shared with the evidence export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from fastapi import Response

from graph.exports.spreadsheet import BOM, LIST_SEPARATOR, cell, render
from graph.model import Node
from graph.questions.progress import summary
from graph.results import (
    IndicatorProgress,
    Ladder,
    Ownership,
    OwnershipMatrix,
    ProgressOverview,
)

__all__ = [
    "BOM",
    "LIST_SEPARATOR",
    "MEDIA_TYPE",
    "cell",
    "csv_response",
    "ladder_table",
    "matrix_cell",
    "matrix_table",
    "node_table",
    "ownership_table",
    "render",
]

MEDIA_TYPE = "text/csv; charset=utf-8"

#: Columns every node row starts with; properties follow in sorted order, ``sources`` last.
NODE_COLUMNS = ("id", "label", "name")


def csv_response(header: Sequence[str], rows: Iterable[Sequence[object]], filename: str) -> Response:
    return Response(
        content=render(header, rows).encode("utf-8"),
        media_type=MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def node_table(
    nodes: Sequence[Node], progress: Mapping[str, IndicatorProgress] | None = None
) -> tuple[list[str], list[list[object]]]:
    """One row per node: id, label, name, every property key any of them has, sources; with
    ``progress`` (indicator id -> its progress) the ``PROGRESS_COLUMNS`` come before sources."""
    keys = sorted({key for node in nodes for key in node.properties} - set(NODE_COLUMNS) - {"sources"})
    header = [*NODE_COLUMNS, *keys, *(PROGRESS_COLUMNS if progress is not None else ()), "sources"]
    rows: list[list[object]] = []
    for node in nodes:
        sources = sorted({mention.source for mention in node.mentions})
        extra = progress_cells(progress.get(node.id)) if progress is not None else []
        rows.append([node.id, node.label.value, node.name, *(node.properties.get(k) for k in keys), *extra, sources])
    return header, rows


#: Last column of the matrix CSV: what an owner answers for directly besides indicators.
OTHER_TARGETS_COLUMN = "other_targets"


def matrix_cell(basis: str, via_name: str | None) -> str:
    """A matrix cell as text: the basis, and ``via <positioning>`` when the ownership is inherited."""
    return basis if via_name is None else f"{basis} via {via_name}"


def matrix_table(
    matrix: OwnershipMatrix, others: Mapping[str, Sequence[Ownership]] | None = None
) -> tuple[list[str], list[list[object]]]:
    """One row per owner, one column per indicator (headed by its name), then ``other_targets``.

    A cell is the basis (``stated``, ``presented``, ``inferred``) of a direct ownership, or
    ``<basis> via <positioning>`` of one inherited through a positioning. ``others`` (owner id ->
    its direct ownerships of non-indicators: the Goal, plans, positionings) fills the last column
    as ``name (Label, basis)`` joined with ``;``, so a row like 发改委's, whose ownerships are all
    stated of the Goal and the plans, is not empty. Indicator names that occur twice are told
    apart by their id in brackets.
    """
    others = others or {}
    names = [target.name for target in matrix.targets]
    header = ["owner_id", "owner", "label"]
    for target in matrix.targets:
        header.append(target.name if names.count(target.name) == 1 else f"{target.name} [{target.id}]")
    header.append(OTHER_TARGETS_COLUMN)
    column = {target.id: index for index, target in enumerate(matrix.targets)}
    row_of = {owner.id: index for index, owner in enumerate(matrix.owners)}
    grid: list[list[object]] = [[None] * len(matrix.targets) for _ in matrix.owners]
    for entry in matrix.cells:
        if entry.owner_id in row_of and entry.target_id in column:
            grid[row_of[entry.owner_id]][column[entry.target_id]] = matrix_cell(entry.basis, entry.via_name)
    rows = []
    for i, owner in enumerate(matrix.owners):
        extra = [f"{o.target.name} ({o.target.label.value}, {o.basis})" for o in others.get(owner.id, ())]
        rows.append([owner.id, owner.name, owner.label.value, *grid[i], extra])
    return header, rows


#: Columns of an ownership row (owners, targets, the ownership list behind the matrix).
OWNERSHIP_COLUMNS = (
    "owner_id", "owner", "owner_label", "target_id", "target", "target_label",
    "basis", "confidence", "via_id", "via", "source", "start", "end", "sentence",
)  # fmt: skip


def ownership_table(ownerships: Sequence[Ownership]) -> tuple[list[str], list[list[object]]]:
    """One row per ownership route; the evidence is the first sentence of its RESPONSIBLE_FOR step.

    ``via`` is empty for a direct ownership and names the positioning for an inherited one.
    """
    rows: list[list[object]] = []
    for row in ownerships:
        first = row.path[0].mentions[0] if row.path and row.path[0].mentions else None
        rows.append([
            row.owner.id, row.owner.name, row.owner.label.value,
            row.target.id, row.target.name, row.target.label.value,
            row.basis, row.confidence,
            None if row.via is None else row.via.id, None if row.via is None else row.via.name,
            first and first.source, first and first.start, first and first.end, first and first.sentence,
        ])  # fmt: skip
    return list(OWNERSHIP_COLUMNS), rows


#: Columns of a ladder row: one row per step of every path.
LADDER_COLUMNS = (
    "path", "step", "source_id", "source", "source_label", "type", "target_id", "target", "target_label",
    "basis", "confidence", "shared_terms", "reason", "source_file", "start", "end", "sentence",
)  # fmt: skip


def ladder_table(ladder: Ladder) -> tuple[list[str], list[list[object]]]:
    """One row per step, paths and steps numbered from 1; the evidence is the step's first sentence."""
    rows: list[list[object]] = []
    for number, path in enumerate(ladder.paths, start=1):
        for position, step in enumerate(path.steps, start=1):
            first = step.mentions[0] if step.mentions else None
            rows.append([
                number, position,
                step.source.id, step.source.name, step.source.label.value, step.type.value,
                step.target.id, step.target.name, step.target.label.value,
                step.basis, step.confidence, step.shared_terms, step.reason,
                first and first.source, first and first.start, first and first.end, first and first.sentence,
            ])  # fmt: skip
    return list(LADDER_COLUMNS), rows


#: Progress columns of an indicator row (the indicators list CSV, ``/progress?format=csv``).
PROGRESS_COLUMNS = (
    "progress_status", "progress_share", "progress_holds", "progress_latest_year",
    "progress_latest_value", "progress_latest_unit", "progress_figures",
)  # fmt: skip


def progress_cells(progress: IndicatorProgress | None) -> list[object]:
    """An indicator's progress as the cells of ``PROGRESS_COLUMNS`` (empty without an answer)."""
    if progress is None:
        return [None] * len(PROGRESS_COLUMNS)
    row = summary(progress)
    return [row.status, row.share, row.holds, row.latest_year, row.latest_value, row.latest_unit, row.figures]


#: Columns of a progress figure row: one row per reported figure of an indicator.
FIGURE_COLUMNS = (
    "indicator_id", "indicator", "status", "year", "value", "unit", "comparable_value", "target_value",
    "target_unit", "target_year", "basis", "source", "sentence",
)  # fmt: skip


def progress_figure_table(progress: IndicatorProgress) -> tuple[list[str], list[list[object]]]:
    """One row per reported figure of one indicator, in year order, with its sentence."""
    rows: list[list[object]] = [
        [
            progress.indicator.id, progress.indicator.name, progress.status, point.year, point.value, point.unit,
            point.comparable_value, progress.target_value, progress.target_unit, progress.target_year,
            point.basis, point.source, point.sentence,
        ]  # fmt: skip
        for point in progress.figures
    ]
    return list(FIGURE_COLUMNS), rows


def overview_table(overview: ProgressOverview) -> tuple[list[str], list[list[object]]]:
    """One row per positioning, then per owner: how many of its targets are in each status."""
    header = ["group", "id", "name", "label", *overview.statuses, "indicators"]
    rows: list[list[object]] = []
    for kind, groups in (("positioning", overview.positionings), ("owner", overview.owners)):
        for group in groups:
            rows.append([
                kind, group.node.id, group.node.name, group.node.label.value,
                *(group.counts[status] for status in overview.statuses), [i.name for i in group.indicators],
            ])  # fmt: skip
    return header, rows
