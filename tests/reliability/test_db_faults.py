"""``plankg serve`` on the Neo4j store through database faults, as a user runs it.

A real ``plankg serve`` process (PLANKG_STORE=neo4j) and a private ArcadeDB Bolt server of this
test's own, which it starts and stops:

1. the server is down when the API starts: the API starts anyway, ``/health`` and every data
   endpoint answer 503 in the error shape, saying what to check;
2. the server comes up (and is loaded): the same API process answers 200, without a restart;
3. the server is stopped while the API runs: 503 again, never a hang, in the error shape;
4. the server is started again: 200 again, same answers, still without restarting the API.

(``tests/api/test_error_shape.py`` covers a Neo4jStore handed to ``create_app`` while the server is
down at startup; ``tests/contract/test_neo4j_store.py`` the store alone across a stop and start.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from graph.model import Label, PlanGraph
from graph.neo4j.store import Neo4jStore
from tests.support.api_clients import assert_error
from tests.support.arcadedb_server import BoltTestServer, free_port
from tests.support.paths import ROOT

#: How long a request may take before the test calls it hung: a hang guard, not a speed limit
#: (a request while the server is down waits for the driver's connection timeout and retries).
HANG_GUARD_SECONDS = 30


@pytest.fixture
def down_server(tmp_path: Path) -> Iterator[BoltTestServer]:
    """A private ArcadeDB with its ports chosen but not started (stopped again after the test)."""
    server = BoltTestServer(tmp_path / "arcadedb", heap="512m")
    server.bolt_port, server.http_port = free_port(), free_port()
    yield server
    server.stop()


@pytest.fixture
def served(down_server: BoltTestServer, tmp_path: Path) -> Iterator[httpx.Client]:
    """``plankg serve`` with the Neo4j store pointed at the (down) server; a client for it."""
    port = free_port()
    env = {
        **os.environ,
        "PLANKG_STORE": "neo4j",
        "NEO4J_URI": down_server.uri,
        "NEO4J_USER": down_server.user,
        "NEO4J_PASSWORD": down_server.password,
        "NEO4J_DATABASE": down_server.database,
    }
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=HANG_GUARD_SECONDS)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if client.get("/ping").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, f"plankg serve exited: {log_path.read_text()}"
            assert time.monotonic() < deadline, f"plankg serve did not start: {log_path.read_text()}"
            time.sleep(0.2)
        yield client
    finally:
        client.close()
        process.send_signal(signal.SIGINT)
        try:
            assert process.wait(timeout=30) == 0, log_path.read_text()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert "Traceback" not in log_path.read_text()


def data_urls(graph: PlanGraph) -> list[str]:
    teu = next(n for n in graph.nodes if n.label is Label.INDICATOR and n.name == "集装箱吞吐量")
    department = next(n for n in graph.nodes if n.label is Label.DEPARTMENT)
    task = next(n for n in graph.nodes if n.label is Label.TASK)
    return [
        "/tasks",
        "/indicators?format=csv",
        f"/search?q={quote('海洋')}",
        f"/nodes/{teu.id}",
        f"/indicators/{teu.id}/owners",
        f"/departments/{department.id}/targets",
        f"/ladder/{task.id}",
        f"/graph?focus={teu.id}",
        "/ownership",
    ]


def all_unavailable(client: httpx.Client, urls: list[str]) -> None:
    """Every URL answers 503 ``store_unavailable`` in the error shape (asked in parallel); the
    client's timeout, ``HANG_GUARD_SECONDS``, fails a request that hangs instead of answering."""
    with ThreadPoolExecutor(max_workers=len(urls)) as pool:
        for url, response in zip(urls, pool.map(client.get, urls), strict=True):
            error = assert_error(response, 503, "store_unavailable")
            assert "check that the server is running" in error["message"], url
            assert error["detail"]["store"] == "neo4j" and "NEO4J_URI" in error["detail"]["check"], url
            assert response.headers["retry-after"].isdigit(), url


def all_answer(client: httpx.Client, urls: list[str], teu_owners: set[str]) -> None:
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
    owners = client.get(urls[4]).json()["owners"]
    assert teu_owners <= {row["owner"]["name"] for row in owners}


def test_serve_survives_the_database_going_down_and_coming_back(
    down_server: BoltTestServer, served: httpx.Client, seed_graph: PlanGraph
) -> None:
    client = served
    urls = data_urls(seed_graph)
    teu_owners = {"青岛市海洋发展局"}

    # 1. Down at startup: the API is up, the store is not.
    assert client.get("/ping").status_code == 200
    all_unavailable(client, ["/health", *urls])

    # 2. The database comes up and is loaded: answers, same process.
    down_server.start()
    store = Neo4jStore(down_server.uri, down_server.user, down_server.password, down_server.database)
    try:
        store.load(seed_graph)
    finally:
        store.close()
    health = client.get("/health")
    assert health.status_code == 200, health.text
    assert health.json()["store"] == "neo4j"
    assert sum(health.json()["counts"]["nodes"].values()) == len(seed_graph.nodes)
    all_answer(client, urls, teu_owners)

    # 3. The database is stopped under the running API: 503 again, nothing hangs.
    down_server.stop()
    all_unavailable(client, ["/health", *urls])
    assert client.get("/ping").status_code == 200  # liveness never touches the store

    # 4. Back again (same address, same data): answers again, still the same process.
    down_server.start()
    health = client.get("/health")
    assert health.status_code == 200, health.text
    assert sum(health.json()["counts"]["nodes"].values()) == len(seed_graph.nodes)
    all_answer(client, urls, teu_owners)
