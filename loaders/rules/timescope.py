"""Time scope: which target year (or horizon) governs a sentence, and where that year came from.

Real plans rarely repeat the year in every target. They open a paragraph or a section with
到2025年, put the year in a heading (三、2026年工作安排), announce a period (“十五五”时期的主要
目标), or let the plan's title carry it (（2023—2025年）). A year governs what it scopes — the rest
of its sentence, the rest of its paragraph, the section under its heading or lead paragraph —
until another year or the section's end. ``year_source`` records which it was:
``sentence`` / ``paragraph`` / ``heading`` / ``section`` / ``title``.

A relative horizon (5年内, 今后五年, 未来三年) gives a year only when the document's plan period
says which (今后五年 in a 十四五 document → 2025); otherwise ``year`` stays None and
``year_text`` holds the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.rules.numerals import chinese_year, small_number
from loaders.structure import LEVEL_CN, BlockKind, DocumentStructure

PLAN_PERIOD_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_PERIOD = "十[一二三四五六]五"
_CN_YEAR = r"[二〇○零一三四五六七八九]{4}"

#: A deadline: 到2025年, 力争到2030年底, 至2025年末, 2025年前, 到二〇二五年, 到“十四五”末.
DEADLINE = re.compile(
    r"(?P<hedge>力争|争取|确保|预计|计划)?(?<![截])(?:到|至)(?:(?P<year>\d{4})|(?P<cn>" + _CN_YEAR + r"))年(?:底|末)?(?![的])"  # 提高到2025年的14万元 ends a change
    r"|(?P<year2>\d{4})年(?:前|底前|以前)"
    r"|(?:到|至)“?(?P<period>" + _PERIOD + r")”?(?:时期|期)?末"
    r"|(?<![（(\d])(?P<from>\d{4})\s*[—–\-－~～]\s*(?P<to>\d{4})年(?![）)])"
)
#: A bare year that opens a target statement for a period: 2026年工作安排, 2025年主要目标,
#: 2025年国民经济和社会发展主要任务, 2025年计划.
YEAR_PROGRAMME = re.compile(
    r"(?P<year>\d{4})年(?:的)?[\u4e00-\u9fff“”]{0,16}?(?:工作安排|主要任务|主要目标|预期目标|目标任务|工作目标|发展目标|计划草案|重点工作|主要预期目标)"
)
#: A period heading or lead: “十五五”时期的主要目标, 十四五期间.
PERIOD_PROGRAMME = re.compile(r"“?(?P<period>" + _PERIOD + r")”?(?:时期|期间)?(?:的)?(?:发展的)?(?:主要目标|目标任务|发展目标|主要目标任务)")
#: The plan's period in its title: （2023—2025年）, (2019-2020年), 2023-2027年.
TITLE_PERIOD = re.compile(r"(?P<from>\d{4})\s*[—–\-－~～至到]\s*(?P<to>\d{4})年")
#: Relative horizons.
HORIZON = re.compile(
    r"(?P<base>\d{4})年起(?P<n1>\d{1,2}|[一二两三四五六七八九十])年内"
    r"|(?P<n2>\d{1,2}|[二两三四五六七八九十])年内(?!就)"
    r"|(?:今后|未来)(?P<n3>\d{1,2}|[一二两三四五六七八九十])年"
    r"|通过(?P<n4>\d{1,2}|[一二两三四五六七八九十])年(?:攻坚|努力|时间|奋斗|建设)?"
)


@dataclass(frozen=True)
class YearPhrase:
    """A year phrase inside a text (offsets relative to that text)."""

    start: int
    end: int
    year: int | None
    text: str
    hedge: str | None = None


@dataclass(frozen=True)
class TimeScope:
    """The target year (or horizon) that governs a stretch of text."""

    year: int | None
    year_text: str
    source: str  # sentence | paragraph | heading | section | title
    hedge: str | None = None
    plan: bool = False  # a title scope from a plan's own title (…行动方案（2024—2026年）)


def deadlines(text: str) -> list[YearPhrase]:
    """Every deadline phrase in ``text`` (力争到2025年 carries the hedge 力争)."""
    found: list[YearPhrase] = []
    for m in DEADLINE.finditer(text):
        if m.group("to"):
            if int(m.group("to")) < int(m.group("from")):
                continue
            year: int | None = int(m.group("to"))  # 2020-2025年，…: a period opening a statement
        elif m.group("period"):
            year = PLAN_PERIOD_END[m.group("period")]
        elif m.group("cn"):
            year = chinese_year(m.group("cn"))
        else:
            year = int(m.group("year") or m.group("year2"))
        hedge = m.group("hedge") if m.group("hedge") in ("力争", "争取", "确保") else None
        found.append(YearPhrase(m.start(), m.end(), year, m.group(0), hedge))
    return found


def horizons(text: str, periods: list[tuple[int, int, int]] | None = None, base: int = 0) -> list[YearPhrase]:
    """Relative horizons (5年内, 今后五年, 通过3年攻坚); a year only when a plan period of that
    length is named before it (今后五年 after 《…第十四个五年规划…》 → 2025; 通过3年攻坚 after
    a 方案（2021—2023年） → 2023), nearest first, or by the title. ``periods`` are
    (offset, first year, last year) from ``plan_periods``; ``base`` is ``text``'s offset."""
    found: list[YearPhrase] = []
    for m in HORIZON.finditer(text):
        years = small_number(m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4") or "")
        year: int | None = None
        if not m.group("base") and not m.group("n2") and years:
            # N年内 and 2012年起N年内 state a span, not its end; 今后N年 and 通过N年 end with a period
            at = base + m.start()
            fitting = [(offset, last) for offset, first, last in periods or () if last - first + 1 == years]
            before = [f for f in fitting if 0 <= f[0] < at]
            titled = [f for f in fitting if f[0] < 0]
            chosen = max(before) if before else (titled[0] if titled else None)
            year = chosen[1] if chosen else None
        found.append(YearPhrase(m.start(), m.end(), year, m.group(0)))
    return found


def plan_periods(structure: DocumentStructure, title: str) -> list[tuple[int, int, int]]:
    """The plan periods a document names, as (offset, first year, last year); the title's at
    offset -1: （2021—2023年） → (…, 2021, 2023), 十四五 / 第十四个五年 → (…, 2021, 2025)."""
    found: list[tuple[int, int, int]] = []
    sources = [(-1, title)] + [(s.start, s.text) for s in structure.sentences]
    for offset, source in sources:
        for m in TITLE_PERIOD.finditer(source):
            if int(m.group("from")) <= int(m.group("to")):
                found.append((offset if offset < 0 else offset + m.start(), int(m.group("from")), int(m.group("to"))))
        for short, end in PLAN_PERIOD_END.items():
            for name in (short, _PERIOD_LONG.get(short)):
                i = source.find(name) if name else -1
                if i >= 0:
                    found.append((offset if offset < 0 else offset + i, end - 4, end))
    return sorted(found)


def programme_year(text: str) -> YearPhrase | None:
    """A year or period that opens a programme of targets (2026年工作安排, “十五五”时期的主要目标)."""
    m = YEAR_PROGRAMME.search(text)
    if m:
        return YearPhrase(m.start(), m.end(), int(m.group("year")), m.group(0))
    m = PERIOD_PROGRAMME.search(text)
    if m:
        return YearPhrase(m.start(), m.end(), PLAN_PERIOD_END[m.group("period")], m.group(0))
    return None


def title_period_end(title: str) -> int | None:
    """The end year of the plan period a title names: （2023—2025年） → 2025, 十四五 → 2025."""
    m = TITLE_PERIOD.search(title)
    if m and int(m.group("from")) <= int(m.group("to")):
        return int(m.group("to"))
    for period, end in PLAN_PERIOD_END.items():
        if period in title or _PERIOD_LONG.get(period, "\0") in title:
            return end
    return None


_PERIOD_LONG = {"十三五": "第十三个五年", "十四五": "第十四个五年", "十五五": "第十五个五年"}


def _first_sentence_opens(text: str) -> bool:
    """Whether a deadline opens the text (力争到2030年，… / 到2026年,…)."""
    return bool(re.match(r"^[\s\u3000]*(?:力争|争取|确保|预计)?(?:到|至)", text))


def document_scopes(structure: DocumentStructure, title: str) -> dict[int, TimeScope]:
    """The scope that reaches every sentence from outside it (by index into
    ``structure.sentences``); a deadline inside the sentence is the caller's to read, since it
    governs only what follows it.

    Order of precedence, nearest first: a deadline earlier in the same paragraph;
    the lead paragraph of the section (a paragraph directly under a heading whose deadline or
    programme year governs the section); a heading naming a year or period; the title's period.
    Sentences with no scope are absent.
    """
    period_end = title_period_end(title)
    periods = plan_periods(structure, title)
    section_scope: dict[int, TimeScope] = {}  # outline block index -> scope it opens
    block_scope: dict[int, TimeScope] = {}
    blocks = structure.blocks
    for i, block in enumerate(blocks):
        if block.kind in (BlockKind.TITLE, BlockKind.METADATA, BlockKind.FURNITURE, BlockKind.CONTACT):
            continue
        heading_text = block.head if block.kind is BlockKind.HEADING else None
        if heading_text:
            phrase = programme_year(heading_text) or next(iter(deadlines(heading_text)), None)
            if phrase and phrase.year:
                # a numbered heading scopes its section; an unnumbered one the text up to the next heading
                key = i if block.level is not None else -1 - i
                section_scope[key] = TimeScope(phrase.year, phrase.text, "heading", phrase.hedge)
        inherited = _inherited(structure, i, section_scope)
        if inherited:
            block_scope[i] = inherited
        elif period_end and title:
            block_scope[i] = TimeScope(period_end, title_period_text(title) or title, "title", plan=is_plan_title(title))
    scopes: dict[int, TimeScope] = {}
    current_block = -1
    carried: TimeScope | None = None
    for n, sentence in enumerate(structure.sentences):
        if sentence.block != current_block:
            current_block = sentence.block
            carried = None
        incoming = carried or _inherited(structure, sentence.block, section_scope) or block_scope.get(sentence.block)
        if incoming:
            scopes[n] = incoming
        own = [p for p in deadlines(sentence.text) if p.year is not None] or [
            p for p in [programme_year(sentence.text)] if p and p.year is not None]
        rel = horizons(sentence.text, periods, sentence.start) if not own else []
        first = own[0] if own else (rel[0] if rel else None)
        if first is not None:
            carried = TimeScope(first.year, first.text, "paragraph", first.hedge)
            _open_section(structure, sentence.block, carried, section_scope)
    return scopes


PLAN_TITLE = re.compile(r"(?:方案|规划|计划|意见|纲要|措施|政策)(?:[（(]?[^（）()]*\d{4}[^（）()]*[）)]?)?(?:（[^（）]*）)?$")


def is_plan_title(title: str) -> bool:
    """Whether a title names a plan of its own (…三年行动方案（2024—2026年）), so every
    commitment in it runs to the end of its period; a report's or a news page's title does not."""
    return bool(PLAN_TITLE.search(title.strip())) and not re.search(r"报告|解读|新闻|发布会|公报|回顾|通知$", title)


def title_period_text(title: str) -> str | None:
    m = TITLE_PERIOD.search(title)
    if m:
        return m.group(0)
    return next((p for p in PLAN_PERIOD_END if p in title), None)


def _open_section(structure: DocumentStructure, block: int, scope: TimeScope, section_scope: dict[int, TimeScope]) -> None:
    """A deadline in the lead paragraph of a section (the first body block under a heading, or a
    paragraph that opens with the deadline) governs the rest of that section."""
    parent = structure.parents[block] if block < len(structure.parents) else None
    text = structure.blocks[block].text
    lead = parent is not None and all(
        structure.blocks[j].level is not None or j == block for j in range(parent + 1, block + 1)
    )
    if parent is None:
        if not (_first_sentence_opens(text) or programme_year(text)):
            return
        key = -1 - block  # a section opened mid-document without a heading: to the next heading
    elif lead or _first_sentence_opens(text) or programme_year(text):
        key = parent
    else:
        return
    if key in section_scope:
        return
    section_scope[key] = TimeScope(scope.year, scope.year_text, "section", scope.hedge)


def _inherited(structure: DocumentStructure, block: int, section_scope: dict[int, TimeScope]) -> TimeScope | None:
    """The nearest scope opened above a block: by a heading it sits under, or by an unnumbered
    heading or opening paragraph before it with no heading between them."""
    candidates: list[tuple[int, TimeScope]] = [
        (ancestor, section_scope[ancestor]) for ancestor in structure.ancestors(block) if ancestor in section_scope]
    opened = [-1 - k for k in section_scope if k < 0 and -1 - k < block]
    if opened:
        start = max(opened)
        stop = next((j for j in range(start + 1, block + 1) if structure.blocks[j].kind is BlockKind.HEADING
                     and (structure.blocks[j].level is None or structure.blocks[j].level <= LEVEL_CN)), None)
        if stop is None:
            candidates.append((start, section_scope[-1 - start]))
    return max(candidates, key=lambda c: c[0])[1] if candidates else None
