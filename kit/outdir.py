"""The output folder of a run: locked, written beside it, then swapped in whole.

A run writes its tables into a new hidden sibling folder (`.<out>.kit-new-<pid>-…`) and, once every table
is complete, exchanges it with `<out>` in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`; elsewhere two
renames), so readers see the old tables or the new ones, never a mix. A lock file beside the folder
(`.<out>.kit-lock`, `flock`, removed at the end) keeps a second run from writing to the same folder at the
same time; the lock dies with its process, so a killed run never blocks the next. A small janitor process
removes the new folder and the lock file if the run is killed (even with SIGKILL); whatever a crash of the
janitor itself leaves is removed by the next run, under the lock.

Files of `<out>` that the kit did not write (a log the shell sends there, the user's notes) are kept: they are
moved into the new folder just before the swap, and any that appear in the old one meanwhile are moved back
after it (a rename keeps a file that is still open for writing). When the parent folder cannot be written
(`<out>` is a mount point, say), the new tables are written inside `<out>` and moved in one by one.
"""
from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Literal

from .errors import OutputBusyError, OutputError, describe_os_error
from .io import file_mode, make_dir

__all__ = ["OutputFolder", "KIT_FILES", "MARKER", "close_inherited"]

KIT_FILES = re.compile(r"^(articles|entities|claims|casualties|errors|incidents|incident_reports)\.(csv|parquet)$|^\.kit-|^\..*\.tmp$")
MARKER = ".kit-output"
_INHERITED: set[int] = set()  # descriptors a forked worker must not keep: the lock, the janitor's pipe
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_JANITOR = (
    "import fcntl, os, shutil, sys, time\n"
    "if sys.stdin.buffer.read():\n"  # returns when the run closes the pipe: at its end, or when it dies
    "    sys.exit(0)\n"  # a word first: the run ended on its own and cleans up itself (it still holds the lock)
    "shutil.rmtree(sys.argv[1], ignore_errors=True)\n"
    "for _ in range(120):\n"  # the lock file, unless another run has taken it since; dying workers may hold it a while
    "    try:\n"
    "        fd = os.open(sys.argv[2], os.O_RDWR)\n"
    "    except OSError:\n"
    "        break\n"
    "    try:\n"
    "        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
    "    except OSError:\n"
    "        os.close(fd)\n"
    "        time.sleep(0.25)\n"
    "        continue\n"
    "    try:\n"
    "        if os.stat(sys.argv[2]).st_ino == os.fstat(fd).st_ino:\n"
    "            os.unlink(sys.argv[2])\n"
    "    except OSError:\n"
    "        pass\n"
    "    break\n"
)


def close_inherited() -> None:
    """In a forked worker: close the run's lock and janitor pipe, so that both go with the main process alone."""
    for fd in list(_INHERITED):
        try:
            os.close(fd)
        except OSError:
            pass
    _INHERITED.clear()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _move_foreign(source: Path, target: Path) -> None:
    """Move the files the kit did not write from one folder to the other (a rename: open files stay open)."""
    for path in source.iterdir():
        if not KIT_FILES.match(path.name) and not (target / path.name).exists():
            os.rename(path, target / path.name)


class OutputFolder:
    """`with OutputFolder(out) as folder:` write into `folder.staging`, then `folder.commit()`.

    Leaving the block without `commit()` (an error, Ctrl-C) removes the staging folder and leaves `out` as it
    was. Raises OutputBusyError when another run holds the lock, OutputError when `out` cannot be used."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.out = Path(os.path.realpath(out)) if Path(out).is_symlink() else Path(out)
        self.staging: Path | None = None
        self._lock_fd: int | None = None
        self._lock_path: Path | None = None
        self._in_place = False
        self._janitor: subprocess.Popen | None = None

    # -- setting up ---------------------------------------------------------------------------------
    def __enter__(self) -> "OutputFolder":
        out = self.out
        if out.exists() and not out.is_dir():
            raise OutputError(out, "it is a file, not a folder (choose a folder for --out)")
        parent = out.absolute().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(parent, describe_os_error(exc)) from None
        self._lock(parent)
        try:
            self._clean_stale(parent)
            try:
                self.staging = make_dir(parent, prefix=f".{out.name}.kit-new-{os.getpid()}-")
            except OSError as exc:
                if not out.is_dir() or exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                    raise OutputError(parent, describe_os_error(exc)) from None
                self._in_place = True  # the parent is read-only but `out` is not: build inside it
                try:
                    self.staging = make_dir(out, prefix=f".kit-new-{os.getpid()}-")
                except OSError as inner:
                    raise OutputError(out, describe_os_error(inner)) from None
            self._start_janitor()
        except BaseException:
            self._unlock()
            raise
        return self

    def _lock(self, parent: Path) -> None:
        """Take the lock file beside `out` (or, when the parent is read-only, inside it); removed on release."""
        try:
            import fcntl
        except ImportError:  # Windows: no flock; runs on one folder are not kept apart there
            return
        for folder in (parent, self.out):
            path = folder / (f".{self.out.name}.kit-lock" if folder == parent else ".kit-lock")
            for _ in range(20):
                try:
                    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), file_mode())
                except OSError as exc:
                    if folder == parent and self.out.is_dir():
                        break  # a read-only parent: lock inside `out` (which is then not swapped)
                    raise OutputError(path, describe_os_error(exc)) from None
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
                    os.close(fd)
                    raise OutputBusyError(self.out, f"another kit run (process {holder}) is writing to this folder; "
                                                    "wait for it to finish or choose another --out") from None
                try:
                    same = os.stat(path).st_ino == os.fstat(fd).st_ino
                except OSError:
                    same = False
                if not same:  # the holder before us removed the file as we opened it: take the new one
                    os.close(fd)
                    continue
                os.ftruncate(fd, 0)
                os.pwrite(fd, str(os.getpid()).encode(), 0)
                self._lock_fd, self._lock_path = fd, path
                _INHERITED.add(fd)
                return
            else:
                raise OutputError(path, "the lock file keeps changing; is another kit run starting?")

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            import fcntl

            try:
                if self._lock_path is not None:
                    self._lock_path.unlink(missing_ok=True)  # while still holding it: see _lock
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)  # forked workers share the descriptor: unlock it outright
            except OSError:
                pass
            os.close(self._lock_fd)
            _INHERITED.discard(self._lock_fd)
            self._lock_fd = None

    def _clean_stale(self, parent: Path) -> None:
        """Under the lock: what killed runs left (their staging folders, old copies, part files)."""
        prefix = f".{self.out.name}.kit-"
        stale = [p for p in parent.glob(f"{glob_escape(prefix)}*") if p.is_dir() and not p.name.endswith("-lock")]
        if self.out.is_dir():
            stale += [p for p in self.out.iterdir() if p.name.startswith((".kit-new-", ".kit-parts-", ".kit-old-"))
                      or (p.name.startswith(".") and p.name.endswith(".tmp"))]
        for path in stale:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)

    def _start_janitor(self) -> None:
        """A process that removes the staging folder once this one is gone, however it ended (SIGKILL too)."""
        try:
            self._janitor = subprocess.Popen([sys.executable, "-c", _JANITOR, str(self.staging), str(self._lock_path)],
                                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError:
            self._janitor = None  # the next run cleans up instead
        else:
            _INHERITED.add(self._janitor.stdin.fileno())

    def _stop_janitor(self) -> None:
        if self._janitor is not None:
            _INHERITED.discard(self._janitor.stdin.fileno())
            try:
                self._janitor.stdin.write(b"done")  # else it would wait for the lock this process still holds
                self._janitor.stdin.close()
                self._janitor.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._janitor.kill()
            self._janitor = None

    # -- finishing ----------------------------------------------------------------------------------
    def commit(self) -> None:
        """Put the staging folder's files in place of `out`'s, all at once where the system allows."""
        staging, out = self.staging, self.out
        assert staging is not None
        try:
            (staging / MARKER).write_text("tables written by kit annotate; the kit never reads this folder as input\n",
                                          encoding="utf-8")
            os.chmod(staging / MARKER, file_mode())
            if self._in_place:
                for path in sorted(staging.iterdir()):
                    os.replace(path, out / path.name)
                shutil.rmtree(staging, ignore_errors=True)
            elif not out.exists():
                os.rename(staging, out)
            else:
                _move_foreign(out, staging)
                if _exchange(staging, out):
                    _move_foreign(staging, out)  # written into the old folder while we swapped
                    shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous tables
                else:
                    old = make_dir(out.absolute().parent, prefix=f".{out.name}.kit-old-{os.getpid()}-")
                    os.rename(out, old / "out")
                    os.rename(staging, out)
                    _move_foreign(old / "out", out)
                    shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            raise OutputError(exc.filename or out, describe_os_error(exc)) from None
        self.staging = None

    def __exit__(self, exc_type, exc, tb) -> Literal[False]:
        try:
            if self.staging is not None:
                shutil.rmtree(self.staging, ignore_errors=True)
                self.staging = None
        finally:
            self._stop_janitor()
            self._unlock()
        return False


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
