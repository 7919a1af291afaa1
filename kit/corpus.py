"""Annotate a corpus: stream articles, reuse cached annotations, run the rest on an engine, stream tables out.

    source ─► iter_articles ─► language check ─► cache lookup ─► engine (local / pool / dask) ─► rows ─► sink

With a cache, a record whose finished rows are cached (keyed on the raw record, the reader options and the
kit's code) skips cleaning, the language check, annotation and row-building: its rows go to the sink as kept.

Order is kept end to end; every input is annotated or becomes a row of `errors` (unreadable, not English,
over the time limit, broken by the pipeline) and the run goes on. With `out_dir`, the output folder is
locked for the run, never read as input (nor the cache), and replaced whole at the end (`kit.outdir`).
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

import pandas as pd

from .article import Article
from .articles import ERROR_COLUMNS, DocIds, _inputs, article_from_record, iter_articles
from .cache import DEFAULT_MAX_BYTES, AnnotationCache, code_fingerprint, pipeline_signature, record_key
from .engines import DEFAULT_TIMEOUT, PIPE_CHARS, Result, make_engine
from .errors import LoadError
from .language import foreign_language
from .nlp import KIT_COMPONENTS, PipelineSpec
from .readers import RecordError, read_path
from .io import atomic_write
from .reconcile import IncidentTables, incidents_of_run, read_incident_tables
from .sink import FileSink, MemorySink
from .tables import Tables, annotation_rows

__all__ = ["annotate_corpus", "CorpusResult", "CACHE_ENV"]

CACHE_ENV = "KIT_CACHE_DIR"  # default cache folder of annotate_corpus and `kit annotate`

Source = Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]", Article]]]


@dataclass(frozen=True, repr=False)
class CorpusResult:
    """What a corpus run produced: tables in memory (no `out_dir`) or on disk, and the errors table.

    `len(result)` is the number of articles annotated.
    """

    n_articles: int
    errors: pd.DataFrame
    tables: Tables | None = None
    out_dir: Path | None = None
    cache_hits: int = 0
    incidents: pd.DataFrame | None = None  # figures of many articles grouped by event (kit/reconcile.py)
    incident_reports: pd.DataFrame | None = None

    def __len__(self) -> int:
        return self.n_articles

    def __repr__(self) -> str:
        where = f"out_dir={str(self.out_dir)!r}" if self.out_dir is not None else repr(self.tables)
        return f"CorpusResult({self.n_articles} articles, {len(self.errors)} errors, {where})"


class _Entry:
    __slots__ = ("item", "result", "done", "key")

    def __init__(self, item: Article | RecordError | _Rows, result: Result | None = None, done: bool = False,
                 key: str | None = None) -> None:
        self.item, self.result, self.done, self.key = item, result, done, key


class _Rows:
    """An article whose finished rows came from the cache (its record was neither cleaned nor annotated)."""

    __slots__ = ("rows",)

    def __init__(self, rows: dict[str, list[dict]]) -> None:
        self.rows = rows


Item = Union[Article, RecordError, _Rows]


def _items(source: Source, text_column: str | None, exclude: tuple = (),
           cache: AnnotationCache | None = None) -> Iterator[tuple[Item, str | None]]:
    """Articles, errors and cached rows in input order, each with its record's cache key (None: not cacheable)."""
    ids = DocIds()  # one run, one set of ids: files, records and Article objects alike
    read = (lambda paths: _read_cached(paths, text_column, exclude, ids, cache)) if cache is not None else (
        lambda paths: ((item, None) for item in iter_articles(paths, text_column=text_column, exclude=exclude,
                                                              ids=ids)))
    if isinstance(source, (str, os.PathLike)):
        yield from read(source)
        return
    paths: list = []
    for item in source:
        if isinstance(item, (Article, RecordError)):
            if paths:
                yield from read(paths)
                paths = []
            yield (ids.assign(item) if isinstance(item, Article) else item), None
        else:
            paths.append(item)
    if paths:
        yield from read(paths)


def _read_cached(source, text_column: str | None, exclude: tuple, ids: DocIds,
                 cache: AnnotationCache) -> Iterator[tuple[Item, str | None]]:
    """`iter_articles`, but a record whose finished rows are cached comes back as those rows, not cleaned.

    The key is the raw record (every field as read), the reader options and the kit's code; rows are reused
    only when the article keeps its own doc_id in this run (a duplicate id renamed `-2` is built anew)."""
    code = code_fingerprint()
    for entry in _inputs(source, exclude):
        path = entry.path
        if entry.problem is not None:
            yield RecordError(str(path), None, entry.problem), None
            continue
        try:
            for record in read_path(path, text_column=text_column):
                if isinstance(record, RecordError):
                    yield record, None
                    continue
                if entry.id_from_path and record.doc_id == Path(path).stem:
                    record = dataclasses.replace(record, doc_id=entry.id_from_path)
                key = record_key(dataclasses.asdict(record), [text_column, code])
                rows = cache.get_rows(key)
                if rows is not None and rows["articles"][0]["doc_id"] not in ids.seen:
                    ids.seen.add(rows["articles"][0]["doc_id"])
                    yield _Rows(rows), None
                    continue
                article = article_from_record(record)
                if article.text.strip():
                    assigned = ids.assign(article)
                    yield assigned, (key if assigned is article else None)
                else:
                    yield RecordError(record.source_path, record.doc_id, "no article text left after cleaning"), None
        except LoadError as exc:
            yield RecordError(exc.path, None, exc.reason), None


def _annotated(items: Iterator[tuple[Item, str | None]], engine, cache: AnnotationCache | None,
               batch_size: int) -> Iterator[_Entry]:
    """Entries in input order, each with its annotation (cached or computed), its cached rows, or its error."""
    pending: deque[_Entry] = deque()
    max_pending = 8 * batch_size

    def miss_batches() -> Iterator[list[str]]:
        batch: list[_Entry] = []
        chars = 0  # a batch is cut at PIPE_CHARS too, as the engine would cut it (no short remainders)
        for item, key in items:
            entry = _Entry(item, key=key)
            pending.append(entry)
            if isinstance(item, (RecordError, _Rows)):
                entry.done = True
            elif (language := foreign_language(item.text)) is not None:
                entry.result, entry.done = (f"not annotated: the text looks like {language}, not English "
                                            "(the kit's pipeline reads English)"), True
            else:
                cached = cache.get(item.text) if cache else None
                if cached is not None:
                    entry.result, entry.done = cached, True
                else:
                    if batch and chars + len(item.text) > PIPE_CHARS:
                        waiting.append(batch)
                        yield [e.item.text for e in batch]
                        batch, chars = [], 0
                    batch.append(entry)
                    chars += len(item.text)
            if len(batch) >= batch_size or len(pending) >= max_pending:
                waiting.append(batch)
                yield [e.item.text for e in batch]
                batch, chars = [], 0
        if batch:
            waiting.append(batch)
            yield [e.item.text for e in batch]

    waiting: deque[list[_Entry]] = deque()
    for _texts, results in engine.map(miss_batches()):
        for entry, result in zip(waiting.popleft(), results):
            entry.result, entry.done = result, True
            if cache is not None and isinstance(result, dict):
                cache.put(entry.item.text, result)
        while pending and pending[0].done:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


_INCIDENT_FILES = ("incidents", "incident_reports")


def _incidents_in(folder: Path, fmt: str, cache: AnnotationCache | None) -> IncidentTables:
    """The incidents step of a run that writes a folder (`incidents_of_run`). The step is a function of the
    casualties and articles files alone (and the kit's code): with a cache, a run whose two files are
    byte-identical to a run it has kept gets that run's incident files, and skips the grouping."""
    if cache is None or not cache.enabled:
        return incidents_of_run(out_dir=folder, fmt=fmt)
    digest = hashlib.sha256(f"incidents\x1f{code_fingerprint()}\x1f{fmt}".encode())
    for name in ("casualties", "articles"):
        digest.update(b"\x1f" + (folder / f"{name}.{fmt}").read_bytes())
    key = "incidents:" + digest.hexdigest()
    kept = cache.get_files(key)
    if kept is not None and set(kept) == {f"{name}.{fmt}" for name in _INCIDENT_FILES}:
        for file_name, data in kept.items():
            atomic_write(folder / file_name, lambda tmp, data=data: Path(tmp).write_bytes(data))
        return read_incident_tables(folder, fmt)
    result = incidents_of_run(out_dir=folder, fmt=fmt)
    cache.put_files(key, {f"{name}.{fmt}": (folder / f"{name}.{fmt}").read_bytes() for name in _INCIDENT_FILES})
    return result


def _in_notebook() -> bool:
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return type(shell).__name__ == "ZMQInteractiveShell"


def _progress(enabled: bool | None):
    if enabled is None:
        enabled = sys.stderr.isatty() or _in_notebook()
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(unit=" articles", desc="annotating", file=sys.stderr, dynamic_ncols=True)


def annotate_corpus(
    source: Source,
    *,
    out_dir: str | os.PathLike[str] | None = None,
    fmt: str = "csv",
    text_column: str | None = None,
    model: str | None = None,
    components: tuple[str, ...] = KIT_COMPONENTS,
    entity_files: tuple[str, ...] = (),
    n_process: int = 1,
    batch_size: int = 32,
    cache_dir: str | os.PathLike[str] | None = None,
    cache_max_bytes: int = DEFAULT_MAX_BYTES,
    engine: str = "local",
    client=None,
    scheduler: str | None = None,
    progress: bool | None = None,
    article_timeout: float | None = DEFAULT_TIMEOUT,
) -> CorpusResult:
    """Annotate every article in `source` (paths, folders, globs, corpus files, or Article objects).

    With `out_dir`, the four tables and `errors` are streamed to files (`fmt` csv or parquet) and
    `tables` is None; without it they come back as DataFrames. `progress=None` shows a bar in
    terminals and notebooks only. Then the figures of all articles are grouped into `incidents` and
    `incident_reports` (kit/reconcile.py; also written to `out_dir`, with the other tables). `article_timeout`: seconds one article may take (None: no limit);
    an article over it becomes an error row ("timed out after N s"). `cache_dir` keeps annotations of
    unchanged texts in one SQLite file (at most `cache_max_bytes`, least recently used evicted), and the
    finished rows of unchanged records (a hit skips cleaning and row-building); the model is loaded only when
    some article is not in it. `cache_dir=None` takes $KIT_CACHE_DIR when it is set.
    """
    spec = PipelineSpec.resolve(model, components=components, entity_files=tuple(entity_files))
    if cache_dir is None:
        cache_dir = os.environ.get(CACHE_ENV) or None  # e.g. set by `make` for the notebooks' repeated runs
    sink = FileSink(out_dir, fmt) if out_dir is not None else MemorySink()  # first: the lock on out_dir
    runner = None
    bar = None
    cache = None
    errors: list[dict[str, str | None]] = []
    n_articles = 0
    finished = False
    try:
        cache = AnnotationCache(cache_dir, pipeline_signature(spec), max_bytes=cache_max_bytes) if cache_dir else None
        runner = make_engine(engine, spec, n_process=n_process, batch_size=batch_size, client=client,
                             scheduler=scheduler, timeout=article_timeout)
        bar = _progress(progress)
        exclude = tuple(p for p in (out_dir, cache_dir) if p is not None)
        for entry in _annotated(_items(source, text_column, exclude, cache), runner, cache, batch_size):
            item = entry.item
            if isinstance(item, _Rows):
                sink.add(item.rows)
                n_articles += 1
            elif isinstance(item, RecordError):
                errors.append({"source_path": item.source_path, "doc_id": item.doc_id, "reason": item.reason})
            elif isinstance(entry.result, dict):
                rows = annotation_rows(entry.result, item)
                if entry.key is not None and cache is not None:
                    cache.put_rows(entry.key, rows)
                sink.add(rows)
                n_articles += 1
            else:
                errors.append({"source_path": item.source_path, "doc_id": item.doc_id, "reason": str(entry.result)})
            if bar is not None:
                bar.update(1)
        error_frame = pd.DataFrame(errors, columns=ERROR_COLUMNS)
        written: list = []  # incidents of a run written to a folder: made in the staging folder, swapped in whole
        tables = sink.close(error_frame, then=lambda stage: written.append(_incidents_in(stage, fmt, cache)))
        incidents = written[0] if written else incidents_of_run(tables)
        finished = True
    finally:
        if not finished:
            sink.abort()
        if runner is not None:
            runner.close(abort=not finished)
        if bar is not None:
            bar.close()
        if cache is not None:
            cache.close()
    return CorpusResult(
        n_articles=n_articles,
        errors=error_frame,
        tables=tables if out_dir is None else None,
        out_dir=Path(out_dir) if out_dir is not None else None,
        cache_hits=cache.hits if cache else 0,
        incidents=incidents.incidents, incident_reports=incidents.reports,
    )
