"""Targets against what was later reported (issue 11): REPORTS_ON links and progress statuses.

The Qingdao values are the reports' own sentences (data/qingdao_*.txt, quoted in the reports'
README); the made-up 汀澜 pair (tests/fixtures/progress/) is a plan and a later report of a city
that does not exist, written so that every status occurs once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from graph.embedded.nx_store import NetworkxStore
from graph.model import Label, Node, PlanGraph, RelType
from graph.questions.progress import indicator_progress, progress_overview
from graph.questions.view import GraphView
from graph.results import IndicatorProgress
from loaders.pipeline import build_graph
from loaders.rules.progress_links import match_figures, measure_name
from tests.support import paths
from tests.support.paths import ROOT

FIXTURES = paths.FIXTURES / "progress"


def _named(graph: PlanGraph, label: Label, name: str) -> Node:
    [node] = [n for n in graph.nodes if n.label is label and n.name == name]
    return node


def _links(graph: PlanGraph) -> set[tuple[str, str, str, int, str, str, str]]:
    """(target, figure as written, unit, year, file, sentence, basis) of every REPORTS_ON edge."""
    nodes = graph.node_index()
    rows = set()
    for edge in graph.edges:
        if edge.type is RelType.REPORTS_ON:
            figure, target = nodes[edge.source], nodes[edge.target]
            assert (figure.label, target.label) == (Label.REPORTED_FIGURE, Label.INDICATOR)
            [mention] = figure.mentions
            rows.add((
                target.name, str(figure.properties["value"]), str(figure.properties["unit"]),
                int(figure.properties["year"]),  # type: ignore[arg-type]
                mention.source, mention.sentence, str(edge.properties["basis"]),
            ))  # fmt: skip
    return rows


# --- Qingdao: the shipped reports ---------------------------------------------------------------

PLAN = "qingdao_2024_plan_execution_report.txt"
CONFERENCE = "qingdao_2025_14th_fyp_press_conference.txt"
DIGEST = "qingdao_2025_govt_work_report_digest.txt"
MARINE = "qingdao_2024_marine_economy_press_release.txt"
AIRPORT = "qingdao_2025_airport_throughput_news.txt"
AIR = "qingdao_2024_environment_bulletin.txt"


def test_every_covered_qingdao_target_has_its_figures_and_no_other(progress_graph: PlanGraph) -> None:
    links = _links(progress_graph)
    got = {(t, v, u, y, f, b) for t, v, u, y, f, _, b in links}
    assert got == {
        ("港口货物吞吐量", "7.1", "亿吨", 2024, PLAN, "stated"),
        ("集装箱吞吐量", "3087", "万标箱", 2024, PLAN, "stated"),
        ("海洋生产总值占GDP比重", "33", "%", 2024, MARINE, "inferred"),
        ("国家高新技术企业数量", "8650", "家", 2024, PLAN, "inferred"),
        ("国家高新技术企业数量", "8683", "家", 2025, CONFERENCE, "inferred"),
        ("人才总量", "300", "万人", 2025, CONFERENCE, "stated"),
        ("常住人口", "1050", "万", 2025, DIGEST, "stated"),
        ("机场旅客吞吐量", "2690", "万人次", 2025, AIRPORT, "inferred"),
        ("空气质量优良天数比率", "85.5", "%", 2024, AIR, "inferred"),
    }
    quotes = {  # the README's exact quotes, each inside the linked figure's sentence
        "港口货物吞吐量": "港口货物、集装箱吞吐量分别达到7.1亿吨、3087万标箱",
        "集装箱吞吐量": "港口货物、集装箱吞吐量分别达到7.1亿吨、3087万标箱",
        "海洋生产总值占GDP比重": "占全市地区生产总值的33%",
        "人才总量": "全市人才总量达到300万人",
        "常住人口": "常住人口增至1050万",
        "机场旅客吞吐量": "完成旅客吞吐量2690万人次",
        "空气质量优良天数比率": "2024年,青岛市空气质量优良率为85.5%",
    }
    for target, _, _, year, _, sentence, _ in links:
        if target in quotes:
            assert quotes[target] in sentence, (target, sentence)
        else:
            assert ("高新技术企业、科技型中小企业总量达到8650家、9777家" if year == 2024
                    else "青岛市高新技术企业、科技型中小企业分别达到8683、9776家") in sentence  # fmt: skip
    for target, *_ in links:  # the sentences are the reports' own text at the cited offsets
        assert target


def test_the_edge_cites_both_sides_and_the_matched_words(progress_graph: PlanGraph) -> None:
    target = _named(progress_graph, Label.INDICATOR, "机场旅客吞吐量")
    [edge] = [e for e in progress_graph.edges if e.type is RelType.REPORTS_ON and e.target == target.id]
    assert [m.source for m in edge.mentions] == ["000_59d890921a0e6d8d.txt", AIRPORT]
    assert edge.properties["shared_terms"] == ["旅客吞吐量", "机场旅客吞吐量"]
    assert edge.properties["comparable_value"] == 26_900_000.0 and edge.properties["comparable_unit"] == "人次"
    for mention in edge.mentions:
        original = (ROOT / "data" / mention.source).read_text(encoding="utf-8")
        assert original[mention.start : mention.end] == mention.text


def test_qingdao_statuses(progress_graph: PlanGraph) -> None:
    answers = {p.indicator.name: p for p in NetworkxStore(progress_graph).progress_all()}
    assert {name: (p.status, p.share) for name, p in answers.items() if p.status != "no_data"} == {
        "港口货物吞吐量": ("met", 1.0143),  # 7.1亿吨 / 7亿吨
        "集装箱吞吐量": ("met", 1.1025),  # 3087万标箱 / 2800万标箱
        "海洋生产总值占GDP比重": ("met", 1.0),  # 33% / 33%左右
        "人才总量": ("met", 1.0),  # 300万人 / 300万人
        "国家高新技术企业数量": ("behind", 0.8683),  # 8683家 / 1万家
        "常住人口": ("too_early", 0.9545),  # 1050万 / 1100万人: one year, no path yet
        "机场旅客吞吐量": ("too_early", 0.6114),  # 2690万人次 / 4400万人次
        "空气质量优良天数比率": ("too_early", 0.9628),  # 85.5% / 88.8%
    }
    # 高企: the path from 8650 (2024) to 10000 (2026) expects 9325 in 2025; 8683 is below it.
    assert answers["国家高新技术企业数量"].expected == 9325.0
    assert [(f.year, f.comparable_value) for f in answers["国家高新技术企业数量"].figures] == [(2024, 8650.0), (2025, 8683.0)]
    # 1050万 read in the target's unit 人 (1100万人), not as a bare 万.
    assert answers["常住人口"].latest.comparable_value == 10_500_000.0  # type: ignore[union-attr]
    assert sum(p.status == "no_data" for p in answers.values()) == 9


@pytest.mark.parametrize(
    ("figure", "value", "not_target"),
    [
        ("港口货物吞吐量", "7.1", "集装箱吞吐量"),  # one sentence, two quantities (分别达到)
        ("集装箱吞吐量", "3087", "港口货物吞吐量"),
        ("外贸进出口", "7.3", "货物进出口总额"),  # a growth rate, not the total
        ("海洋生产总值", "5513.2", "海洋生产总值占GDP比重"),  # the level, not the share
        ("增加值", "2524.3", "制造业增加值占生产总值比重"),
        ("增加值", "2524.3", "数字经济核心产业增加值占GDP比重"),
        ("全社会研发经费", "11.6", "研发经费投入强度"),  # R&D growth, not intensity
    ],
)
def test_near_misses_are_not_linked(progress_graph: PlanGraph, figure: str, value: str, not_target: str) -> None:
    [fig] = [n for n in progress_graph.nodes if n.label is Label.REPORTED_FIGURE and n.name == figure
             and n.properties["value"] == value]  # fmt: skip
    target = _named(progress_graph, Label.INDICATOR, not_target)
    assert not [e for e in progress_graph.edges if e.source == fig.id and e.target == target.id]


def test_synonyms_join_names_but_not_neighbours() -> None:
    assert measure_name("海洋生产总值占全市地区生产总值比重", "青岛") == measure_name("海洋生产总值占GDP比重", "青岛")
    assert measure_name("青岛市高新技术企业", "青岛") == measure_name("国家高新技术企业数量", "青岛")
    assert measure_name("青岛港货物吞吐量", "青岛") == "港口货物吞吐量"
    assert measure_name("集装箱吞吐量", "青岛") != measure_name("港口货物吞吐量", "青岛")
    assert measure_name("出口额", "青岛") != measure_name("货物进出口总额", "青岛")
    assert measure_name("增加值", "青岛") != measure_name("制造业增加值占GDP比重", "青岛")


def test_stats_unmatched_lists_the_rejected_figure_with_its_reason(
    progress_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--unmatched", *map(str, progress_paths)]) == 0
    out = capsys.readouterr().out
    assert "named like a target, not linked (1)" in out
    assert "外贸进出口 7.3% (2025) [qingdao_2025_govt_work_report_digest.txt]" in out
    assert "货物进出口总额: 年均增长 is a change, 货物进出口总额 a level" in out


# --- 汀澜: a made-up plan and a later report, every status ------------------------------------


@pytest.fixture(scope="module")
def tinglan() -> PlanGraph:
    return build_graph(sorted(FIXTURES.glob("*.txt")))


@pytest.fixture(scope="module")
def tinglan_progress(tinglan: PlanGraph) -> dict[str, IndicatorProgress]:
    return {p.indicator.name: p for p in NetworkxStore(tinglan).progress_all()}


def test_every_status_on_the_made_up_pair(tinglan_progress: dict[str, IndicatorProgress]) -> None:
    got = {
        name: (p.status, p.share, p.holds, p.expected, [(f.year, f.value, f.unit, f.comparable_value) for f in p.figures])
        for name, p in tinglan_progress.items()
    }
    assert got == {
        # 不低于300万标箱; 2024: 320万标箱 → met before the target year.
        "港口集装箱吞吐量": ("met", 1.0667, None, None, [(2024, "320", "万标箱", 3_200_000.0)]),
        # 达到1500家; 1100 (2022) → 1500 (2025) expects 1233.3 in 2023; 1300 is above → on track.
        "高新技术企业数量": ("on_track", 0.8667, None, 1233.3333, [(2022, "1100", "家", 1100.0), (2023, "1300", "家", 1300.0)]),
        # 不低于32.5%; 30% (2022) → 32.5% (2025) expects 30.8333% in 2023; 30.5% → behind.
        "森林覆盖率": ("behind", 0.9385, None, 30.8333, [(2022, "30", "%", 30.0), (2023, "30.5", "%", 30.5)]),
        # 达到98%; 96% in the target year itself → missed.
        "城镇污水处理率": ("missed", 0.9796, None, None, [(2025, "96", "%", 96.0)]),
        # 达到2500万吨; 0.21亿吨 (a unit change: 2100万吨) in 2023, one year only → too early.
        "铁水联运量": ("too_early", 0.84, None, None, [(2023, "0.21", "亿吨", 21_000_000.0)]),
        # 控制在13%以内; 12.5% in 2023 holds before the target year → on track.
        "物流成本占GDP比重": ("on_track", None, True, None, [(2023, "12.5", "%", 12.5)]),
        # 保持在40万亩 is neither a floor nor a ceiling: reported, not assessed.
        "耕地保有量": ("not_assessed", None, None, None, [(2025, "40.2", "万亩", 402_000.0)]),
        # 出口额 is not 货物进出口总额; 港口货物吞吐量 is not 港口集装箱吞吐量; a fall is not reported.
        "货物进出口总额": ("no_data", None, None, None, []),
        "单位工业增加值能耗": ("no_data", None, None, None, []),
        "PM2.5平均浓度": ("no_data", None, None, None, []),
    }


def test_made_up_negatives_are_listed_as_unmatched(tinglan: PlanGraph) -> None:
    unmatched = {(u.name, u.value, u.reason) for u in match_figures(tinglan.node_index()).unmatched}
    assert unmatched == {
        ("出口额", "800", "no target of 汀澜 measures 出口额"),
        ("港口货物吞吐量", "1.2", "no target of 汀澜 measures 港口货物吞吐量"),
    }


def _progress_of(nodes: list[Node], edges: list, indicator: Node) -> IndicatorProgress:
    return indicator_progress(GraphView(nodes, edges), indicator.id)


def test_an_upper_bound_broken_at_the_target_year_is_missed(tinglan: PlanGraph) -> None:
    """The ceiling's other outcomes, on the made-up graph with its 2023 figure moved."""
    target = _named(tinglan, Label.INDICATOR, "物流成本占GDP比重")
    [edge] = [e for e in tinglan.edges if e.type is RelType.REPORTS_ON and e.target == target.id]
    figure = tinglan.node_index()[edge.source]
    for year, value, status, holds in ((2025, 13.4, "missed", False), (2025, 12.0, "met", True), (2023, 13.4, "behind", False)):
        moved = figure.model_copy(update={"properties": {**figure.properties, "year": year}})
        relinked = edge.model_copy(update={"properties": {**edge.properties, "comparable_value": value}})
        nodes = [n for n in tinglan.nodes if n.id != figure.id] + [moved]
        answer = _progress_of(nodes, [*(e for e in tinglan.edges if e.key != edge.key), relinked], target)
        assert (answer.status, answer.holds) == (status, holds), (year, value)


def test_overview_counts_per_positioning_and_owner(tinglan: PlanGraph) -> None:
    store = NetworkxStore(tinglan)
    overview = progress_overview(store.progress_all(), store.ownership_matrix())
    assert overview.totals == {
        "met": 1, "on_track": 2, "behind": 1, "missed": 1, "too_early": 1, "no_data": 3, "not_assessed": 1,
    }  # fmt: skip
    by_name = {g.node.name: {k: v for k, v in g.counts.items() if v} for g in overview.positionings}
    assert by_name["江海联运枢纽城市"] == {"met": 1, "on_track": 1, "too_early": 1, "no_data": 1}
    assert by_name["创新驱动先行城市"] == {"on_track": 1, "no_data": 1}
    owners = {g.node.name: {k: v for k, v in g.counts.items() if v} for g in overview.owners}
    assert owners["汀澜市交通运输局"] == by_name["江海联运枢纽城市"]
