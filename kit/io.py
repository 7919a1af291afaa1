"""Writing tables: atomically (a crash never leaves half a file), as CSV or Parquet."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

import pandas as pd

__all__ = ["atomic_write", "write_table", "FORMATS"]

FORMATS = ("csv", "parquet")


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it over `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; tables are for sharing (issue 12)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_table(frame: pd.DataFrame, out_dir: str | os.PathLike[str], name: str, fmt: str = "csv") -> Path:
    """Write one table as `<out_dir>/<name>.csv` (UTF-8) or `.parquet`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    target = Path(out_dir) / f"{name}.{fmt}"
    if fmt == "csv":
        return atomic_write(target, lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8"))
    return atomic_write(target, lambda tmp: frame.to_parquet(tmp, index=False))
