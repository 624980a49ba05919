# Everything starts from a fresh clone: each target creates .venv and installs the locked versions first.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# locked: the exact versions in requirements.lock; newest: the newest that pyproject.toml allows
# (`make test INSTALL=newest VENV=.venv-newest`, the weekly workflow's check).
INSTALL ?= locked
export INSTALL

.PHONY: site admin-deps check serve test test-deps bench lint lock clean

$(STAMP): pyproject.toml requirements.lock tools/install.sh
	@PYTHON=$(PYTHON) bash tools/install.sh $(VENV) $(INSTALL)
	@touch $(STAMP)

## site: build the whole site into site/, with the form editor in site/admin/ (the previous site/ stays if the build fails)
site: $(STAMP) admin-deps
	@$(BIN)/mentor build --strict

## admin-deps: the form editor (Decap CMS) from tools/admin/package-lock.json into .cache/admin (quick when present)
admin-deps:
	@bash tools/install-admin.sh

## check: the same check a pull request gets (strict: warnings count too)
check: $(STAMP)
	@$(BIN)/mentor check --strict

## serve: live preview that rebuilds when a page or programme changes (after a cohort edit only what changed)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

## bench: time the build against plain MkDocs at 0, 10, 100 and 1,000 cohorts (takes several minutes)
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --serve

## lock: resolve pyproject.toml's ranges into requirements.lock again (UPGRADE=1 for the newest versions)
lock: $(STAMP)
	@UV=$(BIN)/uv bash tools/lock.sh

## test-deps: Chromium, Java and the Nu Html Checker for the quality tests (quick when present)
test-deps:
	@bash tools/install-test-deps.sh

## test: lint, type-check and run the whole test suite
test: $(STAMP) test-deps admin-deps
	$(BIN)/ruff check macros tests
	$(BIN)/ruff format --check macros tests
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf site .site-tmp .site-tmp-* .site-old-* .cache $(VENV)
