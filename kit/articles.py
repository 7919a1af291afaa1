"""Files, folders and corpus records → cleaned Articles, with an errors table instead of crashes.

Every input is accounted for: a folder's files are read, or listed as errors when they cannot be (another
file type, a FIFO or device, a link to a folder), except hidden files and documentation (README.md…);
folders holding the kit's own output (marked with `OUTPUT_MARKER`) and the folders named in `exclude` are
never read as input. `doc_id`s are unique within a run (see `DocIds`).
"""
from __future__ import annotations

import dataclasses
import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Union

import pandas as pd

from .article import Article
from .cleaning import clean_article
from .dates import parse_date
from .errors import LoadError, describe_os_error
from .readers import SUPPORTED_SUFFIXES, RawRecord, RecordError, read_path
from .outdir import MARKER
from .readers.base import DOCUMENTATION

__all__ = ["load", "load_corpus", "iter_articles", "expand_paths", "article_from_record", "Corpus", "DocIds",
           "ERROR_COLUMNS", "OUTPUT_MARKER"]

PathLike = Union[str, "os.PathLike[str]"]
ERROR_COLUMNS = ["source_path", "doc_id", "reason"]
OUTPUT_MARKER = MARKER  # in every --out and cache folder: a later run over a parent folder skips it
_ONE_ARTICLE = {".txt", ".text", ".html", ".htm", ".xhtml", ".xml"}
_FORMULA = re.compile(r"^[=+\-@\t\r]")  # what a spreadsheet reads as a formula
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


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
    doc_id = safe_id(record.doc_id)
    if doc_id != record.doc_id:
        metadata["id_as_given"] = record.doc_id
    if cleaned.page_title:
        metadata["page_title"] = cleaned.page_title
    return Article(
        doc_id=doc_id,
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
        stripped_chars=record.stripped_chars,
        encoding_guessed=record.encoding_guessed,
    )


def safe_id(doc_id: str) -> str:
    """An id a spreadsheet will not run: one starting with = + - @ (a formula, "=HYPERLINK(…)") gets a leading
    apostrophe, as spreadsheets themselves mark text; plain numbers ("-3") stay as they are."""
    return "'" + doc_id if _FORMULA.match(doc_id) and not _NUMBER.match(doc_id) else doc_id


class DocIds:
    """Unique doc_ids within one run: the first article keeps its id; a later one with the same id gets
    `<id>-2`, `<id>-3`, … and keeps the id as given in `metadata["duplicate_id"]`. Files of one article whose
    names collide (`a/x.txt`, `b/x.txt`) are told apart before this, by their path (see `expand_paths`)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def assign(self, article: Article) -> Article:
        doc_id = article.doc_id
        if doc_id in self.seen:
            n = 2
            while f"{doc_id}-{n}" in self.seen:
                n += 1
            metadata = {**article.metadata, "duplicate_id": doc_id}
            article = dataclasses.replace(article, doc_id=f"{doc_id}-{n}", metadata=metadata)
        self.seen.add(article.doc_id)
        return article


class _Input(NamedTuple):
    path: str | Path  # as given ("" stays "", not ".")
    id_from_path: str | None = None  # the id when the file name alone is not unique (relative path, no suffix)
    problem: str | None = None  # a folder without articles, a pattern without matches (among other inputs)


def _scan(folder: Path, exclude: set[Path], problems: list[_Input]) -> list[Path]:
    """Every file under `folder` that is not hidden, documentation, or inside an excluded or output folder;
    subfolders that cannot be listed go to `problems`."""
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        problems.append(_Input(exc.filename or folder, problem=f"cannot read folder ({describe_os_error(exc)})"))

    for top, dirs, files in os.walk(folder, followlinks=False, onerror=unreadable):
        here = Path(top)
        keep = []
        for name in dirs:
            sub = here / name
            if name.startswith(".") or _resolved(sub) in exclude or (sub / OUTPUT_MARKER).exists():
                continue
            if sub.is_symlink():
                found.append(sub)  # a link to a folder is not followed: listed, so it is accounted for
                continue
            keep.append(name)
        dirs[:] = keep
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() in DOCUMENTATION:
                continue
            found.append(here / name)
    return sorted(found)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _inputs(source: PathLike | Iterable[PathLike], exclude: Iterable[PathLike] = ()) -> list[_Input]:
    items = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    excluded = {_resolved(Path(p)) for p in exclude}
    found: list[Path | str] = []
    problems: list[_Input] = []
    for item in items:
        text = os.fspath(item)
        try:
            found.extend(_expand(text, excluded, problems))
        except LoadError as exc:
            if len(items) == 1:
                raise  # the only input: the whole command is wrong
            problems.append(_Input(exc.path, problem=exc.reason))
    return problems + [_Input(path, id_from_path) for path, id_from_path in zip(found, _path_ids(found))]


def _expand(text: str, excluded: set[Path], problems: list[_Input]) -> list[Path | str]:
    if not text.strip():
        return [text]  # read_path names the problem ("" is not ".")
    path = Path(text)
    if path.is_dir():
        if _resolved(path) in excluded or (path / OUTPUT_MARKER).exists():
            raise LoadError(path, "is a folder the kit wrote (its tables or cache), not read as input")
        files = _scan(path, excluded, problems)
        if not files and not problems:
            raise LoadError(path, f"no articles found (looked for {', '.join(SUPPORTED_SUFFIXES)} files)")
        return list(files)
    if not path.exists() and glob.has_magic(text):
        matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
        if not matches:
            raise LoadError(text, "pattern matches no files")
        return list(matches)
    return [path]


def _path_ids(paths: list[Path | str]) -> list[str | None]:
    """For files of one article whose names (without extension) collide, an id from the path instead: relative
    to the folder the colliding files share, without the extension (`a/x`, `b/x`) — or with it when only the
    extension differs (`x.txt`, `x.html`). Other files keep their file name as id (None here)."""
    groups: dict[str, list[int]] = {}
    for n, path in enumerate(paths):
        if isinstance(path, Path) and path.suffix.lower() in _ONE_ARTICLE:
            groups.setdefault(path.stem, []).append(n)
    ids: list[str | None] = [None] * len(paths)
    for members in groups.values():
        if len(members) < 2:
            continue
        full = [Path(os.path.abspath(paths[n])) for n in members]
        common = Path(os.path.commonpath([str(f.parent) for f in full]))
        relative = [f.relative_to(common) for f in full]
        plain = [r.with_suffix("").as_posix() for r in relative]
        unique = len(set(plain)) == len(plain)
        for n, r, q in zip(members, relative, plain):
            ids[n] = q if unique else r.as_posix()
    return ids


def expand_paths(source: PathLike | Iterable[PathLike], *, exclude: Iterable[PathLike] = ()) -> list[Path]:
    """Files named by paths, folders (searched recursively) and glob patterns; `exclude` names folders to skip."""
    return [Path(item.path) for item in _inputs(source, exclude)]


def iter_articles(
    source: PathLike | Iterable[PathLike], *, text_column: str | None = None, exclude: Iterable[PathLike] = (),
    ids: DocIds | None = None,
) -> Iterator[Article | RecordError]:
    """Stream articles (and errors, as values) from files, folders, globs and corpus files.

    `exclude`: folders never read (the run's own output and cache); `ids`: shared across calls of one run."""
    ids = ids if ids is not None else DocIds()
    for item in _inputs(source, exclude):
        path = item.path
        if item.problem is not None:
            yield RecordError(str(path), None, item.problem)
            continue
        try:
            for record in read_path(path, text_column=text_column):
                if isinstance(record, RecordError):
                    yield record
                    continue
                if item.id_from_path and record.doc_id == Path(path).stem:
                    record = dataclasses.replace(record, doc_id=item.id_from_path)
                article = article_from_record(record)
                if article.text.strip():
                    yield ids.assign(article)
                else:
                    yield RecordError(record.source_path, record.doc_id, "no article text left after cleaning")
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
