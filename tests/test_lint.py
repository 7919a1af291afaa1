"""The repository's code passes ruff (the rules in pyproject.toml) and mypy (its `[tool.mypy]` section), so that
`make test` runs both. mypy keeps its cache in `.mypy_cache/`: a first run takes ~30 s, later ones ~2 s."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINTED = ["kit", "tests", "tools", "benchmarks", *sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("notebooks/*.py"))]


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed (pip install -c constraints.txt -e '.[dev]')"
    return found


def test_ruff_passes():
    run = subprocess.run([tool("ruff"), "check", "--no-cache", *LINTED], capture_output=True, text=True, cwd=ROOT,
                         check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_passes():
    run = subprocess.run([sys.executable, "-m", "mypy"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues found" in run.stdout and "source files" in run.stdout
