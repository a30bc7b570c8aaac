"""Shared fixtures.

- ``seed_paths`` / ``seed_graph``: the two seed plan documents in ``data/`` (named, since ``data/``
  also holds the reports) and the graph built from them.
- ``report_paths`` / ``progress_paths`` / ``progress_graph``: the six later reports on Qingdao's
  results in ``data/``, and the graph of plans + reports (what ``make run`` builds).
- Store fixtures (``nx_store``, ``neo4j_store``, the parametrised ``store``) live in
  ``tests/support/stores.py``; the Bolt test server (ArcadeDB, or ``NEO4J_URI``) in
  ``tests/support/bolt.py``. They are imported here so every test module sees them.
- ``search_tokenizer`` (autouse): installs the loaders' jieba tokenizer as graph's default search
  tokenizer, the part the composition root (``app.store_factory``) plays outside the tests, so
  stores built by hand (``NetworkxStore(graph)``) search as served ones do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import PlanGraph
from tests.support.paths import DATA

#: The two plan documents: the 六个城市 implementation opinion and the 十四五 interpretation.
SEED_FILES = ("000_59d890921a0e6d8d.txt", "002_7b1ead70c05b7af6.txt")

#: Excerpts of published reports of Qingdao's 2024–2025 results (see data/README of the issue).
REPORT_FILES = (
    "qingdao_2024_environment_bulletin.txt",
    "qingdao_2024_marine_economy_press_release.txt",
    "qingdao_2024_plan_execution_report.txt",
    "qingdao_2025_14th_fyp_press_conference.txt",
    "qingdao_2025_airport_throughput_news.txt",
    "qingdao_2025_govt_work_report_digest.txt",
)


@pytest.fixture(scope="session", autouse=True)
def search_tokenizer() -> None:
    from graph.questions.search import install_tokenizer
    from loaders.tokenizer import search_words

    install_tokenizer(search_words())


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return [DATA / name for name in SEED_FILES]


@pytest.fixture(scope="session")
def report_paths() -> list[Path]:
    return [DATA / name for name in REPORT_FILES]


@pytest.fixture(scope="session")
def progress_paths(seed_paths: list[Path], report_paths: list[Path]) -> list[Path]:
    paths = sorted([*seed_paths, *report_paths])
    assert paths == sorted(DATA.glob("*.txt")), "data/ holds exactly the plans and the reports"
    return paths


@pytest.fixture(scope="session")
def seed_graph(seed_paths: list[Path]) -> PlanGraph:
    from loaders.pipeline import build_graph

    return build_graph(seed_paths)


@pytest.fixture(scope="session")
def progress_graph(progress_paths: list[Path]) -> PlanGraph:
    from loaders.pipeline import build_graph

    return build_graph(progress_paths)


from tests.support.bolt import *  # noqa: E402,F401,F403  (bolt_server, neo4j_store)
from tests.support.stores import *  # noqa: E402,F401,F403  (nx_store, store, seed_store…)
