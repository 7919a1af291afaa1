"""Dates as written → ISO 8601, through dateparser (no hand-written date grammar)."""
from __future__ import annotations

import re
import warnings
from datetime import datetime
from functools import lru_cache

__all__ = ["parse_date", "looks_like_dateline"]

_PREFIX = re.compile(r"^\s*(?:published|updated|last updated|posted|first published|date)\s*(?:on|at)?\s*:?\s*", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b", re.I)
_MONTH = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b",
    re.I,
)
_NUMERIC = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
# absolute dates only: relative ones ("2 hours ago") depend on when the kit runs, timestamps are numbers
_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first",
             "PARSERS": ["custom-formats", "absolute-time"]}


def _dateparser():
    with warnings.catch_warnings():  # dateparser's regex module warns on import under some versions
        warnings.simplefilter("ignore")
        import dateparser
    return dateparser


def looks_like_dateline(line: str) -> bool:
    """A short line that names a day, month and year (and maybe a time), nothing else of substance."""
    line = line.strip()
    if not line or len(line) > 80 or not (_MONTH.search(line) or _NUMERIC.search(line)):
        return False
    return parse_date(line) is not None


@lru_cache(maxsize=4096)  # a corpus repeats its dates and datelines; dateparser takes ~1 ms a call
def parse_date(value: str, *, date_order: str | None = None) -> str | None:
    """ISO 8601 for a date string: `2024-12-01T05:19:00-05:00`, `2016-11-07T19:02:00` or `2015-02-23`.

    The time is kept only when the text gives one, the offset only when the text gives a zone (absolute dates
    only, so the answer depends on the string alone and is cached).
    """
    if not value or not value.strip():
        return None
    text = _PREFIX.sub("", value.strip())
    settings = dict(_SETTINGS)
    if date_order:
        settings["DATE_ORDER"] = date_order
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed: datetime | None = _dateparser().parse(text, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if not _TIME.search(text) and parsed.tzinfo is None:
        return parsed.date().isoformat()
    return parsed.isoformat()
