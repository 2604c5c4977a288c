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

test: $(INSTALLED) node_modules/.installed
	scripts/ensure-chromium
	$(BIN)/pytest $(PYTEST_ARGS)

# Netlify's configuration parser, which the tests run offline against netlify.toml.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf output .output-* tests/artifacts node_modules
