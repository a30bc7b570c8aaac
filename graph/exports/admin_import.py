"""``neo4j-admin database import full`` CSV files of a built graph (``plankg export --format csv``).

One node file per label and one relationship file per type, with typed headers
(``target_year:int``, ``aliases:string[]``), plus a ``README.txt`` holding the exact import command
and the constraints to create after (:func:`write_csv`). Each node and relationship is written
exactly as :class:`graph.neo4j.store.Neo4jStore` stores it (:mod:`graph.neo4j.records`), so a
database imported from these files is one the API can serve.

A header has one type per column, so a column mixing, say, strings and numbers is refused
(``ExportError``) rather than silently stringified: it would not round-trip.
"""

from __future__ import annotations

import logging
import math
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ExportError
from graph.exports.cypher_script import fulltext_statements, schema_statements
from graph.exports.record_order import describe_edge, edges_in_order, nodes_in_order
from graph.model import Edge, Label, Node, PlanGraph, PropertyValue, RelType
from graph.neo4j.records import ANY_NODE_LABEL, MENTIONS_PROPERTY, edge_row, node_row

logger = logging.getLogger(__name__)

#: Array delimiter of the CSV export (``--array-delimiter``).
ARRAY_DELIMITER = ";"

_INT32 = range(-(2**31), 2**31)

CsvType = str  # "string", "int", "long", "double", "boolean", or one of those with "[]"


def _scalar_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int" if value in _INT32 else "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    raise TypeError(type(value).__name__)


def _merge_scalar(a: str, b: str) -> str | None:
    if a == b:
        return a
    numeric = ("int", "long", "double")
    if a in numeric and b in numeric:
        return max(a, b, key=numeric.index)
    return None


def _merge_column(a: str | None, b: str) -> str | None:
    """The narrowest header type holding both (``"[]"`` is an array of unknown elements)."""
    if a is None or a == b:
        return b
    if a.endswith("[]") and b.endswith("[]"):
        inner_a, inner_b = a[:-2], b[:-2]
        if not inner_a or not inner_b:
            return (inner_a or inner_b) + "[]"
        inner = _merge_scalar(inner_a, inner_b)
        return None if inner is None else inner + "[]"
    if a.endswith("[]") or b.endswith("[]"):
        return None
    return _merge_scalar(a, b)


def _value_type(value: PropertyValue) -> str:
    """Header type of one value; ``"[]"`` for an empty list (any array type fits)."""
    if isinstance(value, list):
        element = ""
        for item in value:
            merged = _merge_scalar(element, _scalar_type(item)) if element else _scalar_type(item)
            if merged is None:
                raise TypeError("a list mixing types")
            element = merged
        return element + "[]"
    return _scalar_type(value)


def infer_column_types(rows: Sequence[dict[str, PropertyValue]], *, where: str) -> dict[str, CsvType]:
    """Header type of every property key used by ``rows`` (stored property maps), keys sorted.

    Integers and floats in one column widen to ``double``; ``int`` widens to ``long`` when a value
    does not fit 32 bits. Any other mix (a string and a number) raises ``ExportError``: the CSV
    header has one type per column and silently stringifying would not round-trip. A column with
    only missing values is ``string``, one with only empty lists ``string[]``.
    """
    types: dict[str, str | None] = {}
    for row in rows:
        for key, value in row.items():
            if value is None:
                types.setdefault(key, None)
                continue
            try:
                value_type = _value_type(value)
            except TypeError as exc:
                raise ExportError(f"{where}.{key}: unsupported value {value!r} ({exc})") from exc
            current = types.get(key)
            merged = _merge_column(current, value_type)
            if merged is None:
                raise ExportError(f"{where}.{key}: values of types {current} and {value_type} in one column")
            types[key] = merged
    resolved: dict[str, CsvType] = {}
    for key, column_type in sorted(types.items()):
        if column_type is None:
            column_type = "string"
        elif column_type == "[]":
            column_type = "string[]"
        resolved[key] = column_type
    return resolved


def _csv_scalar(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    return str(value)


def _csv_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _csv_field(value: PropertyValue, csv_type: str, *, where: str) -> str:
    """One CSV cell. Missing values are empty and unquoted (neo4j-admin stores no property);
    strings and arrays are always quoted, so an empty string survives. An empty list is written
    as missing: neo4j-admin would read a quoted empty array cell as one empty string."""
    if value is None or value == []:
        return ""
    if isinstance(value, list):
        parts = [_csv_scalar(item) for item in value]
        for part in parts:
            if ARRAY_DELIMITER in part:
                raise ExportError(
                    f"{where}: array element {part!r} contains the array delimiter {ARRAY_DELIMITER!r}"
                )
        return _csv_quote(ARRAY_DELIMITER.join(parts))
    if csv_type == "string":
        return _csv_quote(str(value))
    if csv_type == "double" and isinstance(value, int):
        return repr(float(value))
    return _csv_scalar(value)


def _csv_line(cells: Sequence[str]) -> str:
    return ",".join(cells) + "\n"


@dataclass(frozen=True)
class CsvExport:
    """What :func:`write_csv` wrote."""

    directory: Path
    node_files: dict[Label, Path] = field(default_factory=dict)
    relationship_files: dict[RelType, Path] = field(default_factory=dict)
    readme: Path | None = None
    command: str = ""

    @property
    def files(self) -> list[Path]:
        paths = [*self.node_files.values(), *self.relationship_files.values()]
        return paths + ([self.readme] if self.readme else [])


def node_file_name(label: Label) -> str:
    return f"nodes_{label.value}.csv"


def relationship_file_name(rel_type: RelType) -> str:
    return f"relationships_{rel_type.value}.csv"


def import_command(export: CsvExport | None = None, *, database: str = "neo4j", directory: str = "import") -> str:
    """The ``neo4j-admin database import full`` command line for the files of ``export``.

    Paths are relative to ``directory`` (where the files are copied, ``$NEO4J_HOME/import`` by
    default); run it from ``$NEO4J_HOME`` with the DBMS stopped. ``--overwrite-destination``
    replaces ``database`` if it exists (a started DBMS has created ``neo4j`` already).
    """
    node_names = [node_file_name(label) for label in (export.node_files if export else Label)]
    rel_names = [relationship_file_name(t) for t in (export.relationship_files if export else RelType)]
    args = ["bin/neo4j-admin", "database", "import", "full", database]
    args += [f"--nodes={directory}/{name}" for name in node_names]
    args += [f"--relationships={directory}/{name}" for name in rel_names]
    args += [
        f"--array-delimiter={ARRAY_DELIMITER}",
        "--multiline-fields=true",
        "--id-type=string",
        "--overwrite-destination=true",
    ]
    return " ".join(shlex.quote(arg) for arg in args)


def _write_csv_file(path: Path, header: list[str], lines: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(_csv_line(header))
        for cells in lines:
            handle.write(_csv_line(cells))


def _typed_header(types: dict[str, CsvType]) -> list[str]:
    return [f"{_csv_header_key(key)}:{csv_type}" for key, csv_type in types.items()]


def _name_first(types: dict[str, CsvType]) -> dict[str, CsvType]:
    """Columns in reading order: ``name`` first, then the rest by key."""
    return dict(sorted(types.items(), key=lambda item: (item[0] != "name", item[0])))


def write_csv(graph: PlanGraph, directory: Path, *, database: str = "neo4j") -> CsvExport:
    """Write ``graph`` as ``neo4j-admin database import`` CSV files into ``directory``.

    One ``nodes_<Label>.csv`` per label present (``id:ID``, ``:LABEL`` = the label and
    ``PlanNode``, then every stored property with a typed header such as ``target_year:int`` or
    ``aliases:string[]``, ``mentions_json`` among them) and one ``relationships_<TYPE>.csv`` per
    type present (``:START_ID``, ``:END_ID``, ``:TYPE``, stored properties). Arrays are joined
    with ``;``. ``README.txt`` beside them holds the exact import command and the constraints to
    create after. Files of an earlier export in ``directory`` are replaced.
    """
    directory.mkdir(parents=True, exist_ok=True)
    nodes_by_label: dict[Label, list[Node]] = {}
    for node in nodes_in_order(graph):
        nodes_by_label.setdefault(node.label, []).append(node)
    edges_by_type: dict[RelType, list[Edge]] = {}
    for edge in edges_in_order(graph):
        edges_by_type.setdefault(edge.type, []).append(edge)

    for stale in [*directory.glob("nodes_*.csv"), *directory.glob("relationships_*.csv")]:
        stale.unlink()

    node_files: dict[Label, Path] = {}
    for label in Label:
        nodes = nodes_by_label.get(label)
        if not nodes:
            continue
        rows = [{k: v for k, v in node_row(node)["props"].items() if k != "id"} for node in nodes]
        types = _name_first(infer_column_types(rows, where=label.value))
        labels_cell = _csv_quote(ARRAY_DELIMITER.join((label.value, ANY_NODE_LABEL)))
        lines = [
            [_csv_quote(node.id), labels_cell]
            + [_csv_field(row.get(key), csv_type, where=f"{node.id}.{key}") for key, csv_type in types.items()]
            for node, row in zip(nodes, rows, strict=True)
        ]
        path = directory / node_file_name(label)
        _write_csv_file(path, ["id:ID", ":LABEL", *_typed_header(types)], lines)
        node_files[label] = path

    relationship_files: dict[RelType, Path] = {}
    for rel_type in RelType:
        edges = edges_by_type.get(rel_type)
        if not edges:
            continue
        rows = [edge_row(edge)["props"] for edge in edges]
        types = infer_column_types(rows, where=rel_type.value)
        lines = [
            [_csv_quote(edge.source), _csv_quote(edge.target), _csv_quote(edge.type.value)]
            + [_csv_field(row.get(key), csv_type, where=f"{describe_edge(edge)}.{key}") for key, csv_type in types.items()]
            for edge, row in zip(edges, rows, strict=True)
        ]
        path = directory / relationship_file_name(rel_type)
        _write_csv_file(path, [":START_ID", ":END_ID", ":TYPE", *_typed_header(types)], lines)
        relationship_files[rel_type] = path

    export = CsvExport(directory=directory, node_files=node_files, relationship_files=relationship_files)
    command = import_command(export, database=database)
    readme = directory / "README.txt"
    readme.write_text(_csv_readme(export, command, graph, database), encoding="utf-8")
    logger.info("wrote %d node and %d relationship files to %s", len(node_files), len(relationship_files), directory)
    return CsvExport(
        directory=directory,
        node_files=node_files,
        relationship_files=relationship_files,
        readme=readme,
        command=command,
    )


def _csv_header_key(key: str) -> str:
    if ":" in key or "," in key or '"' in key:
        raise ExportError(f"property key {key!r} cannot be a neo4j-admin header name")
    return key


def _csv_readme(export: CsvExport, command: str, graph: PlanGraph, database: str) -> str:
    constraints = "\n".join(f"  {statement}" for statement in [*schema_statements(), *fulltext_statements()])
    files = "\n".join(f"  {path.name}" for path in export.files)
    return f"""plankg graph export for neo4j-admin (nodes: {len(graph.nodes)}, relationships: {len(graph.edges)}).

Files (UTF-8, comma-separated, double-quoted; arrays separated by '{ARRAY_DELIMITER}'):
{files}

Mentions (where each node and relationship was read) are in the {MENTIONS_PROPERTY} string
property: a JSON list of {{source, start, end, text, sentence, sentence_start}} objects.

Import with the DBMS stopped. --overwrite-destination=true REPLACES the database '{database}'
if it exists (drop that option to have the command refuse instead). Copy these files to
$NEO4J_HOME/import, then run from $NEO4J_HOME:

  {command}

then start Neo4j, create the database if it is not the default one (CREATE DATABASE {database}),
and create the constraints and indexes the API and the Bloom perspective rely on (the last one,
full-text with the CJK analyzer, is what Bloom's full-text search uses):

{constraints}
"""
