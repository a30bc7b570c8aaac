"""Quantities in a clause: a value, an optional range end, a unit as written and a hedge.

2,800万标箱, 3.5%左右, 8—10个, 35%至40%, 1/3左右, 30万元/人, 2万亿左右, 五千亿元, 百场.
A Chinese numeral counts only right after a verb that commits to a number (the caller says so
with ``allow_chinese``): 六个城市, 三个高地 and 一批 are names, not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.rules.numerals import (
    CN_DIGITS,
    chinese_number,
    decimal_text,
    fraction_value,
)
from loaders.rules.units import BASE_UNITS, MULTIPLIERS

POST_HEDGES = ("左右", "以上", "以内", "以下", "上下", "之内")

_MULT = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
_BASE = "|".join(re.escape(u) for u in BASE_UNITS)
#: A unit as written: 万亿元, 万千瓦, 万元/人, 平方公里, %, or a bare multiplier (2万亿左右).
UNIT = rf"(?:(?:{_MULT})?(?:{_BASE})(?:/(?:{_BASE}))?|(?:{_MULT})(?=左右|以上|以内|以下|[，。；、）\s]|$)|[A-Za-z]{{1,8}}\b)"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = f"[{CN_DIGITS}]+"

QUANTITY = re.compile(
    rf"(?P<value>\d+/\d+|{_ARABIC})(?P<unit1>{UNIT})?"
    rf"(?:(?P<range>[—–\-－~～至到])(?P<value_max>{_ARABIC})(?P<unit2>{UNIT})?)?"
    rf"(?P<hedge>{'|'.join(POST_HEDGES)})?"
)
CN_QUANTITY = re.compile(rf"(?P<value>{_CN})(?P<unit1>(?:{_MULT})?(?:{_BASE}))(?P<hedge>{'|'.join(POST_HEDGES)})?")
SPECIAL = re.compile(r"(?P<value>翻一番|翻番|翻两番|(?P<cheng>[一二两三四五六七八九])成)")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int  # end of value + unit + hedge
    value: str  # digits, as written (Chinese numerals converted)
    unit: str | None
    hedge: str | None
    value_max: str | None = None
    value_text: str | None = None  # the written form when it was not digits (五千亿, 1/3, 翻番)


def _is_part_of_word(text: str, start: int, end: int, has_unit: bool) -> bool:
    """Digits glued to Latin letters (5G, R&D2, “8+4”) are names, not quantities."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before and before.isascii() and (before.isalnum() or before in "./+&"):
        return True
    return not has_unit and bool(after) and after.isascii() and (after.isalpha() or after in "+")


def find_quantities(text: str, *, allow_chinese_at: set[int] | None = None) -> list[Quantity]:
    """Quantities in ``text``; Chinese numerals only at the offsets in ``allow_chinese_at``."""
    found: list[Quantity] = []
    taken: set[int] = set()
    for m in QUANTITY.finditer(text):
        unit = m.group("unit2") or m.group("unit1")
        if _is_part_of_word(text, m.start(), m.end(), bool(unit)):
            continue
        after = text[m.end() : m.end() + 1]
        if unit and re.fullmatch(r"[A-Za-z]+", unit) and after.isascii() and after.isalnum():
            continue
        if unit is None and after and after in "年月日号届期":
            continue  # a date or an ordinal
        raw = m.group("value")
        value_text = None
        value = raw  # as written (2,500); base_value is the number
        if "/" in raw:
            frac = fraction_value(raw)
            if frac is None:
                continue
            value, value_text = decimal_text(frac), raw
        vmax = m.group("value_max")
        found.append(Quantity(m.start(), m.end(), value, unit, m.group("hedge"),
                              vmax, value_text))
        taken.update(range(m.start(), m.end()))
    found = _share_units(text, found)
    for m in SPECIAL.finditer(text):  # 翻一番 stands on its own: it is its own verb
        if m.group(0).startswith("翻") and m.start() not in taken:
            found.append(_chinese(m))  # type: ignore[arg-type]
            taken.add(m.start())
    for start in sorted(allow_chinese_at or ()):
        m = CN_QUANTITY.match(text, start) or SPECIAL.match(text, start)
        if not m or start in taken:
            continue
        q = _chinese(m)
        if q:
            found.append(q)
    return sorted(found, key=lambda q: q.start)


def _share_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """8683、9776家: a bare number followed by 、 and a number with a unit takes that unit."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        if q.unit is None and nxt.unit and text[q.end : nxt.start] in ("、", "和", "及"):
            out[i] = Quantity(q.start, q.end, q.value, nxt.unit, q.hedge, q.value_max, q.value_text)
    return out


def _chinese(m: re.Match[str]) -> Quantity | None:
    written = m.group("value")
    if written.startswith("翻"):
        times = {"翻一番": 2, "翻番": 2, "翻两番": 4}[written]
        return Quantity(m.start(), m.end(), str(times), "倍", None, value_text=written)
    if m.groupdict().get("cheng"):
        tenths = chinese_number(m.group("cheng"))
        return Quantity(m.start(), m.end(), decimal_text((tenths or 0) * 10), "%", None, value_text=written)
    number = chinese_number(written)
    if number is None:
        return None
    unit = m.group("unit1")
    return Quantity(m.start(), m.end(), decimal_text(number), unit, m.group("hedge"), value_text=written + unit)
