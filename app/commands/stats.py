"""``plankg stats [FILES…] [--graph PATH] [--unmatched]``: counts per label and relationship type.

``--unmatched`` lists instead the reported figures that REPORTS_ON no target, each with the
matcher's reason (``loaders.rules.progress_links``), so a researcher sees which synonym to add.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from app.commands.inputs import build_documents
from graph.model import PlanGraph
from graph.settings import get_settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("stats", help="count nodes per label and relationships per type")
    parser.add_argument("files", nargs="*", type=Path, help="build from these documents instead of reading the graph file")
    parser.add_argument("--graph", type=Path, default=None, help="graph file (default: PLANKG_GRAPH)")
    parser.add_argument(
        "--unmatched", action="store_true",
        help="list the reported figures linked to no target, and why (ambiguous, unit, year, no such target)",
    )  # fmt: skip
    parser.set_defaults(func=run)


def graph_counts(graph: PlanGraph) -> tuple[Counter[str], Counter[str]]:
    return Counter(n.label.value for n in graph.nodes), Counter(e.type.value for e in graph.edges)


def run(args: argparse.Namespace) -> int:
    from graph.embedded.graph_file import read_graph_json

    settings = get_settings()
    if args.files:
        graph = build_documents(args.files, settings).graph
    else:
        graph = read_graph_json(args.graph or settings.graph_path)
    if args.unmatched:
        return print_unmatched(graph)
    labels, types = graph_counts(graph)
    print("nodes")
    for label, n in sorted(labels.items()):
        print(f"  {label:<16} {n:>6}")
    print(f"  {'total':<16} {sum(labels.values()):>6}")
    print("relationships")
    for type_, n in sorted(types.items()):
        print(f"  {type_:<16} {n:>6}")
    print(f"  {'total':<16} {sum(types.values()):>6}")
    return 0


def print_unmatched(graph: PlanGraph) -> int:
    """The figures left unlinked: first those a target's name matched (rejected or ambiguous),
    then those no target measures; one line each, with the file it was read from."""
    from loaders.rules.progress_links import match_figures

    unmatched = match_figures(graph.node_index()).unmatched
    near = [u for u in unmatched if u.candidates]
    rest = [u for u in unmatched if not u.candidates]
    print(f"reported figures linked to no target: {len(unmatched)}")
    for title, rows in (("named like a target, not linked", near), ("no target measures them", rest)):
        print(f"{title} ({len(rows)})")
        for u in sorted(rows, key=lambda u: (u.source, u.name, u.figure)):
            print(f"  {u.name} {u.value}{u.unit or ''} ({u.year}) [{u.source}] {u.figure}: {u.reason}")
    return 0
