"""The rules belong to the genre: a made-up city's plan, other phrasing, and arbitrary text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import LoaderError
from graph.model import Label, PlanGraph, RelType
from loaders.pipeline import build_graph
from loaders.rules.indicators import find_targets
from loaders.textmap import normalise
from loaders.tokenizer import get_tokenizer
from tests.support.paths import FIXTURES

FIXTURE = FIXTURES / "jinghai_plan.txt"


@pytest.fixture(scope="module")
def other_city() -> PlanGraph:
    return build_graph([FIXTURE])


def _names(graph: PlanGraph, label: Label) -> set[str]:
    return {n.name for n in graph.nodes if n.label is label}


def test_other_city_goal_positionings_and_departments(other_city: PlanGraph) -> None:
    assert _names(other_city, Label.GOAL) == {"建设长江经济带现代化区域中心城市"}
    assert _names(other_city, Label.CITY_POSITIONING) == {"绿色制造强市城市", "江海联运枢纽城市", "生态宜居典范城市"}
    assert _names(other_city, Label.DEPARTMENT) == {
        "澄江市发展和改革委员会", "澄江市工业和信息化局", "澄江市交通运输局", "澄江市生态环境局",
    }
    assert _names(other_city, Label.PERSON) == {"王德明", "赵晓红", "李建华"}


def test_a_named_leader_leads_the_leading_group(other_city: PlanGraph) -> None:
    idx = other_city.node_index()
    leads = [(idx[e.source].name, idx[e.target].name, e.properties["basis"]) for e in other_city.edges if e.type is RelType.LEADS]
    assert leads == [("李建华", "“三个城市”领导小组", "stated")]
    group = next(n for n in other_city.nodes if n.name == "“三个城市”领导小组")
    assert group.properties["leader_roles"] == ["市委副书记、市长李建华"]


@pytest.mark.parametrize(
    ("name", "value", "unit", "comparator", "hedge", "base_value", "base_unit"),
    [
        ("规模以上工业增加值", "8", "%", "年均增长", "左右", 8.0, "%"),
        ("单位工业增加值能耗", "15", "%", "下降", "以上", 15.0, "%"),
        ("高新技术企业数量", "1500", "家", "达到", "力争", 1500.0, "家"),
        ("港口集装箱吞吐量", "300", "万标箱", "不低于", None, 3e6, "标箱"),
        ("铁水联运量", "2,500", "万吨", "达到", None, 2.5e7, "吨"),
        ("物流成本占GDP比重", "13", "%", "控制在", "以内", 13.0, "%"),
        ("森林覆盖率", "32.5", "%", "不低于", None, 32.5, "%"),
        ("PM2.5平均浓度", "30", "微克/立方米", "控制在", "以内", 30.0, "微克/立方米"),
    ],
)
def test_other_city_targets(other_city: PlanGraph, name, value, unit, comparator, hedge, base_value, base_unit) -> None:
    (node,) = [n for n in other_city.nodes if n.label is Label.INDICATOR and n.name == name]
    p = node.properties
    assert (p["value"], p["unit"], p["comparator"], p.get("hedge")) == (value, unit, comparator, hedge)
    assert (p["base_value"], p["base_unit"], p["target_year"]) == (base_value, base_unit, 2025)


def test_other_city_has_exactly_eight_targets(other_city: PlanGraph) -> None:
    # 5部分20条, the phone number and 2019年3月 are not targets
    assert len(_names(other_city, Label.INDICATOR)) == 8


def test_other_city_ownership_bases(other_city: PlanGraph) -> None:
    idx = other_city.node_index()
    owned = {
        (idx[e.source].name, idx[e.target].name): e.properties["basis"]
        for e in other_city.edges
        if e.type is RelType.RESPONSIBLE_FOR
    }
    assert owned[("澄江市工业和信息化局", "绿色制造强市城市")] == "presented"
    assert owned[("澄江市交通运输局", "江海联运枢纽城市")] == "presented"
    assert owned[("澄江市发展和改革委员会", "建设长江经济带现代化区域中心城市")] == "stated"
    assert owned[("澄江市生态环境局", "生态宜居典范城市")] == "inferred"
    assert owned[("江海联运枢纽城市专班", "江海联运枢纽城市")] == "inferred"


def test_departments_of_two_cities_are_two_nodes(seed_paths: list[Path]) -> None:
    graph = build_graph([*seed_paths, FIXTURE])
    ndrc = sorted(n.name for n in graph.nodes if n.label is Label.DEPARTMENT and n.name.endswith("发展和改革委员会"))
    assert ndrc == ["澄江市发展和改革委员会", "青岛市发展和改革委员会"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2030年，城市轨道交通运营里程达到500公里。", [("城市轨道交通运营里程", "达到", "500", "公里", None, 2030)]),
        ("2027年前，全市新增就业不少于12万人。", [("新增就业", "不少于", "12", "万人", None, 2027)]),
        ("到“十四五”末，研发投入年均增长10%以上。", [("研发投入", "年均增长", "10", "%", "以上", 2025)]),
        ("共8大部分33条，设立6个专班。", []),
        ("联系电话：85911451。2018年6月召开峰会。", []),
        ("到2026年，城市综合竞争力明显提升。", []),
        ("GDP达到1.5万亿元。", []),  # no target year
    ],
)
def test_target_rules(sentence: str, expected: list[tuple]) -> None:
    found = [(t.name, t.comparator, t.value, t.unit, t.hedge, t.target_year) for t in find_targets(sentence)]
    assert found == expected


@pytest.mark.parametrize(
    ("original", "joined"),
    [
        ("2021年10月，习近平总书记视察山\n\n东，作出指示。", "视察山东，"),
        ("同时制定了《五年规\n\n划》和《三年行动方案》。", "《五年规划》"),
        ("承载城市未来梦想\n\n青岛顶格推进。", "梦想\n青岛"),
    ],
)
def test_page_breaks_rejoin_words_but_not_paragraphs(original: str, joined: str) -> None:
    mapped = normalise(original, get_tokenizer().joins_word)
    assert joined in mapped.text


_plan_alphabet = st.sampled_from(list("到年达超过突破提高万亿元%，。、；：“”《》在的打造上聚焦市局委专班0123456789.\n\r 青岛城市目标总")) | st.characters(blacklist_categories=("Cs",))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=_plan_alphabet, min_size=1, max_size=300), prefixed=st.booleans())
def test_arbitrary_text_never_crashes_and_every_offset_quotes(tmp_path_factory, text: str, prefixed: bool) -> None:
    path = tmp_path_factory.mktemp("h") / "doc.txt"
    body = ("青岛市在现代产业先行城市的打造上，" if prefixed else "") + text
    path.write_text(body, encoding="utf-8")
    original = path.read_bytes().decode("utf-8")  # no newline translation: offsets are into the bytes' text
    try:
        graph = build_graph([path])
    except LoaderError as exc:  # a clean refusal (e.g. control bytes) is fine; it names the file
        assert "doc.txt" in str(exc)
        return
    for item in [*graph.nodes, *graph.edges]:
        for m in item.mentions:
            assert original[m.start : m.end] == m.text
            assert original[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=_plan_alphabet, max_size=200))
def test_normalise_maps_every_character_back(text: str) -> None:
    mapped = normalise(text, get_tokenizer().joins_word)
    assert len(mapped.origin) == len(mapped.text)
    assert list(mapped.origin) == sorted(mapped.origin)
    for i, ch in enumerate(mapped.text):
        src = text[mapped.origin[i]]
        assert ch == src or ch == "\n" or src in ",;:()!?０１２３４５６７８９％．"
