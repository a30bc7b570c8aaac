"""The overall goal (总目标) and the positionings that carry it (六个城市).

Genre rules:
- a goal is a verb phrase (建设/建成/打造/实现…) directly before 的总目标 / 奋斗目标;
- positionings are an enumeration after a counted group (“六个城市定位”，分别为A、B…;
  打造“六个城市”——A、B…) whose item count equals the count, every item ending in the
  group's noun (城市);
- a paragraph opening 在X的打造上 / 在X建设方面 is about positioning X: its tasks support X and
  its targets measure X.
"""

from __future__ import annotations

import re

from graph.model import Label, RelType
from loaders.builder import GraphBuilder
from loaders.context import DocContext
from loaders.structure import BlockKind

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

GOAL = re.compile(r"(?P<goal>(?:建设|建成|打造|实现|率先建成)[\u4e00-\u9fff“”]{3,36}?)的?(?P<kind>总目标|奋斗目标|总体目标)")
GROUP_LIST = re.compile(
    r"(?P<count>[一二两三四五六七八九十\d]+)个(?P<noun>[\u4e00-\u9fff]{1,4}?)(?:定位)?”?"
    r"(?:，|,)?(?:分别为|分别是|即|包括|——|：)[：:]?(?P<items>[^，。；]+)"
)
SCOPE_OPENER = re.compile(r"^在(?P<pos>[^，。；]{2,30}?)的?(?:打造|建设)(?:上|中|方面)[，]?")
#: Without 在 (X建设方面，…), X must end like the document's positionings (城市…).
SCOPE_OPENER_BARE = re.compile(r"^(?:打造|建设)?(?P<pos>[^，。；]{2,30}?)的?(?:打造|建设)方面[，]?")


def _count(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _CN_DIGITS.get(text)


def extract_goal(ctx: DocContext, builder: GraphBuilder) -> None:
    candidates: dict[str, list[tuple[int, int]]] = {}
    preferred: str | None = None
    for _, block in ctx.content():
        for m in GOAL.finditer(block.text):
            name = m.group("goal").strip("“”")
            start = block.start + m.start("goal")
            candidates.setdefault(name, []).append((start, start + len(m.group("goal"))))
            if m.group("kind") == "总目标" and preferred is None:
                preferred = name
    if not candidates:
        return
    name = preferred or max(sorted(candidates), key=lambda n: len(candidates[n]))
    spans = [(s, s + len(name)) for s in ctx.evidence.find_all(name)]
    gid = builder.node(Label.GOAL, ctx.scoped(name), name, [ctx.mention(s, e) for s, e in spans], city=ctx.city)
    ctx.facts.goal_id, ctx.facts.goal_name = gid, name
    if ctx.facts.source_id:
        builder.edge(gid, ctx.facts.source_id, RelType.DESCRIBED_IN, [ctx.mention(*spans[0])], basis="stated")


def _enumerations(ctx: DocContext) -> list[tuple[str, list[tuple[str, int]]]]:
    """(noun, [(item, normalised start)]) for every counted enumeration whose count matches."""
    found = []
    for _, block in ctx.content():
        for m in GROUP_LIST.finditer(block.text):
            count, noun = _count(m.group("count")), m.group("noun")
            items_text = m.group("items")
            base = block.start + m.start("items")
            items: list[tuple[str, int]] = []
            pos = 0
            for part in items_text.split("、"):
                clean = part.strip()
                items.append((clean, base + pos + part.index(clean) if clean else base + pos))
                pos += len(part) + 1
            if count and len(items) == count and all(item.endswith(noun) and len(item) > len(noun) + 1 for item, _ in items):
                found.append((m.group("count") + "个" + noun, items))
    return found


def _carrying_mentions(ctx: DocContext) -> list:
    """Sentences that tie the positionings as a whole to the goal (“六个城市”是落实总目标的…)."""
    found = []
    for sentence in ctx.structure.sentences:
        if "总目标" not in sentence.text:
            continue
        for group in ctx.facts.group_terms:
            i = sentence.text.find(group)
            if i >= 0:
                found.append(ctx.mention(sentence.start + i, sentence.start + i + len(group)))
    return found


def extract_positionings(ctx: DocContext, builder: GraphBuilder) -> None:
    order: list[str] = []
    for group, items in _enumerations(ctx):
        ctx.facts.group_terms.add(group)
        for item, _ in items:
            if item not in order:
                order.append(item)
    # Scope openers: 在X的打造上 names X as a positioning even when no list introduced it.
    openers: dict[int, str] = {}
    nouns = {group.split("个", 1)[1] for group in ctx.facts.group_terms}
    for index, block in ctx.content():
        if block.kind is not BlockKind.PARAGRAPH:
            continue
        m = SCOPE_OPENER.match(block.text)
        bare = SCOPE_OPENER_BARE.match(block.text) if not m else None
        if bare and (bare.group("pos") in order or any(bare.group("pos").endswith(n) for n in nouns)):
            m = bare
        if m:
            name = m.group("pos").strip("“”")
            openers[index] = name
            if name not in order:
                order.append(name)
    # A heading naming exactly one positioning (一、加快建设X) opens its part of the document.
    for index, block in ctx.content():
        if block.kind in (BlockKind.HEADING, BlockKind.NUMBERED) and index not in openers:
            named = [name for name in order if name in block.text]
            if len(named) == 1:
                openers[index] = named[0]
    carrying = _carrying_mentions(ctx)
    for rank, name in enumerate(order, start=1):
        spans = ctx.evidence.find_all(name)
        pid = builder.node(
            Label.CITY_POSITIONING,
            ctx.scoped(name),
            name,
            [ctx.mention(s, s + len(name)) for s in spans],
            city=ctx.city,
            order=rank,
        )
        ctx.facts.positionings[name] = pid
        if ctx.facts.goal_id:
            builder.edge(
                pid,
                ctx.facts.goal_id,
                RelType.REALIZES,
                [ctx.mention(spans[0], spans[0] + len(name)), *carrying],
                basis="stated",
                confidence=1.0,
                reason="listed as the positionings of the overall goal",
            )
    # Blocks from an opener to the next opener or heading belong to that positioning.
    current: str | None = None
    for index, block in ctx.content():
        if index in openers:
            current = ctx.facts.positionings[openers[index]]
            if block.kind in (BlockKind.HEADING, BlockKind.NUMBERED):
                continue  # the heading itself is not content of the part
        elif block.kind in (BlockKind.HEADING, BlockKind.NUMBERED):
            current = None
        if current:
            ctx.facts.positioning_of_block[index] = current
