"""Corpus files: one article per CSV row or JSON line, streamed (memory does not grow with the file)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ..errors import LoadError
from .base import RawRecord, RecordError, read_bytes
from .decode import detect_encoding, normalise_text, repair_decoded

__all__ = ["read_csv_file", "read_jsonl_file", "TEXT_COLUMNS", "ID_COLUMNS"]

TEXT_COLUMNS = ("text", "content", "body", "article_content", "article_text", "article", "story")
ID_COLUMNS = ("id", "unit_id", "doc_id", "article_id")
FIELD_COLUMNS = {
    "title": ("title", "article_title", "headline"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename"),
    "byline": ("byline", "author", "authors"),
    "published": ("published", "date", "pubdate", "published_at", "datetime"),
    "url": ("url", "link"),
}
_CHUNK = 1 << 20


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            yield chunk


def _open_text(path: Path) -> tuple[io.TextIOWrapper, str]:
    read_bytes(path, limit=8192)  # unreadable, empty or binary: LoadError before any streaming
    encoding = detect_encoding(_chunks(path))
    return open(path, encoding=encoding, errors="replace", newline=""), encoding


def _pick(columns: Iterable[str], wanted: Iterable[str]) -> str | None:
    lower = {c.lower().strip(): c for c in columns if c}
    return next((lower[w] for w in wanted if w in lower), None)


def _record(
    row: Mapping[str, object], *, path: Path, number: int, text_column: str, id_column: str | None, encoding: str
) -> RawRecord | RecordError:
    columns = list(row)
    raw_id = str(row.get(id_column) or "").strip() if id_column else ""
    doc_id = raw_id or f"{path.stem}-{number}"
    value = row.get(text_column)
    if not isinstance(value, str) or not value.strip():
        return RecordError(str(path), doc_id, f"record {number}: empty {text_column!r}")
    body, replaced = repair_decoded(value)
    fields: dict[str, str] = {}
    used = {text_column, id_column}
    for field, names in FIELD_COLUMNS.items():
        column = _pick(columns, names)
        if column and str(row.get(column) or "").strip():
            text, n = repair_decoded(str(row[column]))
            fields[field] = normalise_text(text).strip()
            replaced += n
            used.add(column)
    metadata = {k: str(v) for k, v in row.items() if k not in used and k is not None and v not in (None, "")}
    return RawRecord(
        doc_id=doc_id, body=normalise_text(body), source_path=str(path), fields=fields, metadata=metadata,
        encoding=encoding, replaced_chars=replaced, scraped=False,
    )


def read_csv_file(path: Path, *, text_column: str | None = None) -> Iterator[RawRecord | RecordError]:
    """Rows of a CSV file as records. No text column → LoadError naming the columns looked for."""
    csv.field_size_limit(2**31 - 1)  # article texts are long fields
    handle, encoding = _open_text(path)
    with handle:
        reader = csv.DictReader(handle)
        columns = [c for c in (reader.fieldnames or []) if c]
        column = _pick(columns, [text_column.lower()] if text_column else TEXT_COLUMNS)
        if column is None:
            wanted = repr(text_column) if text_column else ", ".join(TEXT_COLUMNS)
            raise LoadError(path, f"no text column (looked for {wanted}; columns are {', '.join(columns) or 'none'})"
                                  + ("" if text_column else "; name one with --text-column"))
        id_column = _pick(columns, ID_COLUMNS)
        seen: set[str] = set()
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                number += 1
                yield RecordError(str(path), None, f"record {number}: malformed CSV ({exc})")
                continue
            number += 1
            yield _dedup(_record(row, path=path, number=number, text_column=column, id_column=id_column,
                                 encoding=encoding), seen, path, number)


def read_jsonl_file(path: Path, *, text_column: str | None = None) -> Iterator[RawRecord | RecordError]:
    """JSON Lines: one object per line; bad lines become errors, the rest loads."""
    handle, encoding = _open_text(path)
    seen: set[str] = set()
    with handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                row = json.loads(line)
            except ValueError as exc:
                yield RecordError(str(path), None, f"record {number}: not valid JSON ({exc.msg})")
                continue
            if not isinstance(row, dict):
                yield RecordError(str(path), None, f"record {number}: not a JSON object")
                continue
            column = _pick(row, [text_column.lower()] if text_column else TEXT_COLUMNS)
            if column is None:
                yield RecordError(str(path), str(row.get("id") or "") or None,
                                  f"record {number}: no text field (looked for {text_column or ', '.join(TEXT_COLUMNS)})")
                continue
            row = {k: v if isinstance(v, str) or v is None else json.dumps(v) if isinstance(v, (list, dict)) else str(v)
                   for k, v in row.items()}
            yield _dedup(_record(row, path=path, number=number, text_column=column,
                                 id_column=_pick(row, ID_COLUMNS), encoding=encoding), seen, path, number)


def _dedup(item: RawRecord | RecordError, seen: set[str], path: Path, number: int) -> RawRecord | RecordError:
    """A repeated id gets `<file stem>-<record number>` (the id as given is kept in metadata): nothing lost."""
    if isinstance(item, RawRecord):
        if item.doc_id in seen:
            metadata = {**item.metadata, "duplicate_id": item.doc_id}
            item = replace(item, doc_id=f"{path.stem}-{number}", metadata=metadata)
        seen.add(item.doc_id)
    return item
