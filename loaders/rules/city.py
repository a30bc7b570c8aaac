"""Whose document is it: the place (province, city, county or district) a plan is about.

The place scopes department names: ``市商务局`` in a 成都 plan is 成都市商务局, ``区建设管理委``
in a 嘉定 notice is 嘉定区建设管理委, and ``市XX委`` in that same notice is 上海市's. Names come
from data (loaders.rules.divisions), never from a character pattern, so 绿色制造强市 is no place and
山东省青岛市 gives 青岛 inside 山东.

How the place is chosen (rules of the genre, in order of weight):

- the issuer: ``XX市人民政府``, ``中共XX市委``, ``XX县第N届人民代表大会``, the 发文机关/发布单位 line;
- the title line (the first line names the issuer or the place the plan is for);
- how often the place is named, with or without its suffix;
- the level the text speaks from: 全市/市委/市政府 (or 全省, 全县, 全区) say which level the
  issuer is, so a provincial report that names ten cities still scopes to the province, and a
  district notice (上海市嘉定区) scopes to the district with 上海市 as its parent.

A place the list does not hold (a made-up or newly created one) is still found when the title
line opens with ``XX市``/``XX县``/``XX区``. A name written with another suffix than the list's
(澄江市 for the listed 澄江县: 县改市 renames are frequent) is taken as written.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from loaders.rules.divisions import Division, Divisions, load_divisions

#: The suffixes a place name is written with, and so the characters a name can end on.
_SUFFIX_CHARS = frozenset("省市县区州盟旗")
#: Suffixes a text may write on a listed short name (县改市, 县改区 renames).
_RENAME_SUFFIXES = "市县区"
_ISSUER_AFTER = re.compile(r"人民政府|政府|委员会|委|人大|人民代表大会|政协|第[一二三四五六七八九十\d]{1,4}[次届]")
_SELF_REFERENCE = re.compile(r"(?:全|我|本)(?P<a>[省市县区])|(?P<b>[省市县区])(?:委|人民政府|政府)")
_TITLE_PLACE = re.compile(r"^(?:中共)?(?P<name>[\u4e00-\u9fff]{2,4}?)(?P<suffix>[市县区])(?:人民政府|委员会|委|第|召开|关于|“|\d{4}年|《|[\u4e00-\u9fff]{0,12}(?:规划|方案|计划|意见|报告|纲要|通知|解读))")
_METADATA_ISSUER = re.compile(r"(?:发文机关|发文单位|发布单位|发布机构)[\s:：|]*([^\s|]{2,30})")
UNKNOWN_CITY = "未知"


@dataclass(frozen=True)
class Place:
    """A place as the text writes it (澄江市), with the listed division when there is one."""

    written: str
    division: Division | None

    @property
    def short(self) -> str:
        if self.division is not None and self.division.short and self.written.startswith(self.division.short):
            return self.division.short
        return self.written[:-1] if len(self.written) > 2 else self.written

    @property
    def key(self) -> str:
        return self.division.code if self.division else self.written


@dataclass(frozen=True)
class Jurisdiction:
    """The document's place and the places above it, lowest first: (嘉定区, 上海市)."""

    chain: tuple[Place, ...]

    @property
    def place(self) -> Place:
        return self.chain[0]

    @property
    def label(self) -> str:
        """The ``city`` a node shows: the short name (青岛, 成都, 浙江, 嘉定)."""
        return self.place.short

    def for_prefix(self, prefix: str) -> Place | None:
        """The place a bare prefix refers to: 市 → the lowest 市 of the chain, 省 → the province."""
        return next((p for p in self.chain if p.written.endswith(prefix)), None)


def _candidates(text: str, divisions: Divisions) -> list[tuple[int, Place]]:
    """Every listed place name in the text (longest at each end position), with its start."""
    found: list[tuple[int, Place]] = []
    longest = divisions.max_name_length
    for end, ch in enumerate(text):
        if ch not in _SUFFIX_CHARS:
            continue
        for size in range(min(longest, end + 1), 1, -1):
            written = text[end + 1 - size : end + 1]
            listed = divisions.named(written)
            if listed and not (size == 2 and ch == "区"):  # 城区, 郊区, 矿区 are words too
                found.append((end + 1 - size, Place(written, listed[0])))
                break
            if ch in _RENAME_SUFFIXES and (renamed := divisions.shortly_named(written[:-1])):
                found.append((end + 1 - size, Place(written, renamed[0])))
                break
    return found


def _levels_spoken_from(text: str) -> Counter[str]:
    """How often the text speaks from each level (全市, 市委, 市政府 → 市): the issuer's level."""
    return Counter((m.group("a") or m.group("b")) for m in _SELF_REFERENCE.finditer(text))


def _first_line(text: str) -> str:
    """The title line: a ``# title:`` provenance header's value, else the first line that is
    not a ``# source:`` header."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        m = re.match(r"#\s*title\s*[：:]\s*(.+)", line)
        if m:
            return m.group(1).strip()
    return next((line for line in lines if not re.match(r"#\s*(?:source|title)\s*[：:]", line)), "")


def _resolve(place: Place, divisions: Divisions, named: set[str]) -> Place:
    """Among places sharing a name (鼓楼区 in 南京 and 福州), the one whose parents the text names."""
    options = divisions.named(place.written) or divisions.shortly_named(place.written[:-1])
    if len(options) <= 1:
        return place
    def support(d: Division) -> int:
        return sum(1 for p in divisions.chain(d)[1:] if p.name in named or p.short in named)
    return Place(place.written, max(options, key=support))


def _chain(place: Place, divisions: Divisions) -> tuple[Place, ...]:
    if place.division is None:
        return (place,)
    return (place, *(Place(d.name, d) for d in divisions.chain(place.division)[1:]))


@lru_cache(maxsize=8)  # the pipeline asks twice per document (detect_city, ctx.jurisdiction)
def detect_jurisdiction(text: str) -> Jurisdiction | None:
    """The document's place, or None when the text names none it speaks for."""
    divisions = load_divisions()
    found = _candidates(text, divisions)
    title = _first_line(text)
    scores: defaultdict[str, float] = defaultdict(float)
    places: dict[str, Place] = {}
    for start, place in found:
        places.setdefault(place.key, place)
        after = text[start + len(place.written) : start + len(place.written) + 8]
        issuer = bool(_ISSUER_AFTER.match(after)) or text[max(0, start - 2) : start] == "中共"
        scores[place.key] += 1 + 3 * issuer
    for division in divisions.upper_levels():
        if division.short in text and division.code not in places:
            places[division.code] = Place(division.name, division)
    for key, place in places.items():
        if place.written in title:
            scores[key] += 5
        if place.division is not None and place.division.level != "county" and len(place.short) >= 2:
            scores[key] += 0.5 * (text.count(place.short) - text.count(place.written))
    for m in _METADATA_ISSUER.finditer(text):
        for key, place in places.items():
            if place.written in m.group(1):
                scores[key] += 5
    if not places or max(scores.values()) < 2:
        m = _TITLE_PLACE.match(title)
        if not m:
            return None
        place = Place(m.group("name") + m.group("suffix"), None)
        return Jurisdiction((place,))
    spoken = _levels_spoken_from(text)
    for key, place in places.items():
        scores[key] += 1.5 * min(spoken[place.written[-1]], 6)
    best = max(sorted(places), key=lambda k: scores[k])
    named = {p.written for p in places.values()} | {p.short for p in places.values()}
    return Jurisdiction(_chain(_resolve(places[best], divisions, named), divisions))


def detect_city(text: str) -> str | None:
    """The ``city`` label of the document's place (青岛, 成都, 浙江, 嘉定), or None."""
    found = detect_jurisdiction(text)
    return found.label if found else None


def place_named(written: str) -> Place | None:
    """A place written in full before a department (合肥市, 湖南省, 中方县), if the list holds that
    very name. A renamed form (澄江市 for the listed 澄江县) is not enough here: 会同 is a county
    and also the verb of 会同市发展改革委; the document's own place is checked by the caller."""
    listed = load_divisions().named(written)
    return Place(written, listed[0]) if listed else None
