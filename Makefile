# Minzheng: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export MINZHENG_VAR_DIR ?= $(CURDIR)/var
PO := minzheng/locale/zh_Hans/LC_MESSAGES/django.po

.PHONY: run test install dev assets messages lint system-deps clean

run: install assets
	$(BIN)/minzheng setup --demo
	$(BIN)/minzheng collectstatic --noinput -v0
	$(BIN)/minzheng serve

test: dev system-deps messages assets
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

# Regenerate minzheng/locale/zh_Hans/LC_MESSAGES/django.po from the source (GNU gettext's xgettext);
# `make test` does it first, so a string without its Chinese translation fails the build.
messages: install
	cd minzheng && ../$(BIN)/minzheng makemessages -l zh_Hans --no-obsolete --add-location file -i "*/migrations/*" -v0
	@# Only the creation date changed: keep the committed file as it is.
	@if git diff --quiet -I POT-Creation-Date -- $(PO) 2>/dev/null; then git checkout -q -- $(PO) 2>/dev/null || true; fi

lint: dev
	$(BIN)/ruff check .

# The tests need the system's Chromium (browser tests), CJK fonts and GNU gettext (message
# extraction); install the Debian packages when they are missing.
SYSTEM_PACKAGES := chromium fonts-noto-cjk gettext
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v xgettext >/dev/null || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing $(SYSTEM_PACKAGES)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES)) >/dev/null; \
	  else echo "The tests need the Debian packages: apt-get install $(SYSTEM_PACKAGES)"; exit 1; fi; \
	fi

clean:
	rm -rf $(VENV) node_modules var
