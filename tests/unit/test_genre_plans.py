"""Goals, positionings, task items and stated responsibility, on whole made-up documents of the
genre (tests/fixtures/chengjiang_*.txt) and on short texts quoted from other cities' plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Label, PlanGraph, RelType
from loaders.pipeline import build_graph
from tests.support.paths import FIXTURES

TASKS = FIXTURES / "chengjiang_digital_tasks.txt"
REPORT = FIXTURES / "chengjiang_work_report.txt"


@pytest.fixture(scope="module")
def tasks() -> PlanGraph:
    return build_graph([TASKS])


@pytest.fixture(scope="module")
def report() -> PlanGraph:
    return build_graph([REPORT])


def names(graph: PlanGraph, label: Label) -> set[str]:
    return {n.name for n in graph.nodes if n.label is label}


def responsible(graph: PlanGraph) -> set[tuple[str, str, str, str]]:
    by_id = graph.node_index()
    return {(by_id[e.source].name, by_id[e.target].name, str(e.properties.get("role")), str(e.basis))
            for e in graph.edges if e.type is RelType.RESPONSIBLE_FOR}


def build_text(tmp_path: Path, text: str, name: str = "doc.txt") -> PlanGraph:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return build_graph([path])


def test_task_items_with_their_responsibility_tails(tasks: PlanGraph) -> None:
    assert {n.name for n in tasks.nodes if n.label is Label.TASK and n.properties.get("kind") == "item"} == {
        "建设算力基础设施", "推动企业上云用数", "培育数字产业集群", "加强人才支撑"}
    assert responsible(tasks) == {
        # （牵头单位：…；配合单位：…，各区、县级市）: the districts are not departments
        ("澄江市工业和信息化局", "建设算力基础设施", "lead", "stated"),
        ("澄江市发展和改革委员会", "建设算力基础设施", "participant", "stated"),
        ("澄江市大数据发展管理局", "建设算力基础设施", "participant", "stated"),
        # （责任单位：…） alone
        ("澄江市工业和信息化局", "推动企业上云用数", "responsible", "stated"),
        # 由A负责…
        ("澄江市商务局", "由市商务局负责组织招商", "responsible", "stated"),
        # A牵头，会同B、C等单位…
        ("澄江市人力资源和社会保障局", "开展数字技能培训", "lead", "stated"),
        ("澄江市教育局", "开展数字技能培训", "participant", "stated"),
        ("澄江市科学技术局", "开展数字技能培训", "participant", "stated"),
    }


def test_item_tasks_keep_their_heading_path_and_ladder_up(tasks: PlanGraph) -> None:
    by_name = {n.name: n for n in tasks.nodes}
    item = by_name["建设算力基础设施"]
    assert item.properties["heading_path"] == ["重点任务"]
    action = by_name["开展数字技能培训"]
    (part_of,) = [e for e in tasks.edges if e.source == action.id and e.type is RelType.PART_OF]
    assert part_of.target == by_name["加强人才支撑"].id
    # the plan has no 《》 title, so an item supports the goal, and says that this is inferred
    (supports,) = [e for e in tasks.edges if e.source == item.id and e.type is RelType.SUPPORTS]
    assert (by_name[tasks.node_index()[supports.target].name].label, supports.basis) == (Label.GOAL, "inferred")


def test_targets_of_the_task_list_and_what_they_measure(tasks: PlanGraph) -> None:
    inds = {n.name: n.properties for n in tasks.nodes if n.label is Label.INDICATOR}
    assert {k: (v["value"], v["unit"], v["comparator"], v.get("hedge"), v["target_year"], v["year_source"]) for k, v in inds.items()} == {
        "数字经济核心产业增加值": ("800", "亿元", "突破", None, 2026, "sentence"),
        "数字经济核心产业增加值占GDP比重": ("12", "%", "达到", "左右", 2026, "sentence"),
        "5G基站": ("3000", "个", "新建", "以上", 2026, "paragraph"),
        "省级工业互联网平台": ("10", "个", "培育", None, 2026, "paragraph"),
        # items carry no year: the plan's title period (2024—2026年) does
        "城市算力中心": ("2", "个", "新建", None, 2026, "title"),
        "算力规模": ("500", "PFLOPS", "达到", None, 2026, "title"),
        "数字经济重点项目": ("20", "个", "引进", "以上", 2026, "title"),
    }
    by_id = tasks.node_index()
    measured = {by_id[e.source].name: (by_id[e.target].name, e.basis) for e in tasks.edges if e.type is RelType.MEASURES}
    assert measured["算力规模"] == ("建设算力基础设施", "stated")  # stated under the item
    assert measured["5G基站"] == ("推动产业数字化转型", "inferred")  # outside any item: the goal, inferred


def test_no_phone_numbers_document_numbers_or_counts_of_units_become_figures(tasks: PlanGraph) -> None:
    values = {n.properties.get("value") for n in tasks.nodes if n.label in (Label.INDICATOR, Label.REPORTED_FIGURE)}
    assert not values & {"0877", "6123456", "2024", "12", "3"} - {"12"}  # 12 is the 12% share, not 〔2024〕12号
    twelve = [n for n in tasks.nodes if n.properties.get("value") == "12"]
    assert [n.properties["unit"] for n in twelve] == ["%"]


def test_goal_and_task_forces_of_the_task_list(tasks: PlanGraph) -> None:
    assert names(tasks, Label.GOAL) == {"推动产业数字化转型"}  # 为…，X，制定本方案
    assert names(tasks, Label.TASK_FORCE) == {"市数字经济发展领导小组", "数字经济工作专班"}
    assert names(tasks, Label.PERSON) == set()  # 由市长担任组长 names a role, not a person
    assert names(tasks, Label.CITY_POSITIONING) == set()  # 算力基础设施, 城市算力中心 are not positionings


def test_work_report_last_years_results_are_reported_figures_this_years_are_targets(report: PlanGraph) -> None:
    figures = {(n.name, n.properties["value"], n.properties["unit"], n.properties.get("year"))
               for n in report.nodes if n.label is Label.REPORTED_FIGURE}
    assert figures == {
        ("地区生产总值", "620", "亿元", 2024),
        ("地区生产总值增长", "6.1", "%", 2024),
        ("规模以上工业增加值", "8.2", "%", 2024),
        ("城镇就业", "1.2", "万人", 2024),
        ("高新技术企业", "310", "家", 2024),
        ("高新技术企业增加", "45", "家", 2024),
    }
    targets = {(n.name, n.properties["value"], n.properties["comparator"], n.properties.get("hedge"), n.properties["target_year"])
               for n in report.nodes if n.label is Label.INDICATOR}
    assert targets == {
        ("地区生产总值", "6", "增长", "左右", 2025),
        ("规模以上工业增加值", "8", "增长", "以上", 2025),
        ("城镇就业", "1.3", "新增", "以上", 2025),
        ("城镇调查失业率", "5.5", "控制在", "以内", 2025),
        ("重点项目", "200", "实施", None, 2025),
        ("投资", "500", "完成", "以上", 2025),
    }


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("标题\n以创建国家中心城市为重点，努力把长沙建设成为更具国际影响力的现代化城市。",
         "努力把长沙建设成为更具国际影响力的现代化城市"),
        ("标题\n“十五五”发展的主要目标是：高质量发展建设共同富裕示范区取得决定性进展。",
         "高质量发展建设共同富裕示范区取得决定性进展"),
        ("标题\n政府工作的总体要求是：坚持稳中求进，推动高质量发展，实现“十五五”良好开局。", "实现“十五五”良好开局"),
        ("标题\n为深入贯彻落实决策部署，加快推动我市国际消费中心城市培育建设走深走实，制定本行动计划。",
         "加快推动我市国际消费中心城市培育建设走深走实"),
        ("标题\n一、工作目标\n围绕生态文明理念，以水安全保障为重点，系统化全域推进嘉定区海绵城市建设。", "系统化全域推进嘉定区海绵城市建设"),
        ("标题\n根据上级部署，结合我市实际，现制定以下政策。", None),  # 根据…/结合… are no aims
    ],
)
def test_goals_in_their_general_forms(tmp_path: Path, text: str, goal: str | None) -> None:
    graph = build_text(tmp_path, text)
    assert names(graph, Label.GOAL) == ({goal} if goal else set())


def test_positionings_named_by_building_verbs(tmp_path: Path) -> None:
    graph = build_text(tmp_path, (
        "长沙市强省会行动方案\n以创建国家中心城市、打造“三个高地”引领区、建设宜居宜业宜游的幸福城市为重点，"
        "努力把长沙建设成为更具国际影响力的现代化城市。\n（一）综合竞争力大幅提升。全面打造国家重要先进制造业中心、"
        "国家科技创新中心、国际文化创意中心。\n（二）加快推进高新技术企业源头培育、提升企业创新能力、建设高新技术企业培育基地。"))
    by_id = graph.node_index()
    realizes = {by_id[e.source].name: e.basis for e in graph.edges if e.type is RelType.REALIZES}
    assert realizes == {
        # named in the goal's own sentence: stated
        "国家中心城市": "stated", "“三个高地”引领区": "stated", "宜居宜业宜游的幸福城市": "stated",
        # built toward elsewhere: only inferred to carry the goal
        "国家重要先进制造业中心": "inferred", "国家科技创新中心": "inferred", "国际文化创意中心": "inferred",
    }  # 高新技术企业培育基地 is one action of a list of actions, not a positioning


def test_a_scope_opener_names_a_positioning_only_when_it_ends_like_one(tmp_path: Path) -> None:
    graph = build_text(tmp_path, "标题\n建设现代化城市的总目标。\n在基础设施的建设上，推进管网改造。\n在国际门户城市的建设上，扩大开放。")
    assert names(graph, Label.CITY_POSITIONING) == {"国际门户城市"}


def test_a_citys_own_list_of_positionings_is_authoritative_for_its_other_documents(tmp_path: Path, seed_paths) -> None:
    other = tmp_path / "qingdao_extra.txt"
    other.write_text("青岛市人民政府关于印发行动方案的通知\n加快建设国际消费中心城市，打造上合示范区。", encoding="utf-8")
    with_seeds = build_graph([*seed_paths, other])
    assert len([n for n in with_seeds.nodes if n.label is Label.CITY_POSITIONING]) == 6
    alone = build_graph([other])
    assert names(alone, Label.CITY_POSITIONING) == {"国际消费中心城市", "上合示范区"}


def test_a_leading_group_that_issues_a_plan_leads_it(tmp_path: Path) -> None:
    graph = build_text(tmp_path, (
        "通知\n重庆国际消费中心城市培育建设工作领导小组关于印发《重庆市培育建设国际消费中心城市五年行动计划(2023—2027年)》的通知\n"
        "重庆国际消费中心城市培育建设工作领导小组各成员单位：\n现将《重庆市培育建设国际消费中心城市五年行动计划(2023—2027年)》印发给你们。"))
    assert responsible(graph) == {("重庆国际消费中心城市培育建设工作领导小组", "重庆市培育建设国际消费中心城市五年行动计划（2023—2027年）",
                                   "lead", "stated")}


def test_drafting_and_presenting_departments(tmp_path: Path) -> None:
    graph = build_text(tmp_path, (
        "关于转发实施方案的通知\n区建设管理委拟定的《嘉定区系统化全域推进海绵城市建设的实施方案》已经区政府同意。\n"
        "记者今天从连云港市科技局了解到，《连云港市高新技术企业培育行动工作方案》近日出台。"), name="jiading.txt")
    found = {(d, t[:8], r, b) for d, t, r, b in responsible(graph)}
    assert ("嘉定区建设管理委员会", "嘉定区系统化全", "responsible", "stated") in {(d.replace("上海市", ""), t, r, b) for d, t, r, b in found} or \
        any(r == "responsible" and b == "stated" and t.startswith("嘉定区系统化") for _, t, r, b in found)
    assert any(b == "presented" and t.startswith("连云港市高新") for _, t, _, b in found)
    assert not any(b == "stated" and t.startswith("连云港市高新") for _, t, _, b in found)  # told a reporter: presented


def test_a_target_is_owned_through_the_task_item_it_is_stated_under(empty_store, tasks: PlanGraph) -> None:
    """On both stores: 算力规模 sits under （一）建设算力基础设施, whose tail names its units."""
    empty_store.load(tasks)
    by_name = {n.name: n for n in tasks.nodes}
    owners = empty_store.owners_of(by_name["算力规模"].id)
    assert [(o.owner.name, o.basis, o.via.name if o.via else None) for o in owners] == [
        ("澄江市发展和改革委员会", "stated", "建设算力基础设施"),
        ("澄江市大数据发展管理局", "stated", "建设算力基础设施"),
        ("澄江市工业和信息化局", "stated", "建设算力基础设施"),
    ]
    targets = empty_store.targets_of(by_name["澄江市工业和信息化局"].id)
    assert sorted((t.target.name, t.via.name if t.via else None) for t in targets) == [
        ("城市算力中心", "建设算力基础设施"), ("建设算力基础设施", None), ("推动企业上云用数", None),
        ("算力规模", "建设算力基础设施")]


def test_party_and_government_leadership_is_no_department(tmp_path: Path) -> None:
    graph = build_text(tmp_path, "青岛市2024年计划执行情况报告\n在省委省政府和市委市政府的坚强领导下，市发展改革委会同各部门推进工作。")
    assert names(graph, Label.DEPARTMENT) == {"青岛市发展和改革委员会"}


def test_a_provenance_header_is_no_title_for_the_place(tmp_path: Path) -> None:
    graph = build_text(tmp_path, "# source: https://example.org/a\n# title: 汀澜市2025年政府工作报告\n\n全市地区生产总值达到620亿元。")
    assert {n.properties.get("city") for n in graph.nodes if n.label is Label.SOURCE} == {"汀澜"}


def test_the_citys_party_committee_government_and_congresses_are_no_departments(tmp_path: Path) -> None:
    graph = build_text(tmp_path, "青岛市实施意见\n市委、市政府高度重视，市政协、市人大常委会积极参与，"
                                 "市委市政府主要负责同志担任组长，市商务局牵头。")
    assert names(graph, Label.DEPARTMENT) == {"青岛市商务局"}
