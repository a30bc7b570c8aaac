"""``plankg export``: build the graph from source documents and write it for another tool.

Formats: ``json`` (node-link), ``graphml`` and ``gexf`` (Gephi, yEd, Cytoscape desktop), ``csv``
(a directory for ``neo4j-admin database import full``, with the command in its README.txt),
``cypher`` (a ``cypher-shell -f`` script of MERGE statements) and ``evidence`` (one row per
target × owner with its sentence, CSV for Excel and JSON).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app.commands.inputs import build_documents
from graph.exports.formats import DEFAULT_OUTPUTS, EXPORT_FORMATS, write_export
from graph.settings import get_settings

logger = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="build the graph and write it as JSON, GraphML, GEXF, neo4j-admin CSV, a Cypher script or the evidence table",
        description=__doc__.splitlines()[0],
    )
    parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="json",
        help="output format (default: json)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output file, or directory for csv (default: "
        + ", ".join(f"{fmt}: {path}" for fmt, path in DEFAULT_OUTPUTS.items())
        + ")",
    )
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILES",
        help="source documents (default: *.txt in PLANKG_DATA, i.e. data/)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = get_settings()
    report = build_documents(args.files, settings)
    logger.info("built the graph from %d documents", len(report.sources))
    graph = report.graph
    written = write_export(graph, args.format, args.out)
    for path in written:
        print(path, file=sys.stdout)
    return 0
