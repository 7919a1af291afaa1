"""Shared fixtures. Tests that need ../shared (answer keys, FA-KES) skip cleanly without it."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared development data)")
    return path


@pytest.fixture(scope="session")
def nlp():
    import kit

    return kit.load_nlp()


@pytest.fixture()
def fixtures() -> Path:
    return FIXTURES
