"""Who answers for what (RESPONSIBLE_FOR, DRAFTED_BY), and how we know it (``basis``).

- ``stated``: a sentence says it: D牵头/负责/会同开展/统筹 X; the 政策执行（解释）处室 line.
- ``presented``: D's head presented X at the press conference (D局长P介绍了打造X…; with
  分别, the i-th speaker goes with the i-th positioning), or interpreted the plan (解读《X》).
- ``inferred``: the text implies it only. Departments that co-drafted the plan (会同A、B等N个部门)
  are matched to the positioning whose paragraph shares their domain words (gazetteer data),
  one department per positioning; the edge records ``shared_terms`` and a ``reason``.
"""

from __future__ import annotations

import re

from graph.model import RelType
from loaders.builder import GraphBuilder
from loaders.context import DeptMention, DocContext
from loaders.rules.departments import department_for_short
from loaders.structure import BlockKind

# 负责 as a verb only: 负责同志/负责人 are people, and what they say is at most ``presented``.
COORDINATES = re.compile(r"(?:牵头|负责(?!同志|人)|会同开展|统筹|组织开展|主抓|牵头开展)")
CO_DRAFTERS = re.compile(r"会同(?P<items>[\u4e00-\u9fff、]{2,60}?)等?(?P<count>[一二三四五六七八九十\d]+)个部门")
DRAFT_VERB = re.compile(r"(?:起草|编制|制定|起草编制)了?《(?P<title>[^《》]+)》")
PRESENTED = re.compile(r"(?P<resp>分别)?(?:介绍|解读)了?")
PLAN_REF = re.compile(r"《(?P<title>[^《》]+)》")


def _depts_in(ctx: DocContext, start: int, end: int) -> list[DeptMention]:
    return [d for d in ctx.facts.departments if start <= d.start and d.end <= end]


def _resolve_object(ctx: DocContext, text: str) -> list[str]:
    """Positionings named in ``text``; else the goal if the text names it or the positionings
    as a whole (“六个城市”); else plans named in 《》."""
    facts = ctx.facts
    named = sorted((text.index(name), pid) for name, pid in facts.positionings.items() if name in text)
    if named:
        return [pid for _, pid in named]
    if facts.goal_id and (any(g in text for g in facts.group_terms) or (facts.goal_name or "\0") in text):
        return [facts.goal_id]
    plans = [facts.plans[re.sub(r"\s+", "", m.group("title"))] for m in PLAN_REF.finditer(text)
             if re.sub(r"\s+", "", m.group("title")) in facts.plans]
    return plans


def extract_ownership(ctx: DocContext, builder: GraphBuilder) -> None:
    _stated(ctx, builder)
    _presented(ctx, builder)
    _drafters(ctx, builder)
    _contact_office(ctx, builder)


def _stated(ctx: DocContext, builder: GraphBuilder) -> None:
    for dept in ctx.facts.departments:
        m = COORDINATES.match(ctx.text, dept.end)
        if not m:
            continue
        clause_end = min([i for i in (ctx.text.find(c, m.end()) for c in "，。；") if i != -1] or [len(ctx.text)])
        obj = ctx.text[m.end() : clause_end]
        for target in _resolve_object(ctx, obj):
            builder.edge(dept.node_id, target, RelType.RESPONSIBLE_FOR, [ctx.mention(dept.start, clause_end)],
                         basis="stated", confidence=1.0, role=m.group(0) + obj,
                         reason="the sentence states the department's role")


def _presented(ctx: DocContext, builder: GraphBuilder) -> None:
    for sentence in ctx.structure.sentences:
        for m in PRESENTED.finditer(sentence.text):
            verb_at = sentence.start + m.start()
            speakers = _depts_in(ctx, sentence.start, verb_at)
            # a department named inside a title of the speaker, not a department that is the topic
            speakers = [d for d in speakers if _is_speaker_title(ctx, d, verb_at)]
            if not speakers:
                continue
            end = sentence.end - 1 if sentence.text.endswith("。") else sentence.end  # quote without the 。
            obj = ctx.text[sentence.start + m.end() : end]
            targets = _resolve_object(ctx, obj)
            if not targets:
                continue
            if m.group("resp") and len(targets) == len(speakers):
                pairs = list(zip(speakers, targets))
            elif len(speakers) == 1:
                pairs = [(speakers[0], t) for t in targets]
            else:
                continue
            for dept, target in pairs:
                builder.edge(dept.node_id, target, RelType.RESPONSIBLE_FOR,
                             [ctx.mention(sentence.start, end)],
                             basis="presented", confidence=0.8,
                             reason="the department's head presented it (介绍/解读); the text does not state the department is responsible")


def _is_speaker_title(ctx: DocContext, dept: DeptMention, verb_at: int) -> bool:
    """A department presents only through its head: ``D局长P介绍`` (a title right after D)."""
    after = ctx.text[dept.end : verb_at]
    heads = (*ctx.gazetteer.title_words, "负责同志", "负责人", "相关负责人", "主要负责人", "主要负责同志")
    return any(after.startswith(t) or after.startswith("党组" + t) for t in heads)


def _drafters(ctx: DocContext, builder: GraphBuilder) -> None:
    facts = ctx.facts
    for sentence in ctx.structure.sentences:
        draft = DRAFT_VERB.search(sentence.text)
        if not draft:
            continue
        plan = facts.plans.get(re.sub(r"\s+", "", draft.group("title")))
        if not plan:
            continue
        drafting_mention = ctx.mention(sentence.start, sentence.end)
        for dept in _depts_in(ctx, sentence.start, sentence.start + draft.start()):
            builder.edge(plan, dept.node_id, RelType.DRAFTED_BY, [drafting_mention], basis="stated")
        co = CO_DRAFTERS.search(sentence.text)
        if not co:
            continue
        base = sentence.start + co.start("items")
        co_depts: list[tuple[str, int, str]] = []
        pos = 0
        for short in co.group("items").split("、"):
            if short:
                did = department_for_short(ctx, builder, short, base + pos)
                co_depts.append((did, base + pos, short))
                builder.edge(plan, did, RelType.DRAFTED_BY, [ctx.mention(base + pos, base + pos + len(short))],
                             basis="stated", reason="listed among the co-drafting departments")
            pos += len(short) + 1
        _infer_from_domains(ctx, builder, co_depts, plan)


def _infer_from_domains(ctx: DocContext, builder: GraphBuilder, co_depts: list[tuple[str, int, str]], plan: str) -> None:
    """Match co-drafting departments to positionings by shared domain words, one each."""
    facts = ctx.facts
    profiles: dict[str, str] = {}
    for index, pid in facts.positioning_of_block.items():
        profiles[pid] = profiles.get(pid, "") + ctx.structure.blocks[index].text
    for name, pid in facts.positionings.items():
        profiles[pid] = name * 3 + profiles.get(pid, "")
    scored: list[tuple[int, str, str, list[str], int, str]] = []
    for did, start, short in co_depts:
        entry = ctx.gazetteer.by_short(short) or ctx.gazetteer.by_alias(short)
        if entry is None:
            continue
        for pid, profile in profiles.items():
            shared = [t for t in entry.domains if t in profile]
            score = sum(profile.count(t) for t in shared)
            if shared:
                scored.append((score, did, pid, shared, start, short))
    used_depts: set[str] = set()
    used_pos: set[str] = set()
    plan_name = builder.nodes[plan].name
    for score, did, pid, shared, start, short in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if did in used_depts or pid in used_pos:
            continue
        used_depts.add(did)
        used_pos.add(pid)
        builder.edge(
            did, pid, RelType.RESPONSIBLE_FOR, [ctx.mention(start, start + len(short))],
            basis="inferred", confidence=round(min(0.7, 0.3 + 0.05 * score), 3), shared_terms=sorted(shared),
            reason=(f"co-drafted {plan_name}; its domain words ({'、'.join(sorted(shared))}) recur in the "
                    "positioning's paragraph. The text does not state this responsibility."),
        )


def _contact_office(ctx: DocContext, builder: GraphBuilder) -> None:
    if not ctx.facts.main_plan_id:
        return
    for block in ctx.structure.blocks:
        if block.kind is BlockKind.CONTACT and block.key and block.key.startswith("政策执行"):
            for dept in _depts_in(ctx, block.start, block.end):
                builder.edge(dept.node_id, ctx.facts.main_plan_id, RelType.RESPONSIBLE_FOR,
                             [ctx.mention(block.start + block.text.index(block.key), block.end)],
                             basis="stated", confidence=1.0, role=block.key,
                             reason="named as the office that implements and interprets the plan")
