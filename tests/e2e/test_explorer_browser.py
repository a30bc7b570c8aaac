"""The explorer at ``/`` in a real browser: headless Chromium (Debian's) driven by playwright-core.

The API runs in this process (uvicorn in a thread, on a free loopback port) over an embedded
store holding the seed graph built by the loaders. ``tests/browser/explorer.mjs`` opens the page,
searches 集装箱, opens the indicator 集装箱吞吐量 and reports what the side panel shows; this test
holds it to the answer a researcher needs (the owner 青岛市海洋发展局, ``presented``, and the
sentence the indicator was read from, its span highlighted) and checks the screenshot it saved
to ``tests/artifacts/explorer.png``.

What the browser needs (``make test`` installs it): ``/usr/bin/chromium`` (``apt-get install
chromium``; never a test tool's own browser download), Node.js and ``npm ci`` for playwright-core.
A missing piece fails the test with the command that installs it; it never skips.
"""

from __future__ import annotations

import json
import re
import subprocess

from fastapi.testclient import TestClient

from app.main import create_app
from graph.embedded.nx_store import NetworkxStore
from graph.model import PlanGraph
from graph.settings import Settings
from tests.support.browser import (
    ARTIFACTS,
    BROWSER_SCRIPTS,
    STATIC,
    png_summary,
    require_browser_tools,
    run_browser_script,
    serving,
)
from tests.support.paths import ROOT

SCRIPT = BROWSER_SCRIPTS / "explorer.mjs"
OWNER = "青岛市海洋发展局"
INDICATOR = "集装箱吞吐量"


def test_explorer_finds_the_owner_and_evidence_of_an_indicator(explorer_url: str, seed_graph: PlanGraph) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "explorer.png"
    screenshot.unlink(missing_ok=True)
    report = run_browser_script(
        SCRIPT,
        explorer_url,
        PLANKG_SCREENSHOT=str(screenshot),
        PLANKG_OVERVIEW_SCREENSHOT=str(ARTIFACTS / "explorer-overview.png"),
        PLANKG_QUERY="集装箱",
        PLANKG_INDICATOR=INDICATOR,
    )

    panel = report["panel"]
    assert INDICATOR in report["hits"]
    assert panel["title"] == INDICATOR and panel["label"] == "指标"
    owners = {owner["name"]: owner for owner in panel["owners"]}
    assert OWNER in owners, panel["owners"]
    assert owners[OWNER]["basis"] == "presented"
    # the reason is labelled by the edge's basis: a presented edge's reason is no inference
    assert owners[OWNER]["reason"].startswith("发布会介绍："), owners[OWNER]["reason"]
    for owner in panel["owners"]:
        if owner["reason"]:
            assert owner["reason"].startswith("推断理由：") == (owner["basis"] == "inferred"), owner
    assert any(o["basis"] == "inferred" and o["reason"] for o in panel["owners"]), panel["owners"]
    assert owners[OWNER]["evidence"], "the ownership's own sentence is shown"
    assert "殷世逸" in owners[OWNER]["evidence"][0]

    [indicator] = [n for n in seed_graph.nodes if n.name == INDICATOR]
    shown = {m["sentence"]: m["marked"] for m in panel["mentions"]}
    for mention in indicator.mentions:
        assert mention.sentence.strip() in shown, shown
        assert shown[mention.sentence.strip()] == mention.text  # the span is what is highlighted
    assert any("引领型现代海洋城市" in step for step in panel["ladder"]), panel["ladder"]
    assert "责任单位" in panel["sections"] and "如何支撑总目标" in panel["sections"]

    width, height, levels = png_summary(screenshot)
    assert (width, height) == (1600, 1000)
    assert screenshot.stat().st_size > 50_000
    assert levels > 200, "the screenshot is nearly blank"


def test_an_indicator_panel_charts_its_reported_figures(
    progress_graph: PlanGraph,
) -> None:
    """国家高新技术企业数量 (超过1万家 by 2026): 8650家 (2024) and 8683家 (2025), drawn under the target."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "progress.png"
    screenshot.unlink(missing_ok=True)
    with serving(progress_graph) as url:
        report = run_browser_script(
            BROWSER_SCRIPTS / "progress.mjs",
            url,
            PLANKG_SCREENSHOT=str(screenshot),
            PLANKG_INDICATOR="国家高新技术企业数量",
        )
    shown = report["progress"]
    assert shown["status"] == "落后于进度，完成 86.8%"
    assert shown["figures"] == ["2024年 8650家", "2025年 8683家"]
    assert "高新技术企业、科技型中小企业总量达到8650家、9777家。" in shown["sentences"][0]
    assert "青岛市高新技术企业、科技型中小企业分别达到8683、9776家" in shown["sentences"][1]
    assert (shown["points"], shown["line"]) == (2, 1)
    assert {"2024", "2025", "2026", "目标", "8650家", "8683家"} <= set(shown["labels"])
    assert shown["box"] == {"width": 300, "height": 130}
    width, height, levels = png_summary(screenshot)
    assert width > 300 and height > 300 and levels > 50, (width, height, levels)


# ----------------------------------------------------------------------------------------------
# Without a browser: the page is self-contained and never parses data as HTML
# ----------------------------------------------------------------------------------------------

OUR_FILES = ("index.html", "app.js", "zh.js", "style.css")


def test_the_page_needs_no_network() -> None:
    for name in OUR_FILES:
        text = (STATIC / name).read_text(encoding="utf-8")
        assert not re.search(r"(?i)\b(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text), f"{name} loads from the network"
        assert "@import" not in text
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<script src="([^"]+)"', html) == [
        "vendor/cytoscape.min.js",
        "zh.js",
        "app.js",
    ]
    assert (STATIC / "vendor" / "cytoscape.min.js").stat().st_size > 100_000
    assert (STATIC / "vendor" / "cytoscape.LICENSE.txt").is_file()


def test_the_script_only_inserts_text() -> None:
    script = (STATIC / "app.js").read_text(encoding="utf-8") + (STATIC / "zh.js").read_text(encoding="utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
    ):
        assert sink not in script, sink


def test_the_api_serves_the_explorer(seed_graph: PlanGraph) -> None:
    store = NetworkxStore(seed_graph)
    with TestClient(create_app(settings=Settings(), store=store)) as client:
        page = client.get("/")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert "vendor/cytoscape.min.js" in page.text
        for asset in ("app.js", "style.css", "vendor/cytoscape.min.js"):
            assert client.get(f"/{asset}").status_code == 200, asset
    store.close()


def test_the_vendored_copy_matches_package_lock() -> None:
    """``app/static/vendor`` is committed; it must be the cytoscape that package-lock.json pins."""
    node = require_browser_tools()
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/cytoscape"]["version"]
    installed = json.loads((ROOT / "node_modules" / "cytoscape" / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == pinned, "node_modules is stale: run npm ci"
    done = subprocess.run(
        [node, "scripts/vendor_assets.mjs", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, f"app/static/vendor is stale, run `npm run vendor`:\n{done.stderr}"
