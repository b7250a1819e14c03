# Two commands on a fresh machine: `make site` and `make test`. Each creates .venv when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve validate generate clean

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

## test: run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## serve: live preview on http://127.0.0.1:8000; saving a file in modules/ or content/ rebuilds
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

## validate: check modules/ and list every problem
validate: $(STAMP)
	$(BIN)/curriculum validate

clean:
	rm -rf site .site-build
