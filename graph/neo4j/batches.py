"""How rows are cut into write transactions: by count, and by size where the engine bounds a message.

One rule for every writer of the Neo4j store (the load's records, the search index's postings):
a batch holds at most ``rows`` rows and, past its first row, at most ``chars`` characters of
string values. ArcadeDB refuses a Bolt message over 16 MiB and then leaves the connection
hanging, so its bound (``EngineCapabilities.write_chars``) is a property of the engine; Neo4j has
none (``None``). A single row larger than the bound still goes alone: it cannot be split.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

__all__ = ["chunks", "row_chars", "size_chunks"]

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterable[list[T]]:
    """``items`` in consecutive lists of at most ``size``.

    >>> list(chunks("abcde", 2))
    [['a', 'b'], ['c', 'd'], ['e']]
    """
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def row_chars(row: Any) -> int:
    """The characters of a parameter row's strings, however nested in maps and lists (a row
    that is one string, such as an id to delete, counts its own length).

    >>> row_chars({"id": "ab", "props": {"note": "cd", "years": [2025]}, "ids": ["e"], "odd": None})
    5
    >>> row_chars("abc")
    3
    """
    if isinstance(row, str):
        return len(row)
    if isinstance(row, Mapping):
        return sum(row_chars(value) for value in row.values())
    if isinstance(row, list | tuple):
        return sum(row_chars(item) for item in row)
    return 0


def size_chunks(
    rows: Iterable[T], size: int, chars: int | None, measure: Callable[[T], int]
) -> Iterable[list[T]]:
    """``rows`` in order, in batches of at most ``size`` rows and, past the first row of a batch,
    ``chars`` characters as ``measure`` counts them (``None``: no bound on characters).

    >>> [len(b) for b in size_chunks(["aa", "bbb", "c", "dddd"], 3, 4, len)]
    [1, 2, 1]
    """
    batch: list[T] = []
    held = 0
    for row in rows:
        cost = measure(row)
        if batch and (len(batch) == size or (chars is not None and held + cost > chars)):
            yield batch
            batch, held = [], 0
        batch.append(row)
        held += cost
    if batch:
        yield batch
