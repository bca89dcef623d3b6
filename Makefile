# Two entry points: `make demo` and `make test`. Both build .venv from the pinned constraints.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo.duckdb
# The web map's libraries (Leaflet, world outlines) and the page tests' browser driver, from npm.
NODE_STAMP := web/node_modules/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	$(BIN)/corroborate gazetteer build
	touch $(STAMP)

# Without npm the pages still render their lists, and the page tests skip saying why.
$(NODE_STAMP): web/package.json web/package-lock.json
	@if command -v npm >/dev/null; then cd web && npm ci --no-audit --no-fund && touch node_modules/.installed; \
	else echo "npm is absent: the map page will show its list only, and the page tests will skip"; fi

demo: $(STAMP) $(NODE_STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/corroborate ingest demo/corpus --meta demo/meta.jsonl --db $(DEMO_DB)
	$(BIN)/corroborate claims --db $(DEMO_DB)

# The gates before the tests: ruff and mypy clean, and the layers of
# ../shared/spec/architecture.md kept (import-linter); their settings are in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src
	$(BIN)/lint-imports

test: lint $(NODE_STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal web/node_modules
