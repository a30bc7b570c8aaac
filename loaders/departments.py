"""Departments (责任部门) and the people who head them.

A department is found by its gazetteer alias (市发改委, 市发展改革委, 商务局…) or by the genre's
shape ``市XX局 / 市XX委员会 / 市XX办公室``; either way it is scoped to the document's city, so
市发改委 = 市发展改革委 = 青岛市发展改革委 become one node ``青岛市发展和改革委员会`` with
their spellings as ``aliases``. People are a surname-led name right after a title
(局长, 主任, 副市长…) and right before a verb of speech (介绍, 表示, 解读…).
"""

from __future__ import annotations

import re

from graph.model import Label, RelType
from loaders.builder import GraphBuilder
from loaders.context import DeptMention, DocContext
from loaders.gazetteer import Gazetteer
from loaders.structure import BlockKind

_FUNCTION_CHARS = set("的了在是为与及对将把从等、，。；：“”《》（）之其各该任")
_GENERIC = re.compile(r"市(?P<body>[\u4e00-\u9fff]{2,10}?)(?P<suffix>委员会|办公厅|办公室|管理局|局)")
_SPEECH = "介绍|表示|解读|指出|强调|分别|说|称|透露|回答|担任|任组长"


def _department_name(ctx: DocContext, entry_name: str) -> str:
    return f"{ctx.city}市{entry_name}"


def _extend_left(ctx: DocContext, start: int) -> int:
    """Include a preceding 市 / XX市 in the span: 青岛市发展改革委, 市发改委."""
    text = ctx.text
    if start >= 1 and text[start - 1] == "市":
        city_start = start - 1 - len(ctx.city)
        if city_start >= 0 and text[city_start : start - 1] == ctx.city:
            return city_start
        return start - 1
    return start


def find_departments(ctx: DocContext, builder: GraphBuilder) -> list[DeptMention]:
    gaz: Gazetteer = ctx.gazetteer
    text = ctx.text
    taken = [False] * len(text)
    found: list[DeptMention] = []
    spans: list[tuple[int, int, str, str]] = []  # start, end, canonical name, written
    for alias in gaz.aliases_longest_first():
        for s in ctx.evidence.find_all(alias):
            e = s + len(alias)
            if any(taken[s:e]):
                continue
            entry = gaz.by_alias(alias)
            assert entry is not None
            start = _extend_left(ctx, s)
            for i in range(start, e):
                taken[i] = True
            spans.append((start, e, _department_name(ctx, entry.name), text[start:e]))
    for m in _GENERIC.finditer(text):
        s, e = m.start(), m.end()
        body = m.group("body")
        if any(taken[s:e]) or any(ch in _FUNCTION_CHARS for ch in body):
            continue
        with_city = s >= len(ctx.city) and text[s - len(ctx.city) : s] == ctx.city
        before = text[s - 1] if s >= 1 else ""
        # 市 is a government prefix only after the city's name, a boundary or a function word
        # (会同市科技局, 由市商务局): 优化市域城镇…布局 and 常务副市长 are not departments.
        prefix_ok = with_city or not before or not ("\u4e00" <= before <= "\u9fff") or before in "同由和与及向经为据在对将从"
        if body[0] in "长委" or not prefix_ok or (m.group("suffix") == "局" and body[-1] in "布格当结大开新变"):
            continue
        s = _extend_left(ctx, s + 1)
        if any(text[s:e].startswith(nd) for nd in gaz.not_departments) or "政府" == body[:2] and m.group("suffix") == "局":
            continue
        for i in range(s, e):
            taken[i] = True
        spans.append((s, e, f"{ctx.city}市{body}{m.group('suffix')}", text[s:e]))
        if entry_for := gaz.by_alias(body + m.group("suffix")):
            spans[-1] = (s, e, _department_name(ctx, entry_for.name), text[s:e])
    for start, end, name, written in sorted(spans):
        entry = None
        alias_written = written[len(ctx.city) + 1 :] if written.startswith(ctx.city + "市") else written.lstrip("市")
        entry = gaz.by_alias(alias_written)
        aliases = {written}
        if entry:
            aliases.update("市" + a for a in entry.aliases)
        did = builder.node(Label.DEPARTMENT, ctx.scoped(name), name, [ctx.mention(start, end)], city=ctx.city,
                           aliases=sorted(aliases), resolved=entry is not None)
        found.append(DeptMention(start, end, did, written))
    ctx.facts.departments = found
    return found


def department_for_short(ctx: DocContext, builder: GraphBuilder, short: str, start: int) -> str:
    """A department named by its short form in a list (会同科技、工信…); unknown ones kept as written."""
    entry = ctx.gazetteer.by_short(short) or ctx.gazetteer.by_alias(short)
    name = _department_name(ctx, entry.name) if entry else f"{ctx.city}市{short}部门"
    aliases = sorted({"市" + a for a in entry.aliases} | {short}) if entry else [short]
    return builder.node(
        Label.DEPARTMENT, ctx.scoped(name), name, [ctx.mention(start, start + len(short))],
        city=ctx.city, aliases=aliases, resolved=entry is not None,
    )


def extract_people(ctx: DocContext, builder: GraphBuilder) -> None:
    gaz = ctx.gazetteer
    titles_alt = "|".join(sorted(gaz.title_words, key=len, reverse=True))
    person = re.compile(
        r"(?P<titles>[^，。；：！？】\s]{0,40}?(?:" + titles_alt + r"))"
        r"(?P<name>[" + "".join(sorted(gaz.surnames)) + r"][\u4e00-\u9fff]{1,2}?)"
        r"(?=" + _SPEECH + r"|，|、|。|：)"
    )
    as_of = None
    for block in ctx.structure.blocks:
        if block.key == "发布日期":
            as_of = block.value
    # The title line names speakers too (…主任李刚解读《纲要》); metadata and contact lines never do.
    for block in ctx.structure.blocks:
        if block.kind in (BlockKind.METADATA, BlockKind.FURNITURE, BlockKind.CONTACT):
            continue
        for m in person.finditer(block.text):
            name = m.group("name")
            t_start = block.start + m.start("titles")
            titles_text = m.group("titles").lstrip("、")
            if titles_text.startswith("由"):
                titles_text = titles_text[1:]  # 由市长李建华担任: 由 is not part of the title
            t_start += len(m.group("titles")) - len(titles_text)
            parts = titles_text.split("、")
            spans = [ctx.mention(s, s + len(name)) for s in ctx.evidence.find_all(name)]
            pid = builder.node(Label.PERSON, ctx.scoped(name), name, spans, city=ctx.city,
                               titles=parts, as_of=as_of)
            offset = t_start
            last_dept: str | None = None
            for part in parts:
                dept = next((d for d in ctx.facts.departments if offset <= d.start < offset + len(part)), None)
                role = part
                if dept is not None:
                    last_dept = dept.node_id
                    role = part[dept.end - offset :] or part
                if last_dept and any(part.endswith(t) for t in gaz.title_words) and (dept or part in gaz.title_words):
                    builder.edge(pid, last_dept, RelType.HOLDS_ROLE,
                                 [ctx.mention(offset, block.start + m.end("name"))],
                                 basis="stated", titles=[role], as_of=as_of)
                offset += len(part) + 1
