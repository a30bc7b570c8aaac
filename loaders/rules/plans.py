"""Plans (规划, 纲要, 实施意见, 行动方案, 建议…) named in 《》, their aliases and their links.

Genre rules: a 《title》 followed by （以下简称《X》） gives the alias X; a short 《X》 that ends a
known title of the same document is that plan (《纲要》); the plan named in the title line (or
else the most cited one) is the document's main plan; 依据《A》《B》 makes it BASED_ON A and B;
a plan whose title contains the goal IMPLEMENTS the goal; 各个“城市”的《X》 makes X implement
every positioning.
"""

from __future__ import annotations

import re
from collections import Counter

from graph.model import Label, RelType
from loaders.builder import GraphBuilder
from loaders.context import DocContext
from loaders.structure import BlockKind

TITLE = re.compile(r"《(?P<title>[^《》]{2,80})》")
ALIAS = re.compile(r"[（(]以下简称《(?P<alias>[^《》]{2,20})》[）)]")
KINDS = ("实施意见", "意见", "纲要", "规划", "行动方案", "方案", "建议", "行动计划", "计划", "条例", "办法", "通知", "决定")
BASED_ON = re.compile(r"(?:依据|根据|按照)(?P<refs>(?:《[^《》]+》[、，和及]?)+)")


def _key(title: str) -> str:
    return re.sub(r"\s+", "", title)


def _kind(title: str) -> str | None:
    return next((k for k in KINDS if title.endswith(k)), None)


def extract_plans(ctx: DocContext, builder: GraphBuilder) -> None:
    facts = ctx.facts
    refs: list[tuple[str, int, int]] = []  # (title, start, end) normalised, quotes excluded
    for block in ctx.structure.blocks:
        if block.kind in (BlockKind.METADATA, BlockKind.FURNITURE, BlockKind.CONTACT):
            continue
        for m in TITLE.finditer(block.text):
            refs.append((m.group("title"), block.start + m.start("title"), block.start + m.end("title")))
    if not refs:
        return
    canonical: dict[str, str] = {}  # key of any spelling/alias -> canonical title key
    titles: dict[str, str] = {}  # canonical key -> title as first written
    # Pass 1: full titles (long, or with a plan-kind suffix and an alias after them).
    for title, start, end in refs:
        key = _key(title)
        alias = ALIAS.match(ctx.text, end + 1)
        if alias:
            canonical[_key(alias.group("alias"))] = key
        if len(key) >= 8 or alias:
            canonical.setdefault(key, key)
            titles.setdefault(key, title)
    # Pass 2: short references resolve to a full title they end (《纲要》) or stand alone.
    for title, _, _ in refs:
        key = _key(title)
        if key in canonical:
            continue
        owner = next((t for t in sorted(titles) if t.endswith(key) and _kind(t) == _kind(key)), None)
        canonical[key] = owner or key
        if owner is None:
            titles.setdefault(key, title)
    aliases: dict[str, set[str]] = {}
    for spelled, key in canonical.items():
        if spelled != key:
            aliases.setdefault(key, set()).add(spelled)
    mentions: dict[str, list] = {}
    for title, start, end in refs:
        key = canonical[_key(title)]
        mentions.setdefault(key, []).append(ctx.mention(start - 1, end + 1))
    for key, title in titles.items():
        pid = builder.node(
            Label.PLAN,
            ctx.scoped(key),
            title,
            mentions[key],
            city=ctx.city,
            kind=_kind(key),
            aliases=sorted(aliases.get(key, set())) or None,
        )
        facts.plans[key] = pid
    for spelled, key in canonical.items():
        facts.plans[spelled] = facts.plans[key]
    _main_plan(ctx, refs, canonical)
    _plan_links(ctx, builder, canonical, titles)


def _main_plan(ctx: DocContext, refs: list[tuple[str, int, int]], canonical: dict[str, str]) -> None:
    title_blocks = [b for b in ctx.structure.blocks if b.kind is BlockKind.TITLE]
    for title, start, _ in refs:
        if title_blocks and title_blocks[0].start <= start < title_blocks[0].end:
            ctx.facts.main_plan_id = ctx.facts.plans[canonical[_key(title)]]
            return
    counts = Counter(canonical[_key(t)] for t, _, _ in refs)
    best, n = max(sorted(counts.items()), key=lambda kv: kv[1])
    if n >= 2:
        ctx.facts.main_plan_id = ctx.facts.plans[best]


def _plan_links(ctx: DocContext, builder: GraphBuilder, canonical: dict[str, str], titles: dict[str, str]) -> None:
    facts = ctx.facts
    if facts.goal_name:
        for key, title in titles.items():
            if facts.goal_name in key:
                i = ctx.text.find(title)
                builder.edge(
                    facts.plans[key], facts.goal_id, RelType.IMPLEMENTS,  # type: ignore[arg-type]
                    [ctx.mention(i, i + len(title))] if i >= 0 else [],
                    basis="stated", reason="the plan's title names the goal",
                )
    if facts.main_plan_id and facts.source_id:
        builder.edge(facts.main_plan_id, facts.source_id, RelType.DESCRIBED_IN,
                     builder.nodes[facts.main_plan_id].mentions[:1], basis="stated",
                     reason="the document's main plan")
    for sentence in ctx.structure.sentences:
        m = BASED_ON.search(sentence.text)
        if m and facts.main_plan_id:
            for ref in TITLE.finditer(m.group("refs")):
                key = canonical.get(_key(ref.group("title")))
                target = facts.plans.get(key or "")
                if target and target != facts.main_plan_id:
                    start = sentence.start + m.start("refs") + ref.start()
                    builder.edge(facts.main_plan_id, target, RelType.BASED_ON,
                                 [ctx.mention(start, start + len(ref.group(0)))], basis="stated")
        if ("各个" in sentence.text or "各自" in sentence.text) and facts.positionings:
            for ref in TITLE.finditer(sentence.text):
                key = canonical.get(_key(ref.group("title")))
                plan = facts.plans.get(key or "")
                if plan and _kind(key or "") in ("规划", "行动方案", "方案", "计划", "行动计划") and len(key or "") < 8:
                    start = sentence.start + ref.start()
                    for pid in facts.positionings.values():
                        builder.edge(plan, pid, RelType.IMPLEMENTS, [ctx.mention(start, start + len(ref.group(0)))],
                                     basis="stated", reason="one such plan for each positioning (各个/各自)")
