"""The gazetteer: department names and aliases, programme names, title words (data, not rules).

The extraction rules are rules of the genre; this file is the vocabulary they consult. It is
plain JSON so researchers can add the departments of another city without touching code.
Names true everywhere (发改委 = 发展和改革委员会) are kept apart from one place's official names
(青岛市's 水务管理局): a 武汉 plan's 水务局 stays 武汉市水务局.
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
class NamingScheme:
    """The shape of a local department's name: prefix + body + suffix, and the words to avoid."""

    suffixes: tuple[str, ...]
    party_only_suffixes: frozenset[str]
    not_before: dict[str, str]
    not_after: dict[str, str]
    body_not_first: str
    body_not_contains: tuple[str, ...] = ()


def _index(entries: tuple[DepartmentEntry, ...]) -> tuple[dict[str, DepartmentEntry], dict[str, DepartmentEntry]]:
    by_alias: dict[str, DepartmentEntry] = {}
    by_short: dict[str, DepartmentEntry] = {}
    for entry in entries:
        for alias in entry.aliases:
            by_alias[alias] = entry
        for short in entry.short:
            by_short[short] = entry
    return by_alias, by_short


@dataclass(frozen=True)
class Gazetteer:
    departments: tuple[DepartmentEntry, ...]
    not_departments: frozenset[str]
    programmes: tuple[str, ...]
    title_words: tuple[str, ...]
    stopwords: frozenset[str]
    not_person_names: frozenset[str] = frozenset()
    official: dict[str, tuple[DepartmentEntry, ...]] = field(default_factory=dict)  # place (青岛市) -> entries
    ministries: tuple[str, ...] = ()
    naming: NamingScheme | None = None
    _by_alias: dict[str, DepartmentEntry] = field(default_factory=dict, compare=False)
    _by_short: dict[str, DepartmentEntry] = field(default_factory=dict, compare=False)
    _official_index: dict[str, tuple[dict[str, DepartmentEntry], dict[str, DepartmentEntry]]] = field(
        default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        by_alias, by_short = _index(self.departments)
        self._by_alias.update(by_alias)
        self._by_short.update(by_short)
        for place, entries in self.official.items():
            self._official_index[place] = _index(entries)

    def by_alias(self, text: str, place: str | None = None) -> DepartmentEntry | None:
        """The entry a spelling names: the place's official name first (``place`` = 青岛市), then
        the names true everywhere."""
        if place in self._official_index and (entry := self._official_index[place][0].get(text)):
            return entry
        return self._by_alias.get(text)

    def by_short(self, text: str, place: str | None = None) -> DepartmentEntry | None:
        if place in self._official_index and (entry := self._official_index[place][1].get(text)):
            return entry
        return self._by_short.get(text)

    def aliases_longest_first(self, place: str | None = None) -> list[str]:
        aliases = set(self._by_alias)
        if place in self._official_index:
            aliases.update(self._official_index[place][0])
        return sorted(aliases, key=lambda a: (-len(a), a))

    def user_words(self) -> list[str]:
        """Words the tokenizer must keep whole: programme names and the official names of the
        places the gazetteer knows (the general names are matched by the department rules)."""
        words: set[str] = set(self.programmes)
        for entries in self.official.values():
            for entry in entries:
                words.update(entry.aliases)
                words.update(a for a in entry.short if len(a) >= 2)
        return sorted(words)


def _entries(raw: list[dict[str, list[str] | str]]) -> tuple[DepartmentEntry, ...]:
    return tuple(
        DepartmentEntry(str(d["name"]), tuple(d["aliases"]), tuple(d["short"]), tuple(d["domains"])) for d in raw
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    raw = json.loads(resources.files("loaders").joinpath("gazetteer.json").read_text(encoding="utf-8"))
    naming = raw["naming"]
    return Gazetteer(
        departments=_entries(raw["departments"]),
        not_departments=frozenset(raw["not_departments"]),
        programmes=tuple(raw["programmes"]),
        title_words=tuple(raw["title_words"]),
        stopwords=frozenset(raw["stopwords"]) | frozenset(raw.get("place_stopwords", ())),
        not_person_names=frozenset(raw["not_person_names"]),
        official={place: _entries(entries) for place, entries in raw["official_names"].items()},
        ministries=tuple(raw["ministries"]),
        naming=NamingScheme(
            suffixes=tuple(naming["suffixes"]),
            party_only_suffixes=frozenset(naming["party_only_suffixes"]),
            not_before=dict(naming["not_before"]),
            not_after=dict(naming["not_after"]),
            body_not_first=naming["body_not_first"],
            body_not_contains=tuple(naming["body_not_contains"]),
        ),
    )
