"""The document model and the time scope: which year governs a sentence, and from where."""

from __future__ import annotations

import pytest

from loaders.rules.timescope import (
    TimeScope,
    deadlines,
    document_scopes,
    horizons,
    plan_periods,
    programme_year,
)
from loaders.structure import (
    LEVEL_CIRCLED,
    LEVEL_CN,
    LEVEL_NUMBERED,
    LEVEL_PAREN_CN,
    LEVEL_PAREN_DIGIT,
    BlockKind,
    parse_structure,
)


def scopes_of(text: str, title: str = "") -> dict[str, TimeScope]:
    structure = parse_structure(text)
    found = document_scopes(structure, title)
    return {s.text: found[n] for n, s in enumerate(structure.sentences) if n in found}


def test_outline_levels_and_parents() -> None:
    text = ("实施方案\n一、重点任务\n（一）建设算力基础设施。新建城市算力中心2个。\n1.城市算力中心。建设2个。\n"
            "（1）东区中心。\n①一期工程。\n——建设数字城市。\n二、保障措施")
    s = parse_structure(text)
    levels = [(b.kind, b.level, b.head) for b in s.blocks]
    assert levels == [
        (BlockKind.TITLE, None, None),
        (BlockKind.HEADING, LEVEL_CN, "重点任务"),
        (BlockKind.PARAGRAPH, LEVEL_PAREN_CN, "建设算力基础设施"),  # a run-in head: a sentence follows
        (BlockKind.NUMBERED, LEVEL_NUMBERED, "城市算力中心"),
        (BlockKind.PARAGRAPH, LEVEL_PAREN_DIGIT, "东区中心"),
        (BlockKind.PARAGRAPH, LEVEL_CIRCLED, "一期工程"),
        (BlockKind.PARAGRAPH, LEVEL_NUMBERED, "建设数字城市"),
        (BlockKind.HEADING, LEVEL_CN, "保障措施"),
    ]
    assert list(s.parents) == [None, None, 1, 2, 3, 4, 2, None]
    assert s.ancestors(5) == [4, 3, 2, 1]
    assert s.section_end(1) == 7


def test_a_lead_in_ending_with_a_colon_is_not_a_heading() -> None:
    s = parse_structure("标题\n围绕实现上述目标，重点抓好以下工作：\n（一）扩大有效投资。全年实施重点项目200个。")
    assert s.blocks[1].kind is BlockKind.PARAGRAPH


def test_a_bracketed_responsibility_tail_is_not_part_of_the_run_in_head() -> None:
    s = parse_structure("标题\n一、科技创新政策(由市科技局牵头实施)")
    assert s.blocks[1].head == "科技创新政策"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2025年，A", [(2025, None)]),
        ("力争到2030年底，A", [(2030, "力争")]),
        ("2027年前，A", [(2027, None)]),
        ("到“十四五”末，A", [(2025, None)]),
        ("到二〇二五年，A", [(2025, None)]),
        ("到二○三五年，A", [(2035, None)]),
        ("2020-2025年，工业用地比例不低于30%", [(2025, None)]),
        ("预计到2022年，A", [(2022, None)]),  # 预计 is no hedge of the target
        ("从2020年的10.5万元提高到2025年的14万元", []),  # the end of a reported change
        ("截止2018年底，A", []),  # a reporting date
    ],
)
def test_deadlines(text: str, expected: list[tuple]) -> None:
    assert [(p.year, p.hedge) for p in deadlines(text)] == expected


@pytest.mark.parametrize(
    ("text", "year"),
    [("三、2026年工作安排", 2026), ("2025年主要预期目标", 2025), ("二、“十五五”时期的主要目标任务", 2030), ("2024年工作回顾", None)],
)
def test_programme_years(text: str, year: int | None) -> None:
    found = programme_year(text)
    assert (found.year if found else None) == year


def test_horizons_resolve_through_a_period_named_before_them() -> None:
    text = "会议印发了《仙桃市国民经济和社会发展第十四个五年规划纲要》，确定今后五年的主要发展目标：地区生产总值超过1200亿元。"
    structure = parse_structure(text)
    periods = plan_periods(structure, "")
    assert [p.year for p in horizons(text, periods)] == [2025]
    # a three-year horizon has no five-year period to end with, and 5年内 states a span only
    assert [p.year for p in horizons("未来三年数字经济占比超过50%", periods)] == [None]
    assert [(p.year, p.text) for p in horizons("5年内重点引进100名人才", periods)] == [(None, "5年内")]
    # a period named only after the horizon does not resolve it
    later = parse_structure("通过3年攻坚，亩均税收达到37万元。《行动方案（2021—2023年）》印发。")
    assert [p.year for p in horizons("通过3年攻坚，亩均税收达到37万元。", plan_periods(later, ""))] == [None]
    earlier = parse_structure("《行动方案（2021—2023年）》印发。通过3年攻坚，亩均税收达到37万元。")
    assert [p.year for p in horizons("通过3年攻坚", plan_periods(earlier, ""), base=20)] == [2023]


def test_a_deadline_governs_the_rest_of_its_paragraph_and_an_opening_one_the_text_to_the_next_heading() -> None:
    found = scopes_of("标题\n到2026年，全市地区生产总值达2万亿。城乡居民人均可支配收入达8万元。\n另一段，收入达9万元。\n"
                      "二、其他\n再一段，收入达10万元。")
    assert found["城乡居民人均可支配收入达8万元。"] == TimeScope(2026, "到2026年", "paragraph")
    assert found["另一段，收入达9万元。"] == TimeScope(2026, "到2026年", "section")
    assert "再一段，收入达10万元。" not in found
    # a deadline in the middle of a paragraph governs only that paragraph
    middle = scopes_of("标题\n全市发展良好，到2026年，地区生产总值达2万亿。\n另一段，收入达9万元。")
    assert "另一段，收入达9万元。" not in middle


def test_the_lead_paragraph_of_a_section_scopes_its_subsections() -> None:
    text = ("标题\n一、把握目标要求\n努力把长沙建设成为现代化城市。到2026年，高质量发展主要指标居全国前列。\n"
            "（一）综合竞争力大幅提升。地区生产总值达2万亿左右。\n二、主要任务\n（一）推进项目。建成项目10个。")
    found = scopes_of(text)
    assert found["地区生产总值达2万亿左右。"] == TimeScope(2026, "到2026年", "section")
    assert "建成项目10个。" not in found  # the next section is out of its reach


def test_a_heading_year_scopes_its_section_and_an_unnumbered_one_the_text_below() -> None:
    text = "标题\n三、2026年工作安排\n主要预期目标是：地区生产总值增长5%左右。\n2025年重点工作\n（一）扩大有效投资。实施重点项目200个。"
    found = scopes_of(text)
    assert found["主要预期目标是：地区生产总值增长5%左右。"].year == 2026
    assert found["主要预期目标是：地区生产总值增长5%左右。"].source == "heading"
    assert found["实施重点项目200个。"] == TimeScope(2025, "2025年重点工作", "heading")


def test_a_plans_title_period_scopes_its_items_but_a_reports_does_not_count_as_a_plan() -> None:
    plan = scopes_of("澄江市数字经济三年行动方案（2024—2026年）\n二、重点任务\n（一）新建城市算力中心2个。",
                     "澄江市数字经济三年行动方案（2024—2026年）")
    assert plan["（一）新建城市算力中心2个。"] == TimeScope(2026, "2024—2026年", "title", plan=True)
    report = scopes_of("“十四五”时期发展成就回顾\n全市生产总值年均增长6%。", "“十四五”时期发展成就回顾")
    assert report["全市生产总值年均增长6%。"].plan is False
