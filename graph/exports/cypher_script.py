"""A ``cypher-shell -f`` script of a built graph (``plankg export --format cypher``).

``MERGE`` statements that load the graph into a running database, constraints first, one
statement per line, every value a properly escaped literal (never a parameter: cypher-shell runs
the file as it is). Each node and relationship is written exactly as
:class:`graph.neo4j.store.Neo4jStore` stores it (:mod:`graph.neo4j.records`), and the script is
idempotent (MERGE by id), so loading it twice changes nothing.

The schema statements (:func:`schema_statements`, :func:`fulltext_statements`) are also what
the CSV export's README tells to run after ``neo4j-admin`` has imported the files.
"""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path

from graph.errors import ExportError
from graph.exports.record_order import describe_edge, edges_in_order, nodes_in_order
from graph.model import Edge, Label, Node, PlanGraph, PropertyValue
from graph.neo4j.cypher_files import statements
from graph.neo4j.records import ANY_NODE_LABEL, MENTIONS_PROPERTY, edge_row, node_row

logger = logging.getLogger(__name__)

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

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
        raise ExportError(f"{describe_edge(edge)}: no node {exc.args[0]!r}") from exc
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
        *(node_statement(node) for node in nodes_in_order(graph)),
        *(relationship_statement(edge, labels) for edge in edges_in_order(graph)),
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
