"""``plankg load [--store networkx|neo4j] [FILES…] [--replace-source NAME …] [--skip-bad]``.

Builds the graph of FILES (default: ``PLANKG_DATA``/*.txt) and merges it into a store:

- ``networkx``: the graph file (``--graph``, default ``PLANKG_GRAPH``) is read when it exists,
  the new graph merged in memory, and the file written back atomically (a temporary file renamed
  over it), so an interrupted load leaves the old file whole;
- ``neo4j``: the database of ``NEO4J_URI`` / ``NEO4J_USER`` / ``NEO4J_PASSWORD`` /
  ``NEO4J_DATABASE``, in batches (``graph.neo4j.load``): a load killed half-way leaves the
  previous graph queryable, and running it again completes it.

Loading the same files again changes nothing (same counts, same ids). ``--replace-source NAME``
first withdraws the facts of that source (a file name, as mentions cite it), leaving every other
source's untouched; with its file among FILES this replaces one document. Every file is read
before anything is written: one unreadable file stops the load with an error naming it, unless
``--skip-bad`` skips it (and says so). The summary compares the store's counts before and after.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.commands.inputs import build_documents
from graph.errors import GraphFileError
from graph.results import Counts
from graph.settings import Settings, get_settings

logger = logging.getLogger(__name__)

#: Seconds a load must take before its progress bar shows.
PROGRESS_DELAY = 1.0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "load",
        help="build the plan graph from documents and merge it into a store",
        description=__doc__.split("\n", 2)[2] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILES", help="plan documents (default: data/*.txt)")
    parser.add_argument(
        "--store",
        choices=("networkx", "neo4j"),
        default=None,
        help="the store to load into (default: PLANKG_STORE, i.e. networkx)",
    )
    parser.add_argument(
        "--replace-source",
        dest="replace_sources",
        action="append",
        default=[],
        metavar="NAME",
        help="withdraw the facts of this source file (its name, e.g. 000_59d890921a0e6d8d.txt) before "
        "loading; repeat for several",
    )
    parser.add_argument("--skip-bad", action="store_true", help="skip unreadable files and report them")
    parser.add_argument(
        "--graph", type=Path, default=None, help="graph file of the networkx store (default: PLANKG_GRAPH)"
    )
    parser.set_defaults(func=run)


def source_names(names: list[str]) -> list[str]:
    """``--replace-source`` values as mentions cite them: file names (``data/a.txt`` → ``a.txt``)."""
    return sorted({Path(name).name for name in names if name.strip()})


def run(args: argparse.Namespace) -> int:
    settings = get_settings()
    kind = args.store or settings.store
    replace = source_names(args.replace_sources)
    # Every file is read (and refused, naming it) before the store is touched.
    report = build_documents(args.files, settings, skip_bad=args.skip_bad)
    for name, reason in report.skipped:
        print(f"skipped {name}: {reason}", file=sys.stderr)
    graph = report.graph
    print(
        f"built {len(graph.nodes)} nodes, {len(graph.edges)} relationships from {len(report.sources)} documents"
        + (f" ({len(report.skipped)} skipped)" if report.skipped else "")
    )
    if kind == "neo4j":
        where, before, after = _load_neo4j(settings, graph, replace)
    else:
        where, before, after = _load_networkx(args.graph or settings.graph_path, graph, replace)
    replaced = f", replaced {', '.join(replace)}" if replace else ""
    print(f"loaded into the {kind} store at {where}{replaced}")
    print(summary(before, after))
    return 0


def _load_networkx(path: Path, graph: Any, replace: list[str]) -> tuple[str, Counts, Counts]:
    from graph.embedded.nx_store import NetworkxStore

    if path.exists():
        store = NetworkxStore.from_file(path)  # GraphFileError (exit 2) on a foreign file: never overwritten
    else:
        logger.info("%s does not exist yet; loading into an empty graph", path)
        store = NetworkxStore(path=path)
    before = store.counts()
    report = store.load(graph, replace_sources=replace)
    try:
        store.save()  # atomic: a temporary file renamed over the old one
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot write the graph file: {exc.strerror or exc}") from None
    return str(path), before, report.counts


def _load_neo4j(settings: Settings, graph: Any, replace: list[str]) -> tuple[str, Counts, Counts]:
    from graph.neo4j.store import Neo4jStore

    store = Neo4jStore.from_settings(settings)
    try:
        where = store.uri + (f" (database {store.database})" if store.database else "")
        previous = store.last_load()
        if previous is not None and previous.get("state") == "running":
            print(
                f"note: the load started at {previous.get('started_at')} did not finish; loading the same "
                "files again completes it",
                file=sys.stderr,
            )
        before = store.counts()
        try:
            with progress_bar() as progress:
                report = store.load(graph, replace_sources=replace, progress=progress)
        except KeyboardInterrupt:
            print(
                "plankg: load interrupted; the previous graph is still queryable, run the same load "
                "again to complete it",
                file=sys.stderr,
            )
            raise SystemExit(130) from None
        return where, before, report.counts
    finally:
        store.close()


@contextmanager
def progress_bar() -> Iterator[Any]:
    """A ``(done, total)`` callback drawing a tqdm bar of rows written, on stderr.

    The bar shows only when stderr is a terminal and the load takes longer than
    ``PROGRESS_DELAY`` seconds, so piped output and tests stay clean.
    """
    from tqdm import tqdm

    bar = tqdm(total=0, unit="rows", desc="writing", file=sys.stderr, disable=None, delay=PROGRESS_DELAY, leave=False)

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
            bar.refresh()
        bar.update(done - bar.n)

    try:
        yield update
    finally:
        bar.close()


def summary(before: Counts, after: Counts) -> str:
    """Nodes per label and relationships per type, before and after, with the totals."""
    lines: list[str] = []
    for title, old, new in (
        ("nodes", before.nodes, after.nodes),
        ("relationships", before.relationships, after.relationships),
    ):
        lines.append(f"{title:<18} {'before':>7} {'after':>7}")
        for name in sorted(set(old) | set(new)):
            a, b = old.get(name, 0), new.get(name, 0)
            if a or b:
                lines.append(f"  {name:<16} {a:>7} {b:>7}")
        lines.append(f"  {'total':<16} {sum(old.values()):>7} {sum(new.values()):>7}")
    return "\n".join(lines)
