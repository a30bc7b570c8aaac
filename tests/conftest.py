"""Shared fixtures.

- ``seed_paths`` / ``seed_graph``: the two seed documents in ``data/`` and the graph built from them.
- Store fixtures (``nx_store``, ``neo4j_store``, the parametrised ``store``) live in
  ``tests/support/stores.py``; the Bolt test server (ArcadeDB, or ``NEO4J_URI``) in
  ``tests/support/bolt.py``. They are imported here so every test module sees them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import PlanGraph

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(DATA.glob("*.txt"))
    assert len(paths) == 2, paths
    return paths


@pytest.fixture(scope="session")
def seed_graph(seed_paths: list[Path]) -> PlanGraph:
    from loaders.pipeline import build_graph

    return build_graph(seed_paths)


from tests.support.bolt import *  # noqa: E402,F401,F403  (bolt_server, neo4j_store)
from tests.support.stores import *  # noqa: E402,F401,F403  (nx_store, store, seed_store…)
