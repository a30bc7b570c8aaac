"""Input files end to end through ``plankg build``: GBK, GB18030 and UTF-8 with a BOM build the
same graph as UTF-8 (offsets into the decoded text, BOM removed); the size limit is the setting's.

The reader itself (every way a file is refused, naming it) is ``tests/unit/test_reader.py``; a batch
with a bad file and ``--skip-bad`` is ``tests/api/test_cli.py`` and ``tests/api/test_load_cli.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from graph.embedded.graph_file import read_graph_json
from graph.model import Label, PlanGraph
from graph.settings import get_settings

#: What the Source node says of its file's bytes; everything else must not depend on the encoding.
BYTE_PROPERTIES = ("encoding", "sha256")


def without_byte_properties(graph: PlanGraph) -> PlanGraph:
    nodes = [
        node.model_copy(update={"properties": {k: v for k, v in node.properties.items() if k not in BYTE_PROPERTIES}})
        if node.label is Label.SOURCE
        else node
        for node in graph.nodes
    ]
    return PlanGraph(nodes=nodes, edges=graph.edges)


def build(tmp_path: Path, paths: list[Path], name: str) -> PlanGraph:
    out = tmp_path / f"{name}.json"
    assert main(["build", *map(str, paths), "--out", str(out)]) == 0
    return read_graph_json(out)


def test_gbk_gb18030_and_bom_files_build_the_graph_of_their_utf8_originals(
    tmp_path: Path, seed_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = seed_paths
    texts = {path.name: path.read_text(encoding="utf-8") for path in seed_paths}
    encoded = tmp_path / "encoded"
    encoded.mkdir()
    # 000 fits GBK (the code page of many government sites); 002 has a '•' only GB18030 has.
    (encoded / first.name).write_bytes(texts[first.name].encode("gbk"))
    (encoded / second.name).write_bytes(texts[second.name].encode("gb18030"))
    bom = tmp_path / "bom"
    bom.mkdir()
    for path in seed_paths:
        (bom / path.name).write_bytes(b"\xef\xbb\xbf" + texts[path.name].encode("utf-8"))

    reference = build(tmp_path, seed_paths, "utf8")
    from_gbk = build(tmp_path, sorted(encoded.iterdir()), "gbk")
    from_bom = build(tmp_path, sorted(bom.iterdir()), "bom")
    assert "built 196 nodes" in capsys.readouterr().out

    assert without_byte_properties(from_gbk) == without_byte_properties(reference)
    assert without_byte_properties(from_bom) == without_byte_properties(reference)
    encodings = {
        graph_name: sorted(n.properties["encoding"] for n in graph.nodes if n.label is Label.SOURCE)
        for graph_name, graph in (("gbk", from_gbk), ("bom", from_bom))
    }
    assert encodings == {"gbk": ["gb18030", "gb18030"], "bom": ["utf-8-sig", "utf-8-sig"]}
    # Offsets index the decoded text (BOM removed): the cited span is the text, byte-independent.
    for graph in (from_gbk, from_bom):
        for node in graph.nodes:
            for mention in node.mentions:
                assert texts[mention.source][mention.start : mention.end] == mention.text


def test_the_size_limit_setting_refuses_a_file_naming_it(
    tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    limit = min(path.stat().st_size for path in seed_paths) + 1
    monkeypatch.setenv("PLANKG_MAX_FILE_BYTES", str(limit))
    get_settings.cache_clear()
    out = tmp_path / "graph.json"
    try:
        assert main(["build", *map(str, seed_paths), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        too_big = max(seed_paths, key=lambda path: path.stat().st_size)
        assert too_big.name in err and f"over the limit of {limit} (PLANKG_MAX_FILE_BYTES)" in err
        assert "Traceback" not in err and not out.exists()

        assert main(["build", *map(str, seed_paths), "--out", str(out), "--skip-bad"]) == 0
        assert f"skipped {too_big}" in capsys.readouterr().err
        assert {m.source for n in read_graph_json(out).nodes for m in n.mentions} == {
            path.name for path in seed_paths if path != too_big
        }
    finally:
        get_settings.cache_clear()


def test_gbk_text_that_is_not_gb18030_is_refused_naming_the_file(
    tmp_path: Path, seed_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "truncated.txt"
    broken.write_bytes(seed_paths[0].read_text(encoding="utf-8").encode("gbk")[:-1] + b"\x81\x20")
    out = tmp_path / "graph.json"
    assert main(["build", str(seed_paths[1]), str(broken), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "truncated.txt" in err and "neither UTF-8 nor GB18030/GBK" in err and "Traceback" not in err
    assert not out.exists()
