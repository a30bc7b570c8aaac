"""API throughput and latency against a trivial endpoint, measured in one bounded run.

For each configuration this starts ``uvicorn <factory> --factory`` (one worker, no access log) on
a free 127.0.0.1 port in a subprocess, warms it up, then runs ``--rounds`` rounds; each round
sends ``--requests`` requests (``--seconds`` caps a phase) over ``--concurrency`` keep-alive
connections to each endpoint in turn, so a noisy neighbour hits every endpoint alike.

Each endpoint's requests cycle over many different questions, as a researcher's traffic does,
not one URL asked again and again (which the embedded store's answer memo would flatter):

- ``/ping``: a trivial ``async def`` route that never touches the store: the baseline;
- ``/ladder/{task}``: every task of the seed graph in turn;
- ``/indicators/{indicator}/owners``: every indicator in turn;
- ``/search?q=…``: ``SEARCH_QUERIES``, 30 different Chinese queries, in turn.

Configurations: ``networkx`` (the embedded store as served, answers memoised), ``networkx (no
memo)`` (``create_app(answer_cache=0)``: every request walks the graph; skip with
``--memo-only``) and ``neo4j`` (over Bolt, store calls in worker threads, never memoised). The
warm-up asks every question at least once, so the memoised figures are the steady state of a
server whose memo holds the whole working set (the seed graph's questions fit in its 1,024
answers): the best case. The figures without the memo are the worst case, every request a walk
of the graph; a researcher's real traffic, part repeats and part new questions, lies between.

Reported per endpoint: requests per second (median over rounds) and its ratio to ``/ping``;
p50/p99 latency over every request; the server process's CPU time per request (user + system
from ``/proc``), and the ratio of ping's to it: the capacity ratio of the one worker, which
noisy neighbours on a shared machine disturb far less than wall-clock throughput.
Target: every real endpoint at least half the baseline's throughput on the embedded store; the
exit status is 1 when it is missed.

The load generator is a small asyncio HTTP/1.1 client over raw keep-alive sockets: on a 2-core
machine the server has one core, and httpx's per-request cost (``--client httpx`` to compare)
would make the client, not the server, the bottleneck and flatten the ratios.

On the Neo4j store the baseline is ``/bench/db-ping`` (``create_app_with_db_ping``): one
``RETURN 1`` round trip through the same limiter, driver and pool as every question, so the
figures are ratios against the database's own floor; the issue 13 aim (ladder, owners, search
≥ 0.5× its throughput, p99 ≤ 3× its p99, ladder and owners ≤ 1.5 ms API CPU per request) is
printed as met or not.

Neo4j: the ArcadeDB Bolt test server (``tests/support/arcadedb_server.py``) is started in a
temporary directory and loaded with the seed graph; with ``NEO4J_URI`` (and ``NEO4J_USER``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) that server is used instead and the seed graph is
MERGEd into it (idempotent; nothing else is touched).

Usage: ``.venv/bin/python -m bench.api [--store networkx|neo4j|both] [--rounds 3]
[--requests 2000] [--seconds 20] [--concurrency 32] [--client raw|httpx] [--memo-only]
[--json out.json]``
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent

LOOPBACK = "127.0.0.1"
CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)
TARGET_RATIO = 0.5
MAX_P99_RATIO = 3.0
MAX_CPU_US = 1500.0


@dataclass(frozen=True)
class Endpoint:
    """A route and the URLs its requests cycle over."""

    route: str
    paths: list[str]


@dataclass
class Phase:
    """One endpoint on one store, over every round."""

    store: str
    name: str
    path: str  # the route, e.g. /ladder/{task}
    distinct: int  # how many different URLs the requests cycle over
    requests: int
    rps: float  # median over the rounds
    p50_ms: float  # over every request of every round
    p99_ms: float
    cpu_us: float  # server CPU (user + system) per request, over every round
    errors: int
    ratio: float = 0.0  # rps / baseline rps (RETURN 1 on the Neo4j store, /ping otherwise)
    p99_ratio: float = 0.0  # p99 / baseline p99
    cpu_ratio: float = 0.0  # baseline CPU per request / this CPU per request: capacity ratio


# --- load generation -------------------------------------------------------------------------


async def _raw_connection(
    port: int, requests: list[bytes], take: Iterator[int], latencies: list[float], statuses: Counter[int]
) -> None:
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    try:
        for index in take:
            started = time.perf_counter()
            writer.write(requests[index % len(requests)])
            head = await reader.readuntil(b"\r\n\r\n")
            match = CONTENT_LENGTH.search(head)
            if match is None:
                raise RuntimeError(f"no content-length in {head[:200]!r}")
            await reader.readexactly(int(match.group(1)))
            latencies.append(time.perf_counter() - started)
            statuses[int(head[9:12])] += 1
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


async def _httpx_connection(
    port: int, paths: list[str], take: Iterator[int], latencies: list[float], statuses: Counter[int]
) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=f"http://{LOOPBACK}:{port}", timeout=60) as client:
        for index in take:
            started = time.perf_counter()
            response = await client.get(paths[index % len(paths)])
            latencies.append(time.perf_counter() - started)
            statuses[response.status_code] += 1


def _budget(requests: int, deadline: float) -> Iterator[int]:
    """Shared by every connection of a phase: yields until the requests or the time run out.

    The index picks the URL (``index % len(paths)``), so consecutive requests, whichever
    connection sends them, ask different questions.
    """
    for index in range(requests):
        if time.perf_counter() > deadline:
            return
        yield index


async def _load(
    port: int, paths: list[str], requests: int, seconds: float, concurrency: int, client: str
) -> tuple[float, list[float], Counter[int]]:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    started = time.perf_counter()
    take = _budget(requests, started + seconds)
    if client == "raw":
        raw = [f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}:{port}\r\n\r\n".encode("ascii") for path in paths]
        workers = [_raw_connection(port, raw, take, latencies, statuses) for _ in range(concurrency)]
    else:
        workers = [_httpx_connection(port, paths, take, latencies, statuses) for _ in range(concurrency)]
    await asyncio.gather(*workers)
    return time.perf_counter() - started, latencies, statuses


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Round:
    elapsed: float
    latencies: list[float]
    statuses: Counter[int]
    cpu: float


def run_round(pid: int, port: int, paths: list[str], args: argparse.Namespace) -> Round:
    before = cpu_seconds(pid)
    elapsed, latencies, statuses = asyncio.run(
        _load(port, paths, args.requests, args.seconds, args.concurrency, args.client)
    )
    return Round(elapsed, latencies, statuses, cpu_seconds(pid) - before)


def summarise(store: str, name: str, endpoint: Endpoint, rounds: list[Round]) -> Phase:
    ordered = sorted(latency for r in rounds for latency in r.latencies)
    count = len(ordered)

    def percentile(p: float) -> float:
        return ordered[min(count - 1, int(p * count))] * 1000 if ordered else float("nan")

    return Phase(
        store=store,
        name=name,
        path=endpoint.route,
        distinct=len(set(endpoint.paths)),
        requests=count,
        rps=round(statistics.median(len(r.latencies) / r.elapsed for r in rounds), 1),
        p50_ms=round(percentile(0.50), 2),
        p99_ms=round(percentile(0.99), 2),
        cpu_us=round(sum(r.cpu for r in rounds) / max(count, 1) * 1e6, 1),
        errors=sum(n for r in rounds for status, n in r.statuses.items() if status != 200),
    )


# --- the server under test -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def create_app_without_memo():  # type: ignore[no-untyped-def]
    """The app factory with the embedded store's answer memo off (``app.store_access.AnswerCache``)."""
    from app.main import create_app

    return create_app(answer_cache=0)


DB_PING = "/bench/db-ping"


def create_app_with_db_ping():  # type: ignore[no-untyped-def]
    """The app as served plus ``/bench/db-ping``: one ``RETURN 1`` round trip to the database.

    The route goes through exactly what a question goes through (the store's worker-thread
    limiter, the driver, its pool, a managed read transaction) and does nothing else, so it is
    the database's floor: the Neo4j store's endpoints are measured against it, not against
    ``/ping``, which never leaves Python. Bench-only: the served app has no such route.
    """
    from app.main import create_app

    app = create_app()

    @app.get(DB_PING, include_in_schema=False)
    async def db_ping() -> dict[str, int]:
        await app.state.store_access.ping()
        return {"ok": 1}

    app.router.routes.insert(0, app.router.routes.pop())  # before the explorer's catch-all mount
    return app


@contextlib.contextmanager
def api_server(env: dict[str, str], log_path: Path, factory: str = "app.main:create_app") -> Iterator[tuple[int, int]]:
    """uvicorn with the app factory, one worker, in a subprocess; yields (pid, port), then stops it."""
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", factory, "--factory",
        "--host", LOOPBACK, "--port", str(port), "--workers", "1",
        "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise SystemExit(f"uvicorn exited with {process.returncode}:\n{log_path.read_text()}")
            try:
                with socket.create_connection((LOOPBACK, port), timeout=1) as sock:
                    sock.sendall(f"GET /ping HTTP/1.1\r\nHost: {LOOPBACK}\r\nConnection: close\r\n\r\n".encode())
                    if sock.recv(64).startswith(b"HTTP/1.1 200"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"uvicorn did not answer within 120 s:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield process.pid, port
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def neo4j_environment(graph, workdir: Path) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    """NEO4J_* for a server holding the seed graph: NEO4J_URI's, or a fresh ArcadeDB."""
    from graph.neo4j.store import Neo4jStore

    if os.environ.get("NEO4J_URI"):
        from graph.settings import Settings

        store = Neo4jStore.from_settings(Settings())
        try:
            store.load(graph)
        finally:
            store.close()
        yield {"PLANKG_STORE": "neo4j"}
        return

    from tests.support.arcadedb_server import BoltTestServer

    with BoltTestServer(workdir / "arcadedb") as server:
        store = Neo4jStore(server.uri, server.user, server.password, server.database)
        try:
            store.clear()
            store.load(graph)
        finally:
            store.close()
        yield {
            "PLANKG_STORE": "neo4j",
            "NEO4J_URI": server.uri,
            "NEO4J_USER": server.user,
            "NEO4J_PASSWORD": server.password,
            "NEO4J_DATABASE": server.database,
        }


# --- the run ----------------------------------------------------------------------------------


#: What a researcher types into the explorer's search: positionings, sectors, indicators,
#: departments, mechanisms; a few match little or nothing.
SEARCH_QUERIES = (
    "海洋", "集装箱", "港口", "海洋经济", "科技创新", "国际门户", "先进制造业", "现代产业",
    "数字经济", "营商环境", "对外开放", "外资", "进出口", "人才", "研发经费", "高新技术企业",
    "上市公司", "旅游", "空气质量", "平安社区", "城市治理", "湾区", "宜居宜业", "机场",
    "交通枢纽", "绿色低碳", "城市更新", "专班", "海洋发展局", "发展和改革委员会",
)


def targets(graph) -> dict[str, Endpoint]:  # type: ignore[no-untyped-def]
    """The questions asked: every task's ladder, every indicator's owners, ``SEARCH_QUERIES``."""
    from graph.model import Label

    def ids(label: Label) -> list[str]:
        return sorted(node.id for node in graph.nodes if node.label is label)

    return {
        "ping (no store)": Endpoint("/ping", ["/ping"]),
        "ladder": Endpoint("/ladder/{task}", [f"/ladder/{quote(i, safe='')}" for i in ids(Label.TASK)]),
        "owners": Endpoint(
            "/indicators/{indicator}/owners",
            [f"/indicators/{quote(i, safe='')}/owners" for i in ids(Label.INDICATOR)],
        ),
        "search": Endpoint("/search?q={query}", [f"/search?q={quote(q)}" for q in SEARCH_QUERIES]),
    }


def bench_store(
    store: str,
    env: dict[str, str],
    endpoints: dict[str, Endpoint],
    workdir: Path,
    args: argparse.Namespace,
    factory: str = "app.main:create_app",
) -> list[Phase]:
    """Rounds of every endpoint in turn, so a noisy neighbour hits all of them alike."""
    rounds: dict[str, list[Round]] = {name: [] for name in endpoints}
    log_path = workdir / f"uvicorn-{store}.log".replace(" ", "-")
    with api_server(env, log_path, factory) as (pid, port):
        for endpoint in endpoints.values():  # warm-up: connections, first-use costs, every question once
            warmup = max(args.warmup, len(endpoint.paths))
            asyncio.run(_load(port, endpoint.paths, warmup, 60, min(8, args.concurrency), args.client))
        for _ in range(args.rounds):
            for name, endpoint in endpoints.items():
                rounds[name].append(run_round(pid, port, endpoint.paths, args))
    phases = [summarise(store, name, endpoints[name], rounds[name]) for name in endpoints]
    baseline = next((p for p in phases if p.path == DB_PING), phases[0])
    for phase in phases:
        phase.ratio = round(phase.rps / baseline.rps, 2)
        phase.cpu_ratio = round(baseline.cpu_us / phase.cpu_us, 2) if phase.cpu_us else 0.0
        phase.p99_ratio = round(phase.p99_ms / baseline.p99_ms, 2) if baseline.p99_ms else 0.0
    return phases


def neo4j_verdict(phases: list[Phase]) -> bool | None:
    """Issue 13's aim for the Neo4j store, against ``RETURN 1`` in the same run: ladder, owners and
    search each at least ``TARGET_RATIO`` of its throughput and p99 at most ``MAX_P99_RATIO`` ×
    its p99; API CPU per request at most ``MAX_CPU_US`` for ladder and owners."""
    rows = {p.name: p for p in phases if p.store == "neo4j"}
    if not rows:
        return None
    checked = [rows[name] for name in ("ladder", "owners", "search") if name in rows]
    return all(p.ratio >= TARGET_RATIO and p.p99_ratio <= MAX_P99_RATIO for p in checked) and all(
        rows[name].cpu_us <= MAX_CPU_US for name in ("ladder", "owners") if name in rows
    )


def report(phases: list[Phase]) -> str:
    header = ("store", "endpoint", "URLs", "req/s", "x base", "p50 ms", "p99 ms", "p99 x base", "CPU us/req",
              "x base CPU", "n", "err")  # fmt: skip
    rows = [header] + [
        (p.store, p.name, str(p.distinct), f"{p.rps:.0f}", f"{p.ratio:.2f}", f"{p.p50_ms:.1f}",
         f"{p.p99_ms:.1f}", f"{p.p99_ratio:.2f}", f"{p.cpu_us:.0f}", f"{p.cpu_ratio:.2f}", str(p.requests),
         str(p.errors))
        for p in phases
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        for row in rows
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=("networkx", "neo4j", "both"), default="both")
    parser.add_argument("--requests", type=int, default=2000, help="requests per endpoint and round (default 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every endpoint (default 3)")
    parser.add_argument("--seconds", type=float, default=20.0, help="cap per endpoint and round, seconds (default 20)")
    parser.add_argument("--concurrency", type=int, default=32, help="keep-alive connections (default 32)")
    parser.add_argument("--warmup", type=int, default=200, help="warm-up requests per endpoint (default 200)")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw")
    parser.add_argument("--memo-only", action="store_true", help="skip the embedded store without its answer memo")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)

    import logging

    logging.basicConfig(level=logging.WARNING)
    from graph.embedded.graph_file import write_graph_json
    from loaders.pipeline import build_graph

    graph = build_graph(sorted((ROOT / "data").glob("*.txt")))
    endpoints = targets(graph)
    stores = ("networkx", "neo4j") if args.store == "both" else (args.store,)
    phases: list[Phase] = []
    with tempfile.TemporaryDirectory(prefix="plankg-bench-") as tmp:
        workdir = Path(tmp)
        graph_file = write_graph_json(graph, workdir / "graph.json")
        for store in stores:
            if store == "networkx":
                env = {"PLANKG_STORE": "networkx", "PLANKG_GRAPH": str(graph_file)}
                phases += bench_store(store, env, endpoints, workdir, args)
                if not args.memo_only:
                    phases += bench_store(
                        "networkx (no memo)", env, endpoints, workdir, args, "bench.api:create_app_without_memo"
                    )
            else:
                with neo4j_environment(graph, workdir) as env:
                    with_floor = {"db ping (RETURN 1, baseline)": Endpoint(DB_PING, [DB_PING]), **endpoints}
                    phases += bench_store(store, env, with_floor, workdir, args, "bench.api:create_app_with_db_ping")

    print(f"# {args.rounds} rounds x {args.requests} requests per endpoint (cap {args.seconds:g} s), "
          f"{args.concurrency} connections, {args.client} client, uvicorn 1 worker on {LOOPBACK}; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end")  # fmt: skip
    print("# req/s: median over rounds; x base: / the baseline's (/ping; on neo4j the RETURN 1 route); "
          "CPU us/req: the server process's user+system")
    print("# CPU per request (the capacity of the one worker, robust to noisy neighbours); p50/p99: every request")
    print("# URLs: the different questions an endpoint's requests cycle over (every task, every indicator, "
          f"{len(SEARCH_QUERIES)} queries); memo: warmed with every question, the best case; no memo: the worst")
    print(report(phases))
    embedded = [p for p in phases if p.store == "networkx" and p.path != "/ping"]  # as served
    verdict = all(p.ratio >= TARGET_RATIO for p in embedded) if embedded else None
    if verdict is not None:
        outcome = "met" if verdict else "NOT met"
        print(f"# target (embedded store, every endpoint >= {TARGET_RATIO:g} x ping req/s): {outcome}")
    floor = neo4j_verdict(phases)
    if floor is not None:
        print(f"# target (neo4j store, vs RETURN 1: ladder/owners/search >= {TARGET_RATIO:g} x req/s and p99 <= "
              f"{MAX_P99_RATIO:g} x; ladder/owners <= {MAX_CPU_US:g} us CPU/req): {'met' if floor else 'NOT met'}")
    if args.json:
        args.json.write_text(json.dumps([asdict(p) for p in phases], ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if verdict in (True, None) else 1


if __name__ == "__main__":
    sys.exit(main())
