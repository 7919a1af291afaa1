"""Within-article alias patterns, as small pure functions over a Doc.

* `X, also known as Y` · `X, known as Y` · `X (also known as Y)` · `X, or Y,` · `X, formerly Y` · `X, dubbed Y`
* `X (Y)` — a parenthesised alias or acronym right after a name; acronyms are checked letter by letter
  (Schwartz & Hearst, "A simple algorithm for identifying abbreviation definitions in biomedical text", 2003)
* titles and ranks stripped from names ("Col.", "President", "Foreign Minister")
* definite descriptions ("the observatory") and bare surnames ("Assad") resolved to a name seen before
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from spacy.tokens import Doc, Span

from .entity_words import TITLES

__all__ = [
    "AliasLink", "alias_links", "is_acronym_of", "TITLES", "strip_titles", "capitalised_run", "is_capitalised",
]

# TITLES: titles, ranks and honorifics that precede names ("Col. Hassan Abdulghani" → "Hassan Abdulghani"),
# from data/titles.csv (re-exported here, where the rules that strip them live).
_CUES = re.compile(
    r"^\s*(?:,\s*|\(\s*)?(?:also\s+known\s+as|also\s+called|known\s+as|formerly(?:\s+known\s+as)?|dubbed|"
    r"a\.k\.a\.?|aka|or)(?:\s+the)?\s*$",
    re.I,
)
_LINKERS = frozenset({"of", "for", "the", "al", "el", "and", "de", "du", "bin", "ibn", "abu", "-", "’s", "'s"})


@dataclass(frozen=True)
class AliasLink:
    """`alias` names the same entity as `name` (token offsets within the Doc)."""

    name: tuple[int, int]
    alias: tuple[int, int]
    pattern: str


def is_capitalised(text: str) -> bool:
    return bool(text) and (text[0].isupper() or bool(re.match(r"^(al|el|as|ash|ad|an|ar)-[A-Z]", text)))


def capitalised_run(doc: Doc, start: int, *, max_tokens: int = 7) -> int:
    """End of the run of capitalised tokens starting at `start` (linking words allowed inside)."""
    end = start
    i = start
    while i < len(doc) and i - start < max_tokens:
        token = doc[i]
        if is_capitalised(token.text) and not token.is_space:
            end = i + 1
        elif token.lower_ not in _LINKERS:
            break
        i += 1
    return end


def strip_titles(span: Span) -> Span:
    """Drop leading titles and ranks (and determiners) from a name, keeping at least one token."""
    start = span.start
    while start < span.end - 1:
        token = span.doc[start]
        if token.lower_ in TITLES or token.lower_.rstrip(".") in TITLES or token.lower_ in {"the", "a", "an", "."}:
            start += 1
        else:
            break
    return span.doc[start : span.end]


def is_acronym_of(short: str, long: str) -> bool:
    """Schwartz–Hearst: every letter of the short form appears, in order, in the long form, the first
    letter starting a word of the long form ("HTS" ← "Hayat Tahrir al-Sham")."""
    short = re.sub(r"[^A-Za-z0-9]", "", short).lower()
    long = long.lower()
    if len(short) < 2 or len(long) <= len(short):
        return False
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        char = short[s]
        while i >= 0 and (long[i] != char or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return False
        i -= 1
        s -= 1
    return True


def alias_links(doc: Doc, spans: list[tuple[int, int]]) -> Iterator[AliasLink]:
    """Alias links between name spans (token offsets, sorted, non-overlapping) and the text after them.

    The alias side may be a span the NER missed: it is then the capitalised run after the cue.
    """
    starts = {s: e for s, e in spans}
    for start, end in spans:
        # X, also known as Y / X, or Y / X (also known as Y)
        j = end
        while j < len(doc) and j - end < 6 and not _CUES.match(doc[end:j].text) and doc[j].text not in ".;:\n":
            j += 1
        if j > end and _CUES.match(doc[end:j].text) and j < len(doc):
            cue = doc[end:j].text.strip(" ,(").lower()
            if doc[j].lower_ in {"the", "a", "an"} and j + 1 < len(doc):
                j += 1
            alias_end = starts.get(j) or capitalised_run(doc, j)
            if alias_end > j and (cue != "or" or _comma_closed(doc, alias_end)):
                yield AliasLink((start, end), (j, alias_end), cue)
                continue
        # X (Y)
        if end + 2 < len(doc) and doc[end].text == "(":
            close = next((k for k in range(end + 1, min(end + 9, len(doc))) if doc[k].text == ")"), None)
            if close and close > end + 1:
                inner_start = end + 1
                while inner_start < close and doc[inner_start].is_space:
                    inner_start += 1
                if inner_start < close and is_capitalised(doc[inner_start].text):
                    yield AliasLink((start, end), (inner_start, close), "parenthesis")


def _comma_closed(doc: Doc, end: int) -> bool:
    """'X, or Y,' needs the closing comma (or a clause end) to be an alias, not a list of options."""
    return end >= len(doc) or doc[end].text in {",", ")", ".", ";", "—", "–"}
