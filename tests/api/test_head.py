"""HEAD answers like GET without a body, on every GET route (HTTP requires it; curl -I uses it)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from graph.embedded.nx_store import NetworkxStore
from graph.model import PlanGraph


@pytest.fixture(scope="module")
def client(seed_graph: PlanGraph):
    with TestClient(create_app(store=NetworkxStore(seed_graph))) as test_client:
        yield test_client


@pytest.mark.parametrize("path", ["/health", "/ping", "/goals", "/indicators?format=csv", "/ownership", "/", "/nodes/no-such-id"])
def test_head_mirrors_get_without_a_body(client: TestClient, path: str) -> None:
    head, get = client.head(path), client.get(path)
    assert head.status_code == get.status_code
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.content == b""


def test_head_is_not_an_operation_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert all(set(ops) == {"get"} for ops in paths.values())
