"""Figures of the genre, sentence by sentence: targets, reported figures, numbers, traps.

Every expected value is read off the sentence itself (made up in the genre, or quoted from
the development set of other cities' plans); none is taken from the code under test.
"""

from __future__ import annotations

import pytest

from loaders.rules.figures import find_figures
from loaders.rules.indicators import find_targets
from loaders.rules.quantities import find_quantities
from loaders.rules.timescope import TimeScope


def targets(sentence: str, scope: TimeScope | None = None, target_list: bool = False) -> list[tuple]:
    return [(t.name, t.comparator, t.value, t.unit, t.hedge, t.target_year)
            for t in find_targets(sentence, scope, target_list=target_list)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A: name + comparator + quantity, hedge after the number wins over 力争 before it
        ("到2030年，全社会研发投入强度达到3.5%以上，全员劳动生产率达到30万元/人左右。",
         [("全社会研发投入强度", "达到", "3.5", "%", "以上", 2030), ("全员劳动生产率", "达到", "30", "万元/人", "左右", 2030)]),
        ("力争规上工业单位增加值能耗下降3.2%左右。", []),  # no deadline, no scope: not a target
        # B: count verb + name + quantity; C: count verb + quantity + name
        ("到2026年，新建5G基站1万个，建设和改造城镇地下管网4000公里以上。",
         [("5G基站", "新建", "1", "万个", None, 2026), ("城镇地下管网", "改造", "4000", "公里", "以上", 2026)]),
        ("到2025年，重点引进100名市管企业中高级经营管理人才，选拔100名正职后备人才、200名副职后备人才。",
         [("市管企业中高级经营管理人才", "引进", "100", "名", None, 2025), ("正职后备人才", "选拔", "100", "名", None, 2025),
          ("副职后备人才", "选拔", "200", "名", None, 2025)]),
        # a list shares its verb; 分别 pairs names with values; 双双 gives each the value
        ("到2027年，全区高新技术企业和科技型企业分别超过90家和870家。",
         [("高新技术企业", "超过", "90", "家", None, 2027), ("科技型企业", "超过", "870", "家", None, 2027)]),
        ("到2027年，规上工业营收和税收双双突破1000亿元。",
         [("规上工业营收", "突破", "1000", "亿元", None, 2027), ("税收", "突破", "1000", "亿元", None, 2027)]),
        # Chinese numerals, 翻番, 成, grades naming their group
        ("到2025年，新建百场以上活动，培育两个国家级集群，研发投入翻一番，农业机械化率达到八成。",
         [("活动", "新建", "100", "场", "以上", 2025), ("国家级集群", "培育", "2", "个", None, 2025),
          ("研发投入", "翻一番", "2", "倍", None, 2025), ("农业机械化率", "达到", "80", "%", None, 2025)]),
        ("到2025年，打造形成4个万亿级、4个五千亿级产业集群。",
         [("万亿级产业集群", "形成", "4", "个", None, 2025), ("五千亿级产业集群", "形成", "4", "个", None, 2025)]),
        # upper bounds and 目标N
        ("到2025年，城镇调查失业率控制在5.5%以内，全市GDP目标5000亿元。",
         [("城镇调查失业率", "控制在", "5.5", "%", "以内", 2025), ("GDP", "目标", "5000", "亿元", None, 2025)]),
        # from-to with a deadline: the start is a reported figure, the end the target
        ("到2025年全省制造业比重由2020年的32.7%提高至33.3%左右。", [("制造业比重", "提高至", "33.3", "%", "左右", 2025)]),
        # a later bare year after a deadline starts the next deadline
        ("提出到2020年数字经济总量占GDP比重达40%以上，2022年数字经济总量占GDP比重达45%以上。",
         [("数字经济总量占GDP比重", "达", "40", "%", "以上", 2020), ("数字经济总量占GDP比重", "达", "45", "%", "以上", 2022)]),
    ],
)
def test_targets_in_the_genre_shapes(sentence: str, expected: list[tuple]) -> None:
    assert targets(sentence) == expected


def test_a_verbless_list_is_a_target_list_only_under_a_target_heading() -> None:
    scope = TimeScope(2026, "2026年工作安排", "heading")
    sentence = "城镇新增就业60万人左右，城镇调查失业率5.5%左右。"
    assert targets(sentence, scope, target_list=True) == [
        ("城镇就业", "新增", "60", "万人", "左右", 2026),
        ("城镇调查失业率", None, "5.5", "%", "左右", 2026),
    ]
    assert targets("城镇调查失业率5.5%左右。", None) == []


def test_shared_growth_list_cites_its_neighbour_so_a_bare_value_is_not_confused() -> None:
    sentence = "其中一二三产增加值分别增长3.5%左右、6%左右、5%左右。"
    found = find_targets(sentence, TimeScope(2026, "2026年工作安排", "heading"))
    assert [(t.value, sentence[t.start : t.end]) for t in found] == [
        ("3.5", "一二三产增加值分别增长3.5%左右"), ("6", "3.5%左右、6%左右"), ("5", "6%左右、5%左右")]


@pytest.mark.parametrize(
    "sentence",
    [
        "《实施意见》共8大部分33条，设立6个专班，提出到2026年城市综合竞争力明显提升。",  # counts, not targets
        "联系电话：0532-85911451，建政函〔2025〕20号。",  # phone number, document number
        "到2025年，深入实施“465”工程和“5+5+1”体系、“33618”行动，位居全国第3位。",  # programme codes, ordinal
        "索引号 210301192849673286，2018年6月召开峰会。",  # index number, date
        "到2026年，培育一批具有核心竞争力的产业集群。",  # 一批 is not a count
    ],
)
def test_numbers_that_are_not_targets(sentence: str) -> None:
    assert targets(sentence) == []


def test_a_count_inside_a_name_stays_in_the_name() -> None:
    found = targets("到2025年，4个地标产业集群营收超过3000亿元。")
    assert found == [("4个地标产业集群营收", "超过", "3000", "亿元", None, 2025)]


@pytest.mark.parametrize(
    ("sentence", "value", "past"),
    [
        ("人均地区生产总值从2020年的10.5万元提高到2025年的14万元左右。", "10.5", True),  # the start of a from-to pair
        ("2024年，全市地区生产总值比上年增长6.1%。", "6.1", True),  # 比上年
        ("截止2018年底，全市高新技术企业达285家。", "285", True),  # 截止
        ("南昌还先后引进了3个智能制造工厂。", "3", True),  # 引进了: done
    ],
)
def test_past_wording_is_flagged(sentence: str, value: str, past: bool) -> None:
    figure = next(f for f in find_figures(sentence) if f.quantity.value == value)
    assert figure.past is past


def test_a_year_before_the_deadline_makes_a_reported_figure_not_a_target() -> None:
    # the paragraph reports 2024 while the document plans for 2025 (合肥's 计划执行情况与计划草案)
    scope = TimeScope(2025, "2025年计划草案", "section")
    assert targets("2024年合肥新增新能源装机120万千瓦。", scope) == []
    assert targets("新增新能源装机超210万千瓦。", scope) == [("新增新能源装机", "超", "210", "万千瓦", None, 2025)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8—10个", [("8", "10", "个", None)]),
        ("35%至40%", [("35", "40", "%", None)]),
        ("2,500万吨", [("2,500", None, "万吨", None)]),
        ("1/3左右", [("0.3333", None, None, "左右")]),
        ("8683、9776家", [("8683", None, "家", None), ("9776", None, "家", None)]),  # one unit for the list
        ("5G基站", []),
        ("〔2024〕", [("2024", None, None, None)]),  # a number; the figure rules refuse it (see above)
    ],
)
def test_quantities(text: str, expected: list[tuple]) -> None:
    assert [(q.value, q.value_max, q.unit, q.hedge) for q in find_quantities(text)] == expected


def test_reported_shares_and_levels_name_their_subject() -> None:
    figures = find_figures("2024年，青岛全市实现海洋生产总值5513.2亿元，比上年增长6.2%，占全市地区生产总值的33%。")
    assert [(f.name, f.comparator, f.quantity.value, f.quantity.unit, f.past) for f in figures] == [
        ("海洋生产总值", "实现", "5513.2", "亿元", False),
        ("海洋生产总值增长", "增长", "6.2", "%", True),
        ("海洋生产总值占全市地区生产总值比重", "占", "33", "%", False),
    ]


def test_parallel_lists_complete_their_shared_head() -> None:
    figures = find_figures("港口货物、集装箱吞吐量分别达到7.1亿吨、3087万标箱。")
    assert [(f.name, f.quantity.value, f.quantity.unit) for f in figures] == [
        ("港口货物吞吐量", "7.1", "亿吨"), ("集装箱吞吐量", "3087", "万标箱")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2024年，全市实现海洋生产总值5513.2亿元，分别占全国、全省海洋生产总值的5.2%和30.6%。",
         [("海洋生产总值", "5513.2", "亿元"), ("海洋生产总值占全国海洋生产总值比重", "5.2", "%"),
          ("海洋生产总值占全省海洋生产总值比重", "30.6", "%")]),
        ("五年累计使用外资186亿美元、占全省的22.6%。", [("外资", "186", "亿美元"), ("外资占全省比重", "22.6", "%")]),
        ("2024年技术合同交易额较2020年增长147%。", [("技术合同交易额", "147", "%")]),
        ("2025年，全市城镇污水处理率为96%，耕地保有量为40.2万亩，PM2.5平均浓度为32微克/立方米。",
         [("城镇污水处理率", "96", "%"), ("耕地保有量", "40.2", "万亩"), ("PM2.5平均浓度", "32", "微克/立方米")]),
        ("到2025年，铁水联运量达到0.21亿吨，物流成本占GDP比重为12.5%。",
         [("铁水联运量", "0.21", "亿吨"), ("物流成本占GDP比重", "12.5", "%")]),
        ("城镇和农村常住居民人均可支配收入分别增长4%左右和6%左右。",
         [("城镇常住居民人均可支配收入", "4", "%"), ("农村常住居民人均可支配收入", "6", "%")]),
    ],
)
def test_reported_figures_of_real_reports_are_named_by_what_they_measure(sentence: str, expected: list[tuple]) -> None:
    assert [(f.name, f.quantity.value, f.quantity.unit) for f in find_figures(sentence)] == expected
