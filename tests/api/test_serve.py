"""Serving: the store factory, the lifespan (one store, opened once, closed once), the static
explorer, and ``plankg serve`` itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

import app.main
from app.cli import build_parser, main
from app.main import STATIC_DIR, create_app
from app.store_factory import open_store
from graph.embedded.graph_file import write_graph_json
from graph.embedded.nx_store import NetworkxStore
from graph.errors import GraphFileError, StoreUnavailable
from graph.model import PlanGraph
from graph.neo4j.store import Neo4jStore
from graph.settings import Settings, get_settings
from tests.support.arcadedb_server import free_port
from tests.support.paths import ROOT

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory, seed_graph: PlanGraph) -> Path:
    return write_graph_json(seed_graph, tmp_path_factory.mktemp("graph") / "graph.json")


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, graph_file: Path) -> Iterator[Path]:
    """PLANKG_* for the embedded store, with the settings cache cleared around the test."""
    monkeypatch.setenv("PLANKG_STORE", "networkx")
    monkeypatch.setenv("PLANKG_GRAPH", str(graph_file))
    get_settings.cache_clear()
    yield graph_file
    get_settings.cache_clear()


# --- the store factory ----------------------------------------------------------------------------


def test_open_store_reads_the_graph_file(graph_file: Path, seed_graph: PlanGraph) -> None:
    store = open_store(Settings(PLANKG_STORE="networkx", PLANKG_GRAPH=graph_file))
    assert isinstance(store, NetworkxStore)
    assert sum(store.counts().nodes.values()) == len(seed_graph.nodes)


def test_open_store_without_a_graph_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(GraphFileError):
        open_store(Settings(PLANKG_STORE="networkx", PLANKG_GRAPH=tmp_path / "missing.json"))


def test_open_store_makes_a_neo4j_store_while_the_server_is_down() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    store = open_store(Settings(PLANKG_STORE="neo4j", NEO4J_URI=uri, NEO4J_PASSWORD="not-a-secret"))
    try:
        assert isinstance(store, Neo4jStore) and store.uri == uri
        with pytest.raises(StoreUnavailable):
            store.ping()
    finally:
        store.close()


# --- the lifespan ---------------------------------------------------------------------------------


def test_the_lifespan_opens_the_store_once_and_closes_it(
    monkeypatch: pytest.MonkeyPatch, graph_file: Path
) -> None:
    opened: list[NetworkxStore] = []
    closed: list[NetworkxStore] = []

    def counting_open(settings: Settings) -> NetworkxStore:
        store = NetworkxStore.from_file(settings.graph_path)
        monkeypatch.setattr(store, "close", lambda: closed.append(store))
        opened.append(store)
        return store

    monkeypatch.setattr(app.main, "open_store", counting_open)
    application = create_app(Settings(PLANKG_GRAPH=graph_file))
    assert opened == []  # nothing happens before startup
    with TestClient(application) as client:
        for _ in range(3):
            assert client.get("/tasks?limit=1").status_code == 200
        assert client.get("/health").json()["store"] == "networkx"
        assert len(opened) == 1 and closed == []
    assert closed == opened


def test_a_given_store_is_left_open(seed_graph: PlanGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    store = NetworkxStore(seed_graph)
    calls: list[str] = []
    monkeypatch.setattr(store, "close", lambda: calls.append("close"))
    with TestClient(create_app(Settings(), store)) as client:
        assert client.get("/health").status_code == 200
    assert calls == []


def test_create_app_reads_the_environment(environment: Path) -> None:
    with TestClient(create_app()) as client:
        assert client.get("/health").json()["store"] == "networkx"


# --- static explorer ------------------------------------------------------------------------------


def test_the_explorer_is_served_at_the_root(seed_graph: PlanGraph) -> None:
    with TestClient(create_app(Settings(), NetworkxStore(seed_graph))) as client:
        response = client.get("/")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert response.content == (STATIC_DIR / "index.html").read_bytes()
        assert client.get("/docs").status_code == 200
        assert client.get("/openapi.json").json()["info"]["title"] == "plankg"


# --- plankg serve -------------------------------------------------------------------------------


def test_serve_prints_the_urls_and_runs_the_factory(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **kwargs: seen.update(target=target, **kwargs))
    assert main(["serve", "--host", "127.0.0.1", "--port", "8123"]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8123/\n" in out and "http://127.0.0.1:8123/docs" in out
    assert seen["target"] == "app.main:create_app" and seen["factory"] is True
    assert (seen["host"], seen["port"], seen["workers"]) == ("127.0.0.1", 8123, 1)


def test_serve_help_names_the_settings() -> None:
    parser = build_parser()
    help_text = parser._subparsers._group_actions[0].choices["serve"].format_help()  # type: ignore[union-attr]
    for name in ("--host", "--port", "PLANKG_STORE", "PLANKG_GRAPH", "NEO4J_URI"):
        assert name in help_text


def test_serve_get_answers_without_a_server(environment: Path, capsys: Any) -> None:
    assert main(["serve", "--get", "/search?q=集装箱"]) == 0
    assert '"集装箱吞吐量"' in capsys.readouterr().out
    assert main(["serve", "--get", "/nodes/nope"]) == 1
    assert '"not_found"' in capsys.readouterr().out


def test_plankg_serve_serves(graph_file: Path, tmp_path: Path) -> None:
    """The real thing: ``python -m app.cli serve`` in a subprocess, asked over loopback."""
    port = free_port()
    env = {**os.environ, "PLANKG_STORE": "networkx", "PLANKG_GRAPH": str(graph_file)}
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None and time.monotonic() < deadline, Path(log.name).read_text()
                time.sleep(0.2)
        assert health.status_code == 200 and health.json()["store"] == "networkx"
        # timeouts are hang guards (httpx's default of 5 s is a speed limit on a loaded machine)
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=30).headers["content-type"].startswith("text/html")
        owners = httpx.get(f"http://127.0.0.1:{port}/indicators/ind-8814c82146f1/owners", timeout=30).json()
        assert "青岛市海洋发展局" in {row["owner"]["name"] for row in owners["owners"]}
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        log.close()
    output = Path(log.name).read_text()
    assert f"http://127.0.0.1:{port}/\n" in output and f"http://127.0.0.1:{port}/docs" in output
