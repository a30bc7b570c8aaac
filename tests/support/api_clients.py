"""API test clients over a given graph, one per store kind, and the checks every API test module makes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient

from app.csv_format import BOM
from app.main import create_app
from graph.embedded.nx_store import NetworkxStore
from graph.model import PlanGraph
from graph.neo4j.store import Neo4jStore
from graph.settings import Settings

ERROR_KEYS = {"status", "code", "message", "detail"}


@contextmanager
def networkx_client(graph: PlanGraph) -> Iterator[TestClient]:
    """The app over an embedded store holding ``graph``."""
    store = NetworkxStore(graph)
    try:
        with TestClient(create_app(Settings(PLANKG_STORE="networkx"), store)) as client:
            yield client
    finally:
        store.close()


@contextmanager
def neo4j_client(bolt_server: Any, graph: PlanGraph) -> Iterator[TestClient]:
    """The app over the Bolt test server holding ``graph``, cleared before and after."""
    if not bolt_server.running:
        bolt_server.start()
    store = Neo4jStore(bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
    store.clear()
    store.load(graph)
    try:
        with TestClient(create_app(Settings(PLANKG_STORE="neo4j"), store)) as client:
            yield client
    finally:
        store.clear()
        store.close()


def get_json(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def find_id(client: TestClient, path: str, name: str) -> str:
    page = get_json(client, f"{path}?q={quote(name)}&limit=500")
    ids = [item["id"] for item in page["items"] if item["name"] == name]
    assert len(ids) == 1, (path, name, [item["name"] for item in page["items"]])
    return ids[0]


def all_items(client: TestClient, path: str) -> list[dict[str, Any]]:
    page = get_json(client, f"{path}{'&' if '?' in path else '?'}limit=500")
    assert page["total"] == len(page["items"]) and page["next_url"] is None
    return page["items"]


def read_csv(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM.encode("utf-8"))
    text = response.content.decode("utf-8")
    return list(csv.reader(io.StringIO(text[len(BOM) :])))


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The one error shape, with ``status`` and optionally ``code``; returns ``body["error"]``."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "application/json", response.headers
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == ERROR_KEYS, error
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    if code is not None:
        assert error["code"] == code, error
    assert "Traceback" not in response.text and 'File "' not in response.text
    return error
