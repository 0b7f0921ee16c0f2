# One command to start the app, one to test it; both set up .venv when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_DIST := $(VENV)/.installed-dist
BUNDLE := dist/rrb-desktop
# pytest-xdist processes: each has its own PostgreSQL server and temporary folders.
TEST_WORKERS ?= 2

.PHONY: run test lint typecheck pytest screenshots bench bench-archive bench-dist dist dist-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

$(STAMP_DIST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	bash scripts/ensure-qt-system-libs window
	$(BIN)/python -m rrb_desktop $(ARGS)

test: $(STAMP_TEST)
	bash scripts/ensure-qt-system-libs
	bash scripts/ensure-postgresql
	bash scripts/ensure-test-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP_TEST)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

screenshots: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/export.py

# Makes /tmp/rrb-archive-{1000,10000,30000}.sqlite3 the first time (minutes), then reuses them.
bench-archive: $(STAMP_TEST)
	$(BIN)/python benchmarks/archive.py --folder /tmp

# The desktop program for this machine, in one folder: $(BUNDLE) (see README, "Install").
dist: $(STAMP_DIST)
	bash scripts/ensure-qt-system-libs
	bash packaging/ensure-build-tools
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/rrb-desktop.spec

# Smoke test of the built bundle, from a relocated copy, with no venv on PATH (not in `test`).
dist-test: $(STAMP_RUN)
	$(BIN)/python packaging/dist_test.py $(BUNDLE)

bench-dist: $(STAMP_RUN)
	$(BIN)/python benchmarks/bundle.py --bundle $(BUNDLE)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
