"""Exceptions the kit raises on purpose: each says what failed and why, in one line."""
from __future__ import annotations

from os import PathLike

__all__ = ["KitError", "LoadError", "ModelNotFoundError"]


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
