"""Store fixtures for the contract suite and the store-specific tests.

- ``synthetic_small``: ``synthetic_graph(2)``, the generic contract graph (session, read-only).
- ``nx_store``: a fresh ``NetworkxStore`` loaded with it (per test, free to mutate).
- ``nx_reference`` / ``seed_reference``: ``NetworkxStore``\\ s the other store's answers are
  compared with (session, read-only: never load into them).
- ``store_kind``: ``"networkx"`` or ``"neo4j"``; ``empty_store`` an empty store of that kind;
  ``store`` that store loaded with ``synthetic_small``; ``seed_store`` loaded with the seed graph.

The neo4j param takes the ``neo4j_store`` fixture of ``tests/support/bolt.py`` lazily (through
``request.getfixturevalue``), so ``-k networkx`` runs without a Bolt server; that fixture must
yield an EMPTY store per test (this module asserts it). A server that cannot start fails the run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.embedded.nx_store import NetworkxStore
from graph.model import PlanGraph
from graph.store import PlanStore
from tests.support.synthetic import synthetic_graph

__all__ = [
    "STORE_KINDS",
    "empty_store",
    "nx_reference",
    "nx_store",
    "seed_reference",
    "seed_store",
    "store",
    "store_kind",
    "synthetic_small",
]

STORE_KINDS = ("networkx", "neo4j")


@pytest.fixture(scope="session")
def synthetic_small() -> PlanGraph:
    return synthetic_graph(2)


@pytest.fixture
def nx_store(synthetic_small: PlanGraph) -> Iterator[NetworkxStore]:
    store = NetworkxStore(synthetic_small)
    yield store
    store.close()


@pytest.fixture(scope="session")
def nx_reference(synthetic_small: PlanGraph) -> NetworkxStore:
    return NetworkxStore(synthetic_small)


@pytest.fixture(scope="session")
def seed_reference(seed_graph: PlanGraph) -> NetworkxStore:
    return NetworkxStore(seed_graph)


@pytest.fixture(params=STORE_KINDS)
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_store(request: pytest.FixtureRequest, store_kind: str) -> Iterator[PlanStore]:
    if store_kind == "networkx":
        store: PlanStore = NetworkxStore()
        yield store
        store.close()
        return
    store = request.getfixturevalue("neo4j_store")
    held = store.counts()
    assert sum(held.nodes.values()) == 0 and sum(held.relationships.values()) == 0, (
        f"the neo4j_store fixture must yield an empty store, it holds {held}"
    )
    yield store


@pytest.fixture
def store(empty_store: PlanStore, synthetic_small: PlanGraph) -> PlanStore:
    empty_store.load(synthetic_small)
    return empty_store


@pytest.fixture
def seed_store(empty_store: PlanStore, seed_graph: PlanGraph) -> PlanStore:
    empty_store.load(seed_graph)
    return empty_store
