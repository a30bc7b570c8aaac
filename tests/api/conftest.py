"""Fixtures of the API tests: one app per store kind over the seed graph, per test module.

The Neo4j app reads the session's Bolt server (ArcadeDB, or ``NEO4J_URI``); a server that cannot
start fails these tests, it never skips them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.model import PlanGraph
from tests.support.api_clients import neo4j_client as neo4j_app_client
from tests.support.api_clients import networkx_client as networkx_app_client
from tests.support.stores import STORE_KINDS

CLIENT_FIXTURES = {"networkx": "nx_client", "neo4j": "neo4j_client"}


@pytest.fixture(scope="module")
def nx_client(seed_graph: PlanGraph) -> Iterator[TestClient]:
    with networkx_app_client(seed_graph) as client:
        yield client


@pytest.fixture(scope="module")
def neo4j_client(bolt_server: Any, seed_graph: PlanGraph) -> Iterator[TestClient]:
    with neo4j_app_client(bolt_server, seed_graph) as client:
        yield client


@pytest.fixture(scope="module", params=STORE_KINDS)
def client(request: pytest.FixtureRequest) -> TestClient:
    return request.getfixturevalue(CLIENT_FIXTURES[request.param])
