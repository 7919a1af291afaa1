"""The Article: one cleaned news article with its metadata and everything that was cut from it."""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Article", "Removed"]


@dataclass(frozen=True)
class Removed:
    """A piece of the source that is not in the article text, and why (never silently lost)."""

    text: str
    reason: str  # e.g. "boilerplate:donation", "byline", "dateline", "trailer:credit"


@dataclass(frozen=True)
class Article:
    """A cleaned article. `text` is what every table's `start_char`/`end_char` index into."""

    doc_id: str
    text: str
    source_path: str = ""
    title: str | None = None
    standfirst: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    encoding: str | None = None
    replaced_chars: int = 0
    removed: tuple[Removed, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)  # other fields of the source; do not mutate
    stripped_chars: int = 0  # control characters (NUL…) removed from the source
    encoding_guessed: bool = False  # True when no BOM or valid UTF-8 decided the encoding

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
            "published": self.published,
            "url": self.url,
            "text": self.text,
            "n_paragraphs": self.n_paragraphs,
            "n_chars": self.n_chars,
            "removed_chars": self.removed_chars,
            "standfirst": self.standfirst,
            "encoding": self.encoding,
            "replaced_chars": self.replaced_chars,
            "stripped_chars": self.stripped_chars,
            "encoding_guessed": self.encoding_guessed,
        }
