"""Plain-text articles: an optional `key: value` header block, then the (possibly scraped) text."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from .base import RawRecord, read_decoded

__all__ = ["read_text_file", "split_header", "FIELD_NAMES"]

# header key → the kit's field name
FIELD_NAMES = {
    "title": "title", "headline": "title",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet",
    "byline": "byline", "author": "byline", "authors": "byline", "by": "byline",
    "date": "published", "published": "published", "pubdate": "published", "dateline": "published",
    "url": "url", "link": "url",
    "id": "id",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][\w-]{0,30})\s*:\s?(.*)$")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A leading block of known `key: value` lines closed by a blank line → (fields, rest).

    The block counts only if its first line is a known key and every line until the blank line is a
    `key: value` pair, as in e-mail headers or front matter (`---` fences allowed).
    """
    lines = text.lstrip("\n").split("\n")
    fenced = bool(lines) and lines[0].strip() == "---"
    if fenced:
        lines = lines[1:]
    fields: dict[str, str] = {}
    for n, line in enumerate(lines):
        if not line.strip() or (fenced and line.strip() == "---"):
            if fields:
                return fields, "\n".join(lines[n + 1 :])
            break
        match = _HEADER_LINE.match(line)
        if not match or (n == 0 and match.group(1).lower() not in FIELD_NAMES):
            break
        fields[match.group(1).lower()] = match.group(2).strip()
    return {}, text


def read_text_file(path: Path) -> Iterator[RawRecord]:
    decoded = read_decoded(path)
    header, body = split_header(decoded.text)
    fields = {FIELD_NAMES[k]: v for k, v in header.items() if k in FIELD_NAMES and v}
    metadata = {k: v for k, v in header.items() if k not in FIELD_NAMES and v}
    yield RawRecord(
        doc_id=fields.pop("id", "") or path.stem,
        body=body,
        source_path=str(path),
        fields=fields,
        metadata=metadata,
        encoding=decoded.encoding,
        replaced_chars=decoded.replaced,
        stripped_chars=decoded.stripped,
        encoding_guessed=decoded.guessed,
    )
