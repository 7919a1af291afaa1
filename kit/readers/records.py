"""Corpus files: one article per CSV row or JSON line, streamed (memory does not grow with the file).

One bad record never stops a file: a line that is not JSON (or nested too deeply, or holding a number too
long to read), a CSV row with more fields than the header, or a quoted field that runs across records (an
unbalanced quote, which would silently merge records) each become one error, and the rest loads. A file with
a header and no records is an error of its own.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ..errors import LoadError
from .base import RawRecord, RecordError, open_regular, read_bytes
from .decode import guess_encoding, normalise_text, repair_decoded, strip_controls

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
    with open_regular(path) as f:
        while chunk := f.read(_CHUNK):
            yield chunk


def _open_text(path: Path) -> tuple[io.TextIOWrapper, str, bool]:
    read_bytes(path, limit=8192)  # unreadable, empty or binary: LoadError before any streaming
    encoding, guessed = guess_encoding(_chunks(path))
    return io.TextIOWrapper(open_regular(path), encoding=encoding, errors="replace", newline=""), encoding, guessed


def _clean(value: str, encoding: str) -> tuple[str, int, int]:
    """A field's text with mis-decoded characters marked and control characters removed: (text, replaced, stripped)."""
    text, replaced = repair_decoded(value, encoding)
    text, stripped = strip_controls(text)
    return text, replaced, stripped


def _pick(columns: Iterable[str], wanted: Iterable[str]) -> str | None:
    lower = {c.lower().strip(): c for c in columns if c}
    return next((lower[w] for w in wanted if w in lower), None)


def _record(
    row: Mapping[str, object], *, path: Path, number: int, text_column: str, id_column: str | None, encoding: str,
    guessed: bool = False,
) -> RawRecord | RecordError:
    columns = list(row)
    raw_id = str(row.get(id_column) or "").strip() if id_column else ""
    doc_id = strip_controls(raw_id)[0] or f"{path.stem}-{number}"
    value = row.get(text_column)
    if not isinstance(value, str) or not value.strip():
        return RecordError(str(path), doc_id, f"record {number}: empty {text_column!r}")
    body, replaced, stripped = _clean(value, encoding)
    fields: dict[str, str] = {}
    used = {text_column, id_column}
    for field, names in FIELD_COLUMNS.items():
        column = _pick(columns, names)
        if column and str(row.get(column) or "").strip():
            text, n, m = _clean(str(row[column]), encoding)
            fields[field] = normalise_text(text).strip()
            replaced += n
            stripped += m
            used.add(column)
    metadata = {k: str(v) for k, v in row.items() if k not in used and k is not None and v not in (None, "")}
    return RawRecord(
        doc_id=doc_id, body=normalise_text(body), source_path=str(path), fields=fields, metadata=metadata,
        encoding=encoding, replaced_chars=replaced, scraped=False, stripped_chars=stripped, encoding_guessed=guessed,
    )


def read_csv_file(path: Path, *, text_column: str | None = None) -> Iterator[RawRecord | RecordError]:
    """Rows of a CSV file as records. No text column → LoadError naming the columns looked for."""
    csv.field_size_limit(2**31 - 1)  # article texts are long fields
    handle, encoding, guessed = _open_text(path)
    with handle:
        reader = csv.DictReader(handle, strict=True)  # strict: a quote left open is an error, not a merged record
        try:
            header = reader.fieldnames
        except csv.Error as exc:
            raise LoadError(path, f"malformed CSV header ({exc})") from None
        columns = [c for c in (header or []) if c]
        column = _pick(columns, [text_column.lower()] if text_column else TEXT_COLUMNS)
        if column is None:
            wanted = repr(text_column) if text_column else ", ".join(TEXT_COLUMNS)
            raise LoadError(path, f"no text column (looked for {wanted}; columns are {', '.join(columns) or 'none'})"
                                  + ("" if text_column else "; name one with --text-column"))
        id_column = _pick(columns, ID_COLUMNS)
        seen: set[str] = set()
        number = 0
        while True:
            first_line = reader.reader.line_num + 1  # DictReader's own line_num lags after an error
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                number += 1
                last_line = reader.reader.line_num
                if "expected after" in str(exc) or "unexpected end of data" in str(exc):
                    where = f"line {first_line}" if last_line <= first_line else f"lines {first_line}–{last_line}"
                    yield RecordError(str(path), None, f"record {number}: a quoted field runs across records ({where}; "
                                                       "an unbalanced '\"'), skipped")
                else:
                    yield RecordError(str(path), None, f"record {number}: malformed CSV ({exc})")
                continue
            number += 1
            if row.get(None):  # more fields than the header: a stray quote or delimiter shifted the row
                yield RecordError(str(path), None, f"record {number}: {len(columns) + len(row[None])} fields where "
                                                   f"the header has {len(columns)} (line {first_line})")
                continue
            yield _dedup(_record(row, path=path, number=number, text_column=column, id_column=id_column,
                                 encoding=encoding, guessed=guessed), seen, path, number)
        if number == 0:
            raise LoadError(path, "no records (the CSV file has a header and no rows)")


def read_jsonl_file(path: Path, *, text_column: str | None = None) -> Iterator[RawRecord | RecordError]:
    """JSON Lines: one object per line; bad lines become errors, the rest loads."""
    handle, encoding, guessed = _open_text(path)
    seen: set[str] = set()
    with handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                item = _jsonl_record(line, path=path, number=number, text_column=text_column, encoding=encoding,
                                     guessed=guessed)
            except (ValueError, RecursionError, TypeError) as exc:  # one bad line never stops the file
                item = RecordError(str(path), None, f"record {number}: not valid JSON ({_json_problem(exc)})")
            yield _dedup(item, seen, path, number)
        if number == 0:
            raise LoadError(path, "no records (the file holds no JSON lines)")


def _json_problem(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return "a number too long to read" if "digits" in message else message


def _jsonl_record(line: str, *, path: Path, number: int, text_column: str | None, encoding: str,
                  guessed: bool) -> RawRecord | RecordError:
    row = json.loads(line)
    if not isinstance(row, dict):
        return RecordError(str(path), None, f"record {number}: not a JSON object")
    column = _pick(row, [text_column.lower()] if text_column else TEXT_COLUMNS)
    if column is None:
        given = str(row.get("id") or "") or None if not isinstance(row.get("id"), (dict, list)) else None
        return RecordError(str(path), given,
                           f"record {number}: no text field (looked for {text_column or ', '.join(TEXT_COLUMNS)})")
    row = {k: v if isinstance(v, str) or v is None else json.dumps(v) if isinstance(v, (list, dict)) else str(v)
           for k, v in row.items()}
    return _record(row, path=path, number=number, text_column=column, id_column=_pick(row, ID_COLUMNS),
                   encoding=encoding, guessed=guessed)


def _dedup(item: RawRecord | RecordError, seen: set[str], path: Path, number: int) -> RawRecord | RecordError:
    """A repeated id gets `<file stem>-<record number>` (the id as given is kept in metadata): nothing lost."""
    if isinstance(item, RawRecord):
        if item.doc_id in seen:
            metadata = {**item.metadata, "duplicate_id": item.doc_id}
            item = replace(item, doc_id=f"{path.stem}-{number}", metadata=metadata)
        seen.add(item.doc_id)
    return item
