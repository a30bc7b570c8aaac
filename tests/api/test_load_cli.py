"""``plankg load`` as a user runs it, into both stores.

Each test runs once per store: ``networkx`` (a graph file in a temporary directory, named by
``PLANKG_GRAPH``) and ``neo4j`` (the session's Bolt test server, emptied first). The CLI reads
its settings from the environment, so the tests set ``PLANKG_*`` / ``NEO4J_*`` and clear the
settings cache around each test.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import app.commands.load as load_command
from app.cli import main
from graph.embedded.nx_store import NetworkxStore
from graph.model import Label, PlanGraph
from graph.neo4j.store import Neo4jStore
from graph.settings import get_settings
from graph.store import PlanStore
from loaders.pipeline import build_graph
from tests.support.arcadedb_server import free_port
from tests.support.paths import FIXTURES
from tests.support.stores import STORE_KINDS

JINGHAI = FIXTURES / "jinghai_plan.txt"


@dataclass
class Target:
    """Where ``plankg load --store KIND`` writes, and how a test reads it back."""

    kind: str
    graph_path: Path
    neo4j: Neo4jStore | None

    def store(self) -> PlanStore:
        if self.neo4j is not None:
            return self.neo4j
        if not self.graph_path.exists():
            return NetworkxStore()
        return NetworkxStore.from_file(self.graph_path)

    def export(self) -> PlanGraph:
        return self.store().export_graph()

    def load(self, *args: str) -> int:
        return main(["load", "--store", self.kind, *args])


@pytest.fixture(params=STORE_KINDS)
def target(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Target]:
    graph_path = tmp_path / "out" / "graph.json"
    monkeypatch.setenv("PLANKG_GRAPH", str(graph_path))
    monkeypatch.delenv("PLANKG_MAX_FILE_BYTES", raising=False)
    neo4j = None
    if request.param == "neo4j":
        neo4j = request.getfixturevalue("neo4j_store")  # emptied for this test
        server = request.getfixturevalue("bolt_server")
        monkeypatch.setenv("NEO4J_URI", server.uri)
        monkeypatch.setenv("NEO4J_USER", server.user)
        monkeypatch.setenv("NEO4J_PASSWORD", server.password)
        if server.database:
            monkeypatch.setenv("NEO4J_DATABASE", server.database)
    get_settings.cache_clear()
    yield Target(str(request.param), graph_path, neo4j)
    get_settings.cache_clear()


def total_line(out: str, section: str) -> tuple[int, int]:
    """(before, after) of the ``total`` row under ``section`` (``nodes`` / ``relationships``)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(section))
    row = next(line for line in lines[start + 1 :] if line.strip().startswith("total"))
    before, after = row.split()[1:]
    return int(before), int(after)


def revised(seed: Path, tmp_path: Path) -> Path:
    """The seed document, same file name, with one target changed (2800 → 3000 万标箱)."""
    path = tmp_path / "revised" / seed.name
    path.parent.mkdir(exist_ok=True)
    text = seed.read_text(encoding="utf-8")
    assert "超过2800万标箱" in text
    path.write_text(text.replace("超过2800万标箱", "超过3000万标箱"), encoding="utf-8")
    return path


def teu(graph: PlanGraph) -> Any:
    return next(n for n in graph.nodes if n.label is Label.INDICATOR and n.name == "集装箱吞吐量")


# --- loading twice --------------------------------------------------------------------------------


def test_loading_the_same_files_twice_changes_nothing(
    target: Target, seed_paths: list[Path], seed_graph: PlanGraph, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(p) for p in seed_paths]
    assert target.load(*files) == 0
    first_out = capsys.readouterr().out
    assert "built 196 nodes" in first_out
    assert total_line(first_out, "nodes") == (0, 196)
    first = target.export()
    first_bytes = target.graph_path.read_bytes() if target.kind == "networkx" else b""

    assert target.load(*reversed(files)) == 0
    second_out = capsys.readouterr().out
    assert total_line(second_out, "nodes") == (196, 196)
    assert total_line(second_out, "relationships") == (total_line(first_out, "relationships")[1],) * 2
    second = target.export()
    assert second == first  # same ids, same records
    assert first == NetworkxStore(seed_graph).export_graph()
    if target.kind == "networkx":
        assert target.graph_path.read_bytes() == first_bytes
    else:
        assert target.neo4j is not None and target.neo4j.last_load()["state"] == "complete"


def test_default_files_are_the_data_directory(target: Target, capsys: pytest.CaptureFixture[str]) -> None:
    assert target.load() == 0  # PLANKG_DATA defaults to data/, the tests run from the checkout
    assert "from 8 documents" in capsys.readouterr().out  # the two plans and the six reports
    assert sum(target.store().counts().nodes.values()) == 283


# --- replacing one source -------------------------------------------------------------------------


def test_replacing_one_source_leaves_the_other_untouched(
    target: Target, seed_paths: list[Path], seed_graph: PlanGraph, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    a, b = seed_paths
    assert target.load(str(a), str(b)) == 0
    before = target.export()
    new_a = revised(a, tmp_path)

    # Every document named: a's facts replaced, b's untouched, cross-document links rebuilt.
    assert target.load(str(new_a), str(b), "--replace-source", a.name) == 0
    assert f"replaced {a.name}" in capsys.readouterr().out
    after = target.export()
    assert teu(before).properties["value"] == "2800" and teu(after).properties["value"] == "3000"
    expected = NetworkxStore(seed_graph)
    expected.load(build_graph([new_a, b]), replace_sources=[a.name])
    assert after == expected.export_graph()
    assert [n.id for n in after.nodes] == [n.id for n in before.nodes]  # ids survive: permalinks hold
    assert only_from(after, b.name) == only_from(before, b.name)
    assert mentions_from(after, b.name) == mentions_from(before, b.name)

    # One document named (a path is taken as its file name): b's own records stay as they were.
    assert target.load(str(a), "--replace-source", str(a)) == 0
    again = target.export()
    assert teu(again).properties["value"] == "2800"
    assert only_from(again, b.name) == only_from(before, b.name)


def only_from(graph: PlanGraph, source: str) -> tuple[list[Any], list[Any]]:
    """The nodes and edges cited by ``source`` alone."""
    return (
        [n for n in graph.nodes if n.mentions and all(m.source == source for m in n.mentions)],
        [e for e in graph.edges if e.mentions and all(m.source == source for m in e.mentions)],
    )


def mentions_from(graph: PlanGraph, source: str) -> dict[Any, list[Any]]:
    """Every record's mentions from ``source``, by id / edge key."""
    found: dict[Any, list[Any]] = {}
    for record in [*graph.nodes, *graph.edges]:
        mine = [m for m in record.mentions if m.source == source]
        if mine:
            found[getattr(record, "key", None) or record.id] = mine
    return found


# --- bad files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "is empty"), (b"\x00\x01\x02 binary \x00", "looks binary"), (b"\xff\xfe\x00\x00", "UTF-16")],
)
def test_a_bad_file_stops_the_load_before_anything_is_written(
    target: Target, seed_paths: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    content: bytes, reason: str,
) -> None:  # fmt: skip
    assert target.load(str(seed_paths[0])) == 0
    previous = target.export()
    previous_bytes = target.graph_path.read_bytes() if target.kind == "networkx" else b""
    capsys.readouterr()
    bad = tmp_path / "broken.txt"
    bad.write_bytes(content)

    assert target.load(str(JINGHAI), str(seed_paths[1]), str(bad)) == 2
    captured = capsys.readouterr()
    assert "broken.txt" in captured.err and reason in captured.err
    assert "Traceback" not in captured.err and "loaded into" not in captured.out
    assert target.export() == previous
    if target.kind == "networkx":
        assert target.graph_path.read_bytes() == previous_bytes
        assert [p.name for p in target.graph_path.parent.iterdir()] == ["graph.json"]  # no temporary left


def test_skip_bad_loads_the_rest_and_reports_what_was_skipped(
    target: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty, binary = tmp_path / "empty.txt", tmp_path / "image.txt"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert target.load(str(empty), str(JINGHAI), str(binary), "--skip-bad") == 0
    captured = capsys.readouterr()
    assert f"skipped {empty}: {empty}: is empty" in captured.err
    assert f"skipped {binary}: {binary}: looks binary" in captured.err
    assert "from 1 documents (2 skipped)" in captured.out
    sources = {m.source for n in target.export().nodes for m in n.mentions}
    assert sources == {JINGHAI.name}


def test_the_file_size_limit_setting_is_honoured(
    target: Target, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLANKG_MAX_FILE_BYTES", "1000")
    get_settings.cache_clear()
    assert target.load(str(JINGHAI)) == 2
    err = capsys.readouterr().err
    assert JINGHAI.name in err and "over the limit of 1000 (PLANKG_MAX_FILE_BYTES)" in err
    assert sum(target.store().counts().nodes.values()) == 0


def test_a_missing_file_is_named(target: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert target.load(str(tmp_path / "nope.txt")) == 2
    assert "nope.txt: no such file" in capsys.readouterr().err


# --- store problems -------------------------------------------------------------------------------


def test_a_foreign_graph_file_is_refused_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    graph_file = tmp_path / "graph.json"
    graph_file.write_text('{"not": "a plankg graph"}', encoding="utf-8")
    assert main(["load", "--store", "networkx", "--graph", str(graph_file), str(JINGHAI)]) == 2
    assert "graph.json" in capsys.readouterr().err
    assert graph_file.read_text(encoding="utf-8") == '{"not": "a plankg graph"}'


def test_an_unreachable_neo4j_server_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    try:
        assert main(["load", "--store", "neo4j", str(JINGHAI)]) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert "plankg: error: cannot reach" in err and "NEO4J_URI" in err and "Traceback" not in err


# --- progress -------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_command, "PROGRESS_DELAY", 0)
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with load_command.progress_bar() as progress:
        progress(0, 3000)
        progress(1000, 3000)
        progress(3000, 3000)
    assert "/3000 [" in terminal.getvalue() and "rows" in terminal.getvalue()

    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    with load_command.progress_bar() as progress:
        progress(0, 3000)
        progress(3000, 3000)
    assert piped.getvalue() == ""


def test_a_neo4j_load_reports_its_progress_batch_by_batch(neo4j_store: Neo4jStore, seed_graph: PlanGraph) -> None:
    seen: list[tuple[int, int]] = []
    neo4j_store.load(seed_graph, progress=lambda done, total: seen.append((done, total)))
    total = len(seed_graph.nodes) + len(seed_graph.edges)
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen) and len(seen) > 3
    seen.clear()
    neo4j_store.load(seed_graph, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 0)]  # nothing to write the second time


def test_an_unwritable_graph_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_directory = tmp_path / "plain-file"
    not_a_directory.write_text("", encoding="utf-8")
    graph_file = not_a_directory / "graph.json"
    assert main(["load", "--store", "networkx", "--graph", str(graph_file), str(JINGHAI)]) == 2
    err = capsys.readouterr().err
    assert "cannot write the graph file" in err and "Traceback" not in err
