# briefgen: `make demo` builds the example briefs; `make test` runs every test.
# Both set up what they need on a fresh Debian machine (system packages, a virtualenv).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Debian packages: WeasyPrint's Pango, fonts for Latin/Cyrillic/Korean, fontconfig for the
# glyph check, poppler for looking at PDFs, Chromium for the browser tests, Java for the Nu checker.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig \
	fonts-dejavu-core fonts-noto-core fonts-noto-cjk poppler-utils git
TEST_PACKAGES := chromium

.PHONY: demo test lint check bench system system-test clean help

help:
	@echo "make demo   - set up and build the example briefs into out/"
	@echo "make test   - set up and run all tests"
	@echo "make lint   - ruff and mypy"
	@echo "make bench  - print performance figures (quick sizes; see benchmarks/ for full runs)"

system:
	@bash .ci/system-packages $(SYSTEM_PACKAGES)

system-test: system
	@bash .ci/system-packages $(TEST_PACKAGES)
	@command -v java >/dev/null || bash .ci/system-packages default-jre-headless

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

demo: system $(VENV)/.installed
	$(BIN)/briefgen validate briefs
	$(BIN)/briefgen build briefs -o out
	$(BIN)/briefgen site briefs -o out/site
	@echo "Open out/*.pdf, out/*.html and out/site/index.html to see the results."

test: system-test $(VENV)/.dev-installed
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check briefgen tests benchmarks tools
	$(BIN)/ruff format --check briefgen tests benchmarks tools
	$(BIN)/mypy briefgen

check: lint test

bench: system $(VENV)/.dev-installed
	$(BIN)/python benchmarks/render_bench.py
	$(BIN)/python benchmarks/extract_bench.py
	$(BIN)/python benchmarks/history_bench.py --small
	$(BIN)/python benchmarks/site_history_bench.py --small
	$(BIN)/python benchmarks/site_bench.py --small
	$(BIN)/python benchmarks/limits_bench.py
	$(BIN)/python benchmarks/figures_bench.py --runs 3 --briefs 60

clean:
	rm -rf out site test-output .pytest_cache .mypy_cache .ruff_cache
