"""Step 1 of the pipeline: read a source file into text, or refuse it with a reason.

Government sites serve UTF-8 (sometimes with a BOM) and GB18030/GBK. Offsets in every mention
are offsets into the text this module returns (the decoded file, BOM removed), so the decoding
must be deterministic: UTF-8 first, then GB18030, never a guess that changes between runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from graph.errors import LoaderError

DEFAULT_MAX_BYTES = 5_000_000
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SourceDocument:
    """One decoded source file. ``name`` is the file name cited in every mention."""

    name: str
    path: Path
    text: str
    encoding: str
    sha256: str


def _looks_binary(raw: bytes) -> bool:
    if b"\x00" in raw[:8192]:
        return True
    sample = raw[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 100)


def decode_bytes(raw: bytes, name: str) -> tuple[str, str]:
    """Decode file bytes; return (text, encoding). Raise ``LoaderError`` naming ``name``."""
    if raw.startswith(_BOM):
        try:
            return raw[len(_BOM) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise LoaderError(name, f"has a UTF-8 byte-order mark but is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoaderError(name, "is UTF-16; save it as UTF-8 or GB18030")
    if _looks_binary(raw):
        raise LoaderError(name, "looks binary (NUL or control bytes), not a text document")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise LoaderError(name, f"is neither UTF-8 nor GB18030/GBK text (undecodable byte at {exc.start})") from None
    return text, "gb18030"


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read and decode one file, rejecting what no plan text can be."""
    name = path.name
    try:
        if not path.is_file():
            raise LoaderError(str(path), "no such file")
        size = path.stat().st_size
        if size > max_bytes:
            raise LoaderError(str(path), f"is {size} bytes, over the limit of {max_bytes} (PLANKG_MAX_FILE_BYTES)")
        raw = path.read_bytes()
    except OSError as exc:
        raise LoaderError(str(path), f"cannot be read: {exc.strerror}") from None
    if not raw.strip():
        raise LoaderError(str(path), "is empty")
    text, encoding = decode_bytes(raw, str(path))
    if not text.strip():
        raise LoaderError(str(path), "has no text")
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        raise LoaderError(str(path), "contains no Chinese text; is it a plan document?")
    return SourceDocument(
        name=name,
        path=path,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
