"""Figures in a sentence: what is measured, the verb that commits to it, the quantity.

The genre writes a figure in four shapes, and a list may share one verb:

- A, name + comparator + quantity: 全社会研发投入强度达到3.5%以上, 比重超38%;
- B, count verb + name + quantity: 新建5G基站1万个, 全省淘汰落后产能企业5000家;
- C, count verb + quantity + name: 重点引进100名市管企业中高级经营管理人才;
- D, name + quantity with no verb, in a list of targets: 城镇调查失业率5.5%左右;
- a list continues the verb before it: 选拔100名正职后备人才、200名副职后备人才;
  分别增长3.5%左右、6%左右、5%左右; a clause that opens with a quantity (，1000名…参加…).

Whether a figure is a target or a reported fact is decided elsewhere (``loaders.rules.indicators``);
this module only reads the shape, and flags the wording of a past figure (``past``): from–to
pairs (从A提高到B), 同比/比上年, 已/截至, a year of its own (2024年全市…达到).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from loaders.rules.figure_lists import complete_lists
from loaders.rules.numerals import CN_DIGITS
from loaders.rules.quantities import Quantity, find_quantities
from loaders.rules.timescope import deadlines

#: Verbs that stand right before the number they commit to, longest first.
COMPARATORS: tuple[str, ...] = tuple(sorted((
    "年均增长", "年平均增长", "年均提高", "年均下降", "提高到", "提升到", "提高至", "提升至", "增加到", "增长到",
    "降低到", "下降到", "减少到", "扩大到", "扩大至", "缩小到", "缩小至", "降至", "增至", "达到", "超过", "突破",
    "不低于", "不少于", "不高于", "不超过", "控制在", "稳定在", "保持在", "维持在", "增长", "下降", "降低", "提高",
    "提升", "增加", "减少", "缩短", "达", "超", "逾", "高于", "低于", "实现", "目标为", "目标是", "目标",
), key=len, reverse=True))
#: Verbs that count what they make (B and C shapes): 新建…N个, 引进N名…
COUNT_VERBS: tuple[str, ...] = tuple(sorted((
    "新建", "建成", "建设", "改造", "新增", "培育", "引进", "招引", "打造", "形成", "创建", "认定", "实施", "完成",
    "开工", "新开工", "推进", "布局", "设立", "选拔", "培养", "资助", "支持", "扶持", "评选", "培训", "引育",
    "开通", "举办", "开展", "建立", "组建", "落地", "腾出", "淘汰", "整治提升", "整治", "节约", "修复", "造林",
    "安置", "争取", "吸引", "孵化", "覆盖", "储备", "谋划", "发放", "筹集", "供应", "提供", "帮扶", "带动", "转化",
    "培育形成", "累计建成", "新改建", "改扩建", "招引落地", "服务", "减少", "实现", "使用",
), key=len, reverse=True))
PRE_HEDGES = ("力争", "争取", "确保")
_VERBS = re.compile("|".join(sorted(set(COMPARATORS + COUNT_VERBS), key=len, reverse=True)))
_CN_NUMERAL = re.compile(f"[{CN_DIGITS}]")
#: Words that head a clause but are not part of what is measured.
_LEAD_WORDS = ("其中", "同时", "并且", "以及", "并", "和", "及", "使得", "推动", "实现", "确保", "力争", "争取",
               "全市", "全省", "全区", "全县", "重点", "大力", "加快", "积极", "全力", "总数", "力争总数",
               "预计", "今年", "全年", "将", "当年", "提出", "明确", "要求", "按照", "计划")
_ADVERBS = ("重点", "大力", "加快", "积极", "全力", "累计", "新", "再", "共", "跟踪", "择优", "力争", "争取", "确保", "两级")
#: Nouns that end a measured quantity, so a verbless clause ending in one is a figure (D shape).
MEASURE_NOUNS = re.compile(r"(?:率|比重|占比|量|规模|指数|面积|人口|收入|产值|增加值|强度|涨幅|增速|总额|总值|密度|寿命|能力|浓度|水平|里程|价格|时间|长度)$")
#: Wording of a past or current figure.
FROM_TO_START = re.compile(r"(?:从|由)(?P<start>[^，；。]{0,30}?)(?:提高|提升|增加|增长|跃升|下降|降低|缩小|扩大|减少)(?:到|至)")
STRONG_PAST = re.compile(r"(?:引进|建成|完成|实现|达到|新增|培育|签约|举办|增长|突破|超过|推出|获批|获得)了|同比|比上年|较上年|比去年|较去年|上年|去年|已经|已|跃升|跃居|稳居")
#: Past cues that open a sentence and govern its clauses (截止2018年底，…达285家).
SENTENCE_PAST = re.compile(r"截至|截止|五年来|过去[一二三四五\d]+年|以来")
FROM_TO = re.compile(r"(?:从|由)[^，；。]{0,30}?(?:提高|提升|增加|增长|跃升|下降|降低|缩小|扩大|减少)?(?:到|至)")
BARE_YEAR = re.compile(r"(?<![到至比较在从由\d])(?P<year>\d{4})年(?![前起]|的?基础)(?!底前)")
_CLAUSE_SPLIT = re.compile(r"[，；：;]|(?<!\d)[,:]|[,:](?!\d)")
_HORIZON_WORDS = re.compile(r"^(?:力争|争取|确保|预计)?(?:到|至)?(?:\d{4}|[二〇○零一三四五六七八九]{4})年(?:底|末|前|以前|底前)?(?!起)|^(?:到|至)“?十[一二三四五六]五”?(?:时期|期)?末|^(?:\d{4}年起)?(?:\d{1,2}|[一二两三四五六七八九十])年内|^(?:今后|未来)(?:\d|[一二两三四五六七八九十])年")


@dataclass(frozen=True)
class Figure:
    """One figure of a sentence; offsets are relative to the sentence."""

    start: int  # start of the cited span (``text``)
    end: int
    name: str
    comparator: str | None
    quantity: Quantity
    shape: str  # A | B | C | D | list
    pre_hedge: str | None = None
    past: bool = False
    reported_year: int | None = None  # a year the figure is reported for (2024年…达到)
    base_year: int | None = None  # 比2020年增长…
    rank_scope: str | None = None


def _clauses(sentence: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(sentence):
        out.append((start, len(sentence)))
    return out


def _ends_with(text: str, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if text.endswith(w)), None)


def _last_verb(text: str) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for verb in COUNT_VERBS:
        i = text.rfind(verb)
        if i >= 0 and (best is None or i + len(verb) > best[0] + len(best[1]) or (i + len(verb) == best[0] + len(best[1]) and len(verb) > len(best[1]))):
            best = (i, verb)
    return best


def _clean_name(name: str) -> tuple[str, int]:
    """Strip lead words and horizons from a name; returns (name, characters dropped on the left)."""
    dropped = 0
    changed = True
    while changed:
        changed = False
        stripped = name.lstrip("，、 ")
        if stripped != name:
            dropped += len(name) - len(stripped)
            name = stripped
        m = _HORIZON_WORDS.match(name)
        if m:
            name = name[m.end() :]
            dropped += m.end()
            changed = True
        for word in _LEAD_WORDS:
            if name.startswith(word) and len(name) > len(word):
                name = name[len(word) :]
                dropped += len(word)
                changed = True
    name = name.rstrip("的分别，、 要将应")
    for hedge in PRE_HEDGES:
        name = name.removesuffix(hedge)
    name = re.sub(r"(?:前)?[\d一二两三四五六七八九十]{1,2}年(?:来|间|内)?$", "", name)  # 企业数量5年增长…: a span, not the name
    return name, dropped


#: Verbs that end the name of what a C-shape figure counts (…人才参加培训, …面积达到要求).
_AFTER_NAME_STOPS = re.compile(r"参加|赴|给予|享受|达到|实现|完成|用于|使用|加快|等|超过|突破|增长|提高|达|超")


def _name_after(text: str, start: int) -> str:
    """The measured thing after a quantity (C shape): up to a verb, a digit or the clause's end."""
    m = re.match(r"[^、，；。：（(\d]{1,24}", text[start:])
    name = m.group(0) if m else ""
    stop = _AFTER_NAME_STOPS.search(name)
    if stop and stop.start() >= 2:
        name = name[: stop.start()]
    return name.rstrip("和及与并的").strip()


def find_figures(sentence: str, *, target_list: bool = False) -> list[Figure]:
    """Every figure of one normalised sentence, in order."""
    figures: list[Figure] = []
    previous: Figure | None = None
    level: Figure | None = None  # the last figure of a level (not a share or a rate): 占…的N% is a share of it
    for c_start, c_end in _clauses(sentence):
        clause = sentence[c_start:c_end]
        # Chinese numerals count only right after a verb; most clauses have none to look for
        allow_cn = {m.end() for m in _VERBS.finditer(clause)} if _CN_NUMERAL.search(clause) else set()
        for q in find_quantities(clause, allow_chinese_at=allow_cn):
            q = _shift(q, c_start)
            if previous is not None and previous.end > q.start:
                continue  # inside the previous figure's name (70个30亿元以上项目)
            figure = _shape(sentence, c_start, c_end, q, previous, target_list, level)
            if figure is None:
                continue
            figures.append(_with_past(sentence, c_start, c_end, figure))
            previous = figure
            if q.unit not in ("%", "个百分点", "‰"):
                level = figure
    return complete_lists(figures, sentence)


def _measured_later(sentence: str, at: int, c_end: int) -> bool:
    """Whether a comparator and a number follow in the clause (4个地标产业集群营收超过3000亿元):
    then the count before belongs to the name of what is measured."""
    rest = sentence[at:c_end]
    return any(rest.startswith(v) and re.match(r"\d", rest[len(v) :]) for v in COMPARATORS) or bool(
        re.match(r"(?:" + "|".join(COMPARATORS) + r")\d", rest))


def _subject_of(figure: Figure) -> str:
    """What a figure is about: 海洋生产总值 for both 海洋生产总值5513.2亿元 and its 增长 6.2%."""
    verb = figure.comparator or ""
    return figure.name[: -len(verb)] if verb and figure.name.endswith(verb) and len(figure.name) > len(verb) else figure.name


def _subject_before(sentence: str, c_start: int) -> str | None:
    """The subject of the clause before ``c_start``: its noun phrase up to 在/实现/比/要."""
    clauses = [c for c in _clauses(sentence[:c_start]) if c[1] <= c_start]
    if not clauses:
        return None
    text = sentence[clauses[-1][0] : clauses[-1][1]]
    name, _ = _clean_name(text)
    name = re.split(r"在|实现|比|要|将", name)[0]
    return name if 2 <= len(name) <= 20 else None


def _pre_hedge(text: str) -> str | None:
    return next((h for h in PRE_HEDGES if h in text), None)


def _shape(sentence: str, c_start: int, c_end: int, q: Quantity, previous: Figure | None, target_list: bool,
           level: Figure | None = None) -> Figure | None:
    """Read one quantity's figure from its clause (offsets relative to the sentence)."""
    floor = max(c_start, previous.end) if previous is not None else c_start
    left = sentence[floor : q.start]
    after = _name_after(sentence[:c_end], q.end)
    if left.endswith(("〔", "[", "［", "【", "第", "（", "(")) or sentence[q.end : q.end + 1] in ("〕", "]", "］"):
        return None  # 〔2022〕9号, 第3位: a document number or an ordinal
    if left.endswith("“") and sentence[q.end : q.end + 1] == "”":
        return None  # “33618”行动: a programme's code
    start_of_pair = re.search(r"(?:从|由)(?:\d{4}年(?:的|末|底)?)?$", left)
    if start_of_pair:
        # 从2020年的10.5万元提高到…: where a change started, a reported figure
        name, dropped = _clean_name(left[: start_of_pair.start()])
        to_verb = re.match(r"[^，；]{0,8}?(提高|提升|增加|增长|跃升|下降|降低|缩小|扩大|减少)(?:到|至)", sentence[q.end : c_end])
        if len(name) >= 2:
            return Figure(floor + dropped, q.end, name, to_verb.group(1) if to_verb else None, q, "from")
    if left.endswith("了"):
        left = left[:-1]  # 引进了3个…: the verb, done
    if q.value_text and q.value_text[:1] == "一" and (q.unit or "") in ("批", "个", "项", "些", "系列"):
        return None  # 培育一批, 一个: an indefinite article, not a count
    pre = _pre_hedge(sentence[c_start : q.start])
    cont = _continuation(sentence, c_start, q, previous, left)
    if cont is not None:
        return cont
    verb = _ends_with(left, COMPARATORS)
    if verb is None and (q.value_text or "").startswith("翻"):
        name, dropped = _clean_name(left)
        if len(name) >= 2:  # 研发投入翻一番: doubling is the verb and the value
            return Figure(floor + dropped, q.end, name, q.value_text, q, "A", pre_hedge=pre)
    lead_in = len(left) - len(left.lstrip("、和及与"))
    share = re.search(r"^(?:分别)?占(?P<base>[^，；]{2,24}?)的?$", left[lead_in:])
    if verb is None and share and q.unit == "%":
        # ，占全市地区生产总值的33%: a share of the subject named before
        subject = _subject_of(level) if level is not None else _subject_before(sentence, c_start)
        if subject:
            name = f"{subject}占{share.group('base')}比重"
            return Figure(floor + lead_in + share.start(), q.end, name, "占", q, "A", pre_hedge=pre)
    if verb is None and re.search(MEASURE_NOUNS.pattern.rstrip("$") + r"(?:为|是)$", left):
        verb = left[-1]  # 空气质量优良率为85.5%: 为 after a measured noun
    if verb is None and (m := re.search(r"(全国|全省|全球|全市|全世界)?前$", left)):
        name, dropped = _clean_name(left[: m.start()])
        if len(name) < 2:
            return None
        return Figure(floor + dropped, q.end, name, "前", q, "A", pre_hedge=pre, rank_scope=m.group(1))
    counting = verb is None and (verb := _ends_with(left, COUNT_VERBS)) is not None
    if verb is not None:
        before = left[: -len(verb)]
        base_year = None
        if (m := re.search(r"(?:比|较)(\d{4})年(?:末|底|同期)?$", before)) is not None:
            base_year = int(m.group(1))
            before = before[: m.start()]
        name, dropped = _clean_name(before)
        while name.endswith(_ADVERBS):
            name = name[: -len(next(a for a in _ADVERBS if name.endswith(a)))].rstrip("，、 ")
        verb_start = q.start - len(verb)
        if counting and len(after) >= 2 and not _measured_later(sentence, q.end + len(after), c_end):
            # 布局建设5条铁路专用线, 重点引进100名…人才: what is counted follows the number
            return Figure(verb_start, q.end + len(after), after, verb, q, "C", pre_hedge=pre)
        comparison = re.fullmatch(r"(?:比|较)(?:上年|去年|上年同期|去年同期|\d{4}年(?:同期)?)|同比", name)
        if comparison and (subject := previous.name if previous is not None else _subject_before(sentence, c_start)):
            # 比上年增长6.2%: the change of the subject named before, not a thing called 比上年
            return Figure(floor + dropped, q.end, subject + verb, verb, q, "A", pre_hedge=pre)
        if name.startswith("占") and (level is not None or previous is not None):
            # …增加值突破800亿元，占GDP比重达到12%: the share of what was just measured
            name = _subject_of(level or previous) + name  # type: ignore[arg-type]
        if len(name) >= 2:
            return Figure(floor + dropped, q.end, name, verb, q, "A", pre_hedge=pre, base_year=base_year)
        if previous is not None and previous.shape == "from":
            # 由2020年的32.7%提高至33.3%: the end of the same change
            return Figure(previous.start, q.end, previous.name, verb, q, "A", pre_hedge=pre)
        if previous is not None and not counting and previous.name:
            # ，年均增长7%: the subject of the clause before
            return Figure(verb_start, q.end, previous.name + verb, verb, q, "A", pre_hedge=pre)
        subject = _subject_before(sentence, c_start)
        if not counting and subject:
            # A和B在…基础上实现“双倍增”，分别超过90家和870家: the subject opens the clause before
            return Figure(verb_start, q.end, subject, verb, q, "A", pre_hedge=pre)
        return None
    found = _last_verb(left)
    if found is not None:
        at, verb = found
        name = left[at + len(verb) :]
        if "等" in name:  # 推进A、B等12个百亿元项目: the examples are not the name
            return Figure(q.start, q.end, name[name.rfind("等") + 1 :] + after or verb, verb, q, "B", pre_hedge=pre)
        if 2 <= len(name) <= 24 and not re.search(r"[《》]|\d[\u4e00-\u9fff]", name):
            qualifier, _ = _clean_name(left[:at])
            if 1 <= len(qualifier) <= 3 and not re.search(r"[和及与、市省区县国了年月日期时]", qualifier) and not _pre_hedge(qualifier) \
                    and qualifier not in _ADVERBS \
                    and not _ends_with(qualifier, COUNT_VERBS + COMPARATORS):
                name = qualifier + name  # 城镇新增就业1.3万人: 城镇 qualifies what is counted
            return Figure(floor + at, q.end, name.strip(), verb, q, "B", pre_hedge=pre)
    name, dropped = _clean_name(left)
    if len(name) >= 2 and (target_list or MEASURE_NOUNS.search(name)) and len(name) <= 30 and q.unit:
        return Figure(floor + dropped, q.end, name, None, q, "D", pre_hedge=pre)
    if not name and previous is None and len(after) >= 2 and q.unit and not _measured_later(sentence, q.end + len(after), c_end):
        # 50平方公里以上建设用地面积达到…要求: the quantity opens the clause
        return Figure(q.start, q.end + len(after), after, None, q, "E", pre_hedge=pre)
    return None


def _continuation(sentence: str, c_start: int, q: Quantity, previous: Figure | None, left: str) -> Figure | None:
    """A quantity that continues the list of the figure before it shares its verb.

    Its cited span reaches back to the quantity before it (3.5%左右、6%左右), so a bare 6%左右
    is not mistaken for another figure of the same value elsewhere in the document.
    """
    if previous is None or previous.comparator is None and previous.shape != "D":
        return None
    between = sentence[previous.end : q.start]
    m = re.fullmatch(r"[、和及与]?(?P<name>[^，；。、,;：:占\d]{0,16}?)", between)
    opens_clause = not sentence[c_start : q.start].strip()
    if m is None and opens_clause and previous.shape == "C":
        m = re.fullmatch(r".*?(?P<name>)", between)  # ，1000名…人才参加…: the clause opens with the next count
    if m is None or _ends_with(left, COMPARATORS) or _ends_with(left, COUNT_VERBS):
        return None
    name = m.group("name").strip()
    if name:
        return Figure(q.start - len(name), q.end, name, previous.comparator, q, "list", pre_hedge=previous.pre_hedge)
    if previous.shape == "C":
        after = _name_after(sentence, q.end)
        if len(after) >= 2:
            return Figure(q.start, q.end + len(after), after, previous.comparator, q, "C", pre_hedge=previous.pre_hedge)
    return Figure(previous.quantity.start, q.end, previous.name, previous.comparator, q, "list", pre_hedge=previous.pre_hedge)


def _shift(q: Quantity, base: int) -> Quantity:
    return Quantity(q.start + base, q.end + base, q.value, q.unit, q.hedge, q.value_max, q.value_text)


def _with_past(sentence: str, c_start: int, c_end: int, figure: Figure) -> Figure:
    """Flag the wording of a reported figure: a from–to pair, 同比, a year of its own."""
    clause = sentence[c_start:c_end]
    at = figure.quantity.start - c_start
    starts = [m for m in FROM_TO_START.finditer(clause) if m.start("start") <= at < m.end("start")]
    ends_unscoped = [m for m in FROM_TO.finditer(clause) if m.end() <= at]
    # 从A提高到B: A is where it started (past); B is past too unless a deadline governs it
    past = (bool(starts) or figure.shape == "from" or bool(STRONG_PAST.search(clause[:at]))
            or bool(SENTENCE_PAST.search(sentence[: figure.quantity.start]))
            or (bool(ends_unscoped) and not _has_deadline(sentence)))
    return replace(figure, past=past)


def _has_deadline(sentence: str) -> bool:
    return bool(deadlines(sentence))
