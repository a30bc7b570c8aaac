"""The gazetteer: department names and aliases, programme names, title words (data, not rules).

The extraction rules are rules of the genre; this file is the vocabulary they consult. It is
plain JSON so researchers can add the departments of another city without touching code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class DepartmentEntry:
    name: str
    aliases: tuple[str, ...]
    short: tuple[str, ...]
    domains: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    departments: tuple[DepartmentEntry, ...]
    not_departments: frozenset[str]
    programmes: tuple[str, ...]
    title_words: tuple[str, ...]
    surnames: frozenset[str]
    stopwords: frozenset[str]
    _by_alias: dict[str, DepartmentEntry] = field(default_factory=dict, compare=False)
    _by_short: dict[str, DepartmentEntry] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for entry in self.departments:
            for alias in entry.aliases:
                self._by_alias[alias] = entry
            for short in entry.short:
                self._by_short[short] = entry

    def by_alias(self, text: str) -> DepartmentEntry | None:
        return self._by_alias.get(text)

    def by_short(self, text: str) -> DepartmentEntry | None:
        return self._by_short.get(text)

    def aliases_longest_first(self) -> list[str]:
        return sorted(self._by_alias, key=len, reverse=True)

    def user_words(self) -> list[str]:
        """Words the tokenizer must keep whole."""
        words: set[str] = set(self.programmes)
        for entry in self.departments:
            words.update(entry.aliases)
            words.update(a for a in entry.short if len(a) >= 2)
        return sorted(words)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    raw = json.loads(resources.files("loaders").joinpath("gazetteer.json").read_text(encoding="utf-8"))
    return Gazetteer(
        departments=tuple(
            DepartmentEntry(d["name"], tuple(d["aliases"]), tuple(d["short"]), tuple(d["domains"]))
            for d in raw["departments"]
        ),
        not_departments=frozenset(raw["not_departments"]),
        programmes=tuple(raw["programmes"]),
        title_words=tuple(raw["title_words"]),
        surnames=frozenset(raw["surnames"]),
        stopwords=frozenset(raw["stopwords"]) | frozenset(raw.get("place_stopwords", ())),
    )
