"""Quantitative targets (指标): the genre's 到N年，A达到X单位左右 sentences.

A number becomes an indicator only when three things hold: a target year governs the sentence
(到/至/力争到 N年, N年前, 到“十四五”末), a comparator sits right before the number
(达到, 超过, 突破, 提高到, 不低于, 控制在, 年均增长, 前…), and the clause names what is measured.
That is why 33条, 6个专班, 2018年6月, phone numbers and 索引号 never become targets: they have
no comparator, no target year, or both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph.model import Label, RelType, node_id
from loaders.builder import GraphBuilder
from loaders.context import DocContext
from loaders.rules.figures import BARE_YEAR, Figure, find_figures
from loaders.rules.timescope import (
    TimeScope,
    YearPhrase,
    deadlines,
    document_scopes,
    horizons,
    plan_periods,
    programme_year,
)
from loaders.rules.units import normalise_value
from loaders.structure import document_title

#: A sentence or heading that announces a list of targets: 主要预期目标是：…, 工作目标, 发展目标.
TARGET_LIST = re.compile(r"(?:主要|预期|发展|工作|总体|奋斗|具体)?目标(?:是|为)?[：:]|目标(?:任务)?$|主要(?:预期)?目标|预期目标|发展目标|工作目标|主要指标")
#: A commitment in a sentence that only the period in a title (of a report, not a plan) scopes.
COMMITMENT = re.compile(r"目标|力争|确保|争取|预期|计划|将|要")


@dataclass(frozen=True)
class TargetMatch:
    """One target, with offsets relative to the text it was found in."""

    start: int
    end: int
    name_start: int
    name: str
    comparator: str | None
    value: str
    unit: str | None
    hedge: str | None
    target_year: int | None
    rank_scope: str | None
    base_year: int | None = None
    value_max: str | None = None
    value_text: str | None = None
    year_text: str | None = None
    year_source: str | None = None


def _hedge(figure: Figure, scope: TimeScope | None) -> str | None:
    """A hedge after the number (左右/以上) says more than 力争 before it; 力争到N年 last."""
    return figure.quantity.hedge or figure.pre_hedge or (scope.hedge if scope else None)


def is_target(figure: Figure, scope: TimeScope | None, sentence: str, target_list: bool,
              reported_year: int | None = None) -> bool:
    """A target is quantified, governed by a future deadline or horizon, and worded as a
    commitment; a figure worded as past (from–to, 同比, a year of its own before the deadline)
    is a reported figure."""
    if scope is None or figure.past:
        return False
    if reported_year is not None and scope.year is not None and reported_year < scope.year:
        return False
    if scope.source == "title" and not (scope.plan or target_list or COMMITMENT.search(sentence)):
        return False
    return True


def _target(figure: Figure, scope: TimeScope) -> TargetMatch:
    q = figure.quantity
    return TargetMatch(
        start=figure.start, end=figure.end, name_start=figure.start, name=figure.name, comparator=figure.comparator,
        value=q.value, unit=q.unit, hedge=_hedge(figure, scope), target_year=scope.year, rank_scope=figure.rank_scope,
        base_year=figure.base_year, value_max=q.value_max, value_text=q.value_text, year_text=scope.year_text,
        year_source=scope.source,
    )


def _own_scope(sentence: str, at: int, periods: list[tuple[int, int, int]] | None = None, base: int = 0) -> TimeScope | None:
    """The deadline (or horizon, or programme year) written in the sentence before offset ``at``.

    After a deadline, a clause that opens with a later bare year starts the next one:
    到2020年…达40%以上，2022年…达45%以上，2025年…达50%以上.
    """
    phrases = [p for p in deadlines(sentence) if p.end <= at and p.year is not None]
    programme = programme_year(sentence)
    if programme and programme.end <= at:
        phrases.append(programme)
    if phrases:
        first = min(p.year for p in phrases if p.year is not None)
        for m in re.finditer(r"(?:^|[，；])(?P<year>\d{4})年", sentence[:at]):
            year = int(m.group("year"))
            if year >= first and m.start("year") > min(p.start for p in phrases):
                phrases.append(YearPhrase(m.start("year"), m.end(), year, m.group(0).lstrip("，；")))
        p = max(phrases, key=lambda p: p.end)
        return TimeScope(p.year, p.text, "sentence", p.hedge)
    rel = [p for p in horizons(sentence, periods, base) if p.end <= at]
    if rel:
        return TimeScope(rel[-1].year, rel[-1].text, "sentence")
    return None


def _reported_year(sentence: str, at: int, carried: int | None) -> int | None:
    """A year the text reports for (2024年合肥…新增…), when no deadline stands after it."""
    years = [m for m in BARE_YEAR.finditer(sentence[:at])]
    last_deadline = max((p.end for p in deadlines(sentence[:at])), default=-1)
    years = [m for m in years if m.start() > last_deadline]
    if years:
        return int(years[-1].group("year"))
    return carried if last_deadline < 0 else None


def find_targets(sentence: str, scope: TimeScope | None = None, *, target_list: bool = False) -> list[TargetMatch]:
    """Targets in one normalised sentence; offsets are relative to ``sentence``.

    The sentence's own deadline governs what follows it; ``scope`` (from the paragraph, the
    heading, the section or the title) governs the rest.
    """
    out: list[TargetMatch] = []
    for figure in find_figures(sentence, target_list=target_list):
        governing, _, target = _judge(figure, sentence, scope, target_list)
        if target and governing is not None:
            out.append(_target(figure, governing))
    return out


def _judge(figure: Figure, sentence: str, scope: TimeScope | None, target_list: bool, *,
           periods: list[tuple[int, int, int]] | None = None, base: int = 0,
           carried_year: int | None = None) -> tuple[TimeScope | None, int | None, bool]:
    """(the scope governing a figure, the year it reports on, whether it is a target)."""
    governing = _own_scope(sentence, figure.quantity.start, periods, base) or scope
    reported = _reported_year(sentence, figure.quantity.start, carried_year)
    return governing, reported, governing is not None and is_target(figure, governing, sentence, target_list, reported)


def indicator_properties(match: TargetMatch, text: str) -> dict[str, str | int | float | None]:
    """The Indicator node's properties (see README: value/unit as written, base_* normalised)."""
    base_value, base_unit = normalise_value(match.value, match.unit)
    return {
        "value": match.value,
        "value_max": match.value_max,
        "value_text": match.value_text,
        "unit": match.unit,
        "base_value": base_value,
        "base_unit": base_unit,
        "comparator": match.comparator,
        "hedge": match.hedge,
        "target_year": match.target_year,
        "year_text": match.year_text,
        "year_source": match.year_source,
        "rank_scope": match.rank_scope,
        "base_year": match.base_year,
        "text": text,
    }


def _in_target_list(ctx: DocContext, block_index: int, sentence_text: str) -> bool:
    if TARGET_LIST.search(sentence_text):
        return True
    block = ctx.structure.blocks[block_index]
    if TARGET_LIST.search(block.text.split("。")[0]):
        return True
    return any(TARGET_LIST.search(ctx.structure.blocks[a].head or "") for a in ctx.structure.ancestors(block_index))


def extract_indicators(ctx: DocContext, builder: GraphBuilder) -> None:
    """Indicator nodes for every target (each MEASURING the positioning, task, goal or plan whose
    part of the document states it) and ReportedFigure nodes for the figures that are not targets."""
    title = document_title(ctx.structure)
    scopes = document_scopes(ctx.structure, title)
    periods = plan_periods(ctx.structure, title)
    content = {index for index, _ in ctx.content()}
    document_year = next((y for y in (report_year_of(t) for t in titles(ctx.structure)) if y), None) or dominant_year(ctx.text)
    block, report_year = -1, None
    for n, sentence in enumerate(ctx.structure.sentences):
        if sentence.block not in content:
            continue
        if sentence.block != block:
            block, report_year = sentence.block, None
        target_list = _in_target_list(ctx, sentence.block, sentence.text)
        scope = scopes.get(n)
        for figure in find_figures(sentence.text, target_list=target_list):
            governing, reported, target = _judge(figure, sentence.text, scope, target_list, periods=periods,
                                                 base=sentence.start, carried_year=report_year)
            start, end = sentence.start + figure.start, sentence.start + figure.end
            if target and governing is not None:
                _add_indicator(ctx, builder, sentence.block, _target(figure, governing), start, end)
            else:
                year, source = (reported, "text") if reported is not None else (document_year, "document")
                _add_reported(ctx, builder, replace(figure, reported_year=year), start, end,
                              year_source=source if year is not None else None)
        if sentence is ctx.structure.sentences_in(sentence.block)[0]:
            # a year in a paragraph's opening sentence (2024年合肥…) is what the paragraph reports on
            report_year = _reported_year(sentence.text, len(sentence.text), report_year)


def _add_indicator(ctx: DocContext, builder: GraphBuilder, block_index: int, match: TargetMatch, start: int, end: int) -> None:
    text = ctx.text[start:end]
    mention = ctx.mention(start, end)
    year_key = match.target_year if match.target_year is not None else match.year_text
    iid = builder.node(
        Label.INDICATOR,
        ctx.scoped(f"{match.name}|{year_key}" + ("" if _first_value(builder, ctx, match, year_key) else f"|{match.value}")),
        match.name,
        [mention],
        city=ctx.city,
        **indicator_properties(match, text),
    )
    target, basis, why = _measured(ctx, block_index)
    if target:
        builder.edge(iid, target, RelType.MEASURES, [mention], basis=basis,
                     confidence=1.0 if basis == "stated" else 0.5, reason=why)


def _first_value(builder: GraphBuilder, ctx: DocContext, match: TargetMatch, year_key: object) -> bool:
    """Whether the plain key (name|year) is free or already holds this value: a restated target
    merges into one node, while 分别 lists (one name, several values) keep one node per value."""
    existing = builder.nodes.get(node_id(Label.INDICATOR, ctx.scoped(f"{match.name}|{year_key}")))
    return existing is None or existing.properties.get("value") == match.value


def titles(structure) -> list[str]:
    """The title line and a ``# title:`` header, whichever the document has."""
    return [b.value for b in structure.blocks if b.value and (b.kind.value == "title" or b.key == "title")]


def dominant_year(text: str) -> int | None:
    """The year a report speaks of most (its bare years, not deadlines); the latest on a tie."""
    counts: dict[int, int] = {}
    for m in BARE_YEAR.finditer(text):
        year = int(m.group("year"))
        counts[year] = counts.get(year, 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def report_year_of(title: str) -> int | None:
    """The year a report's title reports on: 2024年…执行情况, 2024年…公报; a year that opens a
    plan (2025年计划草案) does not count. Failing that, a publication date: its year, or the
    year before for a page of January or February (annual results are published then)."""
    for m in re.finditer(r"(?P<year>\d{4})年(?P<rest>[^\d]{0,20})", title):
        if not re.match(r"[^年]{0,12}(?:计划草案|规划|目标|行动|方案)", m.group("rest")):
            return int(m.group("year"))
    date = re.search(r"(?P<year>20\d{2})-(?P<month>\d{1,2})-\d{1,2}", title)
    if date:
        return int(date.group("year")) - (1 if int(date.group("month")) <= 2 else 0)
    return None


def _add_reported(ctx: DocContext, builder: GraphBuilder, figure: Figure, start: int, end: int,
                  year_source: str | None = None) -> None:
    """A figure that is not a target is still a fact of the text: a ReportedFigure."""
    q = figure.quantity
    if figure.comparator is None and figure.shape == "D" and not figure.past:
        return  # a verbless number outside any target list: too weak to call a fact
    base_value, base_unit = normalise_value(q.value, q.unit)
    text = ctx.text[start:end]
    builder.node(
        Label.REPORTED_FIGURE,
        ctx.scoped(f"{figure.name}|{figure.reported_year}|{q.value}{q.unit or ''}"),
        figure.name,
        [ctx.mention(start, end)],
        city=ctx.city,
        value=q.value,
        value_max=q.value_max,
        value_text=q.value_text,
        unit=q.unit,
        base_value=base_value,
        base_unit=base_unit,
        comparator=figure.comparator,
        hedge=q.hedge or figure.pre_hedge,
        year=figure.reported_year,
        year_source=year_source,
        text=text,
    )


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
