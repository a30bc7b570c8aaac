"""CSV answers for spreadsheets.

UTF-8 with a byte-order mark, so Excel opens Chinese text correctly without an import dialog;
CRLF line ends (RFC 4180); list values joined with ``;``; ``None`` as an empty cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from fastapi import Response

from graph.model import Node, PropertyValue
from graph.results import OwnershipMatrix

BOM = "\ufeff"
MEDIA_TYPE = "text/csv; charset=utf-8"
LIST_SEPARATOR = ";"

#: Columns every node row starts with; properties follow in sorted order, ``sources`` last.
NODE_COLUMNS = ("id", "label", "name")


def cell(value: PropertyValue | object) -> str:
    """One value as spreadsheet text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    return str(value)


def render(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return BOM + buffer.getvalue()


def csv_response(header: Sequence[str], rows: Iterable[Sequence[object]], filename: str) -> Response:
    return Response(
        content=render(header, rows).encode("utf-8"),
        media_type=MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def node_table(nodes: Sequence[Node]) -> tuple[list[str], list[list[object]]]:
    """One row per node: id, label, name, every property key any of them has, sources."""
    keys = sorted({key for node in nodes for key in node.properties} - set(NODE_COLUMNS) - {"sources"})
    header = [*NODE_COLUMNS, *keys, "sources"]
    rows: list[list[object]] = []
    for node in nodes:
        sources = sorted({mention.source for mention in node.mentions})
        rows.append([node.id, node.label.value, node.name, *(node.properties.get(k) for k in keys), sources])
    return header, rows


def matrix_table(matrix: OwnershipMatrix) -> tuple[list[str], list[list[object]]]:
    """One row per owner, one column per indicator (headed by its name), cells = basis.

    Indicator names that occur twice are told apart by their id in brackets.
    """
    names = [target.name for target in matrix.targets]
    header = ["owner_id", "owner", "label"]
    for target in matrix.targets:
        header.append(target.name if names.count(target.name) == 1 else f"{target.name} [{target.id}]")
    column = {target.id: index for index, target in enumerate(matrix.targets)}
    row_of = {owner.id: index for index, owner in enumerate(matrix.owners)}
    grid: list[list[object]] = [[None] * len(matrix.targets) for _ in matrix.owners]
    for entry in matrix.cells:
        if entry.owner_id in row_of and entry.target_id in column:
            grid[row_of[entry.owner_id]][column[entry.target_id]] = entry.basis
    rows = [[owner.id, owner.name, owner.label.value, *grid[i]] for i, owner in enumerate(matrix.owners)]
    return header, rows
