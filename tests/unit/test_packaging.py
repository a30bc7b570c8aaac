"""What ``pip install .`` installs: the application's packages and their data, no test or benchmark code.

The wheel is built from a copy of the checkout (setuptools writes ``build/`` next to the sources),
without build isolation, so the test needs no network beyond what ``make test`` installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.support.paths import ROOT

SKIPPED_IN_COPY = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "out", "build", "*.egg-info", "__pycache__", ".hypothesis", "artifacts"
)


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    source = tmp_path_factory.mktemp("checkout") / "plankg"
    shutil.copytree(ROOT, source, ignore=SKIPPED_IN_COPY)
    dist = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), "."]
    done = subprocess.run(command, cwd=source, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [wheel] = dist.glob("plankg-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def top_levels(names: set[str]) -> set[str]:
    return {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}


def test_the_wheel_holds_the_four_application_packages_only(wheel_names: set[str]) -> None:
    assert top_levels(wheel_names) == {"app", "graph", "loaders", "cypher"}
    assert not any(name.startswith(("tests/", "bench/", "notebooks/", "scripts/")) for name in wheel_names)
    assert not any("synthetic" in name for name in wheel_names)


def test_every_graph_subpackage_is_in_the_wheel(wheel_names: set[str]) -> None:
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "graph").rglob("__init__.py")}
    assert packages >= {"graph", "graph/questions", "graph/embedded", "graph/neo4j", "graph/exports", "graph/research"}
    assert {f"{package}/__init__.py" for package in packages} <= wheel_names


def test_the_data_the_loaders_and_stores_read_is_in_the_wheel(wheel_names: set[str]) -> None:
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "loaders").rglob("*") if p.suffix in {".tsv", ".json"}}
    assert {"loaders/rules/divisions.tsv", "loaders/gazetteer.json", "loaders/rules/measure_synonyms.json"} <= data
    cypher = {p.relative_to(ROOT).as_posix() for p in (ROOT / "cypher").rglob("*") if p.suffix in {".cypher", ".json"}}
    assert "cypher/ladder.cypher" in cypher
    assert data | cypher <= wheel_names
    assert "app/static/index.html" in wheel_names
