# Everything a fresh machine needs: `make site` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: site check serve test clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

site: $(INSTALLED)
	$(BIN)/factcheck build

check: $(INSTALLED)
	$(BIN)/factcheck check

serve: $(INSTALLED)
	$(BIN)/factcheck serve

test: $(INSTALLED)
	scripts/ensure-chromium
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf output .output-* tests/artifacts
