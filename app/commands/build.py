"""``plankg build [FILES…] [--out PATH] [--format json|graphml] [--skip-bad]``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app.commands.inputs import build_documents
from graph.settings import get_settings

logger = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("build", help="build the plan graph from documents")
    parser.add_argument("files", nargs="*", type=Path, help="plan documents (default: data/*.txt)")
    parser.add_argument("--out", type=Path, default=None, help="output file (default: PLANKG_GRAPH)")
    parser.add_argument("--format", choices=("json", "graphml"), default="json")
    parser.add_argument("--skip-bad", action="store_true", help="skip unreadable files and report them")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from graph.embedded.graph_file import write_graph_json
    from graph.exports.gephi import write_graphml

    settings = get_settings()
    report = build_documents(args.files, settings, skip_bad=args.skip_bad)
    out = args.out or settings.graph_path
    if args.format == "graphml":
        write_graphml(report.graph, out)
    else:
        write_graph_json(report.graph, out)
    for name, reason in report.skipped:
        print(f"skipped {name}: {reason}", file=sys.stderr)
    print(f"built {len(report.graph.nodes)} nodes, {len(report.graph.edges)} relationships "
          f"from {len(report.sources)} documents -> {out}")
    return 0
