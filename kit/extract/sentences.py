"""Sentence lookups in constant time: `token.sent` walks the Doc on every call, this does not."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

__all__ = ["Sentences"]


class Sentences:
    """Sentence boundaries of a Doc, computed once; `of(i)` is the sentence of token i."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spans: list[Span] = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        self.starts = [s.start for s in self.spans]

    def index(self, i: int) -> int:
        return max(bisect_right(self.starts, i) - 1, 0)

    def of(self, i: int) -> Span:
        return self.spans[self.index(i)]

    def start(self, i: int) -> int:
        return self.starts[self.index(i)]

    def previous_start(self, i: int) -> int:
        """Start of the sentence before token i's (or of its own, for the first)."""
        return self.starts[max(self.index(i) - 1, 0)]
