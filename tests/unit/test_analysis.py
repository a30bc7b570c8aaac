"""``graph.research.analysis``: the notebooks' research tables, checked value by value.

Two graphs: the seed documents (``seed_graph``), whose answers are written out by hand from
the two texts, and a tiny hand-made graph for the cases the seeds do not have (a positioning
without indicators, a task with no way up, an edge without a basis, two owners of one name).
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from graph.embedded.nx_store import NetworkxStore
from graph.model import Edge, Label, Node, PlanGraph, RelType
from graph.research import analysis, plots

GOAL = "建设新时代社会主义现代化国际大都市"
OCEAN = "引领型现代海洋城市"
POSITIONINGS_IN_ORDER = [
    "现代产业先行城市",
    "引领型现代海洋城市",
    "国际化创新型城市",
    "国际门户枢纽城市",
    "宜居宜业宜游高品质湾区城市",
    "现代化治理样板城市",
]
KEY_TASKS = {
    "出高水平开放，服务构建新发展格局",  # sic: the source reads "1.出高水平开放"
    "突出高质量发展，实现经济进位争先",
    "突出高效能治理，建设现代化国际大都市",
    "突出高品质生活，建设美丽时尚幸福青岛",
    "突出市场化改革，打造高效法治安全环境",
}


def _values(frame: pd.DataFrame) -> list[list[object]]:
    """Rows as lists, missing values (NaN / NA, as pandas stores ``None``) as ``None``."""
    return [[None if pd.isna(v) else v for v in row] for row in frame.astype(object).values.tolist()]


@pytest.fixture(scope="module")
def seed(seed_graph: PlanGraph) -> NetworkxStore:
    return NetworkxStore(seed_graph)


# --- the seed graph ------------------------------------------------------------------------


def test_all_nodes_pages_through_the_store(seed: NetworkxStore) -> None:
    tasks = analysis.all_nodes(seed, Label.TASK)
    assert len(tasks) == 140
    assert [(t.name, t.id) for t in tasks] == sorted((t.name, t.id) for t in tasks)


def test_ownership_frame_is_owners_by_indicators_with_bases(seed: NetworkxStore) -> None:
    frame = analysis.ownership_frame(seed)
    assert frame.shape == (18, 17)
    assert frame.index.name == "owner" and frame.columns.name == "indicator"
    assert frame.index[0] == "“六个城市”领导小组"
    assert frame.columns[0] == "人才总量"
    values = frame.to_numpy().ravel().tolist()
    assert {v: values.count(v) for v in set(values)} == {"": 272, "inferred": 28, "presented": 6}
    ocean = frame.loc["青岛市海洋发展局"]
    assert ocean[ocean != ""].to_dict() == {
        "海洋生产总值占GDP比重": "presented",
        "港口货物吞吐量": "presented",
        "集装箱吞吐量": "presented",
    }
    assert frame.loc["青岛市科学技术局", "研发经费投入强度"] == "inferred"
    # the NDRC answers for the goal, not for a positioning, so it owns no indicator here
    assert set(frame.loc["青岛市发展和改革委员会"]) == {""}


def test_ownership_frame_by_id(seed: NetworkxStore) -> None:
    frame = analysis.ownership_frame(seed, by="id")
    assert frame.loc["dept-43f79ae787b9", "ind-8814c82146f1"] == "presented"
    assert all(column.startswith("ind-") for column in frame.columns)


def test_basis_scores(seed: NetworkxStore) -> None:
    scores = analysis.basis_scores(analysis.ownership_frame(seed))
    assert scores.shape == (18, 17)
    assert set(scores.dtypes) == {scores.dtypes.iloc[0]} and scores.dtypes.iloc[0].kind == "i"
    assert int(scores.to_numpy().sum()) == 28 * 1 + 6 * 2
    assert scores.loc["青岛市商务局", "货物进出口总额"] == 2
    assert scores.loc["青岛市公安局", "营商环境综合评比"] == 1
    assert scores.loc["青岛市发展和改革委员会", "人才总量"] == 0


def test_ladder_frame_has_every_path_of_every_task(seed: NetworkxStore) -> None:
    frame = analysis.ladder_frame(seed)
    assert frame.shape == (226, 10)
    assert frame["id"].nunique() == 140
    assert (frame["steps"] > 0).all()
    assert frame["path"].str.endswith(f" → {GOAL}").all()
    drug = frame[frame["name"] == "实施“蓝色药库”开发计划"]
    assert drug.drop(columns="id").to_dict("records") == [
        {
            "name": "实施“蓝色药库”开发计划",
            "kind": "action",
            "positioning": OCEAN,
            "steps": 2,
            "path": f"实施“蓝色药库”开发计划 → {OCEAN} → {GOAL}",
            "types": "SUPPORTS → REALIZES",
            "bases": "stated → stated",
            "weakest": "stated",
            "confidence": 1.0,
        }
    ]
    assert frame["weakest"].value_counts().to_dict() == {"inferred": 173, "stated": 53}


def test_ladder_frame_of_a_sub_task_climbs_by_inference(seed: NetworkxStore) -> None:
    frame = analysis.ladder_frame(seed)
    rows = frame[frame["name"] == "完善养老服务体系"]
    assert rows["path"].tolist() == [
        f"完善养老服务体系 → 突出高效能治理，建设现代化国际大都市 → {GOAL}",
        f"完善养老服务体系 → 突出高效能治理，建设现代化国际大都市 → 宜居宜业宜游高品质湾区城市 → {GOAL}",
        f"完善养老服务体系 → 突出高效能治理，建设现代化国际大都市 → 现代化治理样板城市 → {GOAL}",
        f"完善养老服务体系 → 突出高效能治理，建设现代化国际大都市 → 国际化创新型城市 → {GOAL}",
    ]  # ladder order: length, then the ids along the path (pos-0040… < pos-0351… < pos-3c1e…)
    assert rows["bases"].tolist()[0] == "stated → inferred"
    assert _values(rows[["positioning", "confidence"]]) == [
        [None, 0.31],
        ["宜居宜业宜游高品质湾区城市", 0.31],
        ["现代化治理样板城市", 0.35],
        ["国际化创新型城市", 0.27],
    ]


def test_indicator_frame_by_positioning_with_normalised_units(seed: NetworkxStore) -> None:
    frame = analysis.indicator_frame(seed)
    assert frame.shape == (17, 14)
    assert frame["positioning"].unique().tolist() == POSITIONINGS_IN_ORDER
    assert frame.groupby("positioning", sort=False).size().tolist() == [3, 3, 3, 3, 3, 2]
    assert set(frame["measures_label"]) == {"CityPositioning"}
    assert set(frame["target_year"]) == {2026}
    trade = frame[frame["indicator"] == "货物进出口总额"].iloc[0]
    assert (trade["value"], trade["unit"], trade["base_value"], trade["base_unit"]) == ("1.3", "万亿元", 1.3e12, "元")
    assert (trade["comparator"], trade["positioning"], trade["order"]) == ("超过", "国际门户枢纽城市", 4)
    ranking = frame[frame["indicator"] == "营商环境综合评比"].iloc[0]
    assert (ranking["comparator"], ranking["hedge"], ranking["rank_scope"], ranking["base_value"]) == ("前", "力争", "全国", 5.0)
    digital = frame[frame["indicator"] == "数字经济核心产业增加值占GDP比重"].iloc[0]
    assert (digital["hedge"], digital["base_unit"]) == ("左右", "%")
    assert frame[frame["indicator"] == "使用外资"].iloc[0]["base_value"] == 7.5e9


def test_unowned_tasks_are_the_outline_tasks(seed: NetworkxStore) -> None:
    tasks = analysis.unowned(seed)
    assert len(tasks) == 87
    kinds = analysis.nodes_frame(tasks, ["kind"])["kind"].value_counts().to_dict()
    assert kinds == {"sub_task": 82, "key_task": 5}
    assert KEY_TASKS <= {t.name for t in tasks}
    assert "实施“蓝色药库”开发计划" not in {t.name for t in tasks}
    assert [(t.name, t.id) for t in tasks] == sorted((t.name, t.id) for t in tasks)


def test_every_seed_positioning_has_indicators(seed: NetworkxStore) -> None:
    assert analysis.positionings_without_indicators(seed) == []


def test_degree_frame_ranks_departments(seed: NetworkxStore) -> None:
    frame = analysis.degree_frame(seed)
    assert frame.columns.tolist() == [
        "id", "name", "label", "degree", "in_degree", "out_degree", "RESPONSIBLE_FOR", "HOLDS_ROLE", "DRAFTED_BY",
    ]
    assert len(frame) == 10
    assert frame[["name", "degree"]].head(3).values.tolist() == [
        ["青岛市发展和改革委员会", 6],
        ["青岛市商务局", 3],
        ["青岛市海洋发展局", 3],
    ]
    ndrc = frame.iloc[0]
    assert (ndrc["in_degree"], ndrc["out_degree"], ndrc["RESPONSIBLE_FOR"], ndrc["HOLDS_ROLE"], ndrc["DRAFTED_BY"]) == (3, 3, 3, 2, 1)
    assert frame["name"].tail(2).tolist() == ["青岛市人民政府办公厅", "青岛市人民政府新闻办公室"]
    assert frame["degree"].tail(2).tolist() == [0, 0]


def test_degree_frame_of_task_forces(seed: NetworkxStore) -> None:
    frame = analysis.degree_frame(seed, [Label.TASK_FORCE])
    assert len(frame) == 8
    assert set(frame["degree"]) == {1}
    assert frame.columns.tolist()[-1] == "RESPONSIBLE_FOR"


def test_held_only_by_inferred_is_the_outline(seed: NetworkxStore) -> None:
    held = analysis.held_only_by_inferred(seed)
    assert len(held) == 87
    assert {n.label for n in held} == {Label.TASK}
    assert {n.id for n in held} == {n.id for n in analysis.unowned(seed)}
    everything = analysis.held_only_by_inferred(seed, types=None)
    counts = analysis.nodes_frame(everything)["label"].value_counts().to_dict()
    # along every type, the inferred RESPONSIBLE_FOR edges also hold 4 departments and 6 专班
    assert counts == {"Task": 87, "TaskForce": 6, "Department": 4}


def test_inferred_edge_frame_names_what_each_edge_holds(seed: NetworkxStore) -> None:
    frame = analysis.inferred_edge_frame(seed)
    assert len(frame) == 9
    assert set(frame["type"]) == {"ADVANCES"}
    assert frame["reason"].str.startswith("inferred across documents").all()
    assert frame[["source", "target", "holds"]].values.tolist()[:4] == [
        ["突出高效能治理，建设现代化国际大都市", "国际化创新型城市", 23],
        ["突出高效能治理，建设现代化国际大都市", "宜居宜业宜游高品质湾区城市", 23],
        ["突出高效能治理，建设现代化国际大都市", GOAL, 23],
        ["突出高效能治理，建设现代化国际大都市", "现代化治理样板城市", 23],
    ]
    assert frame["holds"].tolist()[4:] == [19, 17, 17, 15, 13]
    assert frame.iloc[0]["confidence"] == 0.27
    every = analysis.inferred_edge_frame(seed, types=None)
    assert len(every) == 19
    assert every["type"].value_counts().to_dict() == {"RESPONSIBLE_FOR": 10, "ADVANCES": 9}


# --- a tiny hand-made graph ----------------------------------------------------------------


def _node(node_id: str, label: Label, name: str, **properties: object) -> Node:
    return Node(id=node_id, label=label, name=name, properties=properties)  # type: ignore[arg-type]


def _edge(source: str, target: str, rel: RelType, **properties: object) -> Edge:
    return Edge(source=source, target=target, type=rel, properties=properties)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def tiny() -> NetworkxStore:
    nodes = [
        _node("g", Label.GOAL, "目标"),
        _node("p1", Label.CITY_POSITIONING, "甲城市", order=1),
        _node("p2", Label.CITY_POSITIONING, "乙城市", order=2),
        _node("i1", Label.INDICATOR, "指标一", value="2", unit="万亿元", base_value=2e12, base_unit="元", comparator="超过", target_year=2030),
        _node("i2", Label.INDICATOR, "指标二", comparator="达到"),
        _node("i3", Label.INDICATOR, "孤立指标"),
        _node("t1", Label.TASK, "任务一", kind="action"),
        _node("t2", Label.TASK, "任务二", kind="key_task"),
        _node("t3", Label.TASK, "孤立任务", kind="sub_task"),
        _node("d1", Label.DEPARTMENT, "同名局"),
        _node("d2", Label.DEPARTMENT, "同名局"),
    ]
    edges = [
        _edge("p1", "g", RelType.REALIZES, basis="stated", confidence=1.0),
        _edge("p2", "g", RelType.REALIZES, basis="stated", confidence=1.0),
        _edge("i1", "p1", RelType.MEASURES, basis="stated", confidence=1.0),
        _edge("i2", "g", RelType.MEASURES, basis="stated", confidence=1.0),
        _edge("t1", "p1", RelType.SUPPORTS, basis="stated", confidence=1.0),
        _edge("t2", "p2", RelType.ADVANCES),  # no basis: counts as inferred
        _edge("d1", "p1", RelType.RESPONSIBLE_FOR, basis="presented", confidence=0.8),
        _edge("d2", "i2", RelType.RESPONSIBLE_FOR, basis="stated", confidence=1.0),
    ]
    return NetworkxStore(PlanGraph(nodes=nodes, edges=edges))


def test_tiny_ownership_frame_disambiguates_equal_names(tiny: NetworkxStore) -> None:
    frame = analysis.ownership_frame(tiny)
    assert frame.index.tolist() == ["同名局 (d1)", "同名局 (d2)"]
    assert frame.columns.tolist() == ["孤立指标", "指标一", "指标二"]
    assert frame.values.tolist() == [["", "presented", ""], ["", "", "stated"]]
    assert analysis.basis_scores(frame).values.tolist() == [[0, 2, 0], [0, 0, 3]]


def test_tiny_ladder_frame_keeps_tasks_without_a_way_up(tiny: NetworkxStore) -> None:
    frame = analysis.ladder_frame(tiny)
    assert _values(frame[["name", "steps", "path", "bases", "weakest"]]) == [
        ["任务一", 2, "任务一 → 甲城市 → 目标", "stated → stated", "stated"],
        ["任务二", 2, "任务二 → 乙城市 → 目标", "inferred → stated", "inferred"],
        ["孤立任务", 0, "", "", None],
    ]
    # 任务二's ADVANCES edge has no confidence: the path's lowest known one is REALIZES' 1.0
    assert frame["confidence"].tolist()[:2] == [1.0, 1.0] and pd.isna(frame["confidence"].iloc[2])


def test_tiny_indicator_frame_puts_goal_and_unmeasured_last(tiny: NetworkxStore) -> None:
    frame = analysis.indicator_frame(tiny)
    assert _values(frame[["positioning", "measures_label", "indicator"]]) == [
        ["甲城市", "CityPositioning", "指标一"],
        ["目标", "Goal", "指标二"],
        [None, None, "孤立指标"],
    ]
    assert frame["order"].tolist()[0] == 1 and pd.isna(frame["order"].tolist()[1])
    assert frame.iloc[0]["base_value"] == 2e12 and frame.iloc[0]["target_year"] == 2030


def test_tiny_gaps(tiny: NetworkxStore) -> None:
    assert [n.name for n in analysis.positionings_without_indicators(tiny)] == ["乙城市"]
    assert [n.id for n in analysis.unowned(tiny)] == ["t2", "t3"]
    assert [n.id for n in analysis.unowned(tiny, Label.INDICATOR)] == ["i3"]
    assert [n.id for n in analysis.held_only_by_inferred(tiny)] == ["t2"]
    edges = analysis.inferred_edge_frame(tiny)
    assert _values(edges[["source", "type", "target", "confidence", "reason", "holds"]]) == [
        ["任务二", "ADVANCES", "乙城市", None, None, 1],
    ]


def test_tiny_degree_frame_breaks_ties_by_name_then_id(tiny: NetworkxStore) -> None:
    frame = analysis.degree_frame(tiny)
    assert frame[["id", "degree", "RESPONSIBLE_FOR"]].values.tolist() == [["d1", 1, 1], ["d2", 1, 1]]


def test_nodes_frame_of_nothing() -> None:
    assert analysis.nodes_frame([], ["kind"]).columns.tolist() == ["id", "label", "name", "kind"]


# --- plotting ------------------------------------------------------------------------------


def test_heatmap_without_a_font_uses_ascii_keys(seed: NetworkxStore) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scores = analysis.basis_scores(analysis.ownership_frame(seed))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no missing-glyph warning: nothing Chinese is drawn
        ax, legend = plots.plot_basis_heatmap(scores, font=None)
        ax.figure.canvas.draw()
    try:
        assert [t.get_text() for t in ax.get_xticklabels()] == [f"I{j}" for j in range(1, 18)]
        assert [t.get_text() for t in ax.get_yticklabels()] == [f"O{i}" for i in range(1, 19)]
        assert legend.shape == (35, 3)
        assert legend.iloc[0].tolist() == ["O1", "row", "“六个城市”领导小组"]
        assert legend.iloc[18].tolist() == ["I1", "column", "人才总量"]
        assert ax.images[0].get_array().max() == 2
    finally:
        plt.close(ax.figure)


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_heatmap_with_a_font_uses_the_labels(seed: NetworkxStore) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scores = analysis.basis_scores(analysis.ownership_frame(seed))
    font = plots.cjk_font() or "DejaVu Sans"  # without a CJK font the glyphs are boxes, the text the same
    ax, _ = plots.plot_basis_heatmap(scores, font=font)
    try:
        assert ax.get_xticklabels()[0].get_text() == "人才总量"
        assert ax.get_yticklabels()[-1].get_text() == "青岛市科学技术局"
    finally:
        plt.close(ax.figure)


def test_cjk_font_finds_a_family_or_none() -> None:
    font = plots.cjk_font()
    assert font is None or isinstance(font, str)
    assert plots.cjk_font("abc") is not None  # every font draws ASCII
    assert plots.cjk_font("\U000f0000") is None  # a private-use plane no real font covers
    assert font is None or "Last Resort" not in font  # its "glyphs" are placeholder boxes
