# plansearch — the commands a newcomer needs. `make run` sets up, indexes corpus/ if needed and serves;
# `make test` runs every test (CI runs exactly this through .ci/run).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INDEX ?= index
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: setup run index test eval bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch is pinned in the [st] extra so pip takes the local CPU build, not a multi-GB CUDA one.
	$(BIN)/pip install -q -e '.[dev,st]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	PLANSEARCH_BUILD_IF_MISSING=true $(BIN)/plansearch serve --index $(INDEX) --host $(HOST) --port $(PORT)

index: setup
	$(BIN)/plansearch index corpus --index $(INDEX)

eval: index
	$(BIN)/plansearch eval tests/data/dev_queries.json --index $(INDEX)

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python -m benchmarks.run --out benchmarks/results/latest.json

clean:
	rm -rf $(INDEX) .pytest_cache artifacts benchmarks/results
