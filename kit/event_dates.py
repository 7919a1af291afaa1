"""When an event happened, from the publication date and the article's own time words: "on Sunday" → the last
Sunday on or before publication, "overnight" → the night before, "last week", "March 5", "three days ago",
"over the past three days", "since January". Deterministic and offline (no parser guesses "today").

A window is a (start, end) pair of dates, both inclusive. Word lists: `data/time_words.csv` (relative words and
the days they cover); weekday and month names come from the calendar.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .lexicons import read_data_csv

__all__ = ["Window", "default_window", "event_window", "first_window", "publication_date", "time_expressions"]

_WEEKDAYS = [d.lower() for d in calendar.day_name]
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAYS_RE = "|".join(_WEEKDAYS)
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365,
          "hour": 1 / 24, "hours": 1 / 24}
_NUMBER = r"\d{1,3}|[a-z]+(?:-[a-z]+)?"


@dataclass(frozen=True)
class Window:
    """Days an event may have happened on (inclusive), and the words that say so."""

    start: date
    end: date
    words: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlaps(self, other: Window, *, slack: int = 0) -> bool:
        return self.start - timedelta(days=slack) <= other.end and other.start - timedelta(days=slack) <= self.end

    def intersect(self, other: Window) -> Window | None:
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Window(start, end, self.words or other.words) if start <= end else None


def publication_date(value: object) -> date | None:
    """The calendar date of a publication timestamp or ISO string (local to its own offset)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value)
    found = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def default_window(published: date) -> Window:
    """No time words: the day before publication or the day itself (news reports yesterday's and today's events)."""
    return Window(published - timedelta(days=1), published, "")


@lru_cache(maxsize=1)
def _relative() -> list[tuple[re.Pattern[str], int, int]]:
    rows = sorted(read_data_csv("time_words.csv"), key=lambda r: -len(r["phrase"]))
    return [(re.compile(rf"\b{re.escape(r['phrase'])}\b", re.IGNORECASE), int(r["start"]), int(r["end"])) for r in rows]


def _count(text: str) -> int | None:
    if text in {"a", "an", "the"}:
        return 1
    from .extract.numbers import parse_number

    return parse_number(text)


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _latest(month: int, day: int, published: date) -> date | None:
    """That day and month, in the publication's year or, if that is after publication, the year before."""
    found = _day(published.year, month, day)
    if found is not None and found > published + timedelta(days=1):
        found = _day(published.year - 1, month, day)
    return found


_STAMP = re.compile(r"\b(publication|published|updated|posted|dated)\s*(on|at|:)?\s*$", re.IGNORECASE)


def _find(text: str, published: date) -> tuple[int, Window] | None:
    """The first time expression in `text` with its window: (position, window)."""
    found = _expressions(text, published)
    return (found[0][0], found[0][2]) if found else None


def time_expressions(text: str, published: date | None) -> list[tuple[int, int, Window]]:
    """Every time expression of `text` that can date an event: (start, end, window), in text order, overlaps
    resolved to the longest; a publication stamp ("Published on 2 May 2019") is not one."""
    if not text or published is None:
        return []
    return [(start, end, window) for start, end, window in _expressions(text, published)
            if not _STAMP.search(text[max(0, start - 30) : start]) and window.start <= published + timedelta(days=1)]


def _expressions(text: str, published: date) -> list[tuple[int, int, Window]]:
    low = text.lower()
    found: list[tuple[int, int, Window]] = []

    def add(match: re.Match[str], start: date | None, end: date | None) -> None:
        if start is not None and end is not None and start <= end:
            words = match.group(0)
            lead = len(words) - len(words.lstrip())
            found.append((match.start() + lead, match.end(), Window(start, end, words.strip())))

    for pattern, start, end in _relative():
        for match in pattern.finditer(low):
            add(match, published + timedelta(days=start), published + timedelta(days=end))
    for match in re.finditer(rf"\b(last|this|past|previous)?\s*({_DAYS_RE})s?\b", low):
        weekday = _WEEKDAYS.index(match.group(2))
        back = (published.weekday() - weekday) % 7
        if match.group(1) in {"last", "past", "previous"} and back == 0:
            back = 7
        day = published - timedelta(days=back)
        add(match, day, day)
    for match in re.finditer(rf"\b(?:({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?)"
                             rf"(?:,?\s+(\d{{4}}))?\b", low):
        month = _MONTHS[match.group(1) or match.group(4)]
        day = int(match.group(2) or match.group(3))
        year = match.group(5)
        when = _day(int(year), month, day) if year else _latest(month, day, published)
        add(match, when, when)
    for match in re.finditer(rf"\b(?:in|during|since|of|early|late|mid|mid-|last|this)?\s*({_MONTH_RE})(?:\s+(\d{{4}}))?\b(?!\.?\s+\d)", low):
        month = _MONTHS[match.group(1)]
        if match.group(1) in {"may", "mar"} and not match.group(2) and not match.group(0).strip().startswith(("in", "during", "since", "early", "late", "mid", "last", "this")):
            continue  # "may" the verb, "mar" the verb
        year = int(match.group(2)) if match.group(2) else (published.year if month <= published.month else published.year - 1)
        start, end = _month_range(year, month)
        add(match, start, min(end, published))
    for match in re.finditer(r"\b(?:in|during|since|of|throughout)\s+((?:19|20)\d\d)\b", low):
        year = int(match.group(1))
        add(match, date(year, 1, 1), min(date(year, 12, 31), published))
    for match in re.finditer(r"\b(last|this|previous|past)\s+(week|month|year)\b", low):
        which, unit = match.group(1), match.group(2)
        if unit == "week":
            monday = published - timedelta(days=published.weekday())
            start, end = (monday, published) if which == "this" else (monday - timedelta(days=7), monday - timedelta(days=1))
            if which == "past":
                start, end = published - timedelta(days=7), published
        elif unit == "month":
            first = published.replace(day=1)
            if which == "this":
                start, end = first, published
            elif which == "past":
                start, end = published - timedelta(days=30), published
            else:
                start, end = _month_range((first - timedelta(days=1)).year, (first - timedelta(days=1)).month)
        else:
            start, end = ((date(published.year, 1, 1), published) if which == "this" else
                          (published - timedelta(days=365), published) if which == "past" else
                          (date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)))
        add(match, start, end)
    for match in re.finditer(r"\bearlier this (week|month|year)\b", low):
        unit = match.group(1)
        start = (published - timedelta(days=published.weekday()) if unit == "week" else
                 published.replace(day=1) if unit == "month" else date(published.year, 1, 1))
        add(match, start, published)
    for match in re.finditer(rf"\b({_NUMBER})\s+(days?|weeks?|months?|years?)\s+ago\b", low):
        n, unit = _count(match.group(1)), _UNITS[match.group(2)]
        if n is not None and n < 400:
            day = published - timedelta(days=round(n * unit))
            slack = timedelta(days=0 if unit == 1 else round(unit / 2))
            add(match, day - slack, min(day + slack, published))
    for match in re.finditer(rf"\b(?:over|in|during|within|for)\s+(?:the\s+)?(?:past|last|previous)?\s*({_NUMBER})\s+(hours|days|weeks|months|years)\b", low):
        n, unit = _count(match.group(1)), _UNITS[match.group(2)]
        if n is not None and 0 < n < 400:
            span = max(1, round(n * unit))
            add(match, published - timedelta(days=span), published)
    for match in re.finditer(r"\b(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+(day|week|month|year)\b", low):
        span = round(_UNITS[match.group(1)])
        add(match, published - timedelta(days=span), published)
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, Window]] = []
    for item in found:
        if kept and item[0] < kept[-1][1]:
            continue  # inside an expression already kept ("on Sunday" within "since Sunday")
        kept.append(item)
    return kept


def _since(text: str, published: date) -> Window | None:
    """"since Sunday", "since March 3", "since 2011", "since the start of the year": from then to publication."""
    match = re.search(r"\bsince\b(.{0,40})", text, re.IGNORECASE)
    if not match:
        return None
    found = _find(match.group(1), published)
    if found is None:
        return None
    return Window(found[1].start, published, "since" + match.group(1)[: found[0] + len(found[1].words)])


@lru_cache(maxsize=4096)
def event_window(text: str | None, published: date | None) -> Window | None:
    """The days `text` (a period as written, or a sentence) puts an event on, counted from `published`;
    None when it names no time. "since …" gives a window that runs to publication."""
    if not text or published is None:
        return None
    since = _since(text, published)
    if since is not None:
        return since
    found = time_expressions(text, published)
    if not found:
        return None
    window = found[0][2]
    return Window(window.start, min(window.end, published + timedelta(days=1)), window.words)


def first_window(text: str, published: date | None) -> Window | None:
    """The first time expression of a stretch of text (an article's headline and lede)."""
    found = time_expressions(text, published)
    return found[0][2] if found and found[0][2].start <= published else None
