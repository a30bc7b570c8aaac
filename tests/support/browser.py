"""What the browser tests share: Debian's Chromium, the API served on a free port, screenshots.

What the browser needs (``make test`` installs it): ``/usr/bin/chromium`` (``apt-get install
chromium``; never a test tool's own browser download), Node.js and ``npm ci`` for playwright-core.
A missing piece fails the test with the command that installs it; it never skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from app.main import create_app
from graph.embedded.nx_store import NetworkxStore
from graph.model import PlanGraph
from graph.settings import Settings
from tests.support.paths import ROOT

BROWSER_SCRIPTS = ROOT / "tests" / "browser"
STATIC = ROOT / "app" / "static"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def require_browser_tools() -> str:
    missing = []
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"{CHROMIUM} (apt-get update && apt-get install -y chromium fonts-noto-cjk)")
    node = shutil.which("node")
    if node is None:
        missing.append("node (apt-get install -y nodejs npm)")
    if not (ROOT / "node_modules" / "playwright-core" / "package.json").is_file():
        missing.append("node_modules/playwright-core (npm ci)")
    if not (ROOT / "app" / "static" / "vendor" / "cytoscape.min.js").is_file():
        missing.append("app/static/vendor/cytoscape.min.js (npm ci && npm run vendor)")
    if missing:
        pytest.fail("the browser test needs: " + "; ".join(missing), pytrace=False)
    assert node is not None
    return node


@contextmanager
def serving(graph: PlanGraph) -> Iterator[str]:
    """The API with the explorer on a free loopback port, serving ``graph`` from an embedded store."""
    store = NetworkxStore(graph)
    app = create_app(settings=Settings(), store=store)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="explorer-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the API did not start for the browser test", pytrace=False)
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


def png_summary(path: Path) -> tuple[int, int, int]:
    """(width, height, distinct colours in a 1/16 sample) of a screenshot.

    Pillow comes with matplotlib, which the dev extras install for the notebooks.
    """
    from PIL import Image

    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    with Image.open(path) as image:
        width, height = image.size
        sample = image.convert("RGB").resize((width // 4, height // 4))
        colours = sample.getcolors(maxcolors=1 << 20) or []
    return width, height, len(colours)


def run_browser_script(script: Path, url: str, *, timeout: float = 180, **env: str) -> dict[str, Any]:
    """Run a ``tests/browser/*.mjs`` walk against ``url``; its report (last stdout line, JSON), free of problems.

    ``env`` adds the script's own ``PLANKG_*`` settings; Chromium and the URL are always passed.
    """
    node = require_browser_tools()
    done = subprocess.run(
        [node, str(script)],
        cwd=ROOT,
        env={**os.environ, "PLANKG_URL": url, "CHROMIUM": CHROMIUM, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"browser script failed:\n{done.stderr}\n{done.stdout[-2000:]}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["problems"] == []
    return report
