"""Files, folders and corpus records → cleaned Articles, with an errors table instead of crashes."""
from __future__ import annotations

import glob
import os
from pathlib import Path
from dataclasses import dataclass
from typing import Iterable, Iterator, Union

import pandas as pd

from .article import Article
from .cleaning import clean_article
from .dates import parse_date
from .errors import LoadError
from .readers import SUPPORTED_SUFFIXES, RawRecord, RecordError, read_path

__all__ = ["load", "load_corpus", "iter_articles", "expand_paths", "article_from_record", "Corpus", "ERROR_COLUMNS"]

PathLike = Union[str, "os.PathLike[str]"]
ERROR_COLUMNS = ["source_path", "doc_id", "reason"]


@dataclass(frozen=True, repr=False)
class Corpus:
    """Loaded articles and a table of what could not be loaded (one row per file or record).

    Behaves as the list of its articles: `len(corpus)` is the number of articles, `for a in corpus`, `corpus[0]`.
    """

    articles: list[Article]
    errors: pd.DataFrame

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, index: int) -> Article:
        return self.articles[index]

    def __repr__(self) -> str:
        return f"Corpus({len(self.articles)} articles, {len(self.errors)} errors)"


def article_from_record(record: RawRecord) -> Article:
    """Clean a raw record into an Article (header fields win over what the text suggests)."""
    fields = record.fields
    published = fields.get("published")
    metadata = dict(record.metadata)
    if published:
        iso = parse_date(published)
        if iso is None:
            metadata["published_as_written"] = published
        published = iso
    cleaned = clean_article(
        record.body,
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        byline=fields.get("byline"),
        published=published,
        url=fields.get("url"),
    )
    if cleaned.page_title:
        metadata["page_title"] = cleaned.page_title
    return Article(
        doc_id=record.doc_id,
        text=cleaned.text,
        source_path=record.source_path,
        title=cleaned.title,
        standfirst=cleaned.standfirst,
        outlet=cleaned.outlet,
        byline=cleaned.byline,
        published=cleaned.published,
        url=fields.get("url"),
        encoding=record.encoding,
        replaced_chars=record.replaced_chars,
        removed=cleaned.removed,
        case_restored=cleaned.case_restored,
        metadata=metadata,
    )


def expand_paths(source: PathLike | Iterable[PathLike]) -> list[Path]:
    """Files named by paths, folders (searched recursively for supported files) and glob patterns."""
    items = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    files: list[Path] = []
    for item in items:
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                raise LoadError(path, f"no articles found (looked for {', '.join(SUPPORTED_SUFFIXES)} files)")
            files.extend(found)
        elif not path.exists() and glob.has_magic(text):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matches:
                raise LoadError(text, "pattern matches no files")
            files.extend(matches)
        else:
            files.append(path)
    return files


def iter_articles(
    source: PathLike | Iterable[PathLike], *, text_column: str | None = None
) -> Iterator[Article | RecordError]:
    """Stream articles (and errors, as values) from files, folders, globs and corpus files."""
    for path in expand_paths(source):
        try:
            for item in read_path(path, text_column=text_column):
                if isinstance(item, RecordError):
                    yield item
                    continue
                article = article_from_record(item)
                if article.text.strip():
                    yield article
                else:
                    yield RecordError(item.source_path, item.doc_id, "no article text left after cleaning")
        except LoadError as exc:
            yield RecordError(exc.path, None, exc.reason)


def load(path: PathLike, *, text_column: str | None = None) -> Article:
    """Load one article file (.txt, .html, or a corpus file holding exactly one record)."""
    records = list(read_path(path, text_column=text_column))
    problems = [r for r in records if isinstance(r, RecordError)]
    articles = [article_from_record(r) for r in records if isinstance(r, RawRecord)]
    if len(articles) != 1:
        if not articles and problems:
            raise LoadError(path, problems[0].reason)
        raise LoadError(path, f"holds {len(articles)} articles; use kit.load_corpus() for corpus files")
    if not articles[0].text.strip():
        raise LoadError(path, "no article text left after cleaning")
    return articles[0]


def load_corpus(source: PathLike | Iterable[PathLike], *, text_column: str | None = None) -> Corpus:
    """Load every article under `source`; unreadable files and records go to `errors`, the rest loads."""
    articles: list[Article] = []
    errors: list[dict[str, str | None]] = []
    for item in iter_articles(source, text_column=text_column):
        if isinstance(item, Article):
            articles.append(item)
        else:
            errors.append({"source_path": item.source_path, "doc_id": item.doc_id, "reason": item.reason})
    return Corpus(articles, pd.DataFrame(errors, columns=ERROR_COLUMNS))
