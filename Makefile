# One command to start the app, one to test it; both set up .venv when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint typecheck pytest screenshots bench bench-archive clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/python -m rrb_desktop $(ARGS)

test: $(STAMP_TEST)
	bash scripts/ensure-qt-system-libs
	bash scripts/ensure-test-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP_TEST)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

screenshots: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/export.py

ARCHIVE ?= /tmp/rrb-archive.sqlite3
$(ARCHIVE): | $(STAMP_TEST)
	$(BIN)/python benchmarks/generate_archive.py --out $(ARCHIVE)

bench-archive: $(STAMP_TEST) $(ARCHIVE)
	$(BIN)/python benchmarks/archive.py --db $(ARCHIVE)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
