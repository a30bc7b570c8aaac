"""The people who head departments, found by the genre's frame, not by a list of surnames.

Press write-ups and plans name an official only in a few frames: titles + name + a verb of
speech (市发展改革委主任解宏劲介绍, 局长王德明，…局长赵晓红分别介绍) and ``由`` + titles + name +
``担任``/``任`` (由市委副书记、市长李建华担任领导小组组长). A name is two or three characters that
are not themselves a title: 由市长任组长 names a role, not a person called 任组长.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.model import Label, RelType
from loaders.builder import GraphBuilder
from loaders.context import DocContext
from loaders.gazetteer import Gazetteer
from loaders.structure import BlockKind

_SPEECH = "介绍|表示|解读|指出|强调|说|称|透露|回答|答记者问|作报告|作政府工作报告|向大会作"
_APPOINTED = "担任|任"
_NAME = r"[\u4e00-\u9fff]{2,3}?"
_NOT_IN_NAME = frozenset("的了在是为与及对将把从等之其各该和市省县区局委办厅部")


@lru_cache(maxsize=4)
def _person_pattern(title_words: tuple[str, ...]) -> re.Pattern[str]:
    """titles + name, followed by speech (or by another titled name and then speech), or after 由
    and before 担任."""
    titles = "|".join(sorted(title_words, key=len, reverse=True))
    unit = r"[^，。；：！？】\s]{0,40}?(?:" + titles + r")" + _NAME
    return re.compile(
        r"(?P<by>由)?(?P<titles>[^，。；：！？】\s]{0,40}?(?:" + titles + r"))(?P<name>" + _NAME + r")"
        r"(?=(?:分别)?(?:" + _SPEECH + r")|[，、](?:" + unit + r"[，、])*" + unit + r"(?:分别)?(?:" + _SPEECH + r")"
        r"|(?(by)(?:" + _APPOINTED + r")|(?!)))"
    )


def _is_name(name: str, gaz: Gazetteer) -> bool:
    """Two or three characters that are neither a word of the frame (分别) nor a role (任组长)."""
    if name in gaz.not_person_names or any(ch in _NOT_IN_NAME for ch in name):
        return False
    return not any(name.endswith(t) or name[1:] == t for t in gaz.title_words)


def extract_people(ctx: DocContext, builder: GraphBuilder) -> None:
    gaz = ctx.gazetteer
    person = _person_pattern(gaz.title_words)
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
            if not _is_name(name, gaz):
                continue
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
