"""GraphML and GEXF exports for Gephi, yEd and Cytoscape desktop (``plankg export --format graphml|gexf``).

Both are written here, by hand, instead of by networkx's writers, because what those tools do
with a file depends on details networkx gets wrong for them:

- **Edge ids are unique and stable**: ``<source>.<TYPE>.<target>`` (at most one edge of a type
  between two nodes, ``Edge.key``). Gephi's importer drops an edge whose id it has already seen,
  so ids equal to the relationship type lost most edges.
- **The node's label is its Chinese name**: Gephi and yEd take a node's display label from the
  attribute titled ``label`` (GEXF: the node's ``label`` attribute), so ``label`` holds the name
  and the plan label (``Task``, ``Indicator``…) is the ``type`` attribute. An edge's ``label``
  is its relationship type, also in ``type``; its ``basis`` and ``confidence`` are attributes.
- **Values in the XML Schema lexical space**: booleans ``true``/``false``, doubles ``NaN``/
  ``INF``; lists (aliases, shared terms) as one string joined with ``;``; ``mentions`` as a JSON
  string (the evidence, citable from the file) and ``sources`` as the file names joined with ``;``.
- Characters XML 1.0 cannot hold (C0 controls other than tab and newline) become U+FFFD.

Columns are typed from the values (:func:`graph.exports.admin_import.infer_column_types`, the same rule
as the neo4j-admin CSV), every key declared once. Output is deterministic: nodes by id, edges by
(source, target, type), attribute keys sorted after ``label`` and ``type``.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path

from graph.errors import ExportError
from graph.exports.admin_import import ARRAY_DELIMITER, infer_column_types
from graph.exports.record_order import edges_in_order, nodes_in_order
from graph.model import Edge, Node, PlanGraph, PropertyValue
from graph.questions.answers import normalise_mentions

__all__ = ["GEXF_NS", "GRAPHML_NS", "edge_id", "gephi_table", "write_gexf", "write_graphml"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

#: Attributes every node and edge carries before its properties, in this order.
LEADING_KEYS: tuple[str, ...] = ("label", "type")
#: Attributes every node and edge carries after its properties.
TRAILING_KEYS: tuple[str, ...] = ("sources", "mentions")

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Row = dict[str, PropertyValue]


def edge_id(edge: Edge) -> str:
    """``<source>.<TYPE>.<target>``: unique (one edge of a type per pair) and stable across builds."""
    return f"{edge.source}.{edge.type.value}.{edge.target}"


def _evidence(item: Node | Edge) -> Row:
    mentions = normalise_mentions(item.mentions)
    return {
        "sources": sorted({m.source for m in mentions}),
        "mentions": json.dumps([m.model_dump() for m in mentions], ensure_ascii=False, sort_keys=True),
    }


def _row(where: str, label: str, type_: str, properties: dict[str, PropertyValue], item: Node | Edge) -> Row:
    clash = sorted((set(LEADING_KEYS) | set(TRAILING_KEYS)) & properties.keys())
    if clash:
        raise ExportError(f"{where}: property {clash[0]!r} is an attribute the Gephi export writes itself")
    return {"label": label, "type": type_, **properties, **_evidence(item)}


def gephi_table(graph: PlanGraph) -> tuple[list[tuple[str, Row]], list[tuple[Edge, Row]]]:
    """The attribute rows both formats write: ``(node id, row)`` and ``(edge, row)``, in export order."""
    nodes = [(n.id, _row(n.id, n.name, n.label.value, n.properties, n)) for n in nodes_in_order(graph)]
    edges = [(e, _row(edge_id(e), e.type.value, e.type.value, e.properties, e)) for e in edges_in_order(graph)]
    return nodes, edges


def _columns(rows: Sequence[Row], where: str) -> dict[str, str]:
    """Attribute name -> value type (``string``, ``int``, ``long``, ``double``, ``boolean``), in
    writing order; a list column is a ``string`` column."""
    types = infer_column_types(rows, where=where)
    ordered = [*LEADING_KEYS, *(k for k in types if k not in LEADING_KEYS + TRAILING_KEYS), *TRAILING_KEYS]
    return {key: "string" if types[key].endswith("[]") else types[key] for key in ordered if key in types}


def _text(value: PropertyValue, column_type: str) -> str:
    """One value in the XML Schema lexical space of its column type."""
    if isinstance(value, list):
        return _NOT_XML.sub("\ufffd", ARRAY_DELIMITER.join(_text(item, "string") for item in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) or (column_type == "double" and isinstance(value, int)):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        if math.isinf(number):
            return "INF" if number > 0 else "-INF"
        return repr(number)
    return _NOT_XML.sub("\ufffd", str(value))


def _write(root: ET.Element, path: Path) -> Path:
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path


def write_graphml(graph: PlanGraph, path: Path) -> Path:
    """Write ``graph`` as GraphML (see the module docstring); returns ``path``."""
    nodes, edges = gephi_table(graph)
    ET.register_namespace("", GRAPHML_NS)
    q: Callable[[str], str] = lambda tag: f"{{{GRAPHML_NS}}}{tag}"  # noqa: E731
    root = ET.Element(
        q("graphml"),
        {f"{{{XSI_NS}}}schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"},
    )
    node_columns = _columns([row for _, row in nodes], "node")
    edge_columns = _columns([row for _, row in edges], "edge")
    node_keys = {name: f"n{i}" for i, name in enumerate(node_columns)}
    edge_keys = {name: f"e{i}" for i, name in enumerate(edge_columns)}
    for domain, columns, keys in (("node", node_columns, node_keys), ("edge", edge_columns, edge_keys)):
        for name, column_type in columns.items():
            ET.SubElement(
                root, q("key"), {"id": keys[name], "for": domain, "attr.name": name, "attr.type": column_type}
            )
    body = ET.SubElement(root, q("graph"), {"id": "plankg", "edgedefault": "directed"})

    def data(element: ET.Element, row: Row, columns: dict[str, str], keys: dict[str, str]) -> None:
        for name, column_type in columns.items():
            value = row.get(name)
            if value is not None and value != []:
                ET.SubElement(element, q("data"), {"key": keys[name]}).text = _text(value, column_type)

    for node_id, row in nodes:
        data(ET.SubElement(body, q("node"), {"id": node_id}), row, node_columns, node_keys)
    for edge, row in edges:
        attrs = {"id": edge_id(edge), "source": edge.source, "target": edge.target}
        data(ET.SubElement(body, q("edge"), attrs), row, edge_columns, edge_keys)
    return _write(root, path)


#: GEXF attribute types for the column types of :func:`_columns`.
_GEXF_TYPES = {"string": "string", "int": "integer", "long": "long", "double": "double", "boolean": "boolean"}


def write_gexf(graph: PlanGraph, path: Path) -> Path:
    """Write ``graph`` as GEXF 1.3, Gephi's own format; returns ``path``.

    The node's ``label`` attribute is its Chinese name; an edge's ``label`` and ``kind`` are its
    relationship type (Gephi keeps parallel edges of different kinds apart), its ``weight`` its
    confidence when it has one. Every other value is an ``attvalue`` of a declared attribute.
    """
    nodes, edges = gephi_table(graph)
    ET.register_namespace("", GEXF_NS)
    q: Callable[[str], str] = lambda tag: f"{{{GEXF_NS}}}{tag}"  # noqa: E731
    root = ET.Element(
        q("gexf"), {"version": "1.3", f"{{{XSI_NS}}}schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd"}
    )
    meta = ET.SubElement(root, q("meta"))
    ET.SubElement(meta, q("creator")).text = "plankg"
    ET.SubElement(meta, q("description")).text = "plan graph of municipal planning documents, with evidence"
    body = ET.SubElement(root, q("graph"), {"defaultedgetype": "directed", "mode": "static"})
    node_columns = {k: v for k, v in _columns([row for _, row in nodes], "node").items() if k != "label"}
    edge_columns = {k: v for k, v in _columns([row for _, row in edges], "edge").items() if k != "label"}
    for domain, columns in (("node", node_columns), ("edge", edge_columns)):
        declared = ET.SubElement(body, q("attributes"), {"class": domain, "mode": "static"})
        for index, (name, column_type) in enumerate(columns.items()):
            ET.SubElement(declared, q("attribute"), {"id": str(index), "title": name, "type": _GEXF_TYPES[column_type]})

    def attvalues(element: ET.Element, row: Row, columns: dict[str, str]) -> None:
        holder = ET.SubElement(element, q("attvalues"))
        for index, (name, column_type) in enumerate(columns.items()):
            value = row.get(name)
            if value is not None and value != []:
                ET.SubElement(holder, q("attvalue"), {"for": str(index), "value": _text(value, column_type)})

    node_list = ET.SubElement(body, q("nodes"))
    for node_id, row in nodes:
        attvalues(ET.SubElement(node_list, q("node"), {"id": node_id, "label": _text(row["label"], "string")}), row, node_columns)
    edge_list = ET.SubElement(body, q("edges"))
    for edge, row in edges:
        attrs = {"id": edge_id(edge), "source": edge.source, "target": edge.target}
        attrs |= {"label": edge.type.value, "kind": edge.type.value}
        weight = row.get("confidence")
        if isinstance(weight, int | float) and not isinstance(weight, bool) and math.isfinite(weight):
            attrs["weight"] = repr(float(weight))
        attvalues(ET.SubElement(edge_list, q("edge"), attrs), row, edge_columns)
    return _write(root, path)
