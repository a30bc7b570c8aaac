"""CSV text for spreadsheets: the one rendering every CSV answer and the evidence export share.

UTF-8 with a byte-order mark, so Excel opens Chinese text correctly without an import dialog;
CRLF line ends (RFC 4180); list values joined with ``;``; ``None`` as an empty cell; booleans
``true``/``false``. (The ``neo4j-admin`` import files of :mod:`graph.exports.admin_import` follow that
tool's rules instead.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

__all__ = ["BOM", "LIST_SEPARATOR", "cell", "render"]

BOM = "\ufeff"
LIST_SEPARATOR = ";"


def cell(value: object) -> str:
    """One value as spreadsheet text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    return str(value)


def render(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The whole CSV text, BOM first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return BOM + buffer.getvalue()
