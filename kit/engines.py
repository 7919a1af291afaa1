"""Where annotation runs: in this process, in a pool of local processes, or on Dask workers.

Every engine maps batches of texts to annotations (plain dicts, or an error string per failed text),
in order, with a bounded number of batches in flight, so memory does not grow with the corpus.
"""
from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Iterable, Iterator

from .nlp import PipelineSpec
from .tables import annotation_of

__all__ = ["Result", "annotate_texts", "LocalEngine", "DaskEngine", "make_engine"]

Result = dict | str  # an annotation, or the reason a text could not be annotated


def annotate_texts(spec: PipelineSpec, texts: list[str], batch_size: int = 32) -> list[Result]:
    """Annotations for texts; a text that breaks the pipeline gets an error string, the others go on."""
    if not texts:
        return []
    nlp = spec.load()
    try:
        return [annotation_of(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]
    except Exception:  # noqa: BLE001 - isolate the failing text, annotate the rest
        results: list[Result] = []
        for text in texts:
            try:
                results.append(annotation_of(nlp(text)))
            except Exception as exc:  # noqa: BLE001
                results.append(f"annotation failed: {type(exc).__name__}: {exc}")
        return results


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


class LocalEngine:
    """This process (n_process=1) or a pool of forked worker processes, each loading the model once."""

    def __init__(self, spec: PipelineSpec, *, n_process: int = 1, batch_size: int = 32) -> None:
        self.spec, self.n_process, self.batch_size = spec, n_process, batch_size
        self._pool: Executor | None = None

    def _submit(self, texts: list[str]):
        if not texts:
            return _Done([])
        if self.n_process == 1:
            return _Done(annotate_texts(self.spec, texts, self.batch_size))
        if self._pool is None:
            method = "fork" if sys.platform.startswith("linux") else "spawn"
            self._pool = ProcessPoolExecutor(self.n_process, mp_context=multiprocessing.get_context(method))
        return self._pool.submit(annotate_texts, self.spec, texts, self.batch_size)

    def map(self, batches: Iterable[list[str]]) -> Iterator[tuple[list[str], list[Result]]]:
        return _bounded(self._submit, batches, in_flight=max(2, 2 * self.n_process))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskEngine:
    """dask.distributed workers run the same pipeline; a LocalCluster is started when no client is given."""

    def __init__(self, spec: PipelineSpec, *, client=None, scheduler: str | None = None, n_process: int = 1,
                 batch_size: int = 32) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - depends on the installation
            from .errors import KitError

            raise KitError("the dask engine needs dask.distributed: pip install 'kit[dask]'") from None
        self.spec, self.batch_size, self.n_process = spec, batch_size, max(1, n_process)
        self._own: list = []
        if client is None:
            if scheduler:
                client = Client(scheduler)
            else:
                cluster = LocalCluster(n_workers=self.n_process, threads_per_worker=1, processes=True,
                                       dashboard_address=None, host="127.0.0.1")
                client = Client(cluster)
                self._own.append(cluster)
            self._own.insert(0, client)
        self.client = client

    def _submit(self, texts: list[str]):
        if not texts:
            return _Done([])
        return self.client.submit(annotate_texts, self.spec, texts, self.batch_size, pure=False)

    def map(self, batches: Iterable[list[str]]) -> Iterator[tuple[list[str], list[Result]]]:
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        return _bounded(self._submit, batches, in_flight=2 * workers)

    def close(self) -> None:
        for resource in self._own:
            resource.close()
        self._own = []


def make_engine(engine: str, spec: PipelineSpec, *, n_process: int = 1, batch_size: int = 32, client=None,
                scheduler: str | None = None) -> LocalEngine | DaskEngine:
    if engine == "local":
        return LocalEngine(spec, n_process=n_process, batch_size=batch_size)
    if engine == "dask":
        return DaskEngine(spec, client=client, scheduler=scheduler, n_process=n_process, batch_size=batch_size)
    raise ValueError(f"unknown engine {engine!r}; expected 'local' or 'dask'")
