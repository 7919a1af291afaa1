"""Shared fixtures. Tests that need ../shared (answer keys, FA-KES) skip cleanly without it
($KIT_SHARED_DIR points elsewhere, e.g. from a worktree)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_ARTICLE = ROOT / "tests" / "seed" / "articles" / "000_fc500a8bbe85a549.txt"  # evaluation sets in the repository
SEED_KEY = ROOT / "tests" / "seed" / "gold" / "000_fc500a8bbe85a549.json"
DEV = ROOT / "tests" / "dev"
SHARED = Path(os.environ.get("KIT_SHARED_DIR") or ROOT.parent / "shared")


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared development data)")
    return path


@pytest.fixture(autouse=True)
def _no_default_cache(request, monkeypatch):
    """`make` sets $KIT_CACHE_DIR so that the notebooks' repeated runs (report, nbval, tests/e2e) reuse one
    annotation; a unit test gets no cache unless it asks for one (timeouts, errors and counts stay real)."""
    if "e2e" not in request.node.keywords:
        monkeypatch.delenv("KIT_CACHE_DIR", raising=False)


@pytest.fixture(scope="session")
def nlp():
    import kit

    return kit.load_nlp()


@pytest.fixture()
def fixtures() -> Path:
    return FIXTURES
