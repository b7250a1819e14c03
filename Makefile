# Two commands on a fresh machine: `make site` and `make test`. Each creates .venv when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test chromium bench serve validate generate clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: build the participant site into site/ (an existing site/ is only replaced by a complete build)
site: $(STAMP)
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build || { rm -rf .site-build; exit 1; }
	rm -rf site && mv .site-build site
	@echo "Built the site into site/"

## test: run the whole test suite (the browser tests need Debian's chromium: installed here when missing)
test: $(STAMP) chromium
	$(BIN)/python -m pytest

## chromium: install Debian's chromium for tests/browser when it is missing and we may (root with apt-get).
## Never a Playwright browser download. Without it the browser tests skip, or fail under CI=true.
CHROMIUM := /usr/bin/chromium
chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	    || echo "Could not install chromium: the browser tests will not run"; \
	else echo "$(CHROMIUM) is missing (install Debian's chromium as root): the browser tests will not run"; fi

## bench: time the engine, the build overhead, large synthetic courses and the preview loop
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

## serve: live preview on http://127.0.0.1:8000; saving a file in modules/ or content/ rebuilds
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

## validate: check modules/ and list every problem
validate: $(STAMP)
	$(BIN)/curriculum validate

clean:
	rm -rf site .site-build
