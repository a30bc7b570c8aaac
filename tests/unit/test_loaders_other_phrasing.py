"""Another made-up city in other phrasing, saved with CRLF line ends and a blank first line.

It exercises what the seeds do not: a three-character city, 即：lists, sections opened by a
heading (一、加快建设X), 负责同志/相关负责人 presenting, targets in a 聚焦 sentence, a target
year carried across ；, 提高N个百分点, 比2020年下降, Latin units, a target outside any
positioning, and the CRLF offsets every mention must still quote exactly.
"""

from __future__ import annotations

import pytest

from graph.model import Label, PlanGraph, RelType
from loaders.pipeline import build_graph
from tests.support.paths import FIXTURES

FIXTURE = FIXTURES / "yunlingguan_plan_crlf.txt"


@pytest.fixture(scope="module")
def graph() -> PlanGraph:
    return build_graph([FIXTURE])


def _names(graph: PlanGraph, label: Label) -> set[str]:
    return {n.name for n in graph.nodes if n.label is label}


def _edges(graph: PlanGraph, type_: RelType) -> dict[tuple[str, str], str]:
    idx = graph.node_index()
    return {(idx[e.source].name, idx[e.target].name): str(e.properties["basis"]) for e in graph.edges if e.type is type_}


def test_every_mention_quotes_the_crlf_original(graph: PlanGraph) -> None:
    original = FIXTURE.read_bytes().decode("utf-8")
    assert "\r\n" in original
    for item in [*graph.nodes, *graph.edges]:
        assert item.mentions
        for m in item.mentions:
            assert original[m.start : m.end] == m.text
            assert original[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence


def test_three_character_city_scopes_departments(graph: PlanGraph) -> None:
    assert _names(graph, Label.DEPARTMENT) == {"云岭关市发展和改革委员会", "云岭关市商务局", "云岭关市大数据发展管理局"}
    assert {n.properties["city"] for n in graph.nodes if "city" in n.properties} == {"云岭关"}


def test_goal_and_colon_list_of_positionings(graph: PlanGraph) -> None:
    assert _names(graph, Label.GOAL) == {"建成西部现代化开放枢纽"}
    assert _names(graph, Label.CITY_POSITIONING) == {"数字经济先导城市", "陆港物流枢纽城市", "文旅融合示范城市", "韧性安全标杆城市"}


def test_officials_presenting_are_presented_and_a_responsible_verb_is_stated(graph: PlanGraph) -> None:
    owned = _edges(graph, RelType.RESPONSIBLE_FOR)
    assert owned[("云岭关市商务局", "陆港物流枢纽城市")] == "presented"  # 负责同志介绍了, not 负责
    assert owned[("云岭关市大数据发展管理局", "数字经济先导城市")] == "presented"
    assert owned[("云岭关市发展和改革委员会", "建成西部现代化开放枢纽")] == "stated"


@pytest.mark.parametrize(
    ("name", "value", "unit", "comparator", "hedge", "base_year", "positioning", "basis"),
    [
        ("数字经济核心产业增加值占GDP比重", "3", "个百分点", "提高", "力争", None, "数字经济先导城市", "stated"),
        ("数据中心机架规模", "5", "万架", "达到", "力争", None, "数字经济先导城市", "stated"),
        ("算力规模", "2000", "PFLOPS", "突破", "力争", None, "数字经济先导城市", "stated"),
        ("陆港集装箱吞吐量", "120", "万标准箱", "达到", None, None, "陆港物流枢纽城市", "stated"),
        ("单位GDP物流成本", "10", "%", "下降", None, 2020, "陆港物流枢纽城市", "stated"),
        ("城区通勤时间", "40", "分钟", "控制在", "以内", None, "陆港物流枢纽城市", "stated"),
        ("常住人口城镇化率", "70", "%", "达到", None, None, "建成西部现代化开放枢纽", "inferred"),
    ],
)
def test_targets(graph: PlanGraph, name, value, unit, comparator, hedge, base_year, positioning, basis) -> None:
    (node,) = [n for n in graph.nodes if n.label is Label.INDICATOR and n.name == name]
    p = node.properties
    assert (p["value"], p["unit"], p["comparator"], p.get("hedge"), p.get("base_year")) == (value, unit, comparator, hedge, base_year)
    assert p["target_year"] == 2025
    measured = {k: v for k, v in _edges(graph, RelType.MEASURES).items() if k[0] == name}
    assert measured == {(name, positioning): basis}


def test_no_other_number_is_a_target(graph: PlanGraph) -> None:
    assert len(_names(graph, Label.INDICATOR)) == 7  # not 12345, 4章18条, 第八次


def test_heading_opens_a_positioning_part_and_targets_are_not_actions(graph: PlanGraph) -> None:
    supports = _edges(graph, RelType.SUPPORTS)
    assert supports[("建设城市数据中心", "数字经济先导城市")] == "stated"
    assert supports[("多式联运", "陆港物流枢纽城市")] == "stated"
    tasks = _names(graph, Label.TASK)
    assert not any(("达到" in t or "提高" in t or "下降" in t) for t in tasks), tasks
