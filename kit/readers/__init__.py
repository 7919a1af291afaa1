"""Readers: one per input format, each turning a file into raw records (no cleaning, no spaCy)."""
from __future__ import annotations

from .base import RawRecord, RecordError, SUPPORTED_SUFFIXES, read_path

__all__ = ["RawRecord", "RecordError", "SUPPORTED_SUFFIXES", "read_path"]
