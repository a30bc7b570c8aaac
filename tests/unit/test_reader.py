"""Reading files: encodings, and refusing what is not a plan text with a reason naming the file."""

from pathlib import Path

import pytest

from graph.errors import LoaderError
from loaders.pipeline import build
from loaders.reader import read_document

TEXT = "到2025年，森林覆盖率不低于32.5%。"


def test_gb18030_and_bom_decode_to_the_same_text(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(TEXT.encode("gb18030"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert read_document(gbk).text == TEXT
    assert read_document(gbk).encoding == "gb18030"
    assert read_document(bom).text == TEXT
    assert read_document(bom).encoding == "utf-8-sig"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x00\x01\x02binary\x00", "looks binary"),
        (b"\xff\xfe" + "到2025年".encode("utf-16-le"), "UTF-16"),
        (b"just ascii, no plan", "no Chinese"),
        (b"\x81\x30\xff\xff\xfe", "neither UTF-8 nor GB18030"),
    ],
)
def test_bad_files_are_refused_with_the_file_named(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(LoaderError) as info:
        read_document(path)
    assert message in str(info.value)
    assert "bad.txt" in str(info.value)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 100, encoding="utf-8")
    with pytest.raises(LoaderError, match="big.txt.*over the limit of 1000"):
        read_document(path, max_bytes=1000)


def test_a_batch_with_one_bad_file_builds_nothing_unless_skip_bad(tmp_path: Path, seed_paths: list[Path]) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.raises(LoaderError, match="empty.txt"):
        build([*seed_paths, bad])
    report = build([*seed_paths, bad], skip_bad=True)
    assert report.sources == sorted(p.name for p in seed_paths)
    assert [name for name, _ in report.skipped] == [str(bad)]
    assert "is empty" in report.skipped[0][1]
