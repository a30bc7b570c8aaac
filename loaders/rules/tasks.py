"""Tasks (任务): focus areas, concrete actions, key tasks and their sub-tasks.

Genre rules:
- in a positioning's paragraph, 聚焦A、B和C lists focus areas (kind ``focus_area``) and the
  comma clauses after it, up to the sentence's end, are actions (kind ``action``); both SUPPORT
  the positioning;
- a numbered heading (1. 2. …) in a section announcing N大重点任务/主要任务 is a key task
  (kind ``key_task``) PART_OF the document's main plan, and the clauses of the 内容概要 (or
  paragraph) under it are its sub-tasks (kind ``sub_task``) PART_OF it.
"""

from __future__ import annotations

import re

from graph.model import Label, RelType
from loaders.builder import GraphBuilder
from loaders.context import DocContext
from loaders.structure import Block, BlockKind

FOCUS = re.compile(r"聚焦(?P<items>[^，。；]+)")
QUOTED = re.compile(r"“([^“”]{2,12})”")
KEY_TASK_INTRO = re.compile(r"(?P<count>[一二三四五六七八九十\d]+)(?:大|项|个)?(?:重点|主要|重大)任务")
_CLAUSE = re.compile(r"[^，；。]+")
_TARGET_YEAR = re.compile(r"(?:到|至)\d{4}年|\d{4}年前")


def _programmes(ctx: DocContext, text: str) -> list[str] | None:
    found = {p for p in ctx.gazetteer.programmes if p in text} | set(QUOTED.findall(text))
    return sorted(found) or None


def _split_items(items: str) -> list[tuple[str, int]]:
    """Split 'A、B和C' into items with offsets; the last 和 splits only two short noun phrases."""
    out: list[tuple[str, int]] = []
    pos = 0
    parts = items.split("、")
    for n, part in enumerate(parts):
        if n == len(parts) - 1 and len(parts) > 1 and "和" in part:
            left, _, right = part.partition("和")
            if len(left) >= 2 and len(right) >= 2:
                out.append((left, pos))
                out.append((right, pos + len(left) + 1))
                pos += len(part) + 1
                continue
        out.append((part, pos))
        pos += len(part) + 1
    return [(t.strip(), p) for t, p in out if len(t.strip()) >= 2]


def _task(
    ctx: DocContext, builder: GraphBuilder, name: str, start: int, kind: str, parent: str | None = None, number: int | None = None
) -> str:
    key = ctx.scoped(f"{parent or ''}|{name}") if kind in ("sub_task", "action") else ctx.scoped(name)
    tid = builder.node(Label.TASK, key, name, [ctx.mention(start, start + len(name))], city=ctx.city, kind=kind,
                       programmes=_programmes(ctx, name), number=number)
    return tid


def extract_positioning_tasks(ctx: DocContext, builder: GraphBuilder) -> None:
    for index, block in ctx.content():
        pid = ctx.facts.positioning_of_block.get(index)
        if pid is None:
            continue
        for sentence in ctx.structure.sentences_in(index):
            if _TARGET_YEAR.search(sentence.text[:12]):
                continue
            m = FOCUS.search(sentence.text)
            if not m:
                continue
            base = sentence.start + m.start("items")
            for item, offset in _split_items(m.group("items")):
                tid = _task(ctx, builder, item, base + offset, "focus_area")
                builder.edge(tid, pid, RelType.SUPPORTS, [ctx.mention(base + offset, base + offset + len(item))],
                             basis="stated", reason="listed after 聚焦 in the positioning's paragraph")
            after = sentence.start + m.end()
            year = _TARGET_YEAR.search(ctx.text, after, sentence.end)
            stop = year.start() if year else sentence.end  # what follows 到N年 is targets, not actions
            for clause in _CLAUSE.finditer(ctx.text, after, stop):
                name = clause.group(0).strip()
                if len(name) < 4 or _TARGET_YEAR.search(name):
                    continue
                start = clause.start() + clause.group(0).index(name)
                tid = _task(ctx, builder, name, start, "action", parent=pid)
                builder.edge(tid, pid, RelType.SUPPORTS, [ctx.mention(start, start + len(name))],
                             basis="stated", reason="an action in the positioning's paragraph")


def _announces_key_tasks(blocks: list[tuple[int, Block]], index: int) -> bool:
    """Whether a paragraph before the numbered heading announces N大重点任务."""
    for i, block in reversed(blocks):
        if i >= index:
            continue
        if block.kind is BlockKind.HEADING:
            return False
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.SUMMARY) and KEY_TASK_INTRO.search(block.text):
            return True
    return False


def key_task_blocks(ctx: DocContext) -> set[int]:
    """Numbered lines that head key tasks (a task's name is not a positioning of the plan)."""
    blocks = ctx.content()
    return {i for i, b in blocks if b.kind is BlockKind.NUMBERED and _announces_key_tasks(blocks, i)}


def extract_key_tasks(ctx: DocContext, builder: GraphBuilder) -> None:
    blocks = ctx.content()
    current: str | None = None
    for index, block in blocks:
        if block.kind is BlockKind.NUMBERED and _announces_key_tasks(blocks, index):
            name = block.value or ""
            start = block.start + block.text.index(name)
            current = _task(ctx, builder, name, start, "key_task", number=int(block.number or 0))
            if ctx.facts.main_plan_id:
                builder.edge(current, ctx.facts.main_plan_id, RelType.PART_OF, [ctx.mention(start, start + len(name))],
                             basis="stated", reason="a numbered key task of the plan")
        elif block.kind is BlockKind.HEADING:
            current = None
        elif current and block.kind in (BlockKind.SUMMARY, BlockKind.PARAGRAPH):
            ctx.facts.task_of_block[index] = current
            body_start = block.start + (block.text.index(block.value) if block.value else 0)
            for clause in _CLAUSE.finditer(ctx.text, body_start, block.end):
                name = clause.group(0).strip()
                if len(name) < 4:
                    continue
                start = clause.start() + clause.group(0).index(name)
                sub = _task(ctx, builder, name, start, "sub_task", parent=current)
                builder.edge(sub, current, RelType.PART_OF, [ctx.mention(start, start + len(name))],
                             basis="stated", reason="a clause of the key task's summary")
