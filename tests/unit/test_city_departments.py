"""Whose city, whose department: real place names of every shape, the naming scheme of
departments, and people found by the genre's frame (issue 9, points 6 and 8).

Sentences are made up in the genre or quoted from the development set (../shared/devset).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Label, Node, PlanGraph
from loaders.pipeline import build_graph
from loaders.rules.city import detect_city, detect_jurisdiction


def _build(tmp_path: Path, **docs: str) -> PlanGraph:
    paths = []
    for name, text in docs.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return build_graph(paths)


def _departments(graph: PlanGraph) -> list[Node]:
    return [n for n in graph.nodes if n.label is Label.DEPARTMENT]


def _names(graph: PlanGraph, label: Label = Label.DEPARTMENT) -> set[str]:
    return {n.name for n in graph.nodes if n.label is label}


# ---- city detection ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("成都市人民政府关于印发《成都市制造业高质量发展规划》的通知\n全市各区要抓好落实。", "成都"),
        ("厦门市推进先进制造业倍增行动方案\n市工信局牵头，全市推进。", "厦门"),
        ("长沙市实施强省会战略行动方案\n全市上下要坚定信心。", "长沙"),
        ("长春市人民政府办公厅关于印发长春市数字经济发展规划的通知", "长春"),
        ("常州市新能源产业发展三年行动计划\n全市新能源产业规模突破。", "常州"),
        ("中共盐城市委 盐城市人民政府关于加快建设绿色低碳发展示范区的意见", "盐城"),
        ("聊城市“十四五”规划纲要\n市委、市政府高度重视。", "聊城"),
        ("江门市人民政府关于推进侨都建设的实施意见", "江门"),
        ("呼和浩特市人民政府关于印发乳业振兴行动方案的通知", "呼和浩特"),
        ("石家庄市人民政府办公室关于印发行动计划的通知\n全市要加快。", "石家庄"),
        ("山东省青岛市推进海洋经济发展行动计划\n全市海洋生产总值达到5000亿元。", "青岛"),
        ("中方县人民政府办公室关于印发实施方案的通知\n全县上下要认真贯彻。", "中方"),
        ("上海市嘉定区人民政府办公室关于转发实施方案的通知\n区政府各委、办、局：", "嘉定"),
        ("2026年浙江省政府工作报告\n全省上下，杭州、宁波、温州各展所长。省委、省政府部署。", "浙江"),
    ],
)
def test_real_city_names_of_every_shape(text: str, city: str) -> None:
    assert detect_city(text) == city


def test_a_district_scopes_to_itself_with_its_city_above() -> None:
    found = detect_jurisdiction("上海市嘉定区人民政府办公室关于转发实施方案的通知\n区政府各委、办、局：")
    assert found is not None
    assert [p.written for p in found.chain] == ["嘉定区", "上海市"]
    assert found.for_prefix("区").written == "嘉定区"  # type: ignore[union-attr]
    assert found.for_prefix("市").written == "上海市"  # type: ignore[union-attr]


def test_a_county_level_city_is_the_city_its_bare_prefix_means() -> None:
    # 建德市 is a county-level city under 杭州市: its 市科技局 is 建德's.
    found = detect_jurisdiction("建德市人民政府印发关于推动经济高质量发展的若干政策的通知\n市科技局负责解释。")
    assert found is not None and found.for_prefix("市").written == "建德市"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "关于打造绿色制造强市的实施意见\n市工信局牵头推进。",  # 绿色制造强市 is no place
        "关于推进工作的通知\n市发改委牵头，各有关单位配合。",
        "城市更新行动方案\n推动超大城市、都市圈建设，常务副市长负责。",
    ],
)
def test_no_place_no_city(text: str) -> None:
    assert detect_city(text) is None


def test_two_cities_built_together_keep_separate_departments(tmp_path: Path) -> None:
    graph = _build(
        tmp_path,
        chengdu="成都市人民政府关于印发行动方案的通知\n全市推进。市商务局牵头，市水务局配合。",
        wuhan="武汉市人民政府关于印发行动方案的通知\n全市推进。市商务局牵头，市水务局配合。",
    )
    assert _names(graph) == {"成都市商务局", "成都市水务局", "武汉市商务局", "武汉市水务局"}
    assert {n.properties["city"] for n in _departments(graph)} == {"成都", "武汉"}


def test_only_qingdao_gets_qingdaos_official_names(tmp_path: Path) -> None:
    graph = _build(
        tmp_path,
        qingdao="青岛市人民政府关于印发方案的通知\n全市推进。市水务局牵头。",
        wuhan="武汉市人民政府关于印发方案的通知\n全市推进。市水务局牵头。",
    )
    assert _names(graph) == {"青岛市水务管理局", "武汉市水务局"}


def test_two_documents_without_a_city_never_share_a_department(tmp_path: Path) -> None:
    graph = _build(
        tmp_path,
        one="关于推进工作的通知\n市发改委牵头，市商务局配合。",
        two="关于推进工作的通知\n市发改委牵头，市商务局配合。",
    )
    depts = _departments(graph)
    assert len(depts) == 4
    assert {n.properties["city"] for n in depts} == {"未知"}
    assert len({n.id for n in depts}) == 4


# ---- departments ---------------------------------------------------------------------------

_CITY_HEAD = "成都市人民政府关于印发行动方案的通知\n全市推进。"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("市教委、市经信委负责。", {"成都市教育委员会", "成都市经济和信息化委员会"}),
        ("市委宣传部、市委组织部牵头。", {"成都市委宣传部", "成都市委组织部"}),
        ("（牵头单位：市发展改革委、市工业和信息化局）", {"成都市发展和改革委员会", "成都市工业和信息化局"}),
        ("（牵头单位：市发展改革委、工业和信息化局）", {"成都市发展和改革委员会", "成都市工业和信息化局"}),
        ("由市府办负责协调。", {"成都市人民政府办公室"}),
        ("省商务厅、省发展改革委指导。", {"四川省商务厅", "四川省发展和改革委员会"}),
        ("根据《商务部国家发展改革委住房城乡建设部关于印发…的通知》", {"商务部", "国家发展改革委", "住房城乡建设部"}),
        ("合肥市数据资源局介绍了经验。", {"合肥市数据资源局"}),
        ("市商务局、经贸委、金融办负责。", {"成都市商务局", "成都市经贸委", "成都市金融办"}),
        ("市民政局、市场监管局负责。", {"成都市民政局", "成都市市场监督管理局"}),
        ("市委网信办、市政府国资委、市委办公厅负责。", {"成都市委网信办", "成都市国有资产监督管理委员会", "成都市委办公厅"}),
    ],
)
def test_department_shapes(tmp_path: Path, sentence: str, expected: set[str]) -> None:
    assert _names(_build(tmp_path, doc=_CITY_HEAD + sentence)) == expected


def test_county_and_district_departments(tmp_path: Path) -> None:
    county = _build(tmp_path, county="中方县人民政府办公室关于印发实施方案的通知\n全县推进。县商科工信局、县政府办负责，湖南省人民政府办公厅指导。")
    assert _names(county) == {"中方县商科工信局", "中方县人民政府办公室", "湖南省人民政府办公厅"}
    district = _build(tmp_path, district="上海市嘉定区人民政府办公室关于转发实施方案的通知（嘉府办发〔2024〕23号）\n区政府各部门：区建设管理委、上海市住房和城乡建设管理委员会负责。")
    assert _names(district) == {"嘉定区人民政府办公室", "嘉定区建设管理委", "上海市住房和城乡建设管理委员会"}


def test_full_short_and_bracketed_names_are_one_node(tmp_path: Path) -> None:
    graph = _build(tmp_path, doc=_CITY_HEAD + "成都市发展和改革委员会牵头。市发改委（市产领办）会同市发展改革委负责。")
    (dept,) = _departments(graph)
    assert dept.name == "成都市发展和改革委员会"
    assert {"市发改委", "市产领办", "市发展改革委", "成都市发展和改革委员会"} <= set(dept.properties["aliases"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "sentence",
    [
        "各区、县级市，各有关单位要抓好落实。",
        "中共成都市委、成都市人民政府印发本方案，市委、市政府统筹推进。",
        "成都高新区管委会、市第十四次党代会、市社科研究院参与。",
        "优化市域产业布局，建设市民服务大厅，举办市级展会，相关部门办理。",
        "市有关部门和区政府相关委、办、局按职责分工负责。",
        "推进区域合作办公，市域统筹，市级财政支持，各区（市）县政府、市级有关部门负责。",
        "各区（市）县发展改革局、各市县商务局落实，市人大常委会、市政协、市纪委监委监督。",
    ],
)
def test_not_departments(tmp_path: Path, sentence: str) -> None:
    assert _names(_build(tmp_path, doc=_CITY_HEAD + sentence)) == set()


# ---- people ---------------------------------------------------------------------------------

def test_people_by_frame_not_by_surname(tmp_path: Path) -> None:
    # 欧阳 and 仝 are in no list of common surnames; the frame (title + name + speech) finds them.
    graph = _build(
        tmp_path,
        doc=_CITY_HEAD + "发布会上，市商务局局长欧阳明介绍了方案，市交通运输局局长仝晓红表示将加快推进。"
        "领导小组由市委副书记、市长李建华担任组长。",
    )
    assert _names(graph, Label.PERSON) == {"欧阳明", "仝晓红", "李建华"}


@pytest.mark.parametrize(
    "sentence",
    [
        "成立领导小组，由市长任组长，分管副市长任副组长。市商务局局长出席会议。",
        "市商务局局长王明，副局长张华出席会议。",  # no verb of speech: no frame
        "会上，市长、副市长分别介绍了方案。",  # 分别 stands where a name would
        "由副组长组长担任联络员。",  # a role where the name would be
    ],
)
def test_no_person_outside_the_frame(tmp_path: Path, sentence: str) -> None:
    assert _names(_build(tmp_path, doc=_CITY_HEAD + sentence), Label.PERSON) == set()
