"""The positionings that carry the goal (青岛's 六个城市, 长沙's 国家中心城市…).

Genre rules:
- a counted enumeration (“六个城市定位”，分别为A、B…; 打造“六个城市”——A、B…) whose item
  count equals the count, every item ending in the group's noun (城市), is the document's own
  list, and when a document has one, it alone names the positionings (linked ``stated``);
- otherwise a positioning is what a building verb aims at (建设/打造/创建/建成/定位为…) when
  it ends in a positioning noun (城市, 中心, 高地, 枢纽, 基地, 示范区, 名城, 港…, or the city's own
  name: 现代化新长沙); lists split on 、 when every item ends in such a noun; 加快推进A、B、
  C名城建设 names one. These are linked to the goal ``stated`` only when the goal's own
  sentence names them, else ``inferred``;
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


def lists_positionings(ctx: DocContext) -> bool:
    """Whether the document enumerates its positionings (a counted list: 六个城市——A、B…)."""
    return bool(_enumerations(ctx))


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


POSITIONING_NOUNS = (
    "城市", "中心", "高地", "枢纽", "基地", "示范区", "引领区", "先行区", "试验区", "先导区", "窗口", "名城",
    "新城", "之城", "第一城", "强市", "强省", "门户", "样板", "标杆", "典范", "港",
)
BUILD_VERBS = re.compile(
    r"(?:建设成为|打造成为|培育建设|加快建设|加快打造|全面建设|全面打造|着力打造|奋力打造|努力建设|建设|打造|建成|创建|争创|定位为)"
    r"(?!管理|用地|单位|工程|项目|局|厅|委|部门|和|与|及|中[，。；的])"
)
#: 加快推进国际购物、美食、会展、旅游、文化名城建设: a listed name between 推进 and 建设.
PUSH_LIST = re.compile(r"推进(?P<aim>[^，。；]{2,40}?、[^，。；]{2,40}?)建设")
_QUOTED_NAME = re.compile(r"“(?P<name>[^“”]{2,16})”$")
_COUNTED_SLOGAN = re.compile(r"^“[一二两三四五六七八九十\d]+个[^”]*”$")
_NOT_AIM = re.compile(r"^(?:一批|一些|若干|一系列|多个|一个|一支|一流|\d|[二两三四五六七八九十]+[个批所家座])|[《》]|关于|达到|拟定|开展")
_AIM_TEXT = re.compile(r"[^，。；：:（(]{2,48}")


def _noun_end(text: str, city: str) -> int | None:
    """End of the earliest positioning noun in ``text`` (with a closing quote), if any."""
    nouns = POSITIONING_NOUNS + ((f"新{city}", city) if city and len(city) >= 2 else ())
    best: int | None = None
    for noun in nouns:
        i = text.find(noun)
        while i >= 0:
            end = i + len(noun)
            if end < len(text) and text[end] == "”":
                end += 1
            nxt = text[end : end + 1]
            if not nxt or nxt in "、的和及与”）)》" or text[end:].startswith(("建设", "为", "目标")):
                if best is None or end < best:
                    best = end
                break
            i = text.find(noun, i + 1)
    return best


def _list_end(aim: str, city: str) -> int | None:
    """End of the longest 、-list of positioning names that opens ``aim``."""
    end = _noun_end(aim, city)
    while end is not None and aim[end : end + 1] == "、":
        nxt = _noun_end(aim[end + 1 :], city)
        if nxt is None or BUILD_VERBS.match(aim, end + 1):
            break
        end = end + 1 + nxt
    return end


def _in_action_list(text: str, verb_at: int, city: str) -> bool:
    """Whether a verb phrase is one item of a 、-list of actions most of which aim at no
    positioning (加快…培育、提升…能力、建设…培育基地): then it is a task, not a positioning."""
    start = max(text.rfind(c, 0, verb_at) for c in "，。；：") + 1
    ends = [text.find(c, verb_at) for c in "，。；"]
    stop = min([e for e in ends if e >= 0] or [len(text)])
    items = text[start:stop].split("、")
    if len(items) < 3 or text[verb_at - 1 : verb_at] != "、":
        return False
    aiming = sum(1 for item in items if BUILD_VERBS.search(item) and _noun_end(item, city) is not None)
    return aiming * 2 < len(items)


def aims(text: str, city: str) -> list[tuple[str, int]]:
    """Positionings a building verb aims at in ``text``: (name, offset in ``text``)."""
    found: list[tuple[str, int]] = []
    for verb in BUILD_VERBS.finditer(text):
        m = _AIM_TEXT.match(text, verb.end())
        if m is None or _in_action_list(text, verb.start(), city):
            continue
        aim = m.group(0)
        end = _list_end(aim, city)
        if end is None:
            continue
        phrase = aim[:end]
        parts = phrase.split("、")
        if len(parts) > 1 and all(_noun_end(p, city) == len(p) for p in parts):
            pos = m.start()
            for part in parts:
                found.append((part, pos))
                pos += len(part) + 1
            continue
        quoted = _QUOTED_NAME.search(phrase)
        if quoted and "、" in phrase:
            found.append((quoted.group("name"), m.start() + quoted.start("name")))
            continue
        found.append((phrase, m.start()))
    for m in PUSH_LIST.finditer(text):
        aim = m.group("aim")
        if _noun_end(aim, city) == len(aim):
            found.append((aim, m.start("aim")))
    return [(name, at) for name, at in found
            if 3 <= len(name) <= 30 and not _COUNTED_SLOGAN.match(name) and not _NOT_AIM.search(name)]


def _general_positionings(ctx: DocContext, skip_blocks: set[int]) -> list[tuple[str, int]]:
    """(name, normalised start) of every positioning the genre's verbs aim at, in order."""
    found: list[tuple[str, int]] = []
    seen: set[str] = set()
    for index, block in ctx.content():
        if index in skip_blocks:
            continue
        for name, at in aims(block.text, ctx.city):
            clean = name.strip("“”")
            key = clean
            if key in seen or (ctx.facts.goal_name and ctx.facts.goal_name.endswith(clean) and ctx.facts.goal_rule != "first_aim"):
                # the goal's own object (把长沙建设成为…现代化城市) is the goal, not a positioning under
                # it; a goal taken from the first positioning (first_aim) keeps that positioning
                continue
            seen.add(key)
            found.append((name, block.start + at))
    return found


def extract_positionings(ctx: DocContext, builder: GraphBuilder, key_task_blocks: set[int] | None = None) -> None:
    order: list[str] = []
    for group, items in _enumerations(ctx):
        ctx.facts.group_terms.add(group)
        for item, _ in items:
            if item not in order:
                order.append(item)
    listed = set(order)
    if not order and not ctx.city_lists_positionings:
        # No list of its own: the genre's building verbs name the positionings.
        order.extend(name for name, _ in _general_positionings(ctx, key_task_blocks or set()))
    # Scope openers: 在X的打造上 names the part of the document about X; X counts as a
    # positioning only when it is one already or ends like one (在基础设施的建设上 does not).
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
            if name not in order and _noun_end(name, ctx.city) != len(name) and not any(name.endswith(n) for n in nouns):
                continue
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
    goal_sentence = ctx.structure.sentence_at(ctx.facts.goal_start) if ctx.facts.goal_start is not None else None
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
        if not ctx.facts.goal_id:
            continue
        if name in listed:
            basis, confidence, why = "stated", 1.0, "listed as the positionings of the overall goal"
            evidence = [ctx.mention(spans[0], spans[0] + len(name)), *carrying]
        elif goal_sentence is not None and any(goal_sentence.start <= s < goal_sentence.end for s in spans):
            basis, confidence, why = "stated", 1.0, "named in the sentence that states the overall goal"
            s = next(s for s in spans if goal_sentence.start <= s < goal_sentence.end)
            evidence = [ctx.mention(s, s + len(name))]
        else:
            basis, confidence, why = ("inferred", 0.5, "a positioning the document builds toward; the text does "
                                      "not tie it to the overall goal")
            evidence = [ctx.mention(spans[0], spans[0] + len(name))]
        builder.edge(pid, ctx.facts.goal_id, RelType.REALIZES, evidence, basis=basis, confidence=confidence, reason=why)
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
