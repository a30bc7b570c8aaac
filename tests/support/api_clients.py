"""API test clients over a given graph, one per store kind (shared by the API test modules)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from app.main import create_app
from graph.model import PlanGraph
from graph.neo4j_store import Neo4jStore
from graph.nx_store import NetworkxStore
from graph.settings import Settings


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
