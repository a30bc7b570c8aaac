"""Step 2: normalise text while remembering where every character came from.

Extraction rules run on the normalised text (page breaks inside words rejoined, ASCII
punctuation folded to full width), but evidence must quote the ORIGINAL file. ``MappedText``
keeps, for every normalised character, its offset in the original, so any normalised span maps
back to an original span whose slice is the exact quote (page break included:
``占GDP比\\n\\n重达到33%左右``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: ASCII → full-width punctuation. Applied only next to Chinese text (see ``_fold``), so
#: ``1.3`` and ``2,800`` keep their ASCII.
_FOLD = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}

#: Punctuation that ends a line legitimately (so a following newline is not a page break).
LINE_END_PUNCT = set("。！？；：，、”’》）」』】…—\"')]:;!?")

_PAGE_BREAK = re.compile(r"[ \t\u3000\r]*\n(?:[ \t\u3000\r]*\n)+[ \t\u3000\r]*")


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@dataclass(frozen=True)
class MappedText:
    """Normalised text with ``origin[i]`` = offset in the original of normalised char ``i``."""

    text: str
    origin: tuple[int, ...]
    original: str

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of normalised [start, end). ``end`` is exclusive."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside 0:{len(self.text)}")
        return self.origin[start], self.origin[end - 1] + 1

    def quote(self, start: int, end: int) -> str:
        o_start, o_end = self.original_span(start, end)
        return self.original[o_start:o_end]


def _fold(text: str, i: int) -> str:
    ch = text[i]
    if ch == "\r":
        # CRLF: the CR is dropped (see ``_emit``); a lone CR (old Mac files) ends a line
        return "\n"
    if "０" <= ch <= "９":
        return chr(ord(ch) - 0xFEE0)  # full-width digits: targets are read from ASCII digits
    if ch == "％":
        return "%"
    if ch == "．" and i > 0 and text[i - 1].isdigit():
        return "."
    folded = _FOLD.get(ch)
    if folded is None:
        return ch
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if ch == "," and before.isdigit() and after.isdigit():
        return ch  # a thousands separator
    if is_cjk(before) or is_cjk(after) or before in "”」》）" or after in "“「《（":
        return folded
    return ch


def normalise(original: str, joins_word: Callable[[str, str], bool]) -> MappedText:
    """Fold punctuation and rejoin words split by page breaks.

    A blank-line break is a page break inside a sentence, and is removed, when the line before
    does not end in punctuation and ``joins_word(left, right)`` says the characters on either
    side form one dictionary word (山|东, 比|重, 规|划) or the right side continues with
    punctuation that cannot start a paragraph. Other breaks become a single newline.
    """
    out_chars: list[str] = []
    origin: list[int] = []
    pos = 0
    for match in _PAGE_BREAK.finditer(original):
        _emit(original, pos, match.start(), out_chars, origin)
        line_start = original.rfind("\n", 0, match.start()) + 1
        left = original[line_start : match.start()]
        right = original[match.end() : match.end() + 4]
        if _is_split_word(left, right, joins_word):
            pass  # drop the break entirely
        else:
            out_chars.append("\n")
            origin.append(match.start())
        pos = match.end()
    _emit(original, pos, len(original), out_chars, origin)
    return MappedText(text="".join(out_chars), origin=tuple(origin), original=original)


def _emit(original: str, start: int, end: int, out_chars: list[str], origin: list[int]) -> None:
    """Fold original[start:end] into the output, dropping the CR of every CRLF."""
    for i in range(start, end):
        if original[i] == "\r" and i + 1 < len(original) and original[i + 1] == "\n":
            continue
        out_chars.append(_fold(original, i))
        origin.append(i)


def _is_split_word(left: str, right: str, joins_word: Callable[[str, str], bool]) -> bool:
    if not left or not right:
        return False
    last, first = left[-1], right[0]
    if last in LINE_END_PUNCT or last in "，,":
        return False
    if first in "，。、；：）》”":
        return True
    if not (is_cjk(last) or last.isalnum()) or not (is_cjk(first) or first.isalnum()):
        return False
    # A bare heading ("承载城市未来梦想") is followed by a break too; only a line that is
    # mid-sentence (it has inner punctuation or is paragraph-long) can be split by a page break.
    if not (any(c in left for c in "，,、《“(（") or len(left) >= 30):
        return False
    return joins_word(left[-4:], right)
