"""Tidy executed notebooks before they are committed: what nbval ignores or what only adds noise goes.

    python tools/strip_outputs.py notebooks/[0-9]*.ipynb

Drops the outputs of cells marked `# NBVAL_IGNORE_OUTPUT` (progress bars: they vary and are not compared),
per-cell execution timestamps, and stored widget state. The notebooks' sources live in the paired
`notebooks/*.py` files (jupytext, py:percent); `make notebooks` runs this after re-executing them.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def strip(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code" and "NBVAL_IGNORE_OUTPUT" in cell.source:
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(nb, path)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        strip(Path(name))
