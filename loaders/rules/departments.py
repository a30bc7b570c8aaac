"""Departments (责任部门): where they are named, and which node each name is.

A local department is written in the genre's naming scheme, ``[place]{省|市|县|区}[委] + body +
suffix`` (市发改委, 青岛市发展改革委, 市委宣传部, 省商务厅, 县商科工信局, 区建设管理委, 市府办), with the
shape's vocabulary in the gazetteer (``naming``). The prefix says whose department it is: a
place written in full (合肥市, 湖南省, 上海市嘉定区) or a bare level character that refers to the
document's own chain of places (loaders.rules.city: in a 嘉定 notice 区 is 嘉定区 and 市 is 上海市).
National ministries (商务部, 国家发展改革委) are a list, because ``XX部`` alone is mostly a word
(内部, 干部). The body is resolved by the gazetteer: one place's official name first (青岛's
水务管理局), else the name true everywhere (发改委 → 发展和改革委员会), else as written. So 市发改委,
市发展改革委 and 青岛市发展改革委 become one node 青岛市发展和改革委员会, an abbreviation given in
parentheses (市发改委（市产领办）) joins the node before it, and a list continues its prefix
(市发展改革委、工业和信息化局). In a document without a city every department is scoped to the
document, never shared with another one.
"""

from __future__ import annotations

__all__ = ["departments_in", "department_for_short", "extract_people", "find_departments"]

from dataclasses import dataclass

from graph.model import Label
from loaders.builder import GraphBuilder
from loaders.context import DeptMention, DocContext
from loaders.gazetteer import DepartmentEntry, NamingScheme
from loaders.rules.city import Place, place_named
from loaders.rules.divisions import load_divisions
from loaders.rules.people import extract_people

_FUNCTION_CHARS = frozenset("的了在是为与及对将把从等、，。；：“”《》（）之其各该任")
#: Characters that may stand right before a bare 市/省/县/区 prefix: a boundary or a function word
#: (会同市科技局, 由市商务局); 优化市域布局 and 常务副市长 are no departments.
_BEFORE_PREFIX = frozenset("同由和与及向经为据在对将从")
_LEVELS = "省市县区"
_MAX_BODY = 12
_MAX_PLACE = 8


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    prefix: str  # 市, 市委, 省, … or '' for a bare alias or a ministry
    body: str  # what follows the prefix: 发改委, 组织部
    place: Place | None
    national: bool = False


def _body_at(text: str, start: int, naming: NamingScheme, party: bool) -> tuple[int, str] | None:
    """The shortest body + suffix from ``start`` that the naming scheme accepts: (end, body+suffix)."""
    for size in range(1, _MAX_BODY + 1):
        body = text[start : start + size]
        if len(body) < size or not all(_cjk(ch) and ch not in _FUNCTION_CHARS for ch in body):
            return None
        if not party and body[0] in naming.body_not_first or any(w in body for w in naming.body_not_contains):
            return None
        at = start + size
        for suffix in naming.suffixes:
            if not text.startswith(suffix, at):
                continue
            end = at + len(suffix)
            if suffix in naming.party_only_suffixes and not party:
                continue
            if body[-1] in naming.not_before.get(suffix, "") or text[end : end + 1] in tuple(naming.not_after.get(suffix, "")):
                continue
            return end, body + suffix
    return None


def _place_before(ctx: DocContext, at: int, level: str) -> tuple[int, Place] | None:
    """A place written in full right before a level character (青岛|市, 上海市嘉定|区), with the
    parents written before it (上海市) and a leading 中共 in the span."""
    text = ctx.text
    for size in range(min(_MAX_PLACE, at), 1, -1):
        name = text[at - size : at]
        place = next((p for p in ctx.jurisdiction.chain if p.written == name + level), None) if ctx.jurisdiction else None
        place = place or place_named(name + level)
        if place is None:
            continue
        start = at - size
        if place.division is not None:
            for parent in load_divisions().chain(place.division)[1:]:
                if text[max(0, start - len(parent.name)) : start] == parent.name:
                    start -= len(parent.name)
        if text[max(0, start - 2) : start] == "中共":
            start -= 2
        return start, place
    return None


def _local_spans(ctx: DocContext, taken: list[bool]) -> list[_Span]:
    """Departments written with a prefix: 市XX局, 青岛市XX委, 中共XX市委XX部, 省XX厅, 区XX委."""
    text, naming = ctx.text, ctx.gazetteer.naming
    assert naming is not None
    spans: list[_Span] = []
    for at, level in enumerate(text):
        if level not in _LEVELS or taken[at]:
            continue
        party = text[at + 1 : at + 2] == "委"
        found = _body_at(text, at + 2, naming, True) if party else None
        if found is None:
            party = False
            found = _body_at(text, at + 1, naming, False)
        if found is None:
            continue
        end, body = found
        prefix = level + ("委" if party else "")
        if prefix + body in _not_departments(ctx, level):
            continue
        if _every_place(text, at):
            continue
        explicit = _place_before(ctx, at, level)
        if explicit is not None:
            start, place = explicit
        else:
            before = text[at - 1] if at else ""
            if before and _cjk(before) and before not in _BEFORE_PREFIX:
                continue
            start, place = at, ctx.jurisdiction.for_prefix(level) if ctx.jurisdiction else None
        if any(taken[start:end]) or _inner_prefix(ctx, at + 1, end):
            continue
        spans.append(_Span(start, end, prefix, body, place))
        _take(taken, start, end)
        spans.extend(_list_continuation(ctx, taken, spans[-1]))
    return spans


def _every_place(text: str, at: int) -> bool:
    """各区（市）县发展改革局, 各市县商务局: every place's department, not one department."""
    i = at - 1
    while i >= 0 and text[i] in "省市县区州（）()、":
        i -= 1
    return i >= 0 and text[i] == "各"


def _inner_prefix(ctx: DocContext, start: int, end: int) -> bool:
    """Whether a place + level character sits inside the body (山东省|青岛市发展改革委): the inner
    prefix is the department's, and the outer one is only its province."""
    return any(ctx.text[j] in _LEVELS and _place_before(ctx, j, ctx.text[j]) for j in range(start, end))


def _not_departments(ctx: DocContext, level: str) -> set[str]:
    """The gazetteer's non-departments (市委, 市政府, 市纪委…) at this level (县委, 省政府…)."""
    return {level + nd[1:] for nd in ctx.gazetteer.not_departments if nd.startswith("市")}


def _list_continuation(ctx: DocContext, taken: list[bool], head: _Span) -> list[_Span]:
    """市发展改革委、工业和信息化局: a list item without a prefix shares the head's prefix."""
    text, naming = ctx.text, ctx.gazetteer.naming
    assert naming is not None
    out: list[_Span] = []
    at = head.end
    while text[at : at + 1] == "、" and text[at + 1 : at + 2] not in _LEVELS:
        found = _body_at(text, at + 1, naming, head.prefix.endswith("委"))
        if found is None or any(taken[at + 1 : found[0]]) or _inner_prefix(ctx, at + 1, found[0]):
            break
        end, body = found
        out.append(_Span(at + 1, end, head.prefix, body, head.place))
        _take(taken, at + 1, end)
        at = end
    return out


def _take(taken: list[bool], start: int, end: int) -> None:
    for i in range(start, end):
        taken[i] = True


def _bare_spans(ctx: DocContext, taken: list[bool]) -> list[_Span]:
    """Ministries (商务部, 国家发展改革委) and gazetteer names written without a prefix (科技局)."""
    text = ctx.text
    spans: list[_Span] = []
    naming = ctx.gazetteer.naming
    assert naming is not None
    own = ctx.jurisdiction.place if ctx.jurisdiction else None
    # Ministries in text order: 《商务部国家发展改革委住房城乡建设部关于…》 lists them unseparated.
    ministries = sorted((s, m) for m in ctx.gazetteer.ministries for s in ctx.evidence.find_all(m))
    for s, name in sorted(ministries, key=lambda sm: (sm[0], -len(sm[1]))):
        e = s + len(name)
        before = text[s - 1] if s else ""
        if any(taken[s:e]) or text[e : e + 1] in tuple(naming.not_after.get(name[-1], "")):
            continue
        if before and _cjk(before) and before not in _BEFORE_PREFIX and not (spans and spans[-1].end == s):
            continue
        spans.append(_Span(s, e, "", name, None, national=True))
        _take(taken, s, e)
    for name in ctx.gazetteer.aliases_longest_first(own.written if own else None):
        for s in ctx.evidence.find_all(name):
            e = s + len(name)
            before = text[s - 1] if s else ""
            if any(taken[s:e]) or text[e : e + 1] in tuple(naming.not_after.get(name[-1], "")):
                continue
            if before in _LEVELS and _every_place(text, s - 1):
                continue
            if before in _LEVELS and not taken[s - 1]:
                # 市民政局: the scheme read 市民 as a word; the gazetteer knows 民政局.
                explicit = _place_before(ctx, s - 1, before)
                start, place = explicit if explicit else (s - 1, ctx.jurisdiction.for_prefix(before) if ctx.jurisdiction else None)
                spans.append(_Span(start, e, before, name, place))
                _take(taken, start, e)
                continue
            if before and _cjk(before) and before not in _BEFORE_PREFIX:
                continue  # 嘉府办发〔2024〕23号: a document number, not 府办
            spans.append(_Span(s, e, "", name, own))
            _take(taken, s, e)
    return spans


def _entry(ctx: DocContext, span: _Span) -> DepartmentEntry | None:
    if span.national or span.prefix.endswith("委"):
        return None
    return ctx.gazetteer.by_alias(span.body, span.place.written if span.place else None)


def _node(ctx: DocContext, builder: GraphBuilder, span: _Span, also: _Span | None = None) -> str:
    """The span's department node; ``also`` is another name of it (the bracketed abbreviation)."""
    text = ctx.text
    written = text[span.start : span.end]
    entry = _entry(ctx, span)
    canonical = entry.name if entry else span.body
    mentions = [ctx.mention(span.start, span.end)]
    aliases = {written}
    if also is not None:
        aliases.add(text[also.start : also.end])
        mentions.append(ctx.mention(also.start, also.end))
    if entry:
        level = span.prefix or (span.place.written[-1] if span.place else "")
        aliases.update(level + a for a in entry.aliases)
    if span.national:
        name, key, city = written, f"国家|{written}", None
    elif span.place is not None:
        name = span.place.written + (span.prefix[1:] if span.prefix.endswith("委") else "") + canonical
        key, city = f"{span.place.short}|{name}", span.place.short
    else:
        name = span.prefix + canonical
        key, city = ctx.scoped(name), ctx.city
    return builder.node(Label.DEPARTMENT, key, name, mentions, city=city,
                        aliases=sorted(aliases), resolved=entry is not None)


def find_departments(ctx: DocContext, builder: GraphBuilder) -> list[DeptMention]:
    """Every department mention of the document, in text order; also kept in ``ctx.facts``."""
    taken = [False] * len(ctx.text)
    spans = sorted(_local_spans(ctx, taken) + _bare_spans(ctx, taken), key=lambda s: s.start)
    text = ctx.text
    found: list[DeptMention] = []
    for i, span in enumerate(spans):
        # 市发改委（市产领办）: the bracketed name is another name of the department before it.
        if i and span.start == spans[i - 1].end + 1 and text[spans[i - 1].end] in "（(" and text[span.end : span.end + 1] in ("）", ")"):
            did = _node(ctx, builder, spans[i - 1], also=span)
        else:
            did = _node(ctx, builder, span)
        found.append(DeptMention(span.start, span.end, did, text[span.start : span.end]))
    ctx.facts.departments = found
    return found


def departments_in(ctx: DocContext, start: int, end: int) -> list[DeptMention]:
    """The departments named inside ``[start, end)`` (a 牵头单位 tail, a sentence), in text order."""
    return [d for d in ctx.facts.departments if start <= d.start and d.end <= end]


def department_for_short(ctx: DocContext, builder: GraphBuilder, short: str, start: int) -> str:
    """A department named by its short form in a list (会同科技、工信…); unknown ones kept as written."""
    own = ctx.jurisdiction.place if ctx.jurisdiction else None
    place = own.written if own else None
    entry = ctx.gazetteer.by_short(short, place) or ctx.gazetteer.by_alias(short, place)
    prefix = own.written if own else "市"
    name = f"{prefix}{entry.name}" if entry else f"{prefix}{short}部门"
    aliases = sorted({"市" + a for a in entry.aliases} | {short}) if entry else [short]
    return builder.node(
        Label.DEPARTMENT, ctx.scoped(name), name, [ctx.mention(start, start + len(short))],
        city=ctx.city, aliases=aliases, resolved=entry is not None,
    )
