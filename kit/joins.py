"""Glued text in scraped pages: paragraphs, captions and ad markers joined without a space, repaired.

Scrapers that drop the markup between blocks glue them together: "…in March.Ahmed Karimi said",
"(Wire)The ministry", "ADThe ministry said", "NATOThe alliance". Entities and speakers built on such tokens are junk
("MarchAhmed Karimi", "ADThe ministry"), so the cleaner repairs the joins before anything reads the text:
* a sentence end glued to the next sentence gets its space ("in March. Ahmed", "killed.\" The");
* a closing bracket glued to a word gets its space ("(Wire) The");
* an ad or video marker glued to a capitalised word goes ("ADThe ministry" → "The ministry"), and a run of
  capitals glued to a sentence opener or a month is split ("NATOThe" → "NATO The"; brands such as "ZDNet" stay);
* a month or weekday glued to a name is split ("March Ahmed"), and so are a clock time of a live blog glued to the
  next entry ("9:52PM Karimi says") and a word glued to a sentence opener ("attack The").
Markers cut are returned with the reason `inline:marker`; inserting a space loses nothing. The text the tables
point into is the repaired one.
"""
from __future__ import annotations

import re

from .article import Removed

__all__ = ["repair_joins"]

_MARKERS = r"(?:AD|ADVERT|ADVERTISEMENT|Advertisement|SPONSORED|Sponsored|VIDEO|Video|PHOTO|Photo|WATCH|Watch)"
_CALENDAR = (r"(?:January|February|March|April|June|July|August|September|October|November|December|"
             r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")
_OPENERS = (r"(?:The|This|That|These|Those|They|There|He|She|His|Her|Their|But|However|Meanwhile|According|"
            r"Earlier|Later|After|While)")

_MARKER_GLUE = re.compile(rf"(?:(?<=^)|(?<=[\s.!?\"”’)]))({_MARKERS})(?=[A-Z][a-z])")
_CAPS_GLUE = re.compile(rf"\b([A-Z]{{2,}})(?=(?:{_OPENERS}|{_CALENDAR})\b)")  # "NATOThe" ("ZDNet" stays)
_CALENDAR_GLUE = re.compile(rf"\b{_CALENDAR}(?=[A-Z][a-z])")  # match end = the join
_CLOCK_GLUE = re.compile(r"\b\d{1,2}:\d{2}\s?(?:AM|PM|am|pm)(?=[A-Z][a-z])")  # live blogs: "9:52PMBush Says"
_WORD_GLUE = re.compile(rf"(?<=[a-z]{{2}})(?={_OPENERS}\b)")
_NEXT = r"(?:[A-Z][a-z]|[AI]\s)"  # a capitalised word starts here
_SENTENCE_GLUE = re.compile(
    rf"(?<=[a-z0-9]{{2}}[.!?])(?={_NEXT}|“[A-Z])"      # "in March.Ahmed", "in 2019.The", "said.“We"
    rf"|(?<=\b[A-Z]\.[A-Z]\.)(?=[A-Z][a-z]{{2,}})"      # "U.S.President"
    rf"|(?<=[.!?,][\"”’])(?={_NEXT}|[\"“])"             # "killed.\"The" (a quote right after the stop closes)
    rf"|(?<=\))(?={_NEXT})"                            # "(Wire)The"
)
_NOT_GLUE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+|\b[\w-]+\.(?:com|org|net|gov|edu|co|uk|int)\b", re.I)


def repair_joins(paragraph: str) -> tuple[str, list[Removed], int]:
    """The paragraph with glued joins repaired, the markers cut from it, and the number of joins repaired."""
    removed: list[Removed] = []
    protected = [(m.start(), m.end()) for m in _NOT_GLUE.finditer(paragraph)]

    def free(at: int) -> bool:
        return not any(start < at < end for start, end in protected)

    cuts = [m for m in _MARKER_GLUE.finditer(paragraph) if free(m.start())]
    for match in reversed(cuts):
        removed.append(Removed(match.group(1), "inline:marker"))
        paragraph = paragraph[: match.start()] + paragraph[match.end():]
    if cuts:
        protected = [(m.start(), m.end()) for m in _NOT_GLUE.finditer(paragraph)]
    points = sorted({m.start() for pattern in (_SENTENCE_GLUE, _WORD_GLUE) for m in pattern.finditer(paragraph)}
                    | {m.end() for pattern in (_CAPS_GLUE, _CALENDAR_GLUE, _CLOCK_GLUE) for m in pattern.finditer(paragraph)})
    points = [p for p in points if 0 < p < len(paragraph) and free(p) and not paragraph[p - 1].isspace()]
    for at in reversed(points):
        paragraph = paragraph[:at] + " " + paragraph[at:]
    return paragraph, list(reversed(removed)), len(points) + len(cuts)
