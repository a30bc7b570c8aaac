"""Reported figures linked to the targets they report on: ``(ReportedFigure)-[:REPORTS_ON]->(Indicator)``.

A target is half the story; a researcher next asks how far along it is, and the later reports
(政府工作报告, 计划执行情况报告, press releases) say so in figures the loaders keep as
``ReportedFigure`` nodes. This module decides, across documents, which figure measures which
target. The rule, in one place:

- same city, and the same measured quantity: both names normalised by
  ``loaders/rules/measure_synonyms.json`` (the city and 全市 stripped from the front, phrases such as
  占全市地区生产总值比重 → 占GDP比重 rewritten, spellings mapped to one canonical name);
- the figure is a level, as the target is (a growth rate 年均增长7.3% does not report on a
  total of 1.3万亿元);
- the units are comparable through the base units (``loaders.rules.units.comparable_value``: 万标箱
  vs 标箱, 家 vs 万家, a bare 万 vs 万人; % never against 个百分点 or a level);
- the figure's year is before or at the target year.

A figure that fits two targets is ambiguous and not linked. Every figure that is not linked is
kept in ``MatchReport.unmatched`` with the reason, which ``plankg stats --unmatched`` prints so
a researcher can add a synonym instead of reading code.

``basis`` is ``stated`` when the report names the target's own words (港口货物吞吐量), else
``inferred``, with ``shared_terms`` the two names and the synonym that joined them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from graph.model import Basis, Label, Mention, Node, RelType
from loaders.builder import GraphBuilder
from loaders.rules.units import comparable_value

#: Comparators of a figure or target that describe a change, not a level.
CHANGE_COMPARATORS: frozenset[str] = frozenset(
    {"增长", "年均增长", "下降", "降低", "提高", "增加", "减少", "新增", "拉动"}
)


@dataclass(frozen=True)
class Synonyms:
    """``measure_synonyms.json``, indexed."""

    place_words: tuple[str, ...]
    phrases: tuple[tuple[str, str], ...]  # (variant, canonical), longest variant first
    measures: Mapping[str, str]  # spelling -> canonical name


@lru_cache(maxsize=1)
def load_synonyms() -> Synonyms:
    """The synonym table shipped with the loaders (read once, on first use)."""
    raw = json.loads(resources.files("loaders.rules").joinpath("measure_synonyms.json").read_text(encoding="utf-8"))
    phrases = sorted(
        ((variant, canonical) for canonical, variants in raw["phrases"].items() for variant in variants),
        key=lambda pair: -len(pair[0]),
    )
    measures: dict[str, str] = {}
    for canonical, variants in raw["measures"].items():
        measures[canonical] = canonical
        for variant in variants:
            measures[variant] = canonical
    return Synonyms(tuple(raw["place_words"]), tuple(phrases), measures)


def strip_place(name: str, city: str | None, synonyms: Synonyms) -> str:
    """The name without the city (青岛市, 青岛) or 全市 in front: 青岛市高新技术企业 → 高新技术企业."""
    prefixes = [f"{city}市", city] if city else []
    changed = True
    while changed:
        changed = False
        for prefix in [*prefixes, *synonyms.place_words]:
            if prefix and name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix) :]
                changed = True
    return name


def measure_name(name: str, city: str | None, synonyms: Synonyms | None = None) -> str:
    """The canonical name of the quantity a figure or a target measures."""
    synonyms = synonyms or load_synonyms()
    for candidate in (name, strip_place(name, city, synonyms)):
        for variant, canonical in synonyms.phrases:
            candidate = candidate.replace(variant, canonical)
        if candidate in synonyms.measures:
            return synonyms.measures[candidate]
    stripped = strip_place(name, city, synonyms)
    for variant, canonical in synonyms.phrases:
        stripped = stripped.replace(variant, canonical)
    return stripped


def _text(node: Node, key: str) -> str | None:
    value = node.properties.get(key)
    return value if isinstance(value, str) else None


def _int(node: Node, key: str) -> int | None:
    value = node.properties.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def is_change(node: Node) -> bool:
    """A growth or fall (年均增长, 下降, 比上年提高) rather than a level."""
    return _text(node, "comparator") in CHANGE_COMPARATORS or _int(node, "base_year") is not None


@dataclass(frozen=True)
class Link:
    """One REPORTS_ON edge to write."""

    figure: str
    indicator: str
    basis: Basis
    shared_terms: list[str]
    comparable_value: float
    comparable_unit: str
    reason: str


@dataclass(frozen=True)
class Unmatched:
    """A figure left unlinked, and why (``reason`` names the closest target when there is one)."""

    figure: str
    name: str
    value: str
    unit: str | None
    year: int | None
    source: str
    reason: str
    candidates: tuple[str, ...] = ()


@dataclass
class MatchReport:
    links: list[Link] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)


def _rejection(figure: Node, target: Node) -> tuple[str | None, float | None]:
    """Why ``figure`` cannot report on ``target`` (``None`` when it can), and the comparable value."""
    if is_change(figure) and not is_change(target):
        return f"{figure.properties.get('comparator')} is a change, {target.name} a level", None
    if is_change(target):
        return f"the target {target.name} is a change ({target.properties.get('comparator')}), not a level", None
    year, target_year = _int(figure, "year"), _int(target, "target_year")
    if year is None:
        return "the figure has no year", None
    if target_year is not None and year > target_year:
        return f"reported for {year}, after the target year {target_year}", None
    value = comparable_value(str(figure.properties.get("value")), _text(figure, "unit"), _text(target, "base_unit"))
    if value is None:
        return f"unit {_text(figure, 'unit')} cannot be compared with the target's {_text(target, 'unit')}", None
    return None, value


def match_figures(nodes: Mapping[str, Node]) -> MatchReport:
    """Every figure matched with at most one target of its city (see the module docstring)."""
    synonyms = load_synonyms()
    targets: dict[tuple[str, str], list[Node]] = {}
    for node in sorted(nodes.values(), key=lambda n: n.id):
        if node.label is Label.INDICATOR:
            city = _text(node, "city")
            targets.setdefault((city or "", measure_name(node.name, city, synonyms)), []).append(node)
    report = MatchReport()
    for figure in sorted((n for n in nodes.values() if n.label is Label.REPORTED_FIGURE), key=lambda n: n.id):
        city = _text(figure, "city")
        canonical = measure_name(figure.name, city, synonyms)
        candidates = targets.get((city or "", canonical), [])

        def unmatched(reason: str, names: tuple[str, ...] = ()) -> Unmatched:
            return Unmatched(
                figure=figure.id, name=figure.name, value=str(figure.properties.get("value")),
                unit=_text(figure, "unit"), year=_int(figure, "year"),
                source=figure.mentions[0].source if figure.mentions else "", reason=reason, candidates=names,
            )  # fmt: skip

        if not candidates:
            report.unmatched.append(unmatched(f"no target of {city or 'its city'} measures {canonical}"))
            continue
        fitting: list[tuple[Node, float]] = []
        reasons: list[str] = []
        for target in candidates:
            why, value = _rejection(figure, target)
            if why is None and value is not None:
                fitting.append((target, value))
            else:
                reasons.append(f"{target.name}: {why}")
        names = tuple(t.name for t in candidates)
        if len(fitting) > 1:
            report.unmatched.append(unmatched("ambiguous: fits " + ", ".join(t.name for t, _ in fitting), names))
            continue
        if not fitting:
            report.unmatched.append(unmatched("; ".join(reasons), names))
            continue
        target, value = fitting[0]
        written = strip_place(figure.name, city, synonyms)
        if written == target.name:
            basis, terms = "stated", [target.name]
            reason = f"the report names the target's quantity, {target.name}"
        else:
            basis, terms = "inferred", sorted({figure.name, target.name, canonical})
            reason = (
                f"inferred: the report's {figure.name} and the target's {target.name} are one quantity, "
                f"{canonical}, by loaders/rules/measure_synonyms.json"
            )
        report.links.append(Link(
            figure=figure.id, indicator=target.id, basis=basis, shared_terms=terms,
            comparable_value=value, comparable_unit=str(_text(target, "base_unit")), reason=reason,
        ))  # fmt: skip
    return report


def link_progress(builder: GraphBuilder) -> MatchReport:
    """Write a REPORTS_ON edge for every matched figure, with the evidence of both sides."""
    report = match_figures(builder.nodes)
    for link in report.links:
        figure, target = builder.nodes[link.figure], builder.nodes[link.indicator]
        mentions: list[Mention] = figure.mentions[:1] + target.mentions[:1]
        builder.edge(
            link.figure, link.indicator, RelType.REPORTS_ON, mentions,
            basis=link.basis, confidence=1.0 if link.basis == "stated" else 0.8,
            shared_terms=link.shared_terms, reason=link.reason,
            comparable_value=link.comparable_value, comparable_unit=link.comparable_unit,
        )  # fmt: skip
    return report
