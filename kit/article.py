"""The Article: one cleaned news article with its metadata and everything that was cut from it."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Article", "Removed"]


@dataclass(frozen=True)
class Removed:
    """A piece of the source that is not in the article text, and why (never silently lost)."""

    text: str
    reason: str  # e.g. "boilerplate:donation", "byline", "dateline", "trailer:credit"


def _timestamp(value: object) -> pd.Timestamp | None:
    """A publication date as a pandas Timestamp (tz-aware where the text gave an offset); None if unknown."""
    if value is None or value == "":
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp


@dataclass(frozen=True, repr=False)
class Article:
    """A cleaned article. `text` is what every table's `start_char`/`end_char` index into.

    `published` is a `pandas.Timestamp` (given as the ISO 8601 string the readers find, or a Timestamp);
    `published_iso` keeps that string as found ("2024-12-01T05:19:00-05:00", or a bare "2015-02-23"), which is
    what `articles.csv` holds.
    """

    doc_id: str
    text: str
    source_path: str = ""
    title: str | None = None
    standfirst: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: pd.Timestamp | None = None
    url: str | None = None
    encoding: str | None = None
    replaced_chars: int = 0
    case_restored: int = 0  # paragraphs written in capitals whose case the cleaner restored
    stripped_chars: int = 0  # control characters (NUL…) removed from the source
    encoding_guessed: bool = False  # True when no BOM or valid UTF-8 decided the encoding
    removed: tuple[Removed, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)  # other fields of the source; do not mutate
    published_iso: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        value = self.published
        iso = self.published_iso
        if iso is None and value is not None:
            iso = value if isinstance(value, str) else pd.Timestamp(value).isoformat()
        object.__setattr__(self, "published", _timestamp(value))
        object.__setattr__(self, "published_iso", iso or None)

    def __repr__(self) -> str:
        title = self.title if self.title is None or len(self.title) <= 50 else self.title[:49] + "…"
        return (f"Article({self.doc_id!r}, title={title!r}, outlet={self.outlet!r}, published={self.published_iso!r}, "
                f"{self.n_chars:,} chars, {len(self.removed)} removed)")

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    @property
    def n_paragraphs(self) -> int:
        return len(self.paragraphs)

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def removed_chars(self) -> int:
        return sum(len(r.text) for r in self.removed)

    def as_row(self) -> dict[str, object]:
        """The article's row of `articles.csv` (contract columns first, then extras)."""
        return {
            "doc_id": self.doc_id,
            "source_path": self.source_path,
            "title": self.title,
            "outlet": self.outlet,
            "byline": self.byline,
            "published": self.published_iso,
            "url": self.url,
            "text": self.text,
            "n_paragraphs": self.n_paragraphs,
            "n_chars": self.n_chars,
            "removed_chars": self.removed_chars,
            "standfirst": self.standfirst,
            "encoding": self.encoding,
            "replaced_chars": self.replaced_chars,
            "case_restored": self.case_restored,
            "stripped_chars": self.stripped_chars,
            "encoding_guessed": self.encoding_guessed,
        }
