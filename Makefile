# Two commands on a fresh machine (Python 3.11 and the package registries):
#   make report   set up .venv, annotate seeds/, execute every notebook and write reports/index.html
#   make test     set up .venv and run every test (unit tests, nbval over notebooks/, figures, tests/e2e)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(wildcard notebooks/[0-9]*.ipynb)
# Kernels get CurveZMQ keys from their manager (no "Kernel is running over TCP without encryption" warning).
KERNEL_OPTS := --KernelManager.transport_encryption=auto
# JupyterLab refuses to run as root without this flag (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_ARGS ?=
# One annotation cache for the notebooks' repeated runs (make report, nbval, tests/e2e, lab): verified on read
# and keyed by text, kit version, model and data, so a hit is what a fresh run computes (kit/cache.py).
export KIT_CACHE_DIR ?= $(CURDIR)/.cache/kit

.PHONY: setup report test lab notebooks bench bench-real clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

report: $(STAMP)
	rm -rf reports/tables reports/notebooks reports/figures reports/*.html
	$(BIN)/kit annotate seeds --out reports/tables --quiet
	$(BIN)/jupyter nbconvert --log-level=ERROR $(KERNEL_OPTS) --to notebook --execute $(NOTEBOOKS) --output-dir reports/notebooks
	$(BIN)/python tools/report.py reports/notebooks --out reports

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) $(KERNEL_OPTS) $(LAB_ARGS) notebooks/

# The notebooks' sources are notebooks/*.py (jupytext py:percent); the .ipynb files hold the outputs nbval
# compares. Take the inputs from the .py files, re-execute, drop ignored outputs, keep the pair in step.
notebooks: $(STAMP)
	$(BIN)/jupytext --quiet --to ipynb --update notebooks/[0-9]*.py
	$(BIN)/jupyter nbconvert --log-level=ERROR $(KERNEL_OPTS) --to notebook --execute --inplace $(NOTEBOOKS)
	$(BIN)/python tools/strip_outputs.py $(NOTEBOOKS)
	touch notebooks/[0-9]*.py

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,bench]"
	$(BIN)/python benchmarks/bench_annotate.py
	$(BIN)/python benchmarks/bench_layers.py
	$(BIN)/python benchmarks/bench_claims.py
	$(BIN)/python benchmarks/bench_casualties.py
	$(BIN)/python benchmarks/bench_incidents.py

# Peer benchmarks on local copies of public datasets (benchmarks/README.md says where to get them; never commit
# them). Each path is optional: missing ones are skipped. DUMP=DIR writes per-item CSVs (keep DIR outside the repo).
# trafilatura 2.0.0 (the benchmark's published row) is scored beside the installed one from a throwaway venv.
DATA ?= ../data
POLNEAR ?= $(DATA)/polnear
AEB ?= $(DATA)/aeb
RE3D ?= $(DATA)/re3d
FAKES ?= ../shared/corpora/fa-kes/fa-kes.csv
SPLIT ?= dev
DUMP ?=
TRAF_VENV := .venv-trafilatura-2.0.0

$(TRAF_VENV)/.installed:
	$(PYTHON) -m venv $(TRAF_VENV)
	$(TRAF_VENV)/bin/python -m pip install --quiet "trafilatura==2.0.0" "lxml_html_clean==0.4.6"
	touch $@

bench-real: $(STAMP) $(TRAF_VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,bench]"
	$(BIN)/python benchmarks/bench_real.py --split $(SPLIT) --trafilatura-python $(TRAF_VENV)/bin/python \
		$(if $(wildcard $(POLNEAR)),--polnear $(POLNEAR)) $(if $(wildcard $(AEB)),--aeb $(AEB)) \
		$(if $(wildcard $(RE3D)),--re3d $(RE3D)) $(if $(wildcard $(FAKES)),--fakes $(FAKES)) \
		$(if $(DUMP),--dump $(DUMP))

clean:
	rm -rf $(VENV) $(TRAF_VENV) reports .pytest_cache .cache
