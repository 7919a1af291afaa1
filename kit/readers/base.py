"""What every reader returns, and the file-reading helpers the format readers share."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import LoadError
from .decode import Decoded, decode_bytes, looks_binary, normalise_text

__all__ = ["RawRecord", "RecordError", "DOCUMENTATION", "MAX_ARTICLE_BYTES", "read_decoded", "read_bytes", "open_regular"]

# A file holding one article larger than this is refused (the longest news article is ~0.1 MB; 64 MiB of
# text would take hours to annotate). Corpus files (.csv, .jsonl) are streamed and have no limit.
MAX_ARTICLE_BYTES = 64 << 20


@dataclass(frozen=True)
class RawRecord:
    """One article as read: body text plus whatever fields the source gave (title, outlet, date, …)."""

    doc_id: str
    body: str
    source_path: str
    fields: dict[str, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    replaced_chars: int = 0
    scraped: bool = True  # False when the body is known to be clean article text (a corpus field)
    stripped_chars: int = 0  # control characters (NUL…) removed
    encoding_guessed: bool = False


@dataclass(frozen=True)
class RecordError:
    """A record or file that could not be read; the rest of a corpus still loads."""

    source_path: str
    doc_id: str | None
    reason: str


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; LoadError for FIFOs, devices, sockets and folders.

    Opened without blocking, then checked on the open descriptor: a FIFO named as an article is refused
    instead of waiting forever for a writer, and nothing can swap the file between check and read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise LoadError(path, f"cannot read file ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
                    else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
                    else "not a regular file")
            raise LoadError(path, f"not a regular file ({kind})")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes (the first `limit` of them); LoadError when unreadable, empty, binary or too large."""
    try:
        with open_regular(path) as handle:
            if limit is None and os.fstat(handle.fileno()).st_size > MAX_ARTICLE_BYTES:
                size = os.fstat(handle.fileno()).st_size
                raise LoadError(path, f"file too large for one article ({size / 2**20:.0f} MiB; the limit is "
                                      f"{MAX_ARTICLE_BYTES >> 20} MiB — put long corpora in a .csv or .jsonl file)")
            data = handle.read(-1 if limit is None else limit)
    except OSError as exc:
        raise LoadError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not data.strip():
        raise LoadError(path, "empty file")
    if looks_binary(data):
        raise LoadError(path, "binary file, not text")
    return data


def read_decoded(path: Path) -> Decoded:
    """The file's text, decoded and normalised; LoadError for empty and binary files."""
    decoded = decode_bytes(read_bytes(path))
    text = normalise_text(decoded.text)
    if not text.strip():
        raise LoadError(path, "empty file")
    return Decoded(text=text, encoding=decoded.encoding, replaced=decoded.replaced, stripped=decoded.stripped,
                   guessed=decoded.guessed)


# Files that describe a folder rather than hold articles: skipped in folder scans without an error row.
DOCUMENTATION = (".md", ".markdown", ".rst")
