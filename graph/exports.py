"""Exports of a built graph for other tools: ``neo4j-admin`` CSV files and a ``cypher-shell`` script.

Four formats, one entry point (:func:`write_export`):

- ``json`` and ``graphml``: written by :mod:`graph.graph_file` (node-link JSON, GraphML).
- ``csv``: the ``neo4j-admin database import full`` layout, one node file per label and one
  relationship file per type with typed headers, plus a ``README.txt`` holding the exact import
  command (:func:`write_csv`).
- ``cypher``: ``MERGE`` statements that ``cypher-shell -f`` loads into a running database,
  constraints first, every value a properly escaped literal (:func:`write_cypher`).

Both Neo4j formats write each node and relationship exactly as :class:`graph.neo4j_store.Neo4jStore`
stores it (:mod:`graph.neo4j_records`): the plan label plus ``PlanNode``, the properties
flattened, ``properties_json`` (the exact property dict), ``mentions_json`` (the JSON list of
mentions, Chinese unescaped), ``sources`` and ``evidence``. So a database filled by
``neo4j-admin`` or ``cypher-shell`` from an export is one the API can serve with
``PLANKG_STORE=neo4j``, and the Bloom perspective reads it the same way.

Every writer is a pure function of the graph: the graph is never mutated, the output is
deterministic (nodes by id, edges by (source, target, type)), so exports diff cleanly.
"""

from __future__ import annotations

import json
import logging
import math
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.cypher_files import statements
from graph.errors import PlanKGError
from graph.model import Edge, Label, Node, PlanGraph, PropertyValue, RelType
from graph.neo4j_records import ANY_NODE_LABEL, MENTIONS_PROPERTY, edge_row, node_row

logger = logging.getLogger(__name__)

EXPORT_FORMATS: tuple[str, ...] = ("json", "graphml", "csv", "cypher")

#: Array delimiter of the CSV export (``--array-delimiter``).
ARRAY_DELIMITER = ";"

_INT32 = range(-(2**31), 2**31)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class ExportError(PlanKGError):
    """The graph cannot be written in the asked format; the message names the node or edge."""


# --------------------------------------------------------------------------------------------
# Shared
# --------------------------------------------------------------------------------------------


def _sorted_nodes(graph: PlanGraph) -> list[Node]:
    return sorted(graph.nodes, key=lambda node: node.id)


def _sorted_edges(graph: PlanGraph) -> list[Edge]:
    return sorted(graph.edges, key=lambda edge: edge.key)


def _describe(item: Node | Edge) -> str:
    if isinstance(item, Node):
        return item.id
    return f"{item.source}-[{item.type.value}]->{item.target}"


# --------------------------------------------------------------------------------------------
# CSV for neo4j-admin database import
# --------------------------------------------------------------------------------------------

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
    for node in _sorted_nodes(graph):
        nodes_by_label.setdefault(node.label, []).append(node)
    edges_by_type: dict[RelType, list[Edge]] = {}
    for edge in _sorted_edges(graph):
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
            + [_csv_field(row.get(key), csv_type, where=f"{_describe(edge)}.{key}") for key, csv_type in types.items()]
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


# --------------------------------------------------------------------------------------------
# Cypher script for cypher-shell
# --------------------------------------------------------------------------------------------

_CYPHER_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def cypher_string(text: str) -> str:
    """A single-quoted Cypher string literal for ``text``.

    Quotes, backslashes and every character that some reader treats as a line break (control
    characters, NEL, U+2028/U+2029) are escaped, so each statement stays on one line; other
    characters, Chinese included, are written as they are (the script is UTF-8).
    """
    out = []
    for char in text:
        escaped = _CYPHER_ESCAPES.get(char)
        if escaped is not None:
            out.append(escaped)
        elif ord(char) < 0x20 or char in "\x7f\x85\u2028\u2029":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def cypher_identifier(name: str) -> str:
    """A property key as a Cypher identifier, backtick-quoted when it is not a plain name."""
    if _IDENTIFIER.match(name):
        return name
    return "`" + name.replace("`", "``") + "`"


def cypher_literal(value: PropertyValue) -> str:
    """A Cypher literal for a property value (string, number, boolean, list of those)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "(0.0 / 0.0)"
        if math.isinf(value):
            return "(1.0 / 0.0)" if value > 0 else "(-1.0 / 0.0)"
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(cypher_literal(item) for item in value) + "]"
    raise ExportError(f"unsupported property value {value!r}")


def cypher_map(properties: dict[str, PropertyValue]) -> str:
    """A Cypher map literal; ``None`` values are left out (``SET n += {k: null}`` would delete k)."""
    entries = [
        f"{cypher_identifier(key)}: {cypher_literal(value)}"
        for key, value in properties.items()
        if value is not None
    ]
    return "{" + ", ".join(entries) + "}"


def constraint_name(label: Label) -> str:
    """Name of the uniqueness constraint on ``(:Label).id``."""
    return f"{re.sub(r'(?<!^)(?=[A-Z])', '_', label.value).lower()}_id"


def schema_statements() -> list[str]:
    """The store's schema (``cypher/schema.cypher``): a uniqueness constraint on ``id`` per label
    and on ``PlanNode``, and an index on ``name`` per label. Idempotent; one line each."""
    return [" ".join(statement.split()) + ";" for statement in statements("schema")]


def fulltext_statements() -> list[str]:
    """Neo4j-only full-text index over names and evidence (``cypher/schema_fulltext.cypher``),
    which Bloom's full-text search and the store's search use. ArcadeDB has no equivalent."""
    return [" ".join(statement.split()) + ";" for statement in statements("schema_fulltext")]


def node_statement(node: Node) -> str:
    """``MERGE`` the node by its label, ``PlanNode`` and id (as the store does), set every stored
    property. Both labels in the pattern: adding ``PlanNode`` afterwards with ``SET n:PlanNode``
    makes ArcadeDB re-create the vertex, which trips its own uniqueness constraint."""
    stored = node_row(node)["props"]
    properties = {"name": stored["name"], **{k: v for k, v in stored.items() if k not in ("id", "name")}}
    return (
        f"MERGE (n:{node.label.value}:{ANY_NODE_LABEL} {{id: {cypher_string(node.id)}}}) "
        f"SET n += {cypher_map(properties)};"
    )


def relationship_statement(edge: Edge, labels: dict[str, Label]) -> str:
    """``MATCH`` both ends by label and id (the constraint indexes), ``MERGE`` the relationship."""
    try:
        source_label, target_label = labels[edge.source], labels[edge.target]
    except KeyError as exc:
        raise ExportError(f"{_describe(edge)}: no node {exc.args[0]!r}") from exc
    return (
        f"MATCH (a:{source_label.value} {{id: {cypher_string(edge.source)}}}), "
        f"(b:{target_label.value} {{id: {cypher_string(edge.target)}}}) "
        f"MERGE (a)-[r:{edge.type.value}]->(b) SET r += {cypher_map(edge_row(edge)['props'])};"
    )


def cypher_statements(graph: PlanGraph) -> list[str]:
    """The schema (constraints first), then one ``MERGE`` per node (by id), then one per relationship.

    Each statement is one line ending in ``;``. Relationship statements ``MATCH`` both ends by
    label and id, so they use the uniqueness constraints' indexes.
    """
    labels = {node.id: node.label for node in graph.nodes}
    return [
        *schema_statements(),
        *(node_statement(node) for node in _sorted_nodes(graph)),
        *(relationship_statement(edge, labels) for edge in _sorted_edges(graph)),
    ]


def cypher_script(graph: PlanGraph) -> str:
    """The whole ``cypher-shell`` script: a header comment, then :func:`cypher_statements`."""
    header = [
        f"// plankg graph (nodes: {len(graph.nodes)}, relationships: {len(graph.edges)}).",
        "// Idempotent (MERGE by id). Load into a running Neo4j 5 with:",
        "//   cypher-shell -a neo4j://localhost:7687 -u neo4j -p <password> -d neo4j -f graph.cypher",
        f"// Mentions are in the {MENTIONS_PROPERTY} string property (a JSON list).",
        "// On Neo4j 5, also create the full-text index Bloom and the API's search use:",
        *(f"//   {statement}" for statement in fulltext_statements()),
        "",
    ]
    return "\n".join(header + cypher_statements(graph)) + "\n"


def write_cypher(graph: PlanGraph, path: Path) -> Path:
    """Write :func:`cypher_script` to ``path`` (UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(cypher_script(graph), encoding="utf-8")
    logger.info("wrote %d nodes and %d relationships as Cypher to %s", len(graph.nodes), len(graph.edges), path)
    return path


# --------------------------------------------------------------------------------------------
# Dispatch
# --------------------------------------------------------------------------------------------

DEFAULT_OUTPUTS: dict[str, Path] = {
    "json": Path("out/graph.json"),
    "graphml": Path("out/graph.graphml"),
    "csv": Path("out/neo4j-import"),
    "cypher": Path("out/graph.cypher"),
}


def write_export(graph: PlanGraph, fmt: str, out: Path | None = None) -> list[Path]:
    """Write ``graph`` in format ``fmt`` to ``out`` (a file, or a directory for ``csv``).

    Returns the paths written. ``out`` defaults to :data:`DEFAULT_OUTPUTS`.
    """
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    target = out if out is not None else DEFAULT_OUTPUTS[fmt]
    if fmt == "csv":
        return write_csv(graph, target).files
    if fmt == "cypher":
        return [write_cypher(graph, target)]
    from graph import graph_file  # the node-link/GraphML writers live with the graph file format

    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        graph_file.write_graph_json(graph, target)
    else:
        graph_file.write_graph_graphml(graph, target)
    return [target]
