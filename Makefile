# Flexwijs: two commands on a fresh machine with Python 3.11 and make.
#   make run    virtual environment, install, demo school on first run, serve on port 8501
#   make test   install what the tests need, lint, run every test
# Options: make run DB=data/school.duckdb DEMO=0 PORT=8502

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/flexwijs.duckdb
DEMO ?= 1
PORT ?= 8501
# The browser flows drive Debian's Chromium; `make test` installs it when it is missing.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint demo clean lock

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Flexwijs needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The lock files hold the whole tree with hashes: pip installs exactly those files or stops.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

# After changing a pin in requirements.in or requirements-dev.in: write the two lock files
# (every package for every platform a school may run, with the hashes PyPI publishes).
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11
lock: $(VENV)/.installed-dev
	$(LOCK) requirements.in -o requirements.txt
	$(LOCK) requirements-dev.in -o requirements-dev.txt

run: $(VENV)/.installed
	@if [ "$(DEMO)" = "1" ]; then $(BIN)/python -m app demo --if-empty --db "$(DB)"; fi
	FLEXWIJS_DB="$(DB)" $(BIN)/streamlit run app/server.py --server.port $(PORT)

demo: $(VENV)/.installed
	$(BIN)/python -m app demo --if-empty --db "$(DB)"

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "Install Chromium at $(CHROMIUM) (Debian: apt-get install chromium)"; exit 1; }
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

test: lint $(CHROMIUM)
	rm -rf test-artifacts
	FLEXWIJS_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
