"""Soak: a bounded mix of requests at a fixed rate on loopback for minutes, against each store.

For each store this starts the API as served (``uvicorn app.main:create_app --factory``, one
worker, on a free 127.0.0.1 port, in a subprocess; ``bench.api.api_server``) over the seed
graph, warms it up, then sends ``--rate`` requests per second for ``--seconds`` seconds, open
loop: request *i* is due at ``start + i / rate`` whatever the answers before it did, over at
most ``--connections`` keep-alive connections. The mix (``MIX``) is what the explorer and a
researcher's script ask: ladders, owners, targets, searches, node pages, neighbourhoods, list
pages, CSV, the ownership matrix, ``/health``, plus unknown ids (404) and bad parameters (422),
each with the status it must get. Ids rotate over every task, indicator and owner of the graph.

Reported per store:

- **errors**: answers with another status than expected, transport errors and timeouts
  (``--timeout``); must be 0 (the exit status is 1 otherwise);
- latency p50 / p99 / max, from the moment a request was *due* (so a server that falls behind
  shows it, rather than hiding it in a slower send rate), overall and per kind of request;
- the server process's resident memory (``VmRSS`` from ``/proc``) after the warm-up, at the end,
  the maximum sampled every second, and the growth (end − start).

Neo4j: the ArcadeDB Bolt test server (``tests/support/arcadedb_server.py``) is started in a
temporary directory and loaded with the seed graph (``bench.api.neo4j_environment``); with
``NEO4J_URI`` (and ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) that server is used
and the seed graph merged into it.

Usage: ``.venv/bin/python -m bench.soak [--store networkx|neo4j|both] [--seconds 180]
[--rate 50] [--connections 8] [--timeout 10] [--json out.json]``
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import math
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

from bench.api import LOOPBACK, api_server, neo4j_environment

ROOT = Path(__file__).resolve().parent.parent

log = logging.getLogger("bench.soak")

#: (kind of request, weight in the mix). Ids are filled in by ``requests``.
MIX: tuple[tuple[str, int], ...] = (
    ("ladder", 4),
    ("owners", 3),
    ("search", 3),
    ("node", 2),
    ("list", 2),
    ("targets", 1),
    ("graph", 1),
    ("csv", 1),
    ("ownership", 1),
    ("health", 1),
    ("unknown id (404)", 1),
    ("bad parameter (422)", 1),
)
SEARCH_TERMS = ("海洋", "港口", "集装箱", "科技创新", "国际", "数字经济", "城市", "发展改革", "人才", "绿色低碳")
LISTS = ("tasks", "indicators", "departments", "task-forces", "plans", "people", "positionings", "goals", "sources")
RSS_SAMPLE_SECONDS = 1.0
WARM_UP_SECONDS = 10.0


@dataclass(frozen=True)
class Request:
    kind: str
    path: str
    expect: int


@dataclass
class Figures:
    store: str
    seconds: float
    rate: float
    requests: int
    achieved_rate: float
    errors: int
    error_kinds: dict[str, int]
    p50_ms: float
    p99_ms: float
    max_ms: float
    rss_start_mib: float
    rss_end_mib: float
    rss_max_mib: float
    rss_growth_mib: float
    per_kind: dict[str, dict[str, float]] = field(default_factory=dict)


# --- the mix -----------------------------------------------------------------------------------


def requests(graph) -> Iterator[Request]:  # type: ignore[no-untyped-def]
    """An endless, deterministic stream of requests in ``MIX`` proportions."""
    from graph.model import Label

    def ids(*labels: Label) -> Iterator[str]:
        found = sorted(node.id for node in graph.nodes if node.label in labels)
        if not found:
            raise SystemExit(f"the graph has no {labels} to ask about")
        return itertools.cycle(found)

    tasks = ids(Label.TASK)
    indicators = ids(Label.INDICATOR)
    positionings = ids(Label.CITY_POSITIONING)
    departments = ids(Label.DEPARTMENT)
    task_forces = ids(Label.TASK_FORCE)
    anything = ids(*Label)
    terms = itertools.cycle(SEARCH_TERMS)
    lists = itertools.cycle(LISTS)
    offsets = itertools.cycle((0, 10, 50, 100))
    owner_turn = itertools.cycle((True, False))
    target_turn = itertools.cycle((True, False))
    unknown = itertools.count()

    def make(kind: str) -> Request:
        if kind == "ladder":
            return Request(kind, f"/ladder/{next(tasks)}", 200)
        if kind == "owners":
            if next(owner_turn):
                return Request(kind, f"/indicators/{next(indicators)}/owners", 200)
            return Request(kind, f"/positionings/{next(positionings)}/owners", 200)
        if kind == "targets":
            if next(target_turn):
                return Request(kind, f"/departments/{next(departments)}/targets", 200)
            return Request(kind, f"/task-forces/{next(task_forces)}/targets", 200)
        if kind == "search":
            return Request(kind, f"/search?q={quote(next(terms))}&limit=20", 200)
        if kind == "node":
            return Request(kind, f"/nodes/{next(anything)}", 200)
        if kind == "list":
            return Request(kind, f"/{next(lists)}?limit=20&offset={next(offsets)}", 200)
        if kind == "graph":
            return Request(kind, f"/graph?focus={next(positionings)}&depth=2", 200)
        if kind == "csv":
            return Request(kind, f"/{next(lists)}?format=csv", 200)
        if kind == "ownership":
            return Request(kind, "/ownership", 200)
        if kind == "health":
            return Request(kind, "/health", 200)
        if kind == "unknown id (404)":
            return Request(kind, f"/nodes/ind-{next(unknown):012x}", 404)
        if kind == "bad parameter (422)":
            return Request(kind, f"/tasks?limit=0&q={quote('海洋')}", 422)
        raise ValueError(kind)

    schedule = [kind for kind, weight in MIX for _ in range(weight)]
    # Interleave so consecutive requests differ: a stride through the weighted list coprime to its length.
    stride = next(step for step in range(5, 5 + len(schedule)) if math.gcd(step, len(schedule)) == 1)
    order = [schedule[(i * stride) % len(schedule)] for i in range(len(schedule))]
    for kind in itertools.cycle(order):
        yield make(kind)


# --- measuring ---------------------------------------------------------------------------------


def rss_mib(pid: int) -> float:
    """Resident memory of a process in MiB (``VmRSS`` of ``/proc/<pid>/status``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def percentile(ordered: list[float], p: float) -> float:
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else float("nan")


async def soak(port: int, pid: int, stream: Iterator[Request], args: argparse.Namespace) -> tuple[
    list[tuple[Request, float, str | None]], float, list[float]
]:
    """Send ``rate`` requests per second for ``seconds``; (results, elapsed, RSS samples)."""
    import httpx

    limits = httpx.Limits(max_connections=args.connections, max_keepalive_connections=args.connections)
    results: list[tuple[Request, float, str | None]] = []
    samples: list[float] = []
    total = int(args.seconds * args.rate)

    async with httpx.AsyncClient(
        base_url=f"http://{LOOPBACK}:{port}", limits=limits, timeout=args.timeout
    ) as client:

        async def one(request: Request, due: float) -> None:
            problem: str | None = None
            try:
                response = await client.get(request.path)
                if response.status_code != request.expect:
                    problem = f"status {response.status_code} (expected {request.expect})"
            except httpx.TimeoutException:
                problem = "timeout"
            except httpx.HTTPError as exc:
                problem = type(exc).__name__
            results.append((request, time.perf_counter() - due, problem))

        async def sample_rss() -> None:
            while True:
                samples.append(rss_mib(pid))
                await asyncio.sleep(RSS_SAMPLE_SECONDS)

        sampler = asyncio.create_task(sample_rss())
        started = time.perf_counter()
        pending: set[asyncio.Task[None]] = set()
        for index in range(total):
            due = started + index / args.rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(one(next(stream), due))
            pending.add(task)
            task.add_done_callback(pending.discard)
        if pending:
            await asyncio.gather(*pending)
        elapsed = time.perf_counter() - started
        sampler.cancel()
        samples.append(rss_mib(pid))
    return results, elapsed, samples


async def warm_up(port: int, stream: Iterator[Request], seconds: float) -> None:
    """One pass over a few hundred requests of the mix, unmeasured (connections, caches, JIT)."""
    import httpx

    deadline = time.perf_counter() + seconds
    async with httpx.AsyncClient(base_url=f"http://{LOOPBACK}:{port}", timeout=60) as client:
        for _ in range(300):
            if time.perf_counter() > deadline:
                break
            await client.get(next(stream).path)


def run_store(  # type: ignore[no-untyped-def]
    store: str, env: dict[str, str], graph, workdir: Path, args: argparse.Namespace
) -> Figures:
    log_path = workdir / f"uvicorn-{store}.log"
    with api_server(env, log_path) as (pid, port):
        asyncio.run(warm_up(port, requests(graph), WARM_UP_SECONDS))
        rss_start = rss_mib(pid)
        print(f"# {store}: soaking {args.seconds:g} s at {args.rate:g} req/s (server pid {pid}, port {port})",
              file=sys.stderr, flush=True)  # fmt: skip
        results, elapsed, samples = asyncio.run(soak(port, pid, requests(graph), args))
        rss_end = rss_mib(pid)
    latencies = sorted(latency for _, latency, _ in results)
    errors = Counter(f"{request.kind}: {problem}" for request, _, problem in results if problem)
    by_kind: dict[str, list[float]] = defaultdict(list)
    for request, latency, _ in results:
        by_kind[request.kind].append(latency)
    per_kind = {
        kind: {
            "n": len(values),
            "p50_ms": round(percentile(sorted(values), 0.50), 2),
            "p99_ms": round(percentile(sorted(values), 0.99), 2),
        }
        for kind, values in sorted(by_kind.items())
    }
    return Figures(
        store=store,
        seconds=round(elapsed, 1),
        rate=args.rate,
        requests=len(results),
        achieved_rate=round(len(results) / elapsed, 1),
        errors=sum(errors.values()),
        error_kinds=dict(errors),
        p50_ms=round(percentile(latencies, 0.50), 2),
        p99_ms=round(percentile(latencies, 0.99), 2),
        max_ms=round(latencies[-1] * 1000, 1) if latencies else float("nan"),
        rss_start_mib=round(rss_start, 1),
        rss_end_mib=round(rss_end, 1),
        rss_max_mib=round(max([rss_start, rss_end, *samples]), 1),
        rss_growth_mib=round(rss_end - rss_start, 1),
        per_kind=per_kind,
    )


def report(figures: list[Figures]) -> str:
    header = ("store", "requests", "req/s", "errors", "p50 ms", "p99 ms", "max ms", "RSS start", "RSS end",
              "RSS max", "growth")  # fmt: skip
    rows = [header] + [
        (f.store, str(f.requests), f"{f.achieved_rate:.1f}", str(f.errors), f"{f.p50_ms:.1f}", f"{f.p99_ms:.1f}",
         f"{f.max_ms:.0f}", f"{f.rss_start_mib:.1f} MiB", f"{f.rss_end_mib:.1f} MiB", f"{f.rss_max_mib:.1f} MiB",
         f"{f.rss_growth_mib:+.1f} MiB")
        for f in figures
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in rows]  # fmt: skip
    for f in figures:
        kinds = ", ".join(f"{kind} {v['p50_ms']:.1f}/{v['p99_ms']:.1f}" for kind, v in f.per_kind.items())
        lines.append(f"# {f.store} p50/p99 ms by kind: {kinds}")
        for kind, count in sorted(f.error_kinds.items()):
            lines.append(f"# {f.store} ERROR x{count}: {kind}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=("networkx", "neo4j", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=180.0, help="soak duration per store (default 180)")
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second (default 50)")
    parser.add_argument("--connections", type=int, default=8, help="keep-alive connections at most (default 8)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a request is an error")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.rate <= 0:
        parser.error("--seconds and --rate must be positive")

    logging.basicConfig(level=logging.WARNING)
    from graph.embedded.graph_file import write_graph_json
    from loaders.pipeline import build_graph

    graph = build_graph(sorted((ROOT / "data").glob("*.txt")))
    stores = ("networkx", "neo4j") if args.store == "both" else (args.store,)
    figures: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="plankg-soak-") as tmp:
        workdir = Path(tmp)
        graph_file = write_graph_json(graph, workdir / "graph.json")
        for store in stores:
            if store == "networkx":
                env = {"PLANKG_STORE": "networkx", "PLANKG_GRAPH": str(graph_file)}
                figures.append(run_store(store, env, graph, workdir, args))
            else:
                with neo4j_environment(graph, workdir) as env:
                    figures.append(run_store(store, env, graph, workdir, args))

    print(f"# soak: {args.seconds:g} s per store at {args.rate:g} req/s (open loop, latency from the due time), "
          f"<= {args.connections} connections, uvicorn 1 worker on {LOOPBACK}, seed graph "
          f"({len(graph.nodes)} nodes); {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end")  # fmt: skip
    print(report(figures))
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in figures], ensure_ascii=False, indent=2), encoding="utf-8")
    failed = sum(f.errors for f in figures)
    print(f"# errors: {failed} ({'OK' if not failed else 'FAILED'})")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
