# Everything a fresh machine needs: `make site` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test

.PHONY: site check serve test clean

# What building needs (all a Netlify deploy installs); the test tools come on top of it.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TEST_INSTALLED): $(INSTALLED)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

site: $(INSTALLED)
	$(BIN)/factcheck build

check: $(INSTALLED)
	$(BIN)/factcheck check

serve: $(INSTALLED)
	$(BIN)/factcheck serve

test: $(TEST_INSTALLED) node_modules/.installed
	scripts/ensure-chromium
	$(BIN)/pytest $(PYTEST_ARGS)

# Netlify's configuration parser, which the tests run offline against netlify.toml.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf output .output-* tests/artifacts node_modules
