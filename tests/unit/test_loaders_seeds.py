"""The two seed documents become the plan graph researchers expect, every fact cited."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.model import CLIMBING_TYPES, Label, Node, PlanGraph, RelType

SIX_CITY = "000_59d890921a0e6d8d.txt"
FIVE_YEAR = "002_7b1ead70c05b7af6.txt"
GOAL = "建设新时代社会主义现代化国际大都市"
POSITIONINGS = [
    "现代产业先行城市",
    "引领型现代海洋城市",
    "国际化创新型城市",
    "国际门户枢纽城市",
    "宜居宜业宜游高品质湾区城市",
    "现代化治理样板城市",
]
# name: (value, unit, comparator, hedge, base_value, base_unit, positioning)
TARGETS = {
    "境内外上市公司数量": ("110", "家", "达到", None, 110.0, "家", "现代产业先行城市"),
    "制造业增加值占生产总值比重": ("30", "%", "提高到", "以上", 30.0, "%", "现代产业先行城市"),
    "数字经济核心产业增加值占GDP比重": ("12", "%", "提高到", "左右", 12.0, "%", "现代产业先行城市"),
    "海洋生产总值占GDP比重": ("33", "%", "达到", "左右", 33.0, "%", "引领型现代海洋城市"),
    "港口货物吞吐量": ("7", "亿吨", "超过", None, 7e8, "吨", "引领型现代海洋城市"),
    "集装箱吞吐量": ("2800", "万标箱", "超过", None, 2.8e7, "标箱", "引领型现代海洋城市"),
    "研发经费投入强度": ("3.2", "%", "达到", None, 3.2, "%", "国际化创新型城市"),
    "国家高新技术企业数量": ("1", "万家", "超过", None, 1e4, "家", "国际化创新型城市"),
    "人才总量": ("300", "万人", "突破", None, 3e6, "人", "国际化创新型城市"),
    "货物进出口总额": ("1.3", "万亿元", "超过", None, 1.3e12, "元", "国际门户枢纽城市"),
    "使用外资": ("75", "亿美元", "超过", None, 7.5e9, "美元", "国际门户枢纽城市"),
    "机场旅客吞吐量": ("4400", "万人次", "突破", None, 4.4e7, "人次", "国际门户枢纽城市"),
    "空气质量优良天数比率": ("88.8", "%", "达到", None, 88.8, "%", "宜居宜业宜游高品质湾区城市"),
    "常住人口": ("1100", "万人", "超过", None, 1.1e7, "人", "宜居宜业宜游高品质湾区城市"),
    "年接待游客": ("1.7", "亿人次", "突破", None, 1.7e8, "人次", "宜居宜业宜游高品质湾区城市"),
    "市级平安社区创建率": ("60", "%", "达到", None, 60.0, "%", "现代化治理样板城市"),
    "营商环境综合评比": ("5", "位", "前", "力争", 5.0, "位", "现代化治理样板城市"),
}
KEY_TASKS = [
    "出高水平开放，服务构建新发展格局",
    "突出高质量发展，实现经济进位争先",
    "突出高效能治理，建设现代化国际大都市",
    "突出高品质生活，建设美丽时尚幸福青岛",
    "突出市场化改革，打造高效法治安全环境",
]


def nodes_of(graph: PlanGraph, label: Label) -> list[Node]:
    return [n for n in graph.nodes if n.label is label]


def by_name(graph: PlanGraph, label: Label, name: str) -> Node:
    matches = [n for n in nodes_of(graph, label) if n.name == name]
    assert len(matches) == 1, (label, name, [n.name for n in nodes_of(graph, label)])
    return matches[0]


def edges(graph: PlanGraph, type_: RelType, source: str | None = None, target: str | None = None):
    return [e for e in graph.edges if e.type is type_ and (source in (None, e.source)) and (target in (None, e.target))]


def test_one_goal_and_six_positionings_that_realize_it(seed_graph: PlanGraph) -> None:
    goals = nodes_of(seed_graph, Label.GOAL)
    assert [g.name for g in goals] == [GOAL]
    positionings = sorted(nodes_of(seed_graph, Label.CITY_POSITIONING), key=lambda n: n.properties["order"])
    assert [p.name for p in positionings] == POSITIONINGS
    for p in positionings:
        (edge,) = edges(seed_graph, RelType.REALIZES, p.id, goals[0].id)
        assert edge.properties["basis"] == "stated"


def test_positionings_listed_twice_are_one_node_with_several_mentions(seed_graph: PlanGraph) -> None:
    node = by_name(seed_graph, Label.CITY_POSITIONING, "引领型现代海洋城市")
    # the two enumerations, 在…的打造上, and 分别介绍了打造…
    assert len(node.mentions) == 4
    assert {m.source for m in node.mentions} == {SIX_CITY}


def test_all_seventeen_2026_targets_with_exact_values(seed_graph: PlanGraph) -> None:
    indicators = {n.name: n for n in nodes_of(seed_graph, Label.INDICATOR)}
    assert set(indicators) == set(TARGETS)
    positionings = {n.id: n.name for n in nodes_of(seed_graph, Label.CITY_POSITIONING)}
    for name, (value, unit, comparator, hedge, base_value, base_unit, positioning) in TARGETS.items():
        props = indicators[name].properties
        assert props["value"] == value and props["unit"] == unit, name
        assert props["comparator"] == comparator, name
        assert props.get("hedge") == hedge, name
        assert props["base_value"] == pytest.approx(base_value, rel=1e-12), name
        assert props["base_unit"] == base_unit, name
        assert props["target_year"] == 2026, name
        measured = [positionings.get(e.target) for e in edges(seed_graph, RelType.MEASURES, indicators[name].id)]
        assert measured == [positioning], name


def test_target_split_by_a_page_break_quotes_the_original(seed_graph: PlanGraph, seed_paths: list[Path]) -> None:
    node = by_name(seed_graph, Label.INDICATOR, "海洋生产总值占GDP比重")
    (mention,) = node.mentions
    assert mention.text == "海洋生产总值占GDP比\n\n重达到33%左右"
    assert node.properties["text"] == "海洋生产总值占GDP比重达到33%左右"
    original = (seed_paths[0].parent / SIX_CITY).read_text(encoding="utf-8")
    assert original[mention.start : mention.end] == mention.text


def test_large_units_normalise_exactly(seed_graph: PlanGraph) -> None:
    node = by_name(seed_graph, Label.INDICATOR, "货物进出口总额")
    assert node.properties["base_value"] == 1.3e12  # exact, not 1300000000000.0002


@pytest.mark.parametrize(
    ("source", "phrase"),
    [
        (SIX_CITY, "8大部分33条"),
        (SIX_CITY, "6个专班"),
        (SIX_CITY, "6个部门"),
        (SIX_CITY, "2018年6月"),
        (SIX_CITY, "9月21日至23日"),
        (FIVE_YEAR, "85911451"),
        (FIVE_YEAR, "210301192849673286"),
        (FIVE_YEAR, "四网五向"),
        (FIVE_YEAR, "轨道交通三期"),
        (FIVE_YEAR, "5个优势产业集群"),
        (FIVE_YEAR, "20197月"),
        (FIVE_YEAR, "2035年发展宏伟蓝图"),
        (FIVE_YEAR, "青政发〔2021〕2号"),
    ],
)
def test_numbers_that_are_not_targets_make_no_indicator(
    seed_graph: PlanGraph, seed_paths: list[Path], source: str, phrase: str
) -> None:
    original = (seed_paths[0].parent / source).read_text(encoding="utf-8")
    start = original.index(phrase)
    end = start + len(phrase)
    for node in nodes_of(seed_graph, Label.INDICATOR):
        for m in node.mentions:
            assert m.source != source or m.end <= start or m.start >= end, (phrase, node.name)


def test_five_year_plan_has_five_key_tasks_with_subtasks_and_no_indicator(seed_graph: PlanGraph) -> None:
    key_tasks = sorted(
        (n for n in nodes_of(seed_graph, Label.TASK) if n.properties["kind"] == "key_task"),
        key=lambda n: n.properties["number"],
    )
    assert [t.name for t in key_tasks] == KEY_TASKS
    plan = by_name(seed_graph, Label.PLAN, "青岛市国民经济和社会发展 第十四个五年规划和2035年远景目标纲要")
    for task in key_tasks:
        assert edges(seed_graph, RelType.PART_OF, task.id, plan.id)
        subs = edges(seed_graph, RelType.PART_OF, target=task.id)
        assert len(subs) >= 10
    first_subs = {seed_graph.node_index()[e.source].name for e in edges(seed_graph, RelType.PART_OF, target=key_tasks[0].id)}
    assert "创建国际消费中心城市" in first_subs
    assert "高水平建设上合示范区、自贸区青岛片区" in first_subs
    assert not [n for n in nodes_of(seed_graph, Label.INDICATOR) if any(m.source == FIVE_YEAR for m in n.mentions)]


def test_departments_resolve_aliases_to_one_node(seed_graph: PlanGraph) -> None:
    ndrc = by_name(seed_graph, Label.DEPARTMENT, "青岛市发展和改革委员会")
    assert {"市发改委", "市发展改革委", "青岛市发展改革委"} <= set(ndrc.properties["aliases"])  # type: ignore[arg-type]
    assert {m.source for m in ndrc.mentions} == {SIX_CITY, FIVE_YEAR}
    names = {n.name for n in nodes_of(seed_graph, Label.DEPARTMENT)}
    assert {
        "青岛市科学技术局", "青岛市工业和信息化局", "青岛市公安局", "青岛市住房和城乡建设局",
        "青岛市海洋发展局", "青岛市商务局",
    } <= names
    # 市委、市政府 and 市政协 are the city's party committee, government and CPPCC, not departments
    # (every name starts with 青岛, so look past it)
    assert not any(n.removeprefix("青岛").startswith(("市委", "市政府", "市政协")) for n in names)


def _owner_edge(graph: PlanGraph, owner: str, target: str):
    o = next(n for n in graph.nodes if n.name == owner)
    t = next(n for n in graph.nodes if n.name == target)
    (edge,) = edges(graph, RelType.RESPONSIBLE_FOR, o.id, t.id)
    return edge


def test_presented_responsibilities(seed_graph: PlanGraph) -> None:
    commerce = _owner_edge(seed_graph, "青岛市商务局", "国际门户枢纽城市")
    ocean = _owner_edge(seed_graph, "青岛市海洋发展局", "引领型现代海洋城市")
    for edge, head in ((commerce, "商务局局长李苏满"), (ocean, "海洋发展局局长殷世逸")):
        assert edge.properties["basis"] == "presented"
        assert any(head in m.sentence for m in edge.mentions)
    assert not edges(seed_graph, RelType.RESPONSIBLE_FOR,
                     by_name(seed_graph, Label.DEPARTMENT, "青岛市商务局").id,
                     by_name(seed_graph, Label.CITY_POSITIONING, "引领型现代海洋城市").id)


def test_coordinating_role_is_stated(seed_graph: PlanGraph) -> None:
    edge = _owner_edge(seed_graph, "青岛市发展和改革委员会", GOAL)
    assert edge.properties["basis"] == "stated"
    assert any("市发改委会同开展“六个城市”工作谋划和推进落实" in m.text for m in edge.mentions)


def test_inferred_ownership_says_why_and_is_never_stated(seed_graph: PlanGraph) -> None:
    tech = _owner_edge(seed_graph, "青岛市科学技术局", "国际化创新型城市")
    assert tech.properties["basis"] == "inferred"
    assert "does not state" in str(tech.properties["reason"])
    assert "创新" in tech.properties["shared_terms"]  # type: ignore[operator]
    forces = [n for n in nodes_of(seed_graph, Label.TASK_FORCE) if n.properties.get("kind") == "task_force"]
    assert len(forces) == 6
    for force in forces:
        (edge,) = edges(seed_graph, RelType.RESPONSIBLE_FOR, force.id)
        assert edge.properties["basis"] == "inferred"
    for edge in edges(seed_graph, RelType.ADVANCES):
        assert edge.properties["basis"] == "inferred" and "No sentence states" in str(edge.properties["reason"])


def test_every_task_ladders_up_to_the_goal(seed_graph: PlanGraph) -> None:
    climb = nx.DiGraph()
    climb.add_edges_from((e.source, e.target) for e in seed_graph.edges if e.type in CLIMBING_TYPES)
    goal = nodes_of(seed_graph, Label.GOAL)[0].id
    tasks = nodes_of(seed_graph, Label.TASK)
    assert len(tasks) > 100
    for task in tasks:
        assert nx.has_path(climb, task.id, goal), task.name


def test_people_and_their_roles(seed_graph: PlanGraph) -> None:
    people = {n.name: n for n in nodes_of(seed_graph, Label.PERSON)}
    assert set(people) == {"刘建军", "解宏劲", "李苏满", "殷世逸", "李刚"}
    assert people["刘建军"].properties["titles"] == ["市委常委", "副市长"]
    (role,) = edges(seed_graph, RelType.HOLDS_ROLE, people["殷世逸"].id)
    assert seed_graph.node_index()[role.target].name == "青岛市海洋发展局"
    assert role.properties["titles"] == ["局长"]


def test_plans_aliases_and_links(seed_graph: PlanGraph) -> None:
    opinion = next(n for n in nodes_of(seed_graph, Label.PLAN) if n.name.endswith("的实施意见"))
    assert opinion.properties["aliases"] == ["实施意见"]
    goal = nodes_of(seed_graph, Label.GOAL)[0]
    assert edges(seed_graph, RelType.IMPLEMENTS, opinion.id, goal.id)
    drafters = {seed_graph.node_index()[e.target].name for e in edges(seed_graph, RelType.DRAFTED_BY, opinion.id)}
    assert len(drafters) == 7 and "青岛市发展和改革委员会" in drafters
    outline = by_name(seed_graph, Label.PLAN, "青岛市国民经济和社会发展 第十四个五年规划和2035年远景目标纲要")
    assert len(edges(seed_graph, RelType.BASED_ON, outline.id)) == 3


def test_source_metadata(seed_graph: PlanGraph) -> None:
    source = by_name(seed_graph, Label.SOURCE, FIVE_YEAR)
    assert source.properties["index_no"] == "210301192849673286"
    assert source.properties["doc_number"] == "青政发〔2021〕2号"
    assert source.properties["published_date"] == "2021-03-01"
    assert source.properties["issuer"] == "青岛市政府办公厅"


def test_every_mention_quotes_the_original(seed_graph: PlanGraph, seed_paths: list[Path]) -> None:
    originals = {p.name: p.read_text(encoding="utf-8") for p in seed_paths}
    items = [*seed_graph.nodes, *seed_graph.edges]
    assert all(item.mentions for item in items), [getattr(i, "name", i) for i in items if not i.mentions]
    for item in items:
        for m in item.mentions:
            original = originals[m.source]
            assert original[m.start : m.end] == m.text
            assert original[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence
            assert m.sentence_start <= m.start and m.end <= m.sentence_start + len(m.sentence)


def test_ids_are_stable_and_builds_identical(seed_paths: list[Path], seed_graph: PlanGraph) -> None:
    from loaders.pipeline import build_graph

    again = build_graph(list(reversed(seed_paths)))
    assert again.model_dump_json() == seed_graph.model_dump_json()
