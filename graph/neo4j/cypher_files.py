"""Cypher text, read from the ``cypher`` package's ``*.cypher`` files and cached.

Cypher lives only in those files, so it can be read, reviewed and pasted into cypher-shell as
is. Files are found through ``importlib.resources`` (never relative to the working directory),
so they work from a checkout, an installed wheel or a zip.

Labels and relationship types cannot be query parameters in Cypher. A file that needs one
marks the spot with a ``{{LABEL}}``, ``{{TYPE}}`` or ``{{CLIMBING_TYPES}}`` placeholder, and
:func:`label_query` / :func:`type_query` / :func:`climbing_query` fill it from the
``graph.model`` enums only: a value that is not an enum member is refused, so nothing a request
sends can reach the query text. An unfilled ``{{`` left in a query is an error, not a query.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from graph.errors import PlanKGError
from graph.model import CLIMBING_TYPES, Label, RelType

PACKAGE = "cypher"
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_PLACEHOLDER = re.compile(r"\{\{[A-Z_]+\}\}")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


class CypherFileError(PlanKGError, LookupError):
    """A query file is missing, or a template was filled with something that is not an enum."""


@cache
def load_query(name: str) -> str:
    """The text of ``cypher/<name>.cypher``, comments included (Cypher accepts ``//``)."""
    if not _NAME.match(name):
        raise CypherFileError(f"not a query name: {name!r}")
    try:
        return resources.files(PACKAGE).joinpath(f"{name}.cypher").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CypherFileError(f"no query file {PACKAGE}/{name}.cypher") from exc


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()


@cache
def query(name: str) -> str:
    """A one-statement file, without its comment lines, refusing unfilled placeholders."""
    text = _strip_comments(load_query(name))
    _check_filled(name, text)
    return text


@cache
def statements(name: str) -> tuple[str, ...]:
    """The statements of a multi-statement file (such as the schema), split on ``;``.

    Each statement ends with ``;`` at the end of a line; they are returned without it, so they
    can be run one at a time (schema commands cannot share a transaction with each other on
    every engine).
    """
    text = _strip_comments(load_query(name))
    parts = [part.strip() for part in re.split(r";\s*(?:\n|\Z)", text)]
    found = tuple(part for part in parts if part)
    for part in found:
        _check_filled(name, part)
    return found


def _identifier(value: str, what: str) -> str:
    if not _IDENTIFIER.match(value):
        raise CypherFileError(f"{what} {value!r} is not a plain identifier")
    return value


@cache
def _filled(name: str, placeholder: str, value: str) -> str:
    text = _strip_comments(load_query(name))
    if placeholder not in text:
        raise CypherFileError(f"{PACKAGE}/{name}.cypher has no {placeholder} placeholder")
    filled = text.replace(placeholder, value)
    _check_filled(name, filled)
    return filled


def label_query(name: str, label: Label) -> str:
    """``cypher/<name>.cypher`` with ``{{LABEL}}`` replaced by a ``Label`` member's value."""
    # Checked before the cache: a plain str equal to a member would hit the member's entry.
    if not isinstance(label, Label):
        raise CypherFileError(f"{label!r} is not a graph.model.Label")
    return _filled(name, "{{LABEL}}", _identifier(label.value, "label"))


def type_query(name: str, rel_type: RelType) -> str:
    """``cypher/<name>.cypher`` with ``{{TYPE}}`` replaced by a ``RelType`` member's value."""
    if not isinstance(rel_type, RelType):
        raise CypherFileError(f"{rel_type!r} is not a graph.model.RelType")
    return _filled(name, "{{TYPE}}", _identifier(rel_type.value, "relationship type"))


@cache
def climbing_query(name: str) -> str:
    """``cypher/<name>.cypher`` with ``{{CLIMBING_TYPES}}`` replaced by ``A|B|…`` (sorted)."""
    types = "|".join(_identifier(t.value, "relationship type") for t in sorted(CLIMBING_TYPES))
    return _filled(name, "{{CLIMBING_TYPES}}", types)


def _check_filled(name: str, text: str) -> None:
    left = _PLACEHOLDER.search(text)
    if left:
        raise CypherFileError(f"{PACKAGE}/{name}.cypher: placeholder {left.group(0)} is not filled here")
