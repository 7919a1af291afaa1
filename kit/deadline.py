"""A wall-clock limit on a block of Python code, in any thread (worker processes, Dask worker threads too).

`with Deadline(60) as deadline:` raises ArticleTimeout inside the block once 60 s have passed; `restart()`
starts a new period (one per article when a batch is piped). The exception is raised in the block's thread
by a timer thread (CPython's `PyThreadState_SetAsyncExc`), so no signal handler is needed and it works off
the main thread; it is delivered between Python bytecodes, which is enough for the kit's pipeline (the
spaCy steps that run in C are linear in the text; see `kit.pieces` for the tokenizer). ArticleTimeout is a
BaseException, so `except Exception` in the code under the limit cannot swallow it.
"""
from __future__ import annotations

import ctypes
import threading
from typing import Literal

__all__ = ["Deadline", "ArticleTimeout"]


class ArticleTimeout(BaseException):
    """An article took longer than the limit."""


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception) if exception else None)


class Deadline:
    """Raise ArticleTimeout in the current thread when `seconds` pass (None or <= 0: no limit)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and seconds > 0 else None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._thread = 0
        self._active = False
        self._fired = False

    def __enter__(self) -> "Deadline":
        self._thread = threading.get_ident()
        self._active, self._fired = True, False
        self._arm()
        return self

    def _arm(self) -> None:
        if self.seconds is None:
            return
        timer = threading.Timer(self.seconds, self._fire)
        timer.daemon = True
        self._timer = timer
        timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._active and threading.current_thread() is self._timer:
                self._fired = True
                _raise_in(self._thread, ArticleTimeout)

    def _disarm(self) -> bool:
        """Stop the timer; True when it had already fired (its exception then is, or was, on its way)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            fired, self._fired = self._fired, False
        if fired:
            _raise_in(self._thread, None)  # withdraw it if not yet delivered; raise it ourselves instead
        return fired

    def restart(self) -> None:
        """A new period starts now; ArticleTimeout if the last one ran out."""
        if self._disarm():
            raise ArticleTimeout()
        self._arm()

    def __exit__(self, exc_type, exc, tb) -> Literal[False]:
        with self._lock:
            self._active = False
        if self._disarm() and exc_type is None:
            raise ArticleTimeout()
        return False
