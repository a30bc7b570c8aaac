"""Quantitative targets (指标): the genre's 到N年，A达到X单位左右 sentences.

A number becomes an indicator only when three things hold: a target year governs the sentence
(到/至/力争到 N年, N年前, 到“十四五”末), a comparator sits right before the number
(达到, 超过, 突破, 提高到, 不低于, 控制在, 年均增长, 前…), and the clause names what is measured.
That is why 33条, 6个专班, 2018年6月, phone numbers and 索引号 never become targets: they have
no comparator, no target year, or both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Label, RelType
from loaders.builder import GraphBuilder
from loaders.context import DocContext
from loaders.units import UNIT_PATTERN, normalise_value

COMPARATORS: tuple[str, ...] = (
    "年均增长", "提高到", "提升到", "提高至", "提升至", "增加到", "增长到", "降低到", "下降到", "减少到",
    "达到", "超过", "突破", "不低于", "不少于", "不高于", "不超过", "控制在", "稳定在", "保持在",
    "降至", "增至", "增长", "下降", "降低", "提高", "提升", "增加", "减少", "缩短", "达",
)
PRE_HEDGES = ("力争", "争取", "确保", "预计")

_PLAN_PERIOD_END = {"十四五": 2025, "十五五": 2030, "十三五": 2020}

TARGET_YEAR = re.compile(
    r"(?:(?P<yhedge>力争|争取|预计)?(?:到|至)(?P<y1>\d{4})年(?:底|末)?)"
    r"|(?:(?P<y2>\d{4})年(?:前|底前|以前))"
    r"|(?:(?:到|至)“?(?P<period>十[三四五]五)”?(?:时期)?(?:期)?末)"
)

TARGET = re.compile(
    r"(?P<name>[^，；、。：]+?)"
    r"(?:比(?P<base_year>\d{4})年(?:末|底)?)?"
    r"(?P<pre>" + "|".join(PRE_HEDGES) + r")?"
    r"(?:(?P<scope>全国|全省|全球|全市|全世界)?(?P<rank>前)|(?P<cmp>" + "|".join(COMPARATORS) + r"))"
    r"(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>" + UNIT_PATTERN + r")?"
    r"(?P<post>左右|以上|以内|以下|上下)?"
    r"(?=[，；、。）]|$)"
)

_NAME_PREFIXES = ("全市", "其中", "并且", "同时", "以及", "和", "及")


@dataclass(frozen=True)
class TargetMatch:
    """One target, with offsets relative to the text it was found in."""

    start: int
    end: int
    name_start: int
    name: str
    comparator: str
    value: str
    unit: str | None
    hedge: str | None
    target_year: int
    rank_scope: str | None
    base_year: int | None = None


def target_year_at(text: str) -> list[tuple[int, int, int, str | None]]:
    """(start, end, year, hedge) of every target-year phrase in ``text`` (力争到2025年 → 力争)."""
    found = []
    for m in TARGET_YEAR.finditer(text):
        year = m.group("y1") or m.group("y2")
        value = int(year) if year else _PLAN_PERIOD_END[m.group("period")]
        found.append((m.start(), m.end(), value, m.group("yhedge")))
    return found


def find_targets(sentence: str, inherited: tuple[int, str | None] | None = None) -> list[TargetMatch]:
    """Targets in one normalised sentence; offsets are relative to ``sentence``.

    Only text after a target-year phrase is searched, so a sentence without one yields nothing,
    unless ``inherited`` carries (year, hedge) from the previous clause of the same sentence
    (到2025年，A达到X；B超过Y。 is split at ；).
    """
    years = target_year_at(sentence)
    if not years and inherited:
        years = [(0, 0, inherited[0], inherited[1])]
    out: list[TargetMatch] = []
    for i, (_, y_end, year, year_hedge) in enumerate(years):
        stop = years[i + 1][0] if i + 1 < len(years) else len(sentence)
        region = sentence[y_end:stop]
        for m in TARGET.finditer(region):
            name_start = m.start("name")
            name = m.group("name")
            stripped = name.lstrip("，、 ")
            name_start += len(name) - len(stripped)
            for prefix in _NAME_PREFIXES:
                if stripped.startswith(prefix) and len(stripped) > len(prefix) + 1:
                    stripped = stripped[len(prefix) :]
                    name_start += len(prefix)
            if len(stripped) < 2 or stripped[-1].isdigit() or stripped in PRE_HEDGES:
                continue
            hedge = m.group("pre") or m.group("post") or year_hedge
            comparator = m.group("rank") or m.group("cmp")
            out.append(
                TargetMatch(
                    start=y_end + name_start,
                    end=y_end + m.end(),
                    name_start=y_end + name_start,
                    name=stripped,
                    comparator=comparator,
                    value=m.group("value"),
                    unit=m.group("unit"),
                    hedge=hedge,
                    target_year=year,
                    rank_scope=m.group("scope"),
                    base_year=int(m.group("base_year")) if m.group("base_year") else None,
                )
            )
    return out


def indicator_properties(match: TargetMatch, text: str) -> dict[str, str | int | float | None]:
    """The Indicator node's properties (see README: value/unit as written, base_* normalised)."""
    base_value, base_unit = normalise_value(match.value, match.unit)
    return {
        "value": match.value,
        "unit": match.unit,
        "base_value": base_value,
        "base_unit": base_unit,
        "comparator": match.comparator,
        "hedge": match.hedge,
        "target_year": match.target_year,
        "rank_scope": match.rank_scope,
        "base_year": match.base_year,
        "text": text,
    }


def extract_indicators(ctx: DocContext, builder: GraphBuilder) -> None:
    """Indicator nodes for every target, each MEASURING the positioning (or goal, task, plan)
    whose part of the document states it."""
    for index, _block in ctx.content():
        carried: tuple[int, str | None] | None = None
        for sentence in ctx.structure.sentences_in(index):
            matches = find_targets(sentence.text, carried)
            years = target_year_at(sentence.text)
            if years:
                carried = (years[-1][2], years[-1][3])
            if not sentence.text.endswith("；"):
                carried = None  # a year governs the clauses of its own sentence only
            for match in matches:
                start, end = sentence.start + match.start, sentence.start + match.end
                text = ctx.text[start:end]
                mention = ctx.mention(start, end)
                iid = builder.node(
                    Label.INDICATOR,
                    ctx.scoped(f"{match.name}|{match.target_year}"),
                    match.name,
                    [mention],
                    city=ctx.city,
                    **indicator_properties(match, text),
                )
                target, basis, why = _measured(ctx, index)
                if target:
                    builder.edge(iid, target, RelType.MEASURES, [mention], basis=basis,
                                 confidence=1.0 if basis == "stated" else 0.5, reason=why)


def _measured(ctx: DocContext, block_index: int) -> tuple[str | None, str, str]:
    """What a target measures, and how we know: its paragraph's positioning or key task is
    ``stated`` by the document's structure; the goal or plan as a default is ``inferred``."""
    facts = ctx.facts
    if block_index in facts.positioning_of_block:
        return facts.positioning_of_block[block_index], "stated", "stated in the positioning's part of the document"
    task = facts.task_of_block.get(block_index)
    if task:
        return task, "stated", "stated under the key task"
    if facts.goal_id:
        return facts.goal_id, "inferred", "stated outside any positioning's part; taken to measure the overall goal"
    if facts.main_plan_id:
        return facts.main_plan_id, "inferred", "stated outside any positioning or task; taken to measure the plan"
    return None, "", ""
