"""Where the bundled sample articles are, whatever the current directory (notebooks run in notebooks/)."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import KitError

__all__ = ["seeds_dir", "SEEDS_ENV"]

SEEDS_ENV = "KIT_SEEDS_DIR"


def seeds_dir() -> Path:
    """`$KIT_SEEDS_DIR`, else the `seeds/` folder of the source checkout the kit is installed from."""
    if os.environ.get(SEEDS_ENV):
        return Path(os.environ[SEEDS_ENV])
    candidate = Path(__file__).resolve().parent.parent / "seeds"
    if candidate.is_dir():
        return candidate
    raise KitError(f"no seeds folder next to the kit ({candidate}); set {SEEDS_ENV} to the folder of sample articles")
