"""Where annotation runs: in this process, in a pool of local processes, or on Dask workers.

Every engine maps batches of texts to annotations (plain dicts, or an error string per failed text),
in order, with a bounded number of batches in flight, so memory does not grow with the corpus.

Every engine bounds the work per article: each article has a wall-clock limit (`timeout` seconds, see
`kit.deadline`) and one over it becomes the error "timed out after N s" while the others go on; a text
longer than spaCy's `max_length` is annotated in pieces (`kit.pieces`). Pool workers die with the main
process (Linux: the kernel kills them when it dies, even by SIGKILL; elsewhere they notice within a second)
and ignore Ctrl-C, which the main process handles.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from .deadline import ArticleTimeout, Deadline
from .matmul import one_blas_thread
from .nlp import PipelineSpec
from .process import settle_after_load
from .tables import annotation_of

__all__ = ["Result", "annotate_texts", "LocalEngine", "DaskEngine", "make_engine", "DEFAULT_TIMEOUT"]

Result = dict | str  # an annotation, or the reason a text could not be annotated
DEFAULT_TIMEOUT = 60.0  # seconds per article; FA-KES articles take 0.1 s, a 100,000-character text ~10 s
ALONE_CHARS = 50_000  # longer texts are annotated on their own: batching gains nothing, a stall costs one limit
PIPE_CHARS = 80_000  # characters the model reads at once: ~32 news articles, ~0.23 GB of working arrays
_WARM = "Warm-up: the monitor said five people were killed in Homs on Monday."
_warmed: set[int] = set()


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"annotation failed: {type(exc).__name__}" + (f": {text[:300]}" if text else "")


def _warm_up(nlp) -> None:
    """Load what the components load lazily (the gazetteer's city index) before any article's clock runs."""
    if id(nlp) not in _warmed:
        nlp(_WARM)
        _warmed.add(id(nlp))
        settle_after_load()


def _annotate_one(nlp, text: str, timeout: float | None) -> Result:
    """One text on its own, under its own limit, in pieces when longer than the pipeline takes."""
    try:
        with Deadline(timeout):
            if len(text) <= nlp.max_length:
                return annotation_of(nlp(text))
            from .pieces import annotate_long  # spaCy's Doc: imported once a model is loaded

            return annotate_long(nlp, text)
    except ArticleTimeout:
        return f"timed out after {timeout:g} s"
    except Exception as exc:  # noqa: BLE001 - one article's failure is that article's error row
        return _reason(exc)


def annotate_texts(spec: PipelineSpec, texts: list[str], batch_size: int = 32,
                   timeout: float | None = None) -> list[Result]:
    """Annotations for texts; a text that breaks the pipeline or runs over `timeout` seconds gets an error
    string, the others go on. Texts are piped in batches (long ones alone); after a failure or a timeout in
    a batch, its remaining texts go one by one, each with its own limit."""
    if not texts:
        return []
    with one_blas_thread():
        return _annotate_batch(spec.load(), texts, batch_size, timeout)


def _annotate_batch(nlp, texts: list[str], batch_size: int, timeout: float | None) -> list[Result]:
    _warm_up(nlp)
    results: list[Result | None] = [None] * len(texts)
    whole = [i for i, text in enumerate(texts) if len(text) <= min(ALONE_CHARS, nlp.max_length)]
    done = 0
    try:
        with Deadline(timeout) as deadline:
            for doc in _piped(nlp, [[texts[i] for i in part] for part in _parts(whole, texts, batch_size)]):
                results[whole[done]] = annotation_of(doc)
                done += 1
                deadline.restart()  # each article gets the whole limit
    except (ArticleTimeout, Exception):  # noqa: BLE001 - isolate the failing text, annotate the rest
        pass
    for i, text in enumerate(texts):
        if results[i] is None:
            results[i] = _annotate_one(nlp, text, timeout)
    return results  # type: ignore[return-value]


def _parts(indices: list[int], texts: list[str], batch_size: int) -> Iterator[list[int]]:
    """Consecutive runs of `indices` of at most `batch_size` texts and `PIPE_CHARS` characters (a longer text is
    a run of its own). The model's working arrays take ~2.8 KB per character of a batch (measured with every
    component: 228 MB for 32 FA-KES articles of 80,000 characters in all, 903 MB for 8 texts of 40,000): 32
    texts of 40,000 characters would need ~3.6 GB at once. Bounded, a batch needs at most ~0.23 GB whichever
    articles meet in it, and a run's peak does not depend on its length. `kit.corpus` cuts its batches alike."""
    part: list[int] = []
    size = 0
    for i in indices:
        if part and (len(part) >= batch_size or size + len(texts[i]) > PIPE_CHARS):
            yield part
            part, size = [], 0
        part.append(i)
        size += len(texts[i])
    if part:
        yield part


def _piped(nlp, parts: list[list[str]]):
    """Docs of every text of `parts`, in order, each part one batch of `nlp.pipe`."""
    for part in parts:
        yield from nlp.pipe(part, batch_size=len(part))


def _bounded(executor_submit, batches: Iterable[list[str]], in_flight: int) -> Iterator[tuple[list[str], list[Result]]]:
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, executor_submit(batch)))
        while len(pending) >= in_flight:
            done_batch, future = pending.popleft()
            yield done_batch, future.result()
    while pending:
        done_batch, future = pending.popleft()
        yield done_batch, future.result()


class _Done:
    """A finished future for work done in this process."""

    def __init__(self, value: list[Result]) -> None:
        self.value = value

    def result(self) -> list[Result]:
        return self.value


class _Settled:
    """A Dask future whose failure (its workers died too often: KilledWorker; the scheduler was lost) becomes
    one error per text of its batch, so that a cluster losing workers reports those articles, never drops them.
    A worker that dies once is not a failure: the scheduler runs its tasks again on the others."""

    def __init__(self, future, n_texts: int) -> None:
        self.future, self.n_texts = future, n_texts

    def result(self) -> list[Result]:
        try:
            return self.future.result()
        except Exception as exc:  # noqa: BLE001 - the batch's articles become error rows, the run goes on
            return [f"annotation failed on the cluster: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"]\
                * self.n_texts


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _worker_init(parent: int) -> None:
    """In each pool worker: die with the main process, leave Ctrl-C to it, end quietly on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the main process's handler, inherited by fork
    from .outdir import close_inherited

    close_inherited()  # the output lock and the janitor's pipe belong to the main process
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the main process died before the line above
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


class LocalEngine:
    """This process (n_process=1) or a pool of forked worker processes, each loading the model once."""

    def __init__(self, spec: PipelineSpec, *, n_process: int = 1, batch_size: int = 32,
                 timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.spec, self.n_process, self.batch_size, self.timeout = spec, n_process, batch_size, timeout
        self._pool: ProcessPoolExecutor | None = None

    def _submit(self, texts: list[str]):
        if not texts:
            return _Done([])
        if self.n_process == 1:
            return _Done(annotate_texts(self.spec, texts, self.batch_size, self.timeout))
        if self._pool is None:
            method = "fork" if sys.platform.startswith("linux") else "spawn"
            if method == "fork":  # load and warm the pipeline once, here: forked workers inherit it (and the
                _warm_up(self.spec.load())  # city index this process needs for its rows) instead of each building it
            self._pool = ProcessPoolExecutor(self.n_process, mp_context=multiprocessing.get_context(method),
                                             initializer=_worker_init, initargs=(os.getpid(),))
        return self._pool.submit(annotate_texts, self.spec, texts, self.batch_size, self.timeout)

    def map(self, batches: Iterable[list[str]]) -> Iterator[tuple[list[str], list[Result]]]:
        return _bounded(self._submit, batches, in_flight=max(2, 2 * self.n_process))

    def close(self, *, abort: bool = False) -> None:
        """Stop the pool: after the work is done, or at once (`abort`: an error or Ctrl-C in the main process)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if abort:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
        else:
            pool.shutdown(cancel_futures=True)


class DaskEngine:
    """dask.distributed workers run the same pipeline; a LocalCluster is started when no client is given.

    The cluster's log messages below the level of the `distributed` logger here are silenced (`kit annotate
    --quiet` raises it to ERROR)."""

    def __init__(self, spec: PipelineSpec, *, client=None, scheduler: str | None = None, n_process: int = 1,
                 batch_size: int = 32, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - depends on the installation
            from .errors import KitError

            raise KitError("the dask engine needs dask.distributed: pip install 'kit[dask]'") from None
        self.spec, self.batch_size, self.n_process, self.timeout = spec, batch_size, max(1, n_process), timeout
        self._own: list = []
        if client is None:
            if scheduler:
                client = Client(scheduler)
            else:
                level = max(logging.WARNING, logging.getLogger("distributed").getEffectiveLevel())
                cluster = LocalCluster(n_workers=self.n_process, threads_per_worker=1, processes=True,
                                       dashboard_address=None, host="127.0.0.1", silence_logs=level)
                client = Client(cluster)
                self._own.append(cluster)
            self._own.insert(0, client)
        self.client = client

    def _submit(self, texts: list[str]):
        if not texts:
            return _Done([])
        return _Settled(self.client.submit(annotate_texts, self.spec, texts, self.batch_size, self.timeout,
                                           pure=False), len(texts))

    def map(self, batches: Iterable[list[str]]) -> Iterator[tuple[list[str], list[Result]]]:
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        return _bounded(self._submit, batches, in_flight=2 * workers)

    def close(self, *, abort: bool = False) -> None:
        for resource in self._own:
            resource.close()
        self._own = []


def make_engine(engine: str, spec: PipelineSpec, *, n_process: int = 1, batch_size: int = 32, client=None,
                scheduler: str | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> LocalEngine | DaskEngine:
    if engine == "local":
        return LocalEngine(spec, n_process=n_process, batch_size=batch_size, timeout=timeout)
    if engine == "dask":
        return DaskEngine(spec, client=client, scheduler=scheduler, n_process=n_process, batch_size=batch_size,
                          timeout=timeout)
    raise ValueError(f"unknown engine {engine!r}; expected 'local' or 'dask'")
