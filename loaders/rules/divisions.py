"""China's administrative divisions (province, prefecture, county level), read from data.

A document's place is found by name (loaders.rules.city), and a department written ``市XX局`` or
``区XX委`` belongs to the division of that level in the document's chain (县 → 市 → 省), so the
rules need every name, its suffix-less short form and its parent. The list is data
(``divisions.tsv``, built once by ``scripts/build_divisions.py`` from the PyPI package cpca's
table); nothing here depends on that package.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Division:
    """One division. ``short`` is '' when dropping the suffix would leave one character (赵县)."""

    code: str
    name: str
    short: str
    level: str  # province | prefecture | county
    parent: str  # adcode, '' for a province

    @property
    def label(self) -> str:
        """How the division is called in the graph's ``city`` property: 青岛, 嘉定, 赵县."""
        return self.short or self.name


@dataclass(frozen=True)
class Divisions:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]  # full names; several places share 鼓楼区, 朝阳区
    by_short: dict[str, tuple[Division, ...]]
    max_name_length: int

    def named(self, name: str) -> tuple[Division, ...]:
        return self.by_name.get(name, ())

    def shortly_named(self, short: str) -> tuple[Division, ...]:
        return self.by_short.get(short, ())

    def parent_of(self, division: Division) -> Division | None:
        return self.by_code.get(division.parent) if division.parent else None

    def upper_levels(self) -> list[Division]:
        """Provinces and prefectures with a short name: text names these bare (贵州, 青岛)."""
        return [d for d in self.by_code.values() if d.level != "county" and len(d.short) >= 2]

    def chain(self, division: Division) -> list[Division]:
        """The division and its ancestors, lowest first: 嘉定区, 上海市."""
        out = [division]
        while (parent := self.parent_of(out[-1])) is not None:
            out.append(parent)
        return out


@lru_cache(maxsize=1)
def load_divisions() -> Divisions:
    """Read ``divisions.tsv`` once, on first use (never at import)."""
    raw = resources.files("loaders.rules").joinpath("divisions.tsv").read_text(encoding="utf-8")
    by_code: dict[str, Division] = {}
    by_name: dict[str, list[Division]] = {}
    by_short: dict[str, list[Division]] = {}
    for line in raw.splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, short, level, parent = line.split("\t")
        division = Division(code, name, short, level, parent)
        by_code[code] = division
        by_name.setdefault(name, []).append(division)
        if short:
            by_short.setdefault(short, []).append(division)
    return Divisions(
        by_code=by_code,
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_short={k: tuple(v) for k, v in by_short.items()},
        max_name_length=max(len(n) for n in by_name),
    )
