# The two commands a person needs: `make demo` and `make test`. Both set up .venv themselves.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test test-fast lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: setup
	$(PY) -m nemo_notebook.cli demo --out out

test: setup
	$(PY) -m ruff check nemo_notebook tests benchmarks notebooks
	$(PY) -m mypy
	$(PY) -m pytest

# The inner loop: everything but rendering, notebooks and the browser (about 1.5 minutes).
test-fast: setup
	$(PY) -m pytest -m "not slow and not browser"

lint: setup
	$(PY) -m ruff check nemo_notebook tests benchmarks notebooks
	$(PY) -m ruff format --check nemo_notebook tests benchmarks

bench: setup
	$(PY) -m pip install --quiet -e ".[test,bench]"
	for b in benchmarks/*.py; do $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) out .pytest_cache
