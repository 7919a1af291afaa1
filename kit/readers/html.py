"""HTML pages: main text and metadata through trafilatura (offline), dates checked by the kit."""
from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Iterator

from ..dates import parse_date
from ..errors import LoadError
from .base import RawRecord, read_decoded

__all__ = ["read_html_file", "published_from_markup"]

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


PRECISION_SHARE = 5  # the precision pass must keep at least 1/5 of the default pass's text


def _text_of(doc) -> str:
    return (doc.text or "") if doc is not None else ""


def published_from_markup(html: str) -> str | None:
    """The publication time from meta tags, JSON-LD or a <time> element, with its offset when given."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip()
        if key in _DATE_META and meta.get("content"):
            found = parse_date(meta.get("content"))
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
                    found = parse_date(item["datePublished"])
                    if found:
                        return found
    for time in tree.iter("time"):
        if time.get("datetime"):
            found = parse_date(time.get("datetime"))
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
        "published": published_from_markup(decoded.text) or (doc.date and parse_date(doc.date)),
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
