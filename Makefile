# Everything starts from a fresh clone: each target creates .venv and installs first.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## site: build the whole site into site/ (the previous site/ stays if the build fails)
site: $(STAMP)
	rm -rf .site-tmp
	$(BIN)/mkdocs build --strict --quiet --site-dir .site-tmp
	rm -rf site && mv .site-tmp site
	@echo "Sitet er bygget i site/"

## serve: live preview on http://127.0.0.1:8000 that rebuilds when a page or programme changes
serve: $(STAMP)
	$(BIN)/mkdocs serve

## test: lint, type-check and run the whole test suite
test: $(STAMP)
	$(BIN)/ruff check macros tests
	$(BIN)/ruff format --check macros tests
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf site .site-tmp $(VENV)
