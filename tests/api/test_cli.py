"""``plankg build`` and ``plankg stats`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from app.cli import main


def test_build_writes_node_link_json_identically_twice(tmp_path: Path, seed_paths: list[Path], capsys) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["build", *map(str, seed_paths), "--out", str(first)]) == 0
    assert main(["build", *map(str, reversed(seed_paths)), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert "edges" in data and "links" not in data
    node = next(n for n in data["nodes"] if n["name"] == "集装箱吞吐量")
    assert node["label"] == "Indicator" and node["value"] == "2800" and node["unit"] == "万标箱"
    assert node["mentions"][0]["source"] == "000_59d890921a0e6d8d.txt"
    edge = next(e for e in data["edges"] if e["type"] == "MEASURES" and e["source"] == node["id"])
    assert edge["basis"] == "stated" and edge["mentions"]
    assert "built 196 nodes" in capsys.readouterr().out


def test_build_graphml_opens_in_networkx(tmp_path: Path, seed_paths: list[Path]) -> None:
    out = tmp_path / "g.graphml"
    assert main(["build", *map(str, seed_paths), "--out", str(out), "--format", "graphml"]) == 0
    graph = nx.read_graphml(out)
    assert graph.number_of_nodes() == 196


def test_stats_counts_labels_and_types(tmp_path: Path, seed_paths: list[Path], capsys) -> None:
    out = tmp_path / "g.json"
    main(["build", *map(str, seed_paths), "--out", str(out)])
    capsys.readouterr()
    assert main(["stats", "--graph", str(out)]) == 0
    lines = capsys.readouterr().out.split()
    assert lines[lines.index("Indicator") + 1] == "17"
    assert lines[lines.index("CityPositioning") + 1] == "6"
    assert lines[lines.index("Goal") + 1] == "1"


@pytest.mark.parametrize(
    ("content", "message"), [(b"", "is empty"), (b"\x00\x00", "looks binary")]
)
def test_bad_input_names_the_file_and_writes_nothing(tmp_path: Path, seed_paths: list[Path], capsys, content, message) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(content)
    out = tmp_path / "g.json"
    assert main(["build", *map(str, seed_paths), str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "broken.txt" in err and message in err and "Traceback" not in err
    assert not out.exists()


def test_skip_bad_reports_what_was_skipped(tmp_path: Path, seed_paths: list[Path], capsys) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"")
    out = tmp_path / "g.json"
    assert main(["build", *map(str, seed_paths), str(bad), "--out", str(out), "--skip-bad"]) == 0
    assert f"skipped {bad}" in capsys.readouterr().err
    assert out.exists()


def test_missing_graph_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["stats", "--graph", str(tmp_path / "nope.json")]) == 2
    assert "nope.json" in capsys.readouterr().err
