"""The notebooks' sources are the jupytext pairs notebooks/*.py: each .ipynb must hold the same cells, and
the .py files must pass ruff (notebook code is code)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PAIRS = sorted(NOTEBOOKS.glob("[0-9]*.py"))


def cells(nb) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source.strip("\n"), sorted(c.metadata.get("tags", []))) for c in nb.cells]


def test_every_notebook_has_a_text_pair():
    assert PAIRS, "no notebooks/*.py"
    assert {p.stem for p in PAIRS} == {p.stem for p in NOTEBOOKS.glob("[0-9]*.ipynb")}


@pytest.mark.parametrize("text", PAIRS, ids=lambda p: p.stem)
def test_pair_agrees(text: Path):
    ipynb = nbformat.read(text.with_suffix(".ipynb"), as_version=4)
    paired = jupytext.read(text)
    assert cells(paired) == cells(ipynb), (
        f"{text.name} and {text.stem}.ipynb differ: edit the .py, then `make notebooks` "
        f"(or `jupytext --sync {text.relative_to(NOTEBOOKS.parent)}`)")
    assert ipynb.metadata.get("jupytext", {}).get("formats") == "ipynb,py:percent"


def test_notebook_code_passes_ruff():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is not installed (pip install -e '.[dev]')"
    run = subprocess.run([ruff, "check", "--no-cache", *map(str, PAIRS)], capture_output=True, text=True,
                         cwd=NOTEBOOKS.parent)
    assert run.returncode == 0, run.stdout + run.stderr
