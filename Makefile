# The README's two commands: `make run` and `make test`. Each makes .venv if it is missing and
# installs what it needs, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
GRAPH  ?= out/graph.json

.PHONY: run test build bench quality clean browser vendor

# Non-interactive: CI has no terminal, so sudo must not prompt (it fails with a clear message).
SUDO ?= $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)
NODE_STAMP = node_modules/.package-lock.json

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "plankg needs Python >= 3.11; run with PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { echo "python venv failed: on Debian install python3-venv"; exit 1; }
	$(PY) -m pip install -q --upgrade pip

# Runtime only: enough to build and serve.
$(VENV)/.runtime: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

# Everything the tests need, the Bolt test server (arcadedb-embedded) included.
$(VENV)/.dev: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.runtime

build: $(VENV)/.runtime
	$(VENV)/bin/plankg build --out $(GRAPH)

# Embedded store by default; with PLANKG_STORE=neo4j (and NEO4J_*) it loads into Neo4j first.
run: build
	@if [ "$$PLANKG_STORE" = neo4j ]; then $(VENV)/bin/plankg load --store neo4j; fi
	PLANKG_GRAPH=$(GRAPH) $(VENV)/bin/plankg serve --host $(HOST) --port $(PORT)

# Browser test: Debian's Chromium and CJK fonts (never a test tool's browser download).
browser:
	test -x /usr/bin/chromium && dpkg -s fonts-noto-cjk >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium fonts-noto-cjk)

# Node and playwright-core/cytoscape pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	command -v npm >/dev/null 2>&1 || ($(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y nodejs npm)
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

test: $(VENV)/.dev $(NODE_STAMP) browser
	$(PY) -m pytest

# Refresh the committed app/static/vendor copy after changing the cytoscape version.
vendor: $(NODE_STAMP)
	npm run vendor

# Extraction quality on the development set (real texts of other cities, ../shared/devset).
quality: $(VENV)/.runtime
	$(PY) -m bench.quality

# Every benchmark, each printing ratios against its own baseline (see bench/README.md).
bench: $(VENV)/.dev
	$(PY) -m bench.build
	$(PY) -m bench.load
	$(PY) -m bench.api
	$(PY) -m bench.soak --seconds 60

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
