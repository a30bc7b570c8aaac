"""``/docs`` and ``/redoc`` render the API's operations in a browser that cannot reach the internet.

``tests/browser/docs.mjs`` opens both pages in Debian's headless Chromium with every request
outside the API's origin refused (as on an offline machine), waits for the operations to render
and saves ``tests/artifacts/docs-swagger.png`` and ``docs-redoc.png``. Without a browser: the
pages name only vendored assets.
"""

from __future__ import annotations

import re

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
    run_browser_script,
)

SCRIPT = BROWSER_SCRIPTS / "docs.mjs"
VENDORED = (
    "swagger-ui-bundle.js",
    "swagger-ui.css",
    "redoc.standalone.js",
    "favicon-32x32.png",
)


def test_docs_and_redoc_render_the_operations_offline(explorer_url: str) -> None:
    for name in ("docs-swagger.png", "docs-redoc.png"):
        (ARTIFACTS / name).unlink(missing_ok=True)
    report = run_browser_script(SCRIPT, explorer_url, PLANKG_ARTIFACTS=str(ARTIFACTS))

    openapi = create_app(Settings()).openapi()
    swagger = report["swagger"]
    assert set(swagger["paths"]) == set(openapi["paths"])
    assert set(swagger["methods"]) == {"GET"}
    assert "plankg" in swagger["title"]
    redoc = report["redoc"]
    assert len(redoc["operations"]) == len(openapi["paths"])
    assert "operation/task_owners_tasks__node_id__owners_get" in redoc["operations"]
    assert "建设新时代社会主义现代化国际大都市" in redoc["text"] and "GET\n/ladder/{node_id}" in redoc["text"]
    for name in ("docs-swagger.png", "docs-redoc.png"):
        width, height, levels = png_summary(ARTIFACTS / name)
        assert (width, height) == (1400, 1000) and levels > 50, name


def test_the_doc_pages_name_only_vendored_assets(seed_graph: PlanGraph) -> None:
    store = NetworkxStore(seed_graph)
    with TestClient(create_app(settings=Settings(), store=store)) as client:
        for page in ("/docs", "/redoc"):
            html = client.get(page).text
            assert not re.search(r"https?://", html), page
            for src in re.findall(r'(?:src|href)="([^"]+)"', html):
                assert src.startswith("/vendor/"), (page, src)
                assert client.get(src).status_code == 200, src
    store.close()
    for name in VENDORED:
        assert (STATIC / "vendor" / name).stat().st_size > 500, name
