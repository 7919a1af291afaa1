"""Exceptions the kit raises on purpose: each says what failed and why, in one line."""
from __future__ import annotations

from os import PathLike

import errno

__all__ = ["KitError", "LoadError", "ModelNotFoundError", "OutputError", "OutputBusyError", "KitWarning",
           "describe_os_error"]


class KitError(Exception):
    """Base class: an error meant for the user, printed by the CLI without a traceback."""


class LoadError(KitError):
    """An input could not be read as an article (empty, binary, unknown format, no text column...)."""

    def __init__(self, path: str | PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ModelNotFoundError(KitError):
    """No spaCy English pipeline is installed under any of the names the kit tries."""


class OutputError(KitError):
    """The output (tables) could not be written: disk full, read-only, a file where a folder should be…"""

    def __init__(self, path: str | PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"cannot write {self.path}: {reason}")


class OutputBusyError(OutputError):
    """Another kit run holds the lock on the same output folder."""


class KitWarning(UserWarning):
    """Something the user should know that did not stop the run (the cache was turned off, a language)."""


_ERRNO_WORDS = {
    errno.ENOSPC: "no space left on the device (disk full)",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOTDIR: "a file is in the way where a folder is needed",
    errno.EISDIR: "is a folder",
    errno.EDQUOT: "disk quota exceeded",
    errno.EIO: "input/output error (a failing disk?)",
    errno.ENAMETOOLONG: "file name too long",
    errno.EMFILE: "too many open files",
    errno.EXDEV: "on another file system",
}


def describe_os_error(exc: OSError) -> str:
    """A short, plain reason for an OSError ("no space left on the device (disk full)")."""
    return _ERRNO_WORDS.get(exc.errno or 0, (exc.strerror or str(exc) or type(exc).__name__).lower())
