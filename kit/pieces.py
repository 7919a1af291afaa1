"""Bounded input for spaCy: over-long texts in pieces, over-long runs of symbols in chunks, offsets kept.

* A text longer than the pipeline's `max_length` (spaCy refuses it: E088) is annotated in pieces of at most
  PIECE_CHARS characters, cut at a paragraph break where there is one (else a line break, a sentence end, a
  space); the pieces' annotations are merged with every offset shifted back into the whole text, so the
  tables index the cleaned text as always. Shorter texts go whole, exactly as before.
* spaCy's tokenizer takes time quadratic in the length of a run without spaces made of prefix or suffix
  characters (100,000 quotation marks: minutes). `BoundedTokenizer` hands such runs to the tokenizer in
  chunks of RUN_CHUNK characters and joins the tokens into one Doc with the same text; text without such a
  run is tokenized exactly as before.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from spacy.tokens import Doc

__all__ = ["PIECE_CHARS", "split_pieces", "merge_annotations", "annotate_long", "BoundedTokenizer", "OFFSET_KEYS"]

PIECE_CHARS = 100_000
RUN_CHUNK = 100
# A run of non-space characters is chunked when it is longer than LONG_RUN, or longer than SYMBOL_RUN and mostly
# symbols (quotes, brackets, dashes: what the tokenizer peels off one at a time). Words and URLs are untouched.
LONG_RUN = 1_000
SYMBOL_RUN = 64
OFFSET_KEYS = ("start_char", "end_char", "speaker_start", "speaker_end", "cue_start", "cue_end", "content_start",
               "content_end")
_RUN = re.compile(r"\S{%d,}" % (SYMBOL_RUN + 1))
_CUTS = ("\n\n", "\n", ". ", " ")


def split_pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text`, each piece at most `limit` characters, cut at a natural break."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for mark in _CUTS:
            at = window.rfind(mark, limit // 2)
            if at > 0:
                cut = at + len(mark)
                break
        cut = cut or limit
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def merge_annotations(parts: Iterable[tuple[int, dict]]) -> dict:
    """One annotation from the annotations of a text's pieces, each given with the piece's offset."""
    merged: dict[str, list] = {"sent_starts": [], "mentions": [], "claims": [], "casualties": []}
    figures = 0
    for offset, annotation in parts:
        merged["sent_starts"].extend(s + offset for s in annotation["sent_starts"])
        for key in ("mentions", "claims", "casualties"):
            for row in annotation[key]:
                row = {k: (v + offset if k in OFFSET_KEYS and isinstance(v, int) else v) for k, v in row.items()}
                if key == "casualties":  # figure numbers run on across pieces
                    row["figure_id"] = row["figure_id"] + figures
                    if row.get("part_of") is not None:
                        row["part_of"] = row["part_of"] + figures
                merged[key].append(row)
        figures += len(annotation["casualties"])
    return merged


def annotate_long(nlp, text: str) -> dict:
    """The annotation of a text of any length: whole when the pipeline takes it, else in pieces, merged."""
    from .tables import annotation_of

    if len(text) <= nlp.max_length:
        return annotation_of(nlp(text))
    pieces = split_pieces(text, min(PIECE_CHARS, nlp.max_length))
    return merge_annotations((offset, annotation_of(nlp(piece))) for offset, piece in pieces)


class BoundedTokenizer:
    """A tokenizer that gives long runs of symbols to the wrapped tokenizer in chunks (see the module)."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __getattr__(self, name: str):  # pipe(), rules, to_bytes() … of the wrapped tokenizer
        return getattr(self.tokenizer, name)

    def __call__(self, text: str) -> Doc:
        runs = [m.span() for m in _RUN.finditer(text) if _needs_chunks(m.group())]
        if not runs:
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for start, end in runs:
            self._add(text[position:start], words, spaces)
            for chunk in range(start, end, RUN_CHUNK):
                self._add(text[chunk : min(chunk + RUN_CHUNK, end)], words, spaces)
            position = end
        self._add(text[position:], words, spaces)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        return doc if doc.text == text else self.tokenizer(text)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def _add(self, text: str, words: list[str], spaces: list[bool]) -> None:
        if words and not spaces[-1] and text.startswith(" "):
            spaces[-1], text = True, text[1:]  # one space after a token belongs to it, as the tokenizer has it
        if not text:
            return
        for token in self.tokenizer(text):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))


def _needs_chunks(run: str) -> bool:
    if len(run) > LONG_RUN:
        return True
    symbols = sum(1 for c in run if not c.isalnum())
    return symbols * 2 > len(run)
