"""Lists of figures in one sentence: which name each listed value belongs to.

A list shares a verb (``loaders.rules.figures`` reads that); this module decides the names:
分别 pairs listed names with listed values, 双双/均 gives each listed name the value, a grade
(…级) names what the last item counts, a shared head completes the list
(港口货物、集装箱吞吐量 → 港口货物吞吐量), and a share over listed bases splits
(占全国、全省海洋生产总值的5.2%和30.6%).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from loaders.rules.figures import Figure


def complete_lists(figures: list[Figure], sentence: str) -> list[Figure]:
    """The figures of a sentence with their listed names settled, in order."""
    return _each(_distribute(_grade_heads(figures), sentence))


def _distribute(figures: list[Figure], sentence: str) -> list[Figure]:
    """分别: A和B分别超过90家和870家 gives A 90家 and B 870家 (each name at least 4 characters,
    so 城镇和农村…收入 stays one name)."""
    out = list(figures)
    i = 0
    while i < len(out):
        head = out[i]
        run = [i]
        j = i + 1
        while j < len(out) and out[j].shape == "list" and out[j].comparator == head.comparator and out[j].name == head.name:
            run.append(j)
            j += 1
        verb_at = head.quantity.start - len(head.comparator or "")
        paired = sentence[max(0, verb_at - 2) : verb_at] == "分别" or "、" in head.name
        shares = _split_share(head.name)
        if len(run) > 1 and shares and len(shares) == len(run):
            for k, item in zip(run, shares):
                out[k] = replace(out[k], name=item)
        elif len(run) > 1 and paired:
            items = complete_heads([t for t in re.split(r"[和、及与]", head.name) if t])
            if len(items) == len(run) and all(len(t) >= 4 for t in items):
                for k, item in zip(run, items):
                    out[k] = replace(out[k], name=item)
        i = j
    return out


def _grade_heads(figures: list[Figure]) -> list[Figure]:
    """4个万亿级、4个五千亿级产业集群: a grade (…级) names what the last item counts, too."""
    out = list(figures)
    for i in range(len(out) - 2, -1, -1):
        name, nxt = out[i].name, out[i + 1]
        m = re.search(r"级(?P<head>[\u4e00-\u9fff]{2,8})$", nxt.name)
        if name.endswith("级") and nxt.comparator == out[i].comparator and m:
            out[i] = replace(out[i], name=name + m.group("head"))
    return out


_EACH = re.compile(r"(?:双双|均|都|全部)$")


def _each(figures: list[Figure]) -> list[Figure]:
    """A和B双双突破1000亿元: the same value for each listed item, one figure each."""
    out: list[Figure] = []
    for figure in figures:
        m = _EACH.search(figure.name)
        items = [t for t in re.split(r"[和、及与]", figure.name[: m.start()]) if t] if m else []
        if m and len(items) >= 2 and all(len(t) >= 2 for t in complete_heads(items)):
            out.extend(replace(figure, name=item) for item in complete_heads(items))
        elif m:
            out.append(replace(figure, name=figure.name[: m.start()]))
        else:
            out.append(figure)
    return out


def _split_share(name: str) -> list[str] | None:
    """海洋生产总值占全国、全省海洋生产总值比重 → one share per listed base (分别占…的5.2%和30.6%)."""
    m = re.fullmatch(r"(?P<subject>.*?)占(?P<base>[^占]+、[^占]+)比重", name)
    if m is None:
        return None
    return [f"{m.group('subject')}占{base}比重" for base in complete_heads(m.group("base").split("、"))]


#: Heads a list of names shares when only its last item writes them (港口货物、集装箱吞吐量).
_SHARED_HEADS = ("吞吐量", "总量", "增加值", "总额", "数量", "比重", "生产总值", "产值", "规模", "收入", "浓度", "总数")


def complete_heads(items: list[str]) -> list[str]:
    """港口货物、集装箱吞吐量 → 港口货物吞吐量, 集装箱吞吐量; 高新技术企业、科技型中小企业总量 → each 总量."""
    if len(items) < 2:
        return items
    last = items[-1]
    if all(len(item) <= 2 < len(last) for item in items[:-1]):
        # 全国、全省海洋生产总值; 城镇和农村常住居民收入: short modifiers share the rest of the last
        return [item + last[len(item) :] for item in items[:-1]] + [last]
    head = next((h for h in _SHARED_HEADS if items[-1].endswith(h) and len(items[-1]) > len(h)), None)
    if head is None or any(item.endswith(head) for item in items[:-1]):
        return items
    if head in ("总量", "总数", "数量"):
        return items[:-1] + [items[-1][: -len(head)]]  # 企业总量 lists count the enterprises themselves
    return [item + head for item in items[:-1]] + [items[-1]]


