"""What every reader returns, and the dispatch on file extension."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..errors import LoadError
from .decode import Decoded, decode_bytes, looks_binary, normalise_text

__all__ = ["RawRecord", "RecordError", "SUPPORTED_SUFFIXES", "read_path", "read_decoded", "read_bytes"]


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


@dataclass(frozen=True)
class RecordError:
    """A record or file that could not be read; the rest of a corpus still loads."""

    source_path: str
    doc_id: str | None
    reason: str


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes (the first `limit` of them); LoadError when unreadable, empty or binary."""
    try:
        with path.open("rb") as handle:
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
    return Decoded(text=text, encoding=decoded.encoding, replaced=decoded.replaced)


def _readers() -> dict[str, Callable[..., Iterator[RawRecord | RecordError]]]:
    from . import html, records, text

    return {
        ".txt": text.read_text_file,
        ".text": text.read_text_file,
        ".html": html.read_html_file,
        ".htm": html.read_html_file,
        ".csv": records.read_csv_file,
        ".jsonl": records.read_jsonl_file,
        ".ndjson": records.read_jsonl_file,
    }


SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".csv", ".jsonl", ".ndjson")


def read_path(path: str | Path, *, text_column: str | None = None) -> Iterator[RawRecord | RecordError]:
    """Raw records of one file. File-level problems raise LoadError; record-level ones are yielded."""
    path = Path(path)
    if path.is_dir():
        raise LoadError(path, "is a folder; use load_corpus() for folders")
    if not path.exists():
        raise LoadError(path, "no such file")
    reader = _readers().get(path.suffix.lower())
    if reader is None:
        raise LoadError(path, f"unknown file type {path.suffix or '(no extension)'!r}; "
                              f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
    if path.suffix.lower() in (".csv", ".jsonl", ".ndjson"):
        return reader(path, text_column=text_column)
    return reader(path)
