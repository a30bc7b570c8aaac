"""Exports of a built graph for other tools; :func:`write_export` picks the writer for a format.

Four formats:

- ``json`` and ``graphml``: written by :mod:`graph.graph_file` (node-link JSON, GraphML).
- ``csv``: the ``neo4j-admin database import full`` layout, one node file per label and one
  relationship file per type with typed headers, plus a ``README.txt`` holding the exact import
  command (:func:`graph.export_csv.write_csv`).
- ``cypher``: ``MERGE`` statements that ``cypher-shell -f`` loads into a running database,
  constraints first, every value a properly escaped literal
  (:func:`graph.export_cypher.write_cypher`).

Both Neo4j formats write each node and relationship exactly as :class:`graph.neo4j_store.Neo4jStore`
stores it (:mod:`graph.neo4j_records`): the plan label plus ``PlanNode``, the properties
flattened, ``properties_json`` (the exact property dict), ``mentions_json`` (the JSON list of
mentions, Chinese unescaped), ``sources`` and ``evidence``. So a database filled by
``neo4j-admin`` or ``cypher-shell`` from an export is one the API can serve with
``PLANKG_STORE=neo4j``, and the Bloom perspective reads it the same way.

Every writer is a pure function of the graph: the graph is never mutated, the output is
deterministic (nodes by id, edges by (source, target, type); :mod:`graph.export_records`), so
exports diff cleanly.
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import ExportError
from graph.export_csv import write_csv
from graph.export_cypher import write_cypher
from graph.model import PlanGraph

EXPORT_FORMATS: tuple[str, ...] = ("json", "graphml", "csv", "cypher")

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
