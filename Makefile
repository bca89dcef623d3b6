# Two entry points: `make demo` and `make test`. Both build .venv from the pinned constraints.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo.duckdb

.PHONY: demo test bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(BIN)/corroborate ingest demo/corpus --meta demo/meta.jsonl --db $(DEMO_DB)
	$(BIN)/corroborate claims --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/claims_seeds.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal
