"""Numbered task items (一、 (一) 1. （1） ①) of 实施方案, work reports and policy lists.

Genre rule: under a section whose heading names work (重点任务, 主要任务, 工作安排, 政策, 项目,
行动, 举措, 措施…), or wherever an item carries a responsibility tail (（牵头单位：…）), every
numbered item is a Task named by its run-in head (2.战略性主导产业紧缺人才开发项目。… gives
战略性主导产业紧缺人才开发项目) with its heading path; an item numbered under another item is
PART_OF it (stated by the outline). A top-level item is PART_OF the document's main plan when
there is one, or supports the positioning whose part of the document it sits in; failing both,
it supports the overall goal, ``inferred``. Sections about goals, background and principles
(总体目标, 制定背景, 指导思想…) hold no tasks. Body text under an item belongs to its task, so
the targets stated there measure it.
"""

from __future__ import annotations

import re

from graph.model import Label, RelType
from loaders.builder import GraphBuilder
from loaders.context import DocContext
from loaders.rules.tails import TAIL
from loaders.structure import BlockKind

WORK_HEADING = re.compile(r"任务|工作|措施|政策|项目|行动|举措|安排|工程|计划|重点|抓好")
NOT_WORK_HEADING = re.compile(r"目标|背景|必要性|过程|原则|思想|说明|意义|依据|目的|要求|情况|成效|回顾")


def _is_item(block) -> bool:
    return block.level is not None and block.number is not None and block.level >= 2


def _task_name(ctx: DocContext, index: int) -> tuple[str, int] | None:
    """The item's name (its run-in head without a responsibility tail) and its normalised start."""
    block = ctx.structure.blocks[index]
    head = block.head or block.value or ""
    tail = TAIL.search(head)
    if tail:
        head = head[: tail.start()]
    head = head.strip(" 。：:")
    if len(head) < 2:
        return None
    start = ctx.text.find(head, block.start, block.end)
    return (head, start) if start >= 0 else None


def _in_work_section(ctx: DocContext, index: int) -> bool:
    structure = ctx.structure
    block = structure.blocks[index]
    if TAIL.search(block.text):
        return True
    heads = [structure.blocks[a].head or "" for a in structure.ancestors(index)]
    if any(NOT_WORK_HEADING.search(h) and not WORK_HEADING.search(h) for h in heads):
        return False
    own = block.head or ""
    if NOT_WORK_HEADING.search(own) and not WORK_HEADING.search(own):
        return False
    return any(WORK_HEADING.search(h) for h in heads)


def extract_item_tasks(ctx: DocContext, builder: GraphBuilder, key_task_blocks: set[int]) -> None:
    structure = ctx.structure
    task_of_item: dict[int, str] = {}
    for index, block in ctx.content():
        if index in key_task_blocks or not _is_item(block) or not _in_work_section(ctx, index):
            continue
        named = _task_name(ctx, index)
        if named is None:
            continue
        name, start = named
        parent_item = next((a for a in structure.ancestors(index) if a in task_of_item), None)
        parent = task_of_item.get(parent_item) if parent_item is not None else None
        key = ctx.scoped(f"{parent or ''}|{name}")
        tid = builder.node(Label.TASK, key, name, [ctx.mention(start, start + len(name))], city=ctx.city,
                           kind="item", number=block.number, heading_path=_heading_path(ctx, index) or None)
        task_of_item[index] = tid
        mention = [ctx.mention(start, start + len(name))]
        if parent:
            builder.edge(tid, parent, RelType.PART_OF, mention, basis="stated", reason="numbered under it in the outline")
        elif index in ctx.facts.positioning_of_block:
            builder.edge(tid, ctx.facts.positioning_of_block[index], RelType.SUPPORTS, mention, basis="stated",
                         reason="an item in the positioning's part of the document")
        elif ctx.facts.main_plan_id:
            builder.edge(tid, ctx.facts.main_plan_id, RelType.PART_OF, mention, basis="stated",
                         reason="a numbered task item of the plan")
        elif ctx.facts.goal_id:
            builder.edge(tid, ctx.facts.goal_id, RelType.SUPPORTS, mention, basis="inferred", confidence=0.5,
                         reason="a task item of the document that states the goal; the text does not tie them")
    # Body text under an item (and the item's own line) belongs to its task.
    current: str | None = None
    current_level: int | None = None
    for index, block in ctx.content():
        if index in task_of_item:
            current, current_level = task_of_item[index], block.level
        elif block.level is not None and current_level is not None and block.level <= current_level:
            current, current_level = None, None
        if current and index not in ctx.facts.task_of_block:
            ctx.facts.task_of_block[index] = current
    ctx.facts.item_tasks.update(task_of_item)


def _heading_path(ctx: DocContext, index: int) -> list[str]:
    """Headings above an item, outermost first (一、科技创新政策 › 1.鼓励创新主体发展)."""
    structure = ctx.structure
    path = []
    for ancestor in reversed(structure.ancestors(index)):
        block = structure.blocks[ancestor]
        if block.kind is BlockKind.TITLE:
            continue
        head = block.head or block.value
        if head:
            tail = TAIL.search(head)
            path.append((head[: tail.start()] if tail else head).strip(" 。"))
    return path
