"""Loading and questioning at scale: both stores, 1× and 100× the seed shape, in one bounded run.

The corpus is ``tests.support.synthetic.synthetic_graph``: per city ≈510 nodes and ≈630 relationships
shaped like the seed documents; ``--cities 100`` gives ≈51,000 nodes and ≈63,000 relationships.
City 0 is the same at every size, so "1×" is ``synthetic_graph(1)`` and "100×" contains it.

Measured:

1. load throughput (nodes/s, relationships/s) of ``NetworkxStore`` and of ``Neo4jStore`` (first
   load into an empty database, split by phase: plan, nodes, relationships), and the time of
   loading the same graph again (a no-op by contract: the plan finds nothing to write);
2. batched writes against one ``MERGE`` statement per row, one transaction each, on the same
   Bolt server: ``--per-row`` new Task nodes through ``cypher/merge_node_single.cypher``
   (removed afterwards), compared with the store's batched node writes;
3. the server's raw ``UNWIND … CREATE`` rate (``raw_create``: the same graph's rows written
   straight through ``create_nodes`` / ``create_edges``, no planning), against which the
   store's first load is a ratio; and that a reload plans no write at all. The two alternate,
   ``--repeat`` times each (raw, then load, into an emptied database), so the server's JIT and
   caches are as warm for one as for the other, and the best of each is compared (the first
   load of the large graph is otherwise timed on a colder JVM than a raw run made later);
4. ``ladder`` and ``owners_of`` latency (p50/p99 over ``--sample`` ids of tasks and indicators,
   after two untimed passes over the same ids) at 1× and 100× on both stores.

It prints the figures and the ratios (Neo4j over networkx, 100× over 1×, batched over per-row).

Neo4j: the ArcadeDB Bolt test server (``tests/support/arcadedb_server.py``) is started in a
temporary directory; with ``NEO4J_URI`` (and ``NEO4J_USER``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``) that server is used instead. Either way the bench CLEARS the plan graph of
that database (``Neo4jStore.clear``) before each load: do not point it at a database you need.

Usage: ``.venv/bin/python -m bench.load [--cities 100] [--sample 200] [--per-row 500]
[--repeat 2] [--heap 2g] [--json out.json]``
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from graph.embedded.nx_store import NetworkxStore
from graph.model import Label, PlanGraph, RelType
from graph.neo4j.cypher_files import label_query, type_query
from graph.neo4j.records import edge_row, node_row
from graph.neo4j.store import Neo4jStore
from graph.store import PlanStore
from tests.support.synthetic import synthetic_graph

ROOT = Path(__file__).resolve().parent.parent

log = logging.getLogger("bench.load")

#: Passes over the sample before timing (the JVM compiles hot paths as they run).
WARMUP_PASSES = 2


@dataclass
class Latency:
    store: str
    scale: str
    question: str
    samples: int
    p50_ms: float
    p99_ms: float


@dataclass
class LoadFigure:
    store: str
    scale: str
    nodes: int
    relationships: int
    seconds: float
    nodes_per_s: float
    relationships_per_s: float
    phases: dict[str, float] = field(default_factory=dict)


@dataclass
class Results:
    engine: str = ""
    loads: list[LoadFigure] = field(default_factory=list)
    reload_seconds: dict[str, float] = field(default_factory=dict)
    per_row: dict[str, float] = field(default_factory=dict)
    raw_create: dict[str, float] = field(default_factory=dict)
    """The best of ``raw_runs``."""
    raw_runs: list[dict[str, float]] = field(default_factory=list)
    reload_changes: dict[str, int] = field(default_factory=dict)
    latencies: list[Latency] = field(default_factory=list)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def sample_ids(graph: PlanGraph, count: int, seed: int) -> list[str]:
    """``count`` ids of tasks and indicators (the nodes researchers ladder up and ask owners of)."""
    ids = sorted(node.id for node in graph.nodes if node.label in (Label.TASK, Label.INDICATOR))
    return random.Random(seed).sample(ids, min(count, len(ids)))


def time_questions(store: PlanStore, ids: Sequence[str], scale: str, results: Results) -> None:
    questions: dict[str, Callable[[str], Any]] = {"ladder": store.ladder, "owners_of": store.owners_of}
    for name, ask in questions.items():
        for _ in range(WARMUP_PASSES):
            for node_id in ids:
                ask(node_id)
        spent = []
        for node_id in ids:
            start = time.perf_counter()
            ask(node_id)
            spent.append((time.perf_counter() - start) * 1000)
        p50, p99 = round(percentile(spent, 50), 3), round(percentile(spent, 99), 3)
        results.latencies.append(Latency(store.kind, scale, name, len(spent), p50, p99))
        log.info("%s %s %s: p50 %.2f ms", store.kind, scale, name, percentile(spent, 50))


def load_networkx(graph: PlanGraph, scale: str, results: Results) -> NetworkxStore:
    store = NetworkxStore()
    start = time.perf_counter()
    store.load(graph)
    seconds = time.perf_counter() - start
    results.loads.append(
        LoadFigure(
            "networkx", scale, len(graph.nodes), len(graph.edges), round(seconds, 3),
            round(len(graph.nodes) / seconds), round(len(graph.edges) / seconds),
        )
    )
    return store


def load_neo4j(store: Neo4jStore, graph: PlanGraph, scale: str, results: Results) -> None:
    store.clear()
    start = time.perf_counter()
    store.load(graph)
    seconds = time.perf_counter() - start
    timings = store.last_timings
    assert timings is not None
    results.loads.append(
        LoadFigure(
            "neo4j", scale, len(graph.nodes), len(graph.edges), round(seconds, 3),
            round(len(graph.nodes) / max(timings.nodes, 1e-9)),
            round(len(graph.edges) / max(timings.relationships, 1e-9)),
            {k: round(v, 3) for k, v in asdict(timings).items()},
        )
    )


def per_row_merge(store: Neo4jStore, graph: PlanGraph, count: int, results: Results) -> None:
    """``count`` new Task nodes, one MERGE statement and one transaction per row."""
    tasks = [node for node in graph.nodes if node.label is Label.TASK][:count]
    rows = []
    for node in tasks:
        row = node_row(node.model_copy(update={"id": f"bench-row-{node.id}"}))
        rows.append(row)
    cypher = label_query("merge_node_single", Label.TASK)
    connection = store._connection  # the bench measures the driver round trip itself
    start = time.perf_counter()
    for row in rows:
        connection.run_write(cypher, id=row["id"], props=row["props"])
    seconds = time.perf_counter() - start
    connection.run_write(label_query("delete_label_ids", Label.TASK), ids=[row["id"] for row in rows])
    results.per_row = {"rows": len(rows), "seconds": round(seconds, 3), "rows_per_s": round(len(rows) / seconds)}


def raw_create(store: Neo4jStore, graph: PlanGraph, results: Results, batch: int = 1_000) -> None:
    """The server's own ``UNWIND … CREATE`` rate: the graph's rows, prepared before the clock
    starts, written straight through ``create_nodes`` / ``create_edges`` in batches of ``batch``
    rows, one write transaction each, into an emptied database: no planning, no load marker.
    The store's first load is measured against it. The database is cleared afterwards."""
    store.clear()
    node_batches = [
        (label_query("create_nodes", label), rows[i : i + batch])
        for label in Label
        for rows in [[node_row(n) for n in graph.nodes if n.label is label]]
        for i in range(0, len(rows), batch)
    ]
    edge_batches = [
        (type_query("create_edges", rel_type), rows[i : i + batch])
        for rel_type in RelType
        for rows in [[edge_row(e) for e in graph.edges if e.type is rel_type]]
        for i in range(0, len(rows), batch)
    ]
    connection = store._connection  # the bench measures the server's write path itself
    start = time.perf_counter()
    for cypher, rows in [*node_batches, *edge_batches]:
        connection.run_write(cypher, rows=rows)
    seconds = time.perf_counter() - start
    store.clear()
    records = len(graph.nodes) + len(graph.edges)
    run = {"records": records, "seconds": round(seconds, 3), "records_per_s": round(records / seconds)}
    results.raw_runs.append(run)
    results.raw_create = max(results.raw_runs, key=lambda run: run["records_per_s"])


def report(results: Results) -> None:
    print(f"\nengine: {results.engine}")
    print("\nload throughput")
    print(f"{'store':9} {'scale':6} {'nodes':>7} {'rels':>7} {'seconds':>8} {'nodes/s':>9} {'rels/s':>9}  phases")
    for row in results.loads:
        phases = " ".join(f"{k}={v:.2f}s" for k, v in row.phases.items())
        print(
            f"{row.store:9} {row.scale:6} {row.nodes:7d} {row.relationships:7d} {row.seconds:8.2f} "
            f"{row.nodes_per_s:9,d} {row.relationships_per_s:9,d}  {phases}"
        )
    for scale, seconds in results.reload_seconds.items():
        print(f"neo4j     {scale:6} same graph loaded again (no-op): {seconds:.2f} s")
    print("\nlatency (ms)")
    print(f"{'store':9} {'scale':6} {'question':10} {'n':>4} {'p50':>8} {'p99':>8}")
    for lat in results.latencies:
        print(f"{lat.store:9} {lat.scale:6} {lat.question:10} {lat.samples:4d} {lat.p50_ms:8.2f} {lat.p99_ms:8.2f}")

    print("\nratios")
    by = {(lat.store, lat.scale, lat.question): lat for lat in results.latencies}
    scales = sorted({lat.scale for lat in results.latencies}, key=lambda scale: int(scale.rstrip("x")))
    for question in ("ladder", "owners_of"):
        for scale in scales:
            nx_lat, neo_lat = by.get(("networkx", scale, question)), by.get(("neo4j", scale, question))
            if nx_lat and neo_lat:
                print(f"  {question:9} {scale:5} neo4j/networkx p50: {neo_lat.p50_ms / max(nx_lat.p50_ms, 1e-6):8.1f}×")
        for store in ("networkx", "neo4j"):
            small, big = by.get((store, scales[0], question)), by.get((store, scales[-1], question))
            if small and big and big is not small:
                growth = big.p50_ms / max(small.p50_ms, 1e-6)
                print(f"  {question:9} {store:8} {big.scale}/{small.scale} p50: {growth:6.2f}×")
    loads: dict[tuple[str, str], LoadFigure] = {}
    for row in results.loads:  # the fastest of repeated loads of one scale
        best = loads.get((row.store, row.scale))
        if best is None or row.seconds < best.seconds:
            loads[(row.store, row.scale)] = row
    big_scale = max((row.scale for row in results.loads), key=lambda s: int(s.rstrip("x")))
    nx_load, neo_load = loads.get(("networkx", big_scale)), loads.get(("neo4j", big_scale))
    if nx_load and neo_load:
        print(f"  load {big_scale} wall time neo4j/networkx: {neo_load.seconds / nx_load.seconds:.1f}×")
    if results.raw_create and neo_load:
        def rate(row: LoadFigure) -> float:
            return (row.nodes + row.relationships) / row.seconds

        first = rate(neo_load)
        print(
            f"  first load {first:,.0f} records/s (plan included, best of {len(results.raw_runs)}) vs the server's raw "
            f"UNWIND … CREATE {results.raw_create['records_per_s']:,d}/s (best of {len(results.raw_runs)}): "
            f"{first / results.raw_create['records_per_s']:.2f}× (aim >= 0.5×)"
        )
        big_loads = [row for row in results.loads if row.store == "neo4j" and row.scale == big_scale]
        pairs = ", ".join(
            f"{rate(load) / raw['records_per_s']:.2f}×" for raw, load in zip(results.raw_runs, big_loads, strict=False)
        )
        print(f"  each raw run, then first load: {pairs}")
    for scale, changes in results.reload_changes.items():
        print(f"  reload {scale}: {changes} writes planned (must be 0)")
    if results.per_row and neo_load:
        print(
            f"  nodes: batched {neo_load.nodes_per_s:,d}/s vs one MERGE per row {results.per_row['rows_per_s']:,d}/s: "
            f"{neo_load.nodes_per_s / results.per_row['rows_per_s']:.1f}×"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities", type=int, default=100, help="the large scale, in cities (default 100)")
    parser.add_argument("--sample", type=int, default=200, help="ids timed per question (default 200)")
    parser.add_argument("--per-row", type=int, default=500, help="rows in the one-MERGE-per-row baseline")
    parser.add_argument("--repeat", type=int, default=2, help="raw CREATE runs and first loads, alternated (default 2)")
    parser.add_argument("--heap", default="2g", help="ArcadeDB JVM heap (default 2g)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("neo4j").setLevel(logging.WARNING)

    began = time.perf_counter()
    big_scale = f"{args.cities}x"
    small_graph, big_graph = synthetic_graph(1, args.seed), synthetic_graph(args.cities, args.seed)
    log.info("corpus: 1x %d nodes, %s %d nodes / %d relationships", len(small_graph.nodes), big_scale,
             len(big_graph.nodes), len(big_graph.edges))
    results = Results()

    nx_small = load_networkx(small_graph, "1x", results)
    time_questions(nx_small, sample_ids(small_graph, args.sample, args.seed), "1x", results)
    nx_big = load_networkx(big_graph, big_scale, results)
    time_questions(nx_big, sample_ids(big_graph, args.sample, args.seed), big_scale, results)
    del nx_small, nx_big

    server = None
    tmp = None
    if os.environ.get("NEO4J_URI"):
        uri, user = os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j")
        password, database = os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE") or None
    else:
        from tests.support.arcadedb_server import BoltTestServer

        tmp = tempfile.TemporaryDirectory(prefix="plankg-bench-")
        server = BoltTestServer(Path(tmp.name), heap=args.heap)
        server.start()
        uri, user, password, database = server.uri, server.user, server.password, server.database
    store = Neo4jStore(uri, user, password, database)
    try:
        results.engine = store.capabilities.agent
        load_neo4j(store, small_graph, "1x", results)
        time_questions(store, sample_ids(small_graph, args.sample, args.seed), "1x", results)
        for _ in range(args.repeat):
            raw_create(store, big_graph, results)
            load_neo4j(store, big_graph, big_scale, results)
        results.reload_changes[big_scale] = store.plan_load(big_graph).changes
        start = time.perf_counter()
        store.load(big_graph)
        results.reload_seconds[big_scale] = round(time.perf_counter() - start, 3)
        time_questions(store, sample_ids(big_graph, args.sample, args.seed), big_scale, results)
        per_row_merge(store, big_graph, args.per_row, results)
    finally:
        store.close()
        if server is not None:
            server.stop()
        if tmp is not None:
            tmp.cleanup()

    report(results)
    print(f"\ntotal bench time: {time.perf_counter() - began:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(asdict(results), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
