"""Exports of a built graph for other tools; :func:`write_export` picks the writer for a format.

Six formats:

- ``json``: node-link JSON, the graph file itself (:mod:`graph.embedded.graph_file`).
- ``graphml`` and ``gexf``: for Gephi, yEd and Cytoscape desktop, the node's Chinese name as its
  label and unique, stable edge ids (:mod:`graph.exports.gephi`).
- ``evidence``: the table to hand a colleague, one row per target × owner with the sentence,
  as CSV (UTF-8 with BOM, for Excel) and JSON side by side (:mod:`graph.questions.evidence`).
- ``csv``: the ``neo4j-admin database import full`` layout, one node file per label and one
  relationship file per type with typed headers, plus a ``README.txt`` holding the exact import
  command (:func:`graph.exports.admin_import.write_csv`).
- ``cypher``: ``MERGE`` statements that ``cypher-shell -f`` loads into a running database,
  constraints first, every value a properly escaped literal
  (:func:`graph.exports.cypher_script.write_cypher`).

Both Neo4j formats write each node and relationship exactly as :class:`graph.neo4j.store.Neo4jStore`
stores it (:mod:`graph.neo4j.records`): the plan label plus ``PlanNode``, the properties
flattened, ``properties_json`` (the exact property dict), ``mentions_json`` (the JSON list of
mentions, Chinese unescaped), ``sources`` and ``evidence``. So a database filled by
``neo4j-admin`` or ``cypher-shell`` from an export is one the API can serve with
``PLANKG_STORE=neo4j``, and the Bloom perspective reads it the same way.

Every writer is a pure function of the graph: the graph is never mutated, the output is
deterministic (nodes by id, edges by (source, target, type); :mod:`graph.exports.record_order`), so
exports diff cleanly.
"""

from __future__ import annotations

import json
from pathlib import Path

from graph.errors import ExportError
from graph.exports.admin_import import write_csv
from graph.exports.cypher_script import write_cypher
from graph.exports.gephi import write_gexf, write_graphml
from graph.model import PlanGraph

EXPORT_FORMATS: tuple[str, ...] = ("json", "graphml", "gexf", "csv", "cypher", "evidence")

DEFAULT_OUTPUTS: dict[str, Path] = {
    "json": Path("out/graph.json"),
    "graphml": Path("out/graph.graphml"),
    "gexf": Path("out/graph.gexf"),
    "csv": Path("out/neo4j-import"),
    "cypher": Path("out/graph.cypher"),
    "evidence": Path("out/evidence.csv"),
}


def write_export(graph: PlanGraph, fmt: str, out: Path | None = None) -> list[Path]:
    """Write ``graph`` in format ``fmt`` to ``out`` (a file, or a directory for ``csv``).

    Returns the paths written. ``out`` defaults to :data:`DEFAULT_OUTPUTS`. ``evidence`` writes
    ``out`` (CSV) and the same path with the suffix ``.json``.
    """
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    target = out if out is not None else DEFAULT_OUTPUTS[fmt]
    if fmt == "csv":
        return write_csv(graph, target).files
    if fmt == "cypher":
        return [write_cypher(graph, target)]
    if fmt == "graphml":
        return [write_graphml(graph, target)]
    if fmt == "gexf":
        return [write_gexf(graph, target)]
    if fmt == "evidence":
        return write_evidence(graph, target)
    from graph.embedded import (
        graph_file,  # the node-link writer lives with the graph file format
    )

    return [graph_file.write_graph_json(graph, target)]


def write_evidence(graph: PlanGraph, target: Path) -> list[Path]:
    """The evidence table as CSV at ``target`` and as JSON (a list of rows) beside it."""
    from graph.exports.spreadsheet import render
    from graph.questions.evidence import evidence_rows, evidence_table
    from graph.questions.view import GraphView

    rows = evidence_rows(GraphView.from_plan_graph(graph))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(*evidence_table(rows)), encoding="utf-8", newline="")
    json_path = target.with_suffix(".json")
    payload = [row.model_dump(mode="json") for row in rows]
    json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [target, json_path]
