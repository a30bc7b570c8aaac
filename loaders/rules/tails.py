"""Responsibility as the genre states it, and for what (RESPONSIBLE_FOR, basis ``stated``).

- tails after a task item: （牵头单位：A；配合单位：B、C，各区、县级市）, （责任单位：A）,
  （A牵头，B、C配合）, (由A牵头实施);
- clauses: 由A负责/牵头/实施/给予…, A牵头，会同B、C等单位…, A作为起草单位, A拟定的《X》;
- presented (a source, not a statement of duty): 记者从A了解到…《X》…, 【A】答.

Roles: ``lead`` (牵头), ``participant`` (配合/参与/协办, and 责任单位 beside a lead),
``responsible`` (责任单位 alone, 由A负责, drafting). Governments and generic units (各区、县级市,
各有关单位, XX人民政府) are not departments: only departments the department rules found in
the span are linked, so they never are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Label, RelType
from loaders.builder import GraphBuilder
from loaders.context import DeptMention, DocContext
from loaders.rules.departments import department_for_short, departments_in

_KEYS = r"牵头单位|牵头部门|主责单位|责任单位|责任部门|配合单位|配合部门|参与单位|协办单位|协同单位"
#: A tail in brackets after an item or heading.
TAIL = re.compile(
    r"[（(](?P<body>(?:" + _KEYS + r")[：:][^（）()]{1,160}|由[^（）()]{2,40}?(?:牵头|负责)[^（）()]{0,10}"
    r"|[^（）()]{2,60}?牵头[，,、；;]?[^（）()]{0,120}?配合)[）)]"
)
_SEGMENT = re.compile(r"(?P<key>" + _KEYS + r")[：:](?P<who>[^；;：:]*?)(?=[；;，,]?(?:" + _KEYS + r")[：:]|$)")
_ROLE = {"牵头单位": "lead", "牵头部门": "lead", "主责单位": "lead", "配合单位": "participant", "配合部门": "participant",
         "参与单位": "participant", "协办单位": "participant", "协同单位": "participant"}
BY = re.compile(r"由(?P<who>[^，。；由]{2,30}?)(?P<verb>牵头实施|牵头|负责实施|负责|组织实施|给予|统筹)(?P<what>[^，。；]*)")
LEAD_WITH = re.compile(r"(?P<lead>[^，。；]{2,30}?)牵头[，,]?会同(?P<rest>[^，。；]{4,180})")
#: What the listed units do together: the clause after the last of them (…等单位召开座谈会).
_AFTER_LIST = re.compile(r"^(?:等(?:单位|部门|有关单位)?|、)*")
#: A department as the subject of an action it carries out: 县政府办对起草《…》进行了审查.
SUBJECT_ACTION = re.compile(r"[对就](?P<object>[^，。；]{2,60})")
DRAFTER = re.compile(r"(?P<who>[^，。；]{2,30}?)作为(?:起草|牵头|编制)单位")
DRAFTED = re.compile(r"(?P<who>[^，。；]{2,30}?)(?:拟定|起草|编制|制定)的《(?P<title>[^《》]+)》")
HEARD_FROM = re.compile(r"从(?P<who>[^，。；]{2,30}?)(?:了解到|获悉|获知)")
ANSWERS = re.compile(r"【(?P<who>[^【】]{2,20})】答")


@dataclass(frozen=True)
class Assignment:
    department: DeptMention
    role: str
    role_text: str
    start: int  # evidence span (normalised)
    end: int


def tail_assignments(ctx: DocContext, start: int, end: int) -> list[Assignment]:
    """The assignments a tail (normalised span of its body) states."""
    body = ctx.text[start:end]
    out: list[Assignment] = []
    segments = list(_SEGMENT.finditer(body))
    if segments:
        has_lead = any(_ROLE.get(m.group("key")) == "lead" for m in segments)
        for m in segments:
            key = m.group("key")
            role = _ROLE.get(key) or ("participant" if has_lead else "responsible")
            for dept in departments_in(ctx, start + m.start("who"), start + m.end("who")):
                out.append(Assignment(dept, role, key, start + m.start(), start + m.end()))
        return out
    by = re.match(r"由(?P<who>.+?)(?P<verb>牵头|负责)", body)
    if by:
        role = "lead" if by.group("verb") == "牵头" else "responsible"
        for dept in departments_in(ctx, start + by.start("who"), start + by.end("who")):
            out.append(Assignment(dept, role, by.group("verb"), start, end))
        return out
    pair = re.match(r"(?P<lead>.+?)牵头[，,、；;]?(?P<with>.*?)配合$", body)
    if pair:
        for dept in departments_in(ctx, start + pair.start("lead"), start + pair.end("lead")):
            out.append(Assignment(dept, "lead", "牵头", start, end))
        for dept in departments_in(ctx, start + pair.start("with"), start + pair.end("with")):
            out.append(Assignment(dept, "participant", "配合", start, end))
    return out


def _edge(ctx: DocContext, builder: GraphBuilder, a: Assignment, target: str, reason: str) -> None:
    builder.edge(a.department.node_id, target, RelType.RESPONSIBLE_FOR, [ctx.mention(a.start, a.end)],
                 basis="stated", confidence=1.0, role=a.role, role_text=a.role_text, reason=reason)


def _action_task(ctx: DocContext, builder: GraphBuilder, start: int, end: int, parent: str | None) -> str | None:
    """A Task for an action clause that a department is assigned (召开座谈会…, 给予一次性资助)."""
    name = ctx.text[start:end].strip(" ，。；")
    if len(name) < 4:
        return None
    start = ctx.text.find(name, start, end)
    tid = builder.node(Label.TASK, ctx.scoped(f"{parent or ''}|{name}"), name, [ctx.mention(start, start + len(name))],
                       city=ctx.city, kind="action")
    if parent:
        builder.edge(tid, parent, RelType.PART_OF, [ctx.mention(start, start + len(name))], basis="stated",
                     reason="an action stated inside the task")
    return tid


def extract_tails(ctx: DocContext, builder: GraphBuilder) -> None:
    """Tails and clauses that state who is responsible, linked to what they are about."""
    facts = ctx.facts
    for index, block in ctx.content():
        task = facts.task_of_block.get(index)
        for m in TAIL.finditer(block.text):
            target = task or facts.main_plan_id
            if target is None:
                continue
            for a in tail_assignments(ctx, block.start + m.start("body"), block.start + m.end("body")):
                _edge(ctx, builder, a, target, "the task's responsibility tail names it")
    for sentence in ctx.structure.sentences:
        task = facts.task_of_block.get(sentence.block)
        _clauses(ctx, builder, sentence.start, sentence.text, task)


def _clauses(ctx: DocContext, builder: GraphBuilder, base: int, text: str, task: str | None) -> None:
    facts = ctx.facts
    for m in LEAD_WITH.finditer(text):
        partners = departments_in(ctx, base + m.start("rest"), base + m.end("rest"))
        after = partners[-1].end - base if partners else m.start("rest")
        tail = _AFTER_LIST.sub("", text[after : m.end("rest")])
        # the listed units may include non-departments (中方产业开发区等单位): skip to the verb
        tail = re.sub(r"^[^，。；]*?(?:等单位|等部门)", "", tail) or tail
        what_start = base + m.end("rest") - len(tail)
        what = _action_task(ctx, builder, what_start, base + m.end("rest"), task)
        if what is None:
            continue
        for dept in departments_in(ctx, base + m.start("lead"), base + m.end("lead"))[-1:]:
            _edge(ctx, builder, Assignment(dept, "lead", "牵头", base + m.start(), base + m.end()), what,
                  "the sentence says the department leads it (牵头，会同…)")
        for dept in partners:
            _edge(ctx, builder, Assignment(dept, "participant", "会同", base + m.start(), base + m.end()), what,
                  "named among the units the lead works with (会同)")
    for dept in departments_in(ctx, base, base + len(text)):
        m = SUBJECT_ACTION.match(text, dept.end - base)
        if m is None or re.match(r"[对就](?:于|此|外|象)", text[m.start() :]):
            continue
        what = _action_task(ctx, builder, base + m.start(), base + m.end(), task)
        if what is not None:
            _edge(ctx, builder, Assignment(dept, "responsible", text[m.start()], base + dept.start - base, base + m.end()),
                  what, "the department is the subject of the action (A对/就…)")
    for m in BY.finditer(text):
        if TAIL.search(text[max(0, m.start() - 1) : m.end() + 1]):
            continue  # a bracketed tail, read above
        depts = departments_in(ctx, base + m.start("who"), base + m.end("who"))
        short = re.fullmatch(r"[市县区](?P<short>[\u4e00-\u9fff]{2,4})", m.group("who"))
        if not depts and short and ctx.gazetteer.by_short(short.group("short")):
            # 由市财政给予…: the finance bureau by its short form
            node = department_for_short(ctx, builder, m.group("who"), base + m.start("who"))
            depts = [DeptMention(base + m.start("who"), base + m.end("who"), node, m.group("who"))]
        if not depts:
            continue
        role = "lead" if m.group("verb").startswith("牵头") else "responsible"
        target = _action_task(ctx, builder, base + m.start(), base + m.end(), task) if m.group("what") else task
        if target is None:
            continue
        for dept in depts:
            _edge(ctx, builder, Assignment(dept, role, "由…" + m.group("verb"), base + m.start(), base + m.end()), target,
                  "由…" + m.group("verb") + ": the sentence assigns it")
    for pattern, role in ((DRAFTER, "responsible"), (DRAFTED, "responsible")):
        for m in pattern.finditer(text):
            title = m.groupdict().get("title")
            plan = facts.plans.get(re.sub(r"\s+", "", title)) if title else facts.main_plan_id
            if plan is None:
                continue
            for dept in departments_in(ctx, base + m.start("who"), base + m.end("who"))[-1:]:
                _edge(ctx, builder, Assignment(dept, role, "起草", base + m.start(), base + m.end()), plan,
                      "the department drafted the plan (起草单位/拟定)")
    for pattern in (HEARD_FROM, ANSWERS):
        for m in pattern.finditer(text):
            plan = _plan_after(ctx, text, m.end()) or facts.main_plan_id
            if plan is None:
                continue
            for dept in departments_in(ctx, base + m.start("who"), base + m.end("who")):
                builder.edge(dept.node_id, plan, RelType.RESPONSIBLE_FOR, [ctx.mention(base + m.start(), base + m.end())],
                             basis="presented", confidence=0.8, role="presented",
                             reason="the department spoke for the plan (了解到/答); the text does not state it is responsible")


def _plan_after(ctx: DocContext, text: str, at: int) -> str | None:
    m = re.search(r"《(?P<title>[^《》]+)》", text[at:])
    return ctx.facts.plans.get(re.sub(r"\s+", "", m.group("title"))) if m else None
