# Everything a fresh machine needs: `make demo` and `make test` create .venv,
# install whosaid with its extras and dev tools, then run.
VENV ?= .venv
# spaCy's wheels for Python 3.11 are compiled with Cython's profiling hooks, so
# its parser, ner and matcher take about twice the CPU there as on 3.12, for
# the same records (docs/speed.md, #18). A new .venv uses a Python 3.12 where
# one is found (on PATH or in pyenv), else python3; `make PYTHON=python3`
# chooses.
PY312 := $(or $(shell python3.12 -c 'import sys; print(sys.executable)' 2>/dev/null),$(lastword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12)))
PYTHON ?= $(or $(PY312),python3)
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= demo.db

.PHONY: install demo test lint typecheck pytest clean chromium axe browser-test screenshots

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip>=25.1"
	$(PY) -m pip install -q -e ".[web,ray]"
	$(PY) -m pip install -q --group dev
	touch $(STAMP)

install: $(STAMP)

# Who said what in the bundled samples, then the same articles in the embedded
# index ($(DB)): the most-quoted speakers and a quote printed by several outlets.
demo: $(STAMP)
	$(BIN)/whosaid extract samples/ --format table
	$(BIN)/whosaid ingest samples/ --db $(DB)
	$(BIN)/whosaid speakers --top 5 --db $(DB)
	$(BIN)/whosaid link --kb samples/kb.json --db $(DB)
	$(BIN)/whosaid repeated --db $(DB)
	@echo "Next: $(BIN)/whosaid search 'patience' --db $(DB)   or   $(BIN)/whosaid serve --db $(DB)"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) axe
	$(BIN)/pytest -q

test: lint typecheck pytest

# The web app's browser test drives Debian's Chromium with Playwright; pytest
# runs it with the rest (skipped where Chromium is missing, except in CI).
chromium:
	test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm)

# axe-core, the accessibility checker the browser test injects into every page
# (#17), pinned by tests/browser/package-lock.json; node_modules is not in git.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund && touch $(AXE); \
	else echo "npm is missing: the browser test's accessibility checks will fail in CI and skip here (make chromium installs npm)"; fi

axe: $(AXE)

browser-test: $(STAMP) chromium axe
	$(BIN)/pytest -q tests/browser

screenshots: $(STAMP) chromium axe
	WHOSAID_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/browser

clean:
	rm -rf $(VENV) $(DB) build dist
