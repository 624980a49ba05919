# Everything starts from a fresh clone: each target creates .venv and installs first.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site check serve test test-deps bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## site: build the whole site into site/ (the previous site/ stays if the build fails)
site: $(STAMP)
	$(BIN)/mentor build --strict

## check: check every programme and cohort file, with file:line messages
check: $(STAMP)
	$(BIN)/mentor check

## serve: live preview on http://127.0.0.1:8000 that rebuilds when a page or programme changes
serve: $(STAMP)
	$(BIN)/mkdocs serve

## bench: time the build against plain MkDocs at 0, 10, 100 and 1,000 cohorts (takes several minutes)
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --serve

## test-deps: Chromium, Java and the Nu Html Checker for the quality tests (quick when present)
test-deps:
	bash tools/install-test-deps.sh

## test: lint, type-check and run the whole test suite
test: $(STAMP) test-deps
	$(BIN)/ruff check macros tests
	$(BIN)/ruff format --check macros tests
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf site .site-tmp .site-tmp-* .site-old-* .cache $(VENV)
