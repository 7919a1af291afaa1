"""Writing files: atomically (a crash never leaves half a file), as CSV or Parquet, with the umask's mode."""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pandas as pd

__all__ = ["atomic_write", "write_table", "file_mode", "dir_mode", "make_dir", "FORMATS"]

FORMATS = ("csv", "parquet")


@lru_cache(maxsize=1)
def _umask() -> int:
    try:  # Linux: read it without changing it (os.umask can only be read by setting it)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a plain `open(path, "w")` would give a new file (0o666 less the umask)."""
    return 0o666 & ~_umask()


def dir_mode() -> int:
    """The mode a plain `mkdir` would give a new folder (0o777 less the umask)."""
    return 0o777 & ~_umask()


def make_dir(path: str | os.PathLike[str], *, prefix: str) -> Path:
    """A new, uniquely named folder in `path` with the umask's mode (tempfile.mkdtemp makes it 0o700)."""
    made = Path(tempfile.mkdtemp(prefix=prefix, dir=path))
    os.chmod(made, dir_mode())
    return made


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it over `path` (mode from the umask)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; tables are for sharing (issue 12)
    try:
        write(Path(tmp))
        os.chmod(tmp, file_mode())  # mkstemp makes it 0o600 whatever the umask
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
