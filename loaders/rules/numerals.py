"""Numbers as the genre writes them: Chinese numerals (五千, 百, 两, 二〇二五), fractions, 成, 翻番.

The arithmetic of Chinese numerals is cn2an's (a maintained library); this module only decides
which span to hand it, so offsets stay exact, and rounds its floats to the digits written.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

CN_DIGITS = "零〇○一二两三四五六七八九十百千"
_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def chinese_year(text: str) -> int | None:
    """二〇二五 / 二○二五 → 2025 (digit by digit, as years are written)."""
    digits = text.translate(_YEAR_DIGITS)
    return int(digits) if digits.isdigit() and len(digits) == 4 else None


@lru_cache(maxsize=512)
def chinese_number(text: str) -> float | None:
    """五千 → 5000, 百 → 100, 两 → 2, 三百五十 → 350; None when ``text`` is not a numeral."""
    import cn2an  # a pure-Python library; imported here so loading plankg costs nothing

    if not text or any(ch not in CN_DIGITS + "万亿" for ch in text):
        return None
    if text[0] in "十百千":
        text = "一" + text  # 百场 is 一百场 (cn2an wants the leading 一 for 百 and 千)
    try:
        value = cn2an.cn2an(text.replace("○", "〇").replace("两", "二"), "strict")
    except (ValueError, KeyError, IndexError):
        return None
    return float(value)


def small_number(text: str) -> int | None:
    """A count written either way: 5 or 五."""
    if text.isdigit():
        return int(text)
    value = chinese_number(text)
    return int(value) if value is not None and value == int(value) else None


def decimal_text(value: float) -> str:
    """A float as the shortest decimal string (5000.0 → "5000", 0.3333 → "0.3333")."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text


FRACTION = re.compile(r"(?P<num>\d+)/(?P<den>\d+)")


def fraction_value(text: str) -> float | None:
    """1/3 → 0.3333 (four decimals, as a share is quoted)."""
    m = FRACTION.fullmatch(text)
    if not m or int(m.group("den")) == 0:
        return None
    return round(int(m.group("num")) / int(m.group("den")), 4)
