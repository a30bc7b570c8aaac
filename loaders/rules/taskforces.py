"""Task forces: 领导小组 and 专班, and what they answer for.

Genre rules: 成立(了)(专门的)X领导小组 founds a leading group (named X领导小组, or after the
programme the paragraph is about: “六个城市”领导小组); 由Y担任(领导小组)组长 records who leads
it; N个专班 alongside N positionings gives one 专班 per positioning, which the text does not name
or assign, so their edges are ``inferred``; an explicitly named X专班 is kept as written.
"""

from __future__ import annotations

import re

from graph.model import Label, RelType
from loaders.builder import GraphBuilder
from loaders.context import DocContext

LEADING_GROUP = re.compile(r"成立了?(?P<special>专门的)?(?P<name>[^，。、；]{0,30}?)领导小组")
TASK_FORCES = re.compile(r"(?P<count>[一二三四五六七八九十\d]+)个专班")
NAMED_TASK_FORCE = re.compile(r"(?:成立|组建|设立|建立)了?(?P<name>[\u4e00-\u9fff“”]{2,16}?)专班")
#: A leading group named as an issuer, addressee or signatory: a line that opens with its name
#: and goes on with 关于/各成员单位 or ends there
#: (重庆国际消费中心城市培育建设工作领导小组关于印发《…》的通知).
NAMED_LEADING_GROUP = re.compile(r"^(?P<name>[\u4e00-\u9fff]{4,30}?领导小组)(?=关于|各成员|[：:，]|\s*$)")
ISSUES = re.compile(r"关于印发《(?P<title>[^《》]+)》")
LEADER = re.compile(r"(?P<who>[^，。；由]{2,30}?)担任(?:领导小组)?组长")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def extract_task_forces(ctx: DocContext, builder: GraphBuilder) -> None:
    facts = ctx.facts
    for index, block in ctx.content():
        group = next((g for g in sorted(facts.group_terms) if g in block.text), None)
        for m in LEADING_GROUP.finditer(block.text):
            written = m.group("name").strip()
            name = f"{written}领导小组" if written else (f"“{group}”领导小组" if group else "领导小组")
            start = block.start + m.start()
            leader = LEADER.search(block.text, m.end())
            tid = builder.node(
                Label.TASK_FORCE, ctx.scoped(name), name, [ctx.mention(start, block.start + m.end())],
                city=ctx.city, kind="leading_group", named_in_text=bool(written),
                leader_roles=[leader.group("who").strip("，")] if leader else None,
            )
            if leader:
                _leads(ctx, builder, tid, leader.group("who"), block.start + leader.start(), block.start + leader.end())
            if group and facts.goal_id:
                builder.edge(tid, facts.goal_id, RelType.RESPONSIBLE_FOR, [ctx.mention(start, block.start + m.end())],
                             basis="stated", confidence=1.0,
                             reason=f"set up to drive {group}, which carries the overall goal")
            elif "规划" in name and facts.main_plan_id:
                builder.edge(tid, facts.main_plan_id, RelType.RESPONSIBLE_FOR, [ctx.mention(start, block.start + m.end())],
                             basis="stated", confidence=1.0, reason="the leading group of the plan's drafting")
        for m in TASK_FORCES.finditer(block.text):
            count = int(m.group("count")) if m.group("count").isdigit() else _CN.get(m.group("count"), 0)
            start, end = block.start + m.start(), block.start + m.end()
            if group and count == len(facts.positionings):
                for pname, pid in facts.positionings.items():
                    name = f"{pname}专班"
                    tid = builder.node(Label.TASK_FORCE, ctx.scoped(name), name, [ctx.mention(start, end)],
                                       city=ctx.city, kind="task_force", named_in_text=False)
                    builder.edge(tid, pid, RelType.RESPONSIBLE_FOR, [ctx.mention(start, end)], basis="inferred",
                                 confidence=0.6,
                                 reason=(f"the text sets up {m.group(0)} for {group} without naming them; "
                                         "one per positioning is inferred from the matching count"))
        for m in NAMED_LEADING_GROUP.finditer(block.text):
            name = m.group("name")
            if name.startswith(("成立", "由", "经", "各", "在", "及")) or re.search(r"[的和、]|担任|负责|同志", name):
                continue
            start = block.start + m.start("name")
            tid = builder.node(Label.TASK_FORCE, ctx.scoped(name), name, [ctx.mention(start, start + len(name))],
                               city=ctx.city, kind="leading_group", named_in_text=True)
            issued = ISSUES.match(block.text, m.end("name"))
            plan = facts.plans.get(re.sub(r"\s+", "", issued.group("title"))) if issued else None
            if plan:
                builder.edge(tid, plan, RelType.RESPONSIBLE_FOR, [ctx.mention(start, block.start + issued.end())],
                             basis="stated", confidence=1.0, role="lead",
                             reason="the leading group issues the plan to its member units (关于印发)")
        for m in NAMED_TASK_FORCE.finditer(block.text):
            name = m.group("name").strip("“”")
            if any(ch.isdigit() or ch in "个各的和、" for ch in name):
                continue
            start = block.start + m.start("name")
            builder.node(Label.TASK_FORCE, ctx.scoped(f"{name}专班"), f"{name}专班",
                         [ctx.mention(start, block.start + m.end())], city=ctx.city, kind="task_force",
                         named_in_text=True)


def _leads(ctx: DocContext, builder: GraphBuilder, task_force: str, who: str, start: int, end: int) -> None:
    """由P担任组长 with P a named person (市长李建华) → P LEADS the task force, stated.

    The seeds name leaders only by role (市委、市政府主要负责同志), which stays in
    ``leader_roles``: a role is not a person, so no LEADS edge is made from it.
    """
    for nid, node in builder.nodes.items():
        if node.label is Label.PERSON and node.properties.get("city") == ctx.city and who.endswith(node.name):
            builder.edge(nid, task_force, RelType.LEADS, [ctx.mention(start, end)], basis="stated",
                         reason="由…担任组长: the sentence names the leader")
