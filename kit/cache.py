"""Annotation cache: one JSON file per article text, keyed by content hash and pipeline signature.

A key changes whenever the text, the kit version, the spaCy pipeline (name and version), the kit's
components or their data change, so a hit is always what a fresh run would compute.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .io import atomic_write

if TYPE_CHECKING:
    from .nlp import PipelineSpec

__all__ = ["AnnotationCache", "pipeline_signature", "data_fingerprint"]


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


class AnnotationCache:
    """Cached annotations under `<dir>/<signature>/<hash[:2]>/<hash>.json` (atomic writes)."""

    def __init__(self, directory: str | os.PathLike[str], signature: str) -> None:
        self.root = Path(directory) / signature
        self.hits = 0
        self.misses = 0

    def _path(self, text: str) -> Path:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return self.root / digest[:2] / f"{digest}.json"

    def get(self, text: str) -> dict | None:
        path = self._path(text)
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, text: str, annotation: dict) -> None:
        payload = json.dumps(annotation, ensure_ascii=False, separators=(",", ":"))
        atomic_write(self._path(text), lambda tmp: tmp.write_text(payload, encoding="utf-8"))
