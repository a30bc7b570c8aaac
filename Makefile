# The README's two commands: `make run` and `make test`. Each makes .venv if it is missing and
# installs what it needs, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
GRAPH  ?= out/graph.json

.PHONY: run test build bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
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

run: build
	PLANKG_GRAPH=$(GRAPH) $(VENV)/bin/plankg serve --host $(HOST) --port $(PORT)

test: $(VENV)/.dev
	$(PY) -m pytest

bench: $(VENV)/.dev
	$(PY) bench/build.py

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
