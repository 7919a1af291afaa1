"""The repository's code passes ruff (the rules in pyproject.toml) and mypy (its `[tool.mypy]` section), so that
`make test` runs both. mypy keeps its cache in `.mypy_cache/`: a first run takes ~30 s, later ones ~2 s."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_no_merge_conflict_markers():
    """A merge left half-done (`<<<<<<<` … `>>>>>>>` in a README) must not land: every tracked text file is free
    of conflict markers."""
    listed = subprocess.run(["git", "ls-files", "-z"], capture_output=True, cwd=ROOT, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout (an sdist): nothing tracked to check")
    found = []
    for name in filter(None, listed.stdout.decode().split("\0")):
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".gz", ".ipynb", ".sqlite"}:
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (UnicodeDecodeError, OSError):
            continue
        # a lone "=======" is also a Markdown heading underline: the two outer markers are enough
        found += [f"{name}:{i}" for i, line in enumerate(lines, 1) if line.startswith(("<<<<<<< ", ">>>>>>> "))]
    assert not found, "merge conflict markers in " + ", ".join(found[:20])
