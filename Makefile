# Two commands on a fresh machine: `make site` and `make test`. Each creates .venv when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test chromium bench serve validate clean

$(STAMP): pyproject.toml
	test -x $(BIN)/pip || $(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: build the participant site into site/ (an existing site/ is only replaced by a complete build)
site: $(STAMP)
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build || { rm -rf .site-build; exit 1; }
	rm -rf site && mv .site-build site
	@echo "Built the site into site/"

.PHONY: instructor pdf poppler
## instructor: build the instructor edition (teaching plans, instructor notes) into site-instructor/
instructor: $(STAMP)
	rm -rf .site-instructor-build
	$(BIN)/mkdocs build --strict -f mkdocs.instructor.yml --site-dir .site-instructor-build \
	  || { rm -rf .site-instructor-build; exit 1; }
	rm -rf site-instructor && mv .site-instructor-build site-instructor
	@echo "Built the instructor edition into site-instructor/"

## pdf: each edition's handbook as a tagged PDF (headless Debian chromium) into pdf/
pdf: site instructor chromium poppler
	$(BIN)/python -m curriculum.pdf site pdf/haandbog-deltagerudgave.pdf
	$(BIN)/python -m curriculum.pdf site-instructor pdf/haandbog-underviserudgave.pdf

## test: run the whole test suite (the browser and PDF tests need Debian's chromium and poppler-utils:
## installed here when missing)
test: $(STAMP) chromium poppler
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

## poppler: install Debian's poppler-utils (pdfinfo, pdftotext) when missing and we may, as for chromium.
## `make pdf` numbers the handbook's table of contents with pdftotext; the tests check the PDFs with both.
poppler:
	@if command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's poppler-utils for the PDF"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null \
	    || echo "Could not install poppler-utils: the PDF tests will not run"; \
	else echo "pdfinfo is missing (install Debian's poppler-utils as root): the PDF tests will not run"; fi

## bench: time the engine, the build overhead, large synthetic courses and the preview loop
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

## serve: live preview on http://127.0.0.1:8000; saving a file in modules/ or content/ rebuilds
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

## validate: check modules/ and list every problem
validate: $(STAMP)
	$(BIN)/curriculum validate

.PHONY: check schemas
## check: validate, then warn about content to improve (sessions without readings, long gaps, ...)
check: $(STAMP)
	$(BIN)/curriculum check

## schemas: regenerate schemas/*.schema.json (editor help for modules/) from the models and field_help.yml
schemas: $(STAMP)
	$(BIN)/curriculum schema --out schemas

clean:
	rm -rf site .site-build site-instructor .site-instructor-build pdf
