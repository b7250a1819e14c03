# Two commands on a fresh machine: `make site` and `make test`. Each creates .venv when needed and installs
# only what it needs (pyproject.toml's extras: `site` to build, `test` to test, `zensical`, `lint`).
# `make help` lists the targets from their `##` comments.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: help site test test-fast lint zensical chromium bench serve validate clean
.DEFAULT_GOAL := site

# One stamp per extra: the venv, then `pip install -e '.[extra]'`, again whenever pyproject.toml changes.
# The `test` extra holds `site`, `zensical` and `pdf`, so it stamps them too.
$(VENV)/.installed-%: pyproject.toml
	test -x $(BIN)/pip || $(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$*]'
	touch $@ $(if $(filter test,$*),$(VENV)/.installed-site $(VENV)/.installed-zensical $(VENV)/.installed-pdf)

## help: list the targets and what they do
help:
	@grep -E '^## [a-z-]+:' $(MAKEFILE_LIST) | sed -E 's/^## ([a-z-]+): /\1\t/' | awk -F '\t' '{printf "  %-12s %s\n", $$1, $$2}'

# A library of several courses (modules/courses/, no modules/course.yml) builds with `curriculum sites`.
LIBRARY := $(if $(wildcard modules/course.yml),,$(wildcard modules/courses))
COURSE ?=
# The folder of the settings of one course's sites: the repository's own, or in a library sites/ID/, which the
# targets that build one course's site (pdf, zensical, serve-instructor) need named.
COURSE_SETTINGS = $(if $(LIBRARY),sites/$(if $(COURSE),$(COURSE),$(error In a library of courses, name the course: \
  make $@ COURSE=ID, ID one of: $(notdir $(wildcard modules/courses/*))))/)

## site: build the participant site into site/ with its handbook as a PDF beside the handbook page, which links
## to it (printed by Debian's chromium; without chromium the site has neither, and says so; HANDBOOK_PDF=required,
## as the publish workflow sets it, stops instead). An existing site/ is only replaced by a complete build.
## In a library of courses (modules/courses/), every course's two editions go into site/ID/ and
## site-instructor/ID/ and the front page into site/ (from sites/ID/mkdocs.yml and mkdocs.yml), each course's
## participant site with its handbook's PDF as above; COURSE=ID builds that course's two editions only
HANDBOOK_PDF ?=
ifeq ($(LIBRARY),)
site: $(VENV)/.installed-site $(VENV)/.installed-pdf chromium poppler
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build || { rm -rf .site-build; exit 1; }
	$(BIN)/python -m curriculum.pdf --into .site-build $(if $(filter required,$(HANDBOOK_PDF)),--required) \
	  || { rm -rf .site-build; exit 1; }
	rm -rf site && mv .site-build site
	@echo "Built the site into site/"
else
site: $(VENV)/.installed-site $(VENV)/.installed-pdf chromium poppler
	$(BIN)/curriculum sites$(if $(COURSE), --course $(COURSE)) --handbook-pdf$(if $(filter required,$(HANDBOOK_PDF)),=required)
endif

.PHONY: instructor pdf poppler
## instructor: build the instructor edition (teaching plans, instructor notes) into site-instructor/ (in a
## library `make site` builds every course's, into site-instructor/ID/)
instructor: $(VENV)/.installed-site
	$(if $(LIBRARY),$(error In a library of courses, make site builds every course's instructor edition into \
	  site-instructor/ID/ (make site COURSE=ID: one course's)))
	rm -rf .site-instructor-build
	$(BIN)/mkdocs build --strict -f mkdocs.instructor.yml --site-dir .site-instructor-build \
	  || { rm -rf .site-instructor-build; exit 1; }
	rm -rf site-instructor && mv .site-instructor-build site-instructor
	@echo "Built the instructor edition into site-instructor/"

## pdf: each edition's handbook as a tagged PDF (headless Debian chromium) into pdf/, named in the course's
## language (the catalogue's pdf.file: haandbog-deltagerudgave.pdf, handbook-participant-edition.pdf, ...);
## RUN=<id> (or CURRICULUM_RUN) prints that run's into pdf/<id>/. Each edition is built apart for it
## (.pdf-build/), so site/ and site-instructor/ stay as they are. In a library: COURSE=ID, into pdf/ID/
RUN ?= $(CURRICULUM_RUN)
PDF_DIR = pdf$(if $(LIBRARY),/$(COURSE))$(if $(RUN),/$(RUN))
PDF_RUN = $(if $(RUN),CURRICULUM_RUN='$(RUN)' )
pdf: $(VENV)/.installed-pdf chromium poppler
	@echo "Printing the handbooks of $(if $(RUN),the run $(RUN),the run mkdocs.yml names (extra.curriculum.run)) \
	into $(PDF_DIR)/ (site/ is left as it is)"
	rm -rf .pdf-build
	$(PDF_RUN)$(BIN)/mkdocs build --quiet --strict -f $(COURSE_SETTINGS)mkdocs.yml --site-dir $(CURDIR)/.pdf-build/participant \
	  || { rm -rf .pdf-build; exit 1; }
	$(PDF_RUN)$(BIN)/mkdocs build --quiet --strict -f $(COURSE_SETTINGS)mkdocs.instructor.yml --site-dir $(CURDIR)/.pdf-build/instructor \
	  || { rm -rf .pdf-build; exit 1; }
	$(BIN)/python -m curriculum.pdf .pdf-build/participant $(PDF_DIR) participant || { rm -rf .pdf-build; exit 1; }
	$(BIN)/python -m curriculum.pdf .pdf-build/instructor $(PDF_DIR) instructor || { rm -rf .pdf-build; exit 1; }
	rm -rf .pdf-build

# The suite runs in two processes (pytest-xdist), one per core; each site's tests stay in one of them
# (--dist loadgroup, tests/browser/conftest.py) and each site is built once (conftest.py's built_once).
PYTEST_PARALLEL := -n 2 --dist loadgroup

## test: run the whole test suite, installing the test tools (pyproject's `test` extra) and, when
## missing, Debian's chromium and poppler-utils for the browser and PDF tests, and print the 15 slowest
## tests; then test-other-course
test: $(VENV)/.installed-test chromium poppler
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) --durations=15
	$(BIN)/python tests/other_course.py

.PHONY: test-other-course
## test-other-course: the tests of the published course (marked `published`) but the browser's, on a copy of
## the repository with another course in modules/ (tests/courses/en, mkdocs.yml adjusted to it)
test-other-course: $(VENV)/.installed-test
	$(BIN)/python tests/other_course.py

## test-fast: every test but the browser and PDF tests (tests/browser) and the installed wheel's (marked
## packaging), for the edit-test loop
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) --ignore=tests/browser -m "not packaging" -q

## lint: ruff (lint and format check) and mypy over src/, hooks/, tests/ and benchmarks/ (pyproject.toml);
## actionlint and zizmor (offline) over the GitHub workflows, this repository's and those `curriculum init` writes
lint: $(VENV)/.installed-lint
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/zizmor --offline --quiet .github/workflows/
	rm -rf .lint-init && $(BIN)/curriculum init .lint-init >/dev/null \
	  && $(BIN)/actionlint .lint-init/.github/workflows/*.yml && $(BIN)/zizmor --offline --quiet .lint-init/.github/workflows/; \
	  status=$$?; rm -rf .lint-init; exit $$status

## zensical: build both editions with Zensical into site-zensical/ and site-zensical-instructor/
## (from the pages `curriculum generate` writes, never the hook; each replaced only by a complete build), the
## participant edition with its handbook's PDF as `make site` has it. In a library: COURSE=ID, into .../ID/
ZENSICAL_OUT = $(if $(LIBRARY),/$(COURSE))
zensical: $(VENV)/.installed-zensical $(VENV)/.installed-pdf chromium poppler
	$(BIN)/curriculum zensical --config $(COURSE_SETTINGS)mkdocs.yml --out site-zensical$(ZENSICAL_OUT)
	$(BIN)/python -m curriculum.pdf --into site-zensical$(ZENSICAL_OUT) $(if $(filter required,$(HANDBOOK_PDF)),--required)
	$(BIN)/curriculum zensical --config $(COURSE_SETTINGS)mkdocs.instructor.yml --out site-zensical-instructor$(ZENSICAL_OUT)

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

## bench: time the engine, the build overhead, large synthetic courses, the preview loop and a synthetic portfolio
bench: $(VENV)/.installed-site
	$(BIN)/python benchmarks/bench.py

## serve: live preview on http://127.0.0.1:8000 (PORT=... for another); saving a file in modules/ or content/
## rebuilds; while the course has problems, every page of the preview lists them; COURSE=ID: a library's course
PORT ?= 8000
serve: $(VENV)/.installed-site
	@$(call free_port,$(PORT),serve)
	$(BIN)/mkdocs serve --livereload$(if $(LIBRARY),$(if $(COURSE), -f sites/$(COURSE)/mkdocs.yml)) --dev-addr 127.0.0.1:$(PORT)

.PHONY: serve-instructor
## serve-instructor: live preview of the instructor edition on http://127.0.0.1:8001 (INSTRUCTOR_PORT=...),
## beside `make serve`; in a library COURSE=ID
INSTRUCTOR_PORT ?= 8001
serve-instructor: $(VENV)/.installed-site
	@$(call free_port,$(INSTRUCTOR_PORT),serve-instructor)
	$(BIN)/mkdocs serve --livereload -f $(COURSE_SETTINGS)mkdocs.instructor.yml --dev-addr 127.0.0.1:$(INSTRUCTOR_PORT)

# A preview's port must be free (else MkDocs builds the site, then stops with a traceback): says so instead.
free_port = $(BIN)/python -c 'import socket; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, \
  socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", $(1)))' 2>/dev/null || { echo "Port $(1) is in use: a preview \
  is already running there (stop it with Ctrl+C in its window), or choose another port: make $(2) \
  $(if $(filter serve,$(2)),PORT,INSTRUCTOR_PORT)=$$(($(1) + 10))"; exit 1; }

## validate: check modules/ and list every problem
validate: $(VENV)/.installed-site
	$(BIN)/curriculum validate

.PHONY: check schemas
## check: validate, then warn about content to improve (sessions without readings, long gaps, ...)
check: $(VENV)/.installed-site
	$(BIN)/curriculum check

## schemas: regenerate schemas/*.schema.json (editor help for modules/) from the models and field_help.yml
schemas: $(VENV)/.installed-site
	$(BIN)/curriculum schema --out schemas

.PHONY: reference
## reference: regenerate docs/reference.md (the course authors' reference: every file and field) from the models,
## field_help.yml and each kind of picture's worked example
reference: $(VENV)/.installed-site
	$(BIN)/python -m curriculum.reference docs/reference.md

## clean: remove the built sites and PDFs
clean:
	rm -rf site .site-build .sites-build site-instructor .site-instructor-build pdf .pdf-build site-zensical site-zensical-instructor .zensical

.PHONY: screenshots
## screenshots: the main pages at 375 and 1280 px, both palettes, into screenshots/ (for review); the first screen of four into docs/screenshots/
screenshots: site $(VENV)/.installed-pdf chromium
	$(BIN)/python scripts/screenshots.py site screenshots docs/screenshots
