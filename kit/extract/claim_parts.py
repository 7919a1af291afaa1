"""The pieces claims are made of: the Claim record, the cue lexicon, and token-span helpers."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # types only: the cue lexicon is read when rows are built from a cache hit, without spaCy
    from spacy.tokens import Token

from ..lexicons import CueLexicon

__all__ = ["Claim", "CueLexicon", "span_chars", "trim_tokens", "speaker_tokens"]


@dataclass
class Claim:
    """One attributed statement, with character offsets of its parts."""

    speaker: str
    speaker_text: str
    cue: str
    content: str
    kind: str
    status: str
    status_evidence: str | None
    speaker_start: int
    speaker_end: int
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    co_speakers: list[str] = field(default_factory=list)
    sentence: int = 0

    @property
    def start_char(self) -> int:
        return min(self.speaker_start, self.cue_start, self.content_start)

    @property
    def end_char(self) -> int:
        return max(self.speaker_end, self.cue_end, self.content_end)

    def record(self) -> dict:
        return {
            "start_char": self.start_char, "end_char": self.end_char, "speaker": self.speaker,
            "speaker_text": self.speaker_text, "cue": self.cue, "content": self.content, "kind": self.kind,
            "status": self.status, "status_evidence": self.status_evidence,
            "speaker_start": self.speaker_start, "speaker_end": self.speaker_end, "cue_start": self.cue_start,
            "cue_end": self.cue_end, "content_start": self.content_start, "content_end": self.content_end,
            "co_speakers": "|".join(self.co_speakers) or None,
        }


def span_chars(tokens: Iterable[Token]) -> tuple[int, int]:
    tokens = sorted(tokens, key=lambda t: t.i)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def trim_tokens(tokens: list[Token]) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct and tokens[0].text not in "“\"" or tokens[0].is_space
                      or tokens[0].lower_ == "that" and tokens[0].dep_ == "mark"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in "”\"" or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def speaker_tokens(head: Token) -> list[Token]:
    """The speaker phrase: the subject's subtree without relative clauses and trailing punctuation."""
    skip: set[int] = set()
    for child in head.children:
        if child.dep_ in {"acl", "advcl"} and child.i > head.i and child.tag_ == "VBG" \
                and child.i > 0 and head.doc[child.i - 1].text == ",":
            skip.update(t.i for t in child.subtree)  # "A senior officer, speaking by telephone,"
            skip.add(child.i - 1)
        if child.dep_ == "relcl" and child.i > head.i:
            skip.update(t.i for t in child.subtree)
            if child.left_edge.i > 0 and head.doc[child.left_edge.i - 1].text == ",":
                skip.add(child.left_edge.i - 1)  # the comma before the clause goes with it
    return trim_tokens([t for t in head.subtree if t.i not in skip])
