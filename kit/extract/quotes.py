"""Quotation spans in a text, curly or straight, tolerant of marks that do not balance.

A quote left open at the end of a paragraph runs on into the next paragraph when that one opens with a
quotation mark (the newspaper convention for quotes over several paragraphs); otherwise it is closed at
the paragraph's end. Two apostrophes ('') stand for a double quotation mark (a convention of some newspaper
archives). Nothing here raises on odd input.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Quote", "find_quotes"]

_OPEN = {"“": "”", "«": "»", "„": "“"}
_CLOSE = {"”", "»"}


@dataclass(frozen=True)
class Quote:
    """Character offsets of a quotation: `start`/`end` around the marks, `inner_*` around the words."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    balanced: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.inner_start, self.inner_end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while True:
        cut = text.find("\n\n", start)
        if cut < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, cut))
        start = cut + 2


def _opens(text: str, i: int) -> bool:
    """A straight double quote opens when it follows a space, a line start or an opening bracket."""
    return i == 0 or text[i - 1] in " \n\t([{—–-:"


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in `text`, in order, never overlapping."""
    if "''" not in text:
        return _find_quotes(text)
    # ''…'' : read each pair of apostrophes as one straight double quote, then widen the marks to both characters
    marked = text.replace("''", "\"'")
    out = []
    for q in _find_quotes(marked):
        inner_start = q.inner_start + (text[q.start : q.start + 2] == "''")
        end = q.end + (q.balanced and text[q.end - 1 : q.end + 1] == "''")
        if inner_start < q.inner_end:
            out.append(Quote(q.start, end, inner_start, q.inner_end, q.balanced))
    return out


def _find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    paragraphs = _paragraphs(text)
    carry: int | None = None  # start of a quote running on from the previous paragraph
    for number, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        closer = ""
        i = p_start
        if carry is not None and not (p_start < p_end and (text[p_start] in _OPEN or text[p_start] == '"')):
            quotes.append(Quote(carry, paragraphs[number - 1][1], carry + 1, paragraphs[number - 1][1], False))
            carry = None
        while i < p_end:
            char = text[i]
            if open_at is None:
                if char in _OPEN:
                    open_at, closer = i, _OPEN[char]
                elif char == '"' and _opens(text, i):
                    open_at, closer = i, '"'
            elif char == closer or (closer != '"' and char in _CLOSE):
                start = carry if carry is not None else open_at
                quotes.append(Quote(start, i + 1, start + 1, i, True))
                open_at, carry = None, None
            elif char in _OPEN and closer != '"' and carry is None and i > open_at + 1 and text[i - 1] in " \n":
                # a second opening mark: the first one never closed
                quotes.append(Quote(open_at, i, open_at + 1, i, False))
                open_at, closer = i, _OPEN[char]
            i += 1
        if open_at is not None:
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            runs_on = following is not None and following[0] < following[1] and text[following[0]] in '"“«'
            if runs_on:
                carry = carry if carry is not None else open_at
            else:
                start = carry if carry is not None else open_at
                end = p_end
                while end > start + 1 and text[end - 1] in " \n":
                    end -= 1
                quotes.append(Quote(start, end, start + 1, end, False))
                carry = None
    if carry is not None:
        quotes.append(Quote(carry, len(text), carry + 1, len(text), False))
    return [q for q in quotes if q.inner_end > q.inner_start]
