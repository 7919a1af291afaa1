"""Settings for a process the kit owns (the `kit` command and the pool workers it forks), never for a user's.

Process-wide settings that pay off when a process does nothing but annotate, and would be intrusive in a
notebook's kernel, so only `kit.cli.run()` turns them on (`own_this_process()`):

* **the allocator** (glibc only): by default glibc returns freed memory at the top of the heap to the system
  as soon as 128 KiB are free there and maps large blocks afresh each time; the model's working arrays, made
  and freed for every batch, then cost ~210,000 page faults per 400 articles (2 s of system time against
  plain spaCy's 0.9 s). Keeping up to 256 MiB and mapping only blocks of 32 MiB or more halves that system
  time; peak memory does not change (measured in `benchmarks/RESULTS.md`).
* **Arrow's allocator**: pandas keeps text columns in Arrow arrays, and pyarrow allocates them from its own
  pool (mimalloc), which cannot reuse the memory glibc keeps above; the tables built as a run goes (parts
  written every 256 articles, the incidents step at the end) then come on top of the pipeline's peak. Arrow
  takes glibc's allocator instead (`ARROW_DEFAULT_MEMORY_POOL=system`, unless the environment already names a
  pool): peak memory of 400 / 4,000 FA-KES articles 584 / 641 MiB with mimalloc, 566 / 597 MiB with it.
* **the collector**: once the pipeline is loaded (model, gazetteer, city index: ~150,000 objects that live as
  long as the process), `gc.freeze()` moves them out of the collector's sight, so that its full passes do not
  walk them again and again, and forked workers do not copy the pages they sit on by touching them.
"""
from __future__ import annotations

import ctypes
import gc
import os
import sys

__all__ = ["own_this_process", "owned", "settle_after_load"]

ARROW_POOL_ENV = "ARROW_DEFAULT_MEMORY_POOL"  # read by pyarrow when it is first imported
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt parameters (malloc.h)
TRIM_THRESHOLD = 256 * 2**20  # free bytes at the top of the heap kept before returning them
MMAP_THRESHOLD = 32 * 2**20  # blocks this large or larger get their own mapping (glibc's upper limit)
_owned = False


def own_this_process() -> bool:
    """Mark this process as the kit's own and set its allocators; True when glibc took the settings."""
    global _owned
    _owned = True
    _arrow_uses_the_system_allocator()
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    mapped = mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
    trimmed = mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1
    return mapped and trimmed


def _arrow_uses_the_system_allocator() -> None:
    if ARROW_POOL_ENV in os.environ:  # the user chose a pool
        return
    os.environ[ARROW_POOL_ENV] = "system"  # also for the processes this one starts
    if "pyarrow" in sys.modules:  # imported already: the variable was read, set the pool itself
        import pyarrow

        pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def owned() -> bool:
    """True in the `kit` command's process (and workers forked from it)."""
    return _owned


def settle_after_load() -> None:
    """After the pipeline is loaded and warmed, in a process the kit owns: freeze what exists (see above)."""
    if _owned:
        gc.freeze()
