"""The overall goal (总目标) of a document, in the genre's general forms.

A document has at most one goal; the rules are tried from the most explicit to the least:

1. a verb phrase directly before 的总目标 / 奋斗目标 / 总体目标 (…建设X的总目标);
2. 把X建设成为Y / 把X打造成Y (努力把长沙建设成为更具国际影响力的现代化城市);
3. what a goal statement announces: 主要目标是：X。 or the lead sentence of a section headed
   总体目标 / 发展目标 / 工作目标 / 主要目标 (its last clause, where the aim sits);
4. the aim that closes a 总体要求是：… sentence (…，实现“十五五”良好开局);
5. the purpose right before 制定本… / 现制定… / 制定如下… in the preamble
   (为…，加快推动X走深走实，制定本行动计划);
6. in a write-up with none of these, the first positioning the text builds toward, with its
   verb, in its opening paragraphs (浙江明确要加快建设全球先进制造业基地).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Label, RelType
from loaders.builder import GraphBuilder
from loaders.context import DocContext

GOAL = re.compile(r"(?P<goal>(?:建设|建成|打造|实现|率先建成)[\u4e00-\u9fff“”]{3,36}?)的?(?P<kind>总目标|奋斗目标|总体目标)")
BUILD_INTO = re.compile(
    r"(?P<goal>(?:努力|初步|全面|加快|奋力|力争)?把[^，。；把]{1,12}?(?:建设|打造|建)成为?[^，。；]{2,40})"
)
GOAL_STATEMENT = re.compile(r"(?:主要|总体|发展|工作|奋斗)目标(?:是|为)[：:](?P<goal>[^。！？]{4,80})")
GOAL_HEADING = re.compile(r"(?:总体|发展|工作|主要|奋斗)目标|目标要求")
REQUIREMENTS = re.compile(r"总体要求(?:是|为)[：:](?P<body>[^。]+)")
PURPOSE = re.compile(r"(?:，|^)(?P<goal>[^，。；]{4,40})，(?:特|现|为此)?制定(?:本|如下|以下|了|《)")
_NOT_AIM = re.compile(r"^(?:根据|按照|依据|结合|经|现将|为深入|为全面|为贯彻|为认真|为进一步落实|为落实)")
_HAS_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class GoalFound:
    name: str
    start: int  # normalised offset of the name's first occurrence used as evidence
    rule: str


def _strip(text: str) -> str:
    return text.strip(" “”，、")


def find_goal(ctx: DocContext) -> GoalFound | None:
    """The document's goal by the first rule that finds one (see the module docstring)."""
    blocks = ctx.content()
    for rule in (_goal_phrase, _build_into, _goal_statement, _requirements, _purpose, _first_aim):
        found = rule(ctx, blocks)
        if found is not None:
            return found
    return None


def _goal_phrase(ctx: DocContext, blocks) -> GoalFound | None:
    candidates: dict[str, list[int]] = {}
    preferred: str | None = None
    for _, block in blocks:
        for m in GOAL.finditer(block.text):
            name = m.group("goal").strip("“”")
            candidates.setdefault(name, []).append(block.start + m.start("goal"))
            if m.group("kind") == "总目标" and preferred is None:
                preferred = name
    if not candidates:
        return None
    name = preferred or max(sorted(candidates), key=lambda n: len(candidates[n]))
    return GoalFound(name, candidates[name][0], "goal_phrase")


def _build_into(ctx: DocContext, blocks) -> GoalFound | None:
    for _, block in blocks:
        m = BUILD_INTO.search(block.text)
        if m:
            return GoalFound(m.group("goal"), block.start + m.start("goal"), "build_into")
    return None


def _goal_statement(ctx: DocContext, blocks) -> GoalFound | None:
    for _, block in blocks:
        m = GOAL_STATEMENT.search(block.text)
        if m and not _HAS_NUMBER.search(m.group("goal")):
            name = _strip(m.group("goal"))
            return GoalFound(name, block.start + m.start("goal") + m.group("goal").index(name), "goal_statement")
    structure = ctx.structure
    for index, block in blocks:
        heading = structure.parents[index] if index < len(structure.parents) else None
        if heading is None or not GOAL_HEADING.search(structure.blocks[heading].head or ""):
            continue
        if structure.blocks[heading].kind.value != "heading" or block.level is not None:
            continue
        first = next(iter(structure.sentences_in(index)), None)
        if first is None or _HAS_NUMBER.search(first.text):
            continue
        clause = _strip(re.split(r"[，；]", first.text.rstrip("。"))[-1])
        if len(clause) >= 4:
            return GoalFound(clause, first.start + first.text.rindex(clause), "goal_section")
    return None


def _requirements(ctx: DocContext, blocks) -> GoalFound | None:
    for _, block in blocks:
        m = REQUIREMENTS.search(block.text)
        if m:
            clause = _strip(m.group("body").split("，")[-1])
            if len(clause) >= 4 and not _HAS_NUMBER.search(clause):
                return GoalFound(clause, block.start + m.start("body") + m.group("body").rindex(clause), "requirements")
    return None


def _preamble(ctx: DocContext, blocks) -> list:
    """Content blocks before the first numbered section (一、 or 第一章), the document's preamble."""
    out = []
    for index, block in blocks:
        if block.level is not None and block.level <= 2 and block.number:
            break
        out.append((index, block))
    return out[:30]


def _purpose(ctx: DocContext, blocks) -> GoalFound | None:
    for _, block in _preamble(ctx, blocks):
        for m in PURPOSE.finditer(block.text):
            name = _strip(m.group("goal"))
            if len(name) >= 4 and not _NOT_AIM.search(name) and "《" not in name and "》" not in name:
                return GoalFound(name, block.start + m.start("goal") + m.group("goal").index(name), "purpose")
    return None


def _first_aim(ctx: DocContext, blocks) -> GoalFound | None:
    from loaders.rules.positionings import BUILD_VERBS, aims

    for _, block in blocks[:4]:
        found = aims(block.text, ctx.city)
        if found:
            name, at = found[0]
            verbs = [m for m in BUILD_VERBS.finditer(block.text) if m.end() <= at]
            if not verbs:
                continue
            verb = verbs[-1]
            lead = re.search(r"(?:加快|全面|着力|奋力|努力)$", block.text[: verb.start()])
            start = lead.start() if lead else verb.start()
            phrase = block.text[start : at + len(name)]
            if len(phrase) <= 40:
                return GoalFound(phrase, block.start + start, "first_aim")
    return None


def extract_goal(ctx: DocContext, builder: GraphBuilder) -> None:
    found = find_goal(ctx)
    if found is None:
        return
    spans = ctx.evidence.find_all(found.name) or [found.start]
    gid = builder.node(Label.GOAL, ctx.scoped(found.name), found.name,
                       [ctx.mention(s, s + len(found.name)) for s in spans], city=ctx.city, rule=found.rule)
    ctx.facts.goal_id, ctx.facts.goal_name = gid, found.name
    ctx.facts.goal_start = spans[0]
    ctx.facts.goal_rule = found.rule
    if ctx.facts.source_id:
        builder.edge(gid, ctx.facts.source_id, RelType.DESCRIBED_IN, [ctx.mention(spans[0], spans[0] + len(found.name))],
                     basis="stated")
