# Minzheng: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export MINZHENG_VAR_DIR ?= $(CURDIR)/var

.PHONY: run test install dev assets messages lint browser-deps clean

run: install assets
	$(BIN)/minzheng setup --demo
	$(BIN)/minzheng collectstatic --noinput -v0
	$(BIN)/minzheng serve

test: dev assets browser-deps
	$(BIN)/ruff check .
	$(BIN)/minzheng i18n check
	$(BIN)/pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed
dev: $(VENV)/.dev-installed

# htmx comes from npm into node_modules/; translations are compiled from locale/*.po.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json install
	$(BIN)/minzheng i18n compile >/dev/null

# Regenerate locale/zh_Hans/LC_MESSAGES/django.po from the source (needs GNU gettext's xgettext).
messages: install
	cd minzheng && ../$(BIN)/minzheng makemessages -l zh_Hans --no-obsolete --add-location file -i "*/migrations/*"

lint: dev
	$(BIN)/ruff check .

# The browser tests drive the system's Chromium; install it (Debian packages) when it is missing.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing chromium and fonts-noto-cjk for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk) >/dev/null; \
	  else echo "The browser tests need /usr/bin/chromium and fonts-noto-cjk: apt-get install chromium fonts-noto-cjk"; exit 1; fi; \
	fi

clean:
	rm -rf $(VENV) node_modules var
