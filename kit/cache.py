"""Annotation cache: one entry per article text, keyed by content hash and pipeline signature, verified on read.

A key changes whenever the text, the kit version, the spaCy pipeline (name and version), the kit's
components or their data change, so a hit is what a fresh run would compute. An entry is trusted only when
it passes `decode_entry`: the format's header and version, a SHA-256 checksum over the key and the payload
(an entry copied from another article, or cut short, fails), the annotation's shape, and every span of it
against the text (`valid_annotation`). A bad entry is a miss, recomputed and overwritten. When the cache's
disk fails (full, read-only, gone), the run goes on without a cache after one KitWarning.

Storage (one file per entry under `<dir>/<signature>/<hash[:2]>/<hash>.json`, atomic writes) is kept apart
from the entry format (`encode_entry`, `decode_entry`), so another store can reuse the verification.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import KitWarning, describe_os_error
from .io import atomic_write
from .outdir import MARKER

if TYPE_CHECKING:
    from .nlp import PipelineSpec

__all__ = ["AnnotationCache", "pipeline_signature", "data_fingerprint", "text_key", "encode_entry", "decode_entry",
           "valid_annotation", "ENTRY_FORMAT"]

ENTRY_FORMAT = b"kit-annotation/1"
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
    import spacy

    parts = [__version__, spacy.__version__, spec.model, _model_version(spec.model), ",".join(spec.components),
             data_fingerprint(), *(_file_digest(p) for p in spec.entity_files)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


def text_key(text: str) -> str:
    """The cache key of an article text (SHA-256, hex)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _checksum(key: str, payload: bytes) -> str:
    return hashlib.sha256(key.encode("ascii") + b"\n" + payload).hexdigest()


def encode_entry(key: str, annotation: dict) -> bytes:
    """An entry: a header line (format, checksum over key and payload) and the annotation as JSON."""
    payload = json.dumps(annotation, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return ENTRY_FORMAT + b" " + _checksum(key, payload).encode("ascii") + b"\n" + payload


def decode_entry(key: str, data: bytes, text: str) -> dict | None:
    """The annotation in an entry, or None when anything about it is wrong (format, checksum, shape, spans)."""
    header, newline, payload = data.partition(b"\n")
    parts = header.split(b" ")
    if not newline or len(parts) != 2 or parts[0] != ENTRY_FORMAT:
        return None
    if parts[1].decode("ascii", "replace") != _checksum(key, payload):
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
    n = len(text)
    if not all(_offset(s, n) for s in annotation["sent_starts"]):
        return False
    for table in _TABLES:
        rows = annotation.get(table)
        if not isinstance(rows, list):
            return False
        for row in rows:
            if not isinstance(row, dict):
                return False
            for start, end, column in _SPANS[table]:
                a, b = row.get(start), row.get(end)
                if not (_offset(a, n) and _offset(b, n) and a <= b):
                    return False
                if column is not None and row.get(column) != text[a:b]:
                    return False
    return True


class AnnotationCache:
    """Cached annotations under `<dir>/<signature>/<hash[:2]>/<hash>.json` (atomic writes, verified reads).

    `hits`, `misses` and `rejected` (entries that failed verification) count lookups; `enabled` turns False,
    with one KitWarning, when the cache's disk fails."""

    def __init__(self, directory: str | os.PathLike[str], signature: str) -> None:
        self.root = Path(directory) / signature
        self.hits = 0
        self.misses = 0
        self.rejected = 0
        self.enabled = True
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            marker = Path(directory) / MARKER  # a folder scan never reads the cache as articles
            if not marker.exists():
                marker.write_text("annotation cache of kit; the kit never reads this folder as input\n",
                                  encoding="utf-8")
        except OSError as exc:
            self._disable(self.root, exc)

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def _disable(self, path: Path, exc: OSError) -> None:
        if self.enabled:
            self.enabled = False
            warnings.warn(KitWarning(f"cache turned off for this run: cannot use {path}: {describe_os_error(exc)}; "
                                     "annotating without it"), stacklevel=3)

    def get(self, text: str) -> dict | None:
        if not self.enabled:
            return None
        key = text_key(text)
        path = self._path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            if isinstance(exc, (IsADirectoryError, PermissionError)):
                self.misses += 1  # one unreadable entry: recompute it
                return None
            self._disable(path, exc)
            return None
        annotation = decode_entry(key, data, text)
        if annotation is None:
            self.rejected += 1
            self.misses += 1
            return None
        self.hits += 1
        return annotation

    def put(self, text: str, annotation: dict) -> None:
        if not self.enabled:
            return
        key = text_key(text)
        data = encode_entry(key, annotation)
        path = self._path(key)
        try:
            atomic_write(path, lambda tmp: tmp.write_bytes(data))
        except OSError as exc:
            self._disable(path, exc)
