"""Readers: one per input format, each turning a file into raw records (no cleaning, no spaCy).

The registry of formats lives here, above the format readers: `base` holds what they share, each format module
imports `base`, and this module imports them all — imports run one way.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

from ..errors import LoadError
from . import html, records, text
from .base import DOCUMENTATION, RawRecord, RecordError

__all__ = ["RawRecord", "RecordError", "READERS", "SUPPORTED_SUFFIXES", "CORPUS_SUFFIXES", "DOCUMENTATION",
           "read_path"]

Reader = Callable[..., Iterator[RawRecord | RecordError]]

# File suffix (lower case) → reader. A corpus reader takes `text_column`; a one-article reader does not.
READERS: dict[str, Reader] = {
    ".txt": text.read_text_file,
    ".text": text.read_text_file,
    ".html": html.read_html_file,
    ".htm": html.read_html_file,
    ".xhtml": html.read_html_file,
    ".xml": html.read_html_file,
    ".csv": records.read_csv_file,
    ".jsonl": records.read_jsonl_file,
    ".ndjson": records.read_jsonl_file,
}
SUPPORTED_SUFFIXES = tuple(READERS)
CORPUS_SUFFIXES = (".csv", ".jsonl", ".ndjson")


def read_path(path: str | os.PathLike[str], *, text_column: str | None = None) -> Iterator[RawRecord | RecordError]:
    """Raw records of one file. File-level problems raise LoadError; record-level ones are yielded."""
    if not str(path).strip():
        raise LoadError(str(path), "empty path (name a file or folder)")
    path = Path(path)
    if path.is_dir():
        raise LoadError(path, "is a folder; use load_corpus() for folders")
    if not path.exists():
        raise LoadError(path, "no such file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise LoadError(path, f"unknown file type {path.suffix or '(no extension)'!r}; "
                              f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    if path.suffix.lower() in CORPUS_SUFFIXES:
        return reader(path, text_column=text_column)
    return reader(path)
