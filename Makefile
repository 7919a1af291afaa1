# Two commands on a fresh machine (Python 3.11 and the package registries):
#   make report   set up .venv, annotate seeds/ and execute every notebook into reports/
#   make test     set up .venv and run every test (unit tests + nbval over notebooks/)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup report test lab notebooks bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

report: $(STAMP)
	rm -rf reports/tables
	$(BIN)/kit annotate seeds --out reports/tables --quiet
	$(BIN)/jupyter nbconvert --log-level=ERROR --to html --execute notebooks/[0-9]*.ipynb --output-dir reports
	@echo "report: reports/*.html and reports/tables/*.csv"

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

# Regenerate the notebooks from tools/notebooks.py and store fresh outputs (what nbval compares).
notebooks: $(STAMP)
	$(BIN)/python tools/notebooks.py
	$(BIN)/jupyter nbconvert --log-level=ERROR --to notebook --execute --inplace notebooks/[0-9]*.ipynb
	$(BIN)/python tools/notebooks.py --strip-ignored notebooks/[0-9]*.ipynb

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,bench]"
	$(BIN)/python benchmarks/bench_annotate.py
	$(BIN)/python benchmarks/bench_layers.py
	$(BIN)/python benchmarks/bench_claims.py
	$(BIN)/python benchmarks/bench_casualties.py

clean:
	rm -rf $(VENV) reports .pytest_cache
