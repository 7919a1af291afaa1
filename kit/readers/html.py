"""HTML pages: main text and metadata through trafilatura, the publication date through htmldate (both offline).

htmldate finds a page's date wherever it is (meta tags, JSON-LD, <time>, the URL, the text), but gives the
time only now and then; the page's own markup (`published_from_markup`) gives the exact time and offset when
it states them. `published_date` takes both: the markup's timestamp, else htmldate's date (with its time when it
has one), a date in the page's address (trafilatura finds it in the canonical link) first. On the 181 pages of
the article-extraction benchmark this keeps every date and timestamp the earlier markup-only reader found, adds the
time to 11 of its bare dates, and gives the real date of 5 pages whose markup carries a placeholder
("0001-01-01").
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Iterator

from ..dates import parse_date
from ..errors import LoadError
from .base import RawRecord, read_decoded

__all__ = ["read_html_file", "published_from_markup", "published_date"]

_DATE_META = (
    "article:published_time", "og:article:published_time", "datePublished", "date", "pubdate",
    "publishdate", "dc.date.issued", "parsely-pub-date", "sailthru.date",
)


_CARD = " or ".join(f"contains(@class, '{name}')" for name in ("tooltip", "popover", "hovercard", "hover-card", "rollover",
                                                                "popup"))
# A hover card or tooltip inside a paragraph (a person's photo and links to other stories): its text would be
# glued into the sentence around it ("Rep. Jane DoeJane DoeOther story headline"). The innermost such element
# holding an image or two links goes before extraction; the visible name beside it stays.
_POPUP_CARDS = f"//p//*[({_CARD}) and (.//img or count(.//a) >= 2) and not(.//*[{_CARD}][.//img or count(.//a) >= 2])]"


# A page date before this is a placeholder ("0001-01-01"), not a publication date (htmldate's own lower bound).
EARLIEST_DATE = "1995-01-01"
_ISO_WITH_TIME = "%Y-%m-%dT%H:%M:%S%z"

PRECISION_SHARE = 5  # the precision pass must keep at least 1/5 of the default pass's text


def _text_of(doc) -> str:
    return (doc.text or "") if doc is not None else ""


def _plausible(date: str | None) -> str | None:
    return date if date and date[:10] >= EARLIEST_DATE else None


def published_from_htmldate(html: str, *, url: str | None = None) -> str | None:
    """The publication date htmldate finds (the original date, quick search; a date in the page's `url`
    first), ISO 8601; the time only when htmldate found one (it writes midnight without an offset when it
    knows only the day)."""
    from htmldate import find_date

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = find_date(html, url=url, extensive_search=False, original_date=True, outputformat=_ISO_WITH_TIME)
        except (ValueError, TypeError):
            return None
    if not found:
        return None
    return _plausible(found[:10] if found.endswith("T00:00:00") else parse_date(found))


def published_date(html: str, *, url: str | None = None) -> str | None:
    """The page's publication date: the markup's timestamp when it has a time, else htmldate's date — with
    htmldate's time when it has one for the same day. `url` is the page's address, when known."""
    own = _plausible(published_from_markup(html))
    if own is not None and "T" in own:
        return own
    found = published_from_htmldate(html, url=url)
    if own is not None and (found is None or found[:10] != own):
        return own
    return found


def published_from_markup(html: str) -> str | None:
    """The publication time from meta tags, JSON-LD or a <time> element, with its offset when given (the first
    that is not a placeholder)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        if key in _DATE_META and meta.get("content"):
            found = _plausible(parse_date(meta.get("content")))
            if found:
                return found
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            try:
                data = json.loads(script.text)
            except ValueError:
                continue
            for item in data if isinstance(data, list) else [data]:
                if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                    found = _plausible(parse_date(item["datePublished"]))
                    if found:
                        return found
    for time in tree.iter("time"):
        if time.get("datetime"):
            found = _plausible(parse_date(time.get("datetime")))
            if found:
                return found
    return None


def read_html_file(path: Path) -> Iterator[RawRecord]:
    decoded = read_decoded(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import trafilatura

        options = {"with_metadata": True, "include_comments": False, "include_tables": True,
                   "prune_xpath": _POPUP_CARDS,
                   "date_extraction_params": {"extensive_search": False, "original_date": True}}
        doc = trafilatura.bare_extraction(decoded.text, favor_precision=True, **options)
        # favor_precision drops the page's furniture better, but now and then picks a side box (a reprint notice)
        # instead of the article: when it keeps under a fifth of the default pass, the default pass is the article
        fallback = trafilatura.bare_extraction(decoded.text, **options)
        if fallback is not None and len(_text_of(doc)) * PRECISION_SHARE < len(_text_of(fallback)):
            doc = fallback
    if doc is None or not (doc.text or "").strip():
        raise LoadError(path, "no article text found in the HTML page")
    fields = {
        "title": doc.title, "outlet": doc.sitename, "byline": doc.author, "url": doc.url,
        "published": published_date(decoded.text, url=doc.url),
    }
    metadata = {"description": doc.description} if doc.description else {}
    yield RawRecord(
        doc_id=path.stem,
        body=doc.text,
        source_path=str(path),
        fields={k: v.strip() for k, v in fields.items() if isinstance(v, str) and v.strip()},
        metadata=metadata,
        encoding=decoded.encoding,
        replaced_chars=decoded.replaced,
        stripped_chars=decoded.stripped,
        encoding_guessed=decoded.guessed,
    )
