"""Settings of a process the kit owns (kit/process.py): only the `kit` command's process gets them."""
import os
import subprocess
import sys

import pytest

from kit import process

PROBE = """
import gc, sys
from kit import process
before = process.owned()
took = process.own_this_process()
frozen_before = gc.get_freeze_count()
process.settle_after_load()
print(before, took, process.owned(), frozen_before == 0, gc.get_freeze_count() > 0)
"""
ARROW_PROBE = """
import sys
{before}
from kit import process
process.own_this_process()
import pyarrow
print(pyarrow.default_memory_pool().backend_name)
"""


def _run(code: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != process.ARROW_POOL_ENV}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**clean, **env})
    return done.stdout


def test_a_library_process_is_not_owned():
    assert not process.owned()  # pytest imported the kit as a library: nothing process-wide was set


def test_settling_a_library_process_freezes_nothing():
    import gc

    before = gc.get_freeze_count()
    process.settle_after_load()
    assert gc.get_freeze_count() == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator settings")
def test_an_owned_process_sets_its_allocator_and_freezes_after_loading():
    assert _run(PROBE).split() == ["False", "True", "True", "True", "True"]


@pytest.mark.parametrize("before", ["", "import pyarrow"])
def test_an_owned_process_gives_arrow_the_system_allocator(before):
    # imported after or before the process is owned: pandas' text columns come from the memory glibc keeps
    assert _run(ARROW_PROBE.format(before=before)).split() == ["system"]


def test_an_owned_process_keeps_the_arrow_pool_a_user_chose():
    assert _run(ARROW_PROBE.format(before=""), ARROW_DEFAULT_MEMORY_POOL="mimalloc").split() == ["mimalloc"]


def test_the_command_owns_its_process(monkeypatch):
    from kit import cli

    calls = []
    monkeypatch.setattr(cli, "own_this_process", lambda: calls.append("owned"))
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 0)
    monkeypatch.setattr(cli.os, "_exit", lambda code: calls.append(code))
    cli.run()
    assert calls == ["owned", "main", 0]
