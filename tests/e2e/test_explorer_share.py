"""The explorer as a researcher shares it, in Debian's headless Chromium (``tests/browser/explorer_share.mjs``).

One walk over the seed graph: the overview says how much of the graph it holds (80 of the 140
tasks are within two hops of the goal), has a legend, draws every label at a readable size and
lists the positionings in the document's order; hiding inferred relationships hides them; a
task's panel shows its 责任单位 (青岛市商务局, whose head presented 国际门户枢纽城市 at the press
conference) with Chinese property names and reasons; the URL's hash reopens the same view in a
fresh page; inferred ladder steps show the words they were inferred from. A second server holds
another city's plan (tests/fixtures/jinghai_plan.txt: 三个城市) and the positioning selector
says so. Screenshots go to tests/artifacts/ (explorer-*.png, jinghai-overview-legend.png).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from graph.embedded.nx_store import NetworkxStore
from graph.model import Label, PlanGraph
from tests.support.browser import (
    ARTIFACTS,
    BROWSER_SCRIPTS,
    png_summary,
    run_browser_script,
    serving,
)
from tests.support.paths import FIXTURES

SCRIPT = BROWSER_SCRIPTS / "explorer_share.mjs"
TASK = "推动青岛港加快建设世界一流海港"
GATEWAY = "国际门户枢纽城市"
# the order 《实施意见》 lists the six positionings in (000_59d890921a0e6d8d.txt)
SEED_POSITIONINGS = [
    "现代产业先行城市",
    "引领型现代海洋城市",
    "国际化创新型城市",
    GATEWAY,
    "宜居宜业宜游高品质湾区城市",
    "现代化治理样板城市",
]


def walk(url: str, prefix: str, **extra: str) -> dict[str, Any]:
    return run_browser_script(SCRIPT, url, timeout=240, PLANKG_ARTIFACTS=str(ARTIFACTS), PLANKG_PREFIX=prefix, **extra)


@pytest.fixture(scope="module")
def seed_walk(explorer_url: str) -> dict[str, Any]:
    return walk(explorer_url, "explorer")


def overview_counts(graph: PlanGraph) -> tuple[int, int]:
    """(tasks within two hops of the goal, tasks in the graph): what the overview holds, by networkx."""
    store = NetworkxStore(graph)
    [goal] = [n for n in graph.nodes if n.label is Label.GOAL]
    near = store.neighbourhood(goal.id, 2).nodes
    return sum(n.label is Label.TASK for n in near), sum(n.label is Label.TASK for n in graph.nodes)


def test_the_overview_says_what_it_holds_has_a_legend_and_readable_labels(
    seed_walk: dict[str, Any], seed_graph: PlanGraph
) -> None:
    overview = seed_walk["overview"]
    shown, total = overview_counts(seed_graph)
    assert (shown, total) == (80, 140)
    assert f"任务 ({shown}/{total})" in overview["filters"]
    assert f"概览含 {shown}/{total} 个任务" in overview["status"]
    assert overview["allOption"] == "全部（6 个城市定位）"
    assert overview["positionings"] == SEED_POSITIONINGS
    legend = overview["legend"]
    assert legend["open"] and legend["headings"] == ["节点", "关系", "依据"]
    assert {"实现", "负责", "虚线：推断的关系"} <= set(legend["items"])
    assert any(item.startswith("推断") and "“推”" in item for item in legend["items"])
    labels = overview["labels"]
    assert min(label["px"] for label in labels) >= 10 - 1e-6
    named = [label for label in labels if label["label"] in {"Goal", "CityPositioning", "Department", "TaskForce"}]
    assert {label["name"] for label in named} >= set(SEED_POSITIONINGS)
    assert min(label["px"] for label in named) >= 12 - 1e-6
    width, height, levels = png_summary(ARTIFACTS / "explorer-overview-legend.png")
    assert (width, height) == (1600, 1000) and levels > 200


def test_a_task_panel_shows_its_owners_in_chinese(seed_walk: dict[str, Any]) -> None:
    panel = seed_walk["taskPanel"]
    assert panel["title"] == TASK and "责任单位" in panel["sections"]
    assert [(o["name"], o["basis"], o["via"]) for o in panel["owners"]] == [
        ("青岛市商务局", "presented", f"经 {GATEWAY}"),
        (f"{GATEWAY}专班", "inferred", f"经 {GATEWAY}"),
    ]
    assert panel["owners"][0]["reason"].startswith("发布会介绍：该部门负责人在发布会上作了介绍")
    assert panel["owners"][1]["reason"].startswith("推断理由：原文为六个城市设立6个专班")
    assert panel["properties"] == ["编号", "城市", "类别"]
    assert not any(re.search(r"[a-z]{4,}", reason["reason"]) for reason in panel["owners"])


def test_hiding_inferred_relationships(seed_walk: dict[str, Any]) -> None:
    assert seed_walk["inferredBefore"] > 0
    assert seed_walk["taskPanel"]["visibleInferred"] == 0 and not seed_walk["taskPanel"]["showInferred"]
    assert seed_walk["ladderPanel"]["visibleInferred"] > 0


def test_the_link_reopens_the_same_view(seed_walk: dict[str, Any]) -> None:
    first, again = seed_walk["taskPanel"], seed_walk["reopened"]
    assert "node=" in first["hash"] and "pos=" in first["hash"] and "inferred=0" in first["hash"]
    for key in (
        "title",
        "owners",
        "selected",
        "positioning",
        "showInferred",
        "search",
        "visibleInferred",
        "hash",
    ):
        assert again[key] == first[key], key
    assert again["selected"] == [TASK] and again["positioning"] == GATEWAY
    width, height, levels = png_summary(ARTIFACTS / "explorer-shared-link.png")
    assert (width, height) == (1600, 1000) and levels > 200


def test_inferred_ladder_steps_show_their_words(seed_walk: dict[str, Any]) -> None:
    terms = seed_walk["ladderPanel"]["sharedTerms"]
    assert "共同词：创新、基础设施 · 置信度 0.27" in terms
    assert len(terms) == 4


def test_another_city_says_its_own_count(tmp_path: Path) -> None:
    from loaders.pipeline import build_graph

    graph = build_graph([FIXTURES / "jinghai_plan.txt"])
    with serving(graph) as url:
        report = walk(url, "jinghai", PLANKG_MODE="overview")
    overview = report["overview"]
    assert overview["allOption"] == "全部（3 个城市定位）"  # the document's 三个城市
    assert overview["positionings"] == [
        "绿色制造强市城市",
        "江海联运枢纽城市",
        "生态宜居典范城市",
    ]
    assert "六个" not in json.dumps(overview, ensure_ascii=False)
