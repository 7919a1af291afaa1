"""Settings of a process the kit owns (kit/process.py): only the `kit` command's process gets them."""
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


def test_a_library_process_is_not_owned():
    assert not process.owned()  # pytest imported the kit as a library: nothing process-wide was set


def test_settling_a_library_process_freezes_nothing():
    import gc

    before = gc.get_freeze_count()
    process.settle_after_load()
    assert gc.get_freeze_count() == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator settings")
def test_an_owned_process_sets_its_allocator_and_freezes_after_loading():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True", "True", "True"]


def test_the_command_owns_its_process(monkeypatch):
    from kit import cli

    calls = []
    monkeypatch.setattr(cli, "own_this_process", lambda: calls.append("owned"))
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 0)
    monkeypatch.setattr(cli.os, "_exit", lambda code: calls.append(code))
    cli.run()
    assert calls == ["owned", "main", 0]
