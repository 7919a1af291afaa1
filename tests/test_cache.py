"""The annotation cache's store: answers before the model is loaded, one SQLite file shared by processes,
a size cap with eviction, and the old one-file-per-entry folders ignored with a message."""
from __future__ import annotations

import multiprocessing
import subprocess
import sys
import warnings

import pytest

from kit.cache import STORE_NAME, AnnotationCache
from kit.errors import KitWarning

from .conftest import ROOT


def _annotation(text: str) -> dict:
    return {"sent_starts": [0], "mentions": [{"start_char": 0, "end_char": 4, "text": text[:4]}], "claims": [],
            "casualties": []}


def _text(i: int) -> str:
    return f"Text {i}: the monitor said {i} people were displaced from the made-up town of Qarmeen. " * 20


def test_a_fully_cached_run_never_imports_spacy(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Officials said {i + 2} people were killed in Homs on Monday, "
                                          "according to the local council.\n")

    def args(out: str) -> list[str]:
        return ["annotate", str(folder), "--out", str(tmp_path / out), "--cache", str(tmp_path / "cache"), "--quiet"]

    assert subprocess.run([sys.executable, "-m", "kit", *args("out")], capture_output=True, cwd=ROOT,
                          check=False).returncode == 0
    check = ("import sys\nfrom kit.cli import main\ncode = main(sys.argv[1:])\n"
             "print(code, 'spacy' in sys.modules, 'thinc' in sys.modules)\n")
    again = subprocess.run([sys.executable, "-c", check, *args("again")], capture_output=True, text=True, cwd=ROOT,
                           check=False)
    assert again.stdout.split() == ["0", "False", "False"], again.stderr
    assert (tmp_path / "out" / "entities.csv").read_bytes() == (tmp_path / "again" / "entities.csv").read_bytes()


def _writer(directory: str, start: int, n: int) -> None:
    cache = AnnotationCache(directory, "sig")
    for i in range(start, start + n):
        cache.put(_text(i), _annotation(_text(i)))
        assert cache.enabled
    cache.close()


def test_two_processes_write_one_cache_at_once(tmp_path):
    context = multiprocessing.get_context("spawn")  # separate interpreters, as two kit runs would be
    workers = [context.Process(target=_writer, args=(str(tmp_path), k * 150, 150)) for k in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    cache = AnnotationCache(tmp_path, "sig")
    assert all(cache.get(_text(i)) == _annotation(_text(i)) for i in range(300))
    assert cache.hits == 300 and cache.rejected == 0
    cache.close()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [STORE_NAME]


def test_the_size_cap_evicts_the_least_recently_used(tmp_path):
    cache = AnnotationCache(tmp_path, "sig")
    cache.put(_text(0), _annotation(_text(0)))
    one = cache.size()
    cache.close()
    cache = AnnotationCache(tmp_path, "sig", max_bytes=10 * one)
    for i in range(1, 30):
        cache.put(_text(i), _annotation(_text(i)))
        if i % 5 == 0:
            assert cache.get(_text(0)) is not None  # kept in use: stays
            cache._flush_touches()
    assert one < cache.size() <= 10 * one
    assert cache.get(_text(0)) is not None and cache.get(_text(29)) is not None
    assert cache.get(_text(1)) is None and cache.get(_text(2)) is None  # the oldest unused: gone
    cache.close()


def test_another_pipeline_s_entries_are_not_hits(tmp_path):
    first = AnnotationCache(tmp_path, "one")
    first.put(_text(1), _annotation(_text(1)))
    first.close()
    other = AnnotationCache(tmp_path, "two")
    assert other.get(_text(1)) is None and other.misses == 1
    other.close()


def test_old_per_file_caches_are_ignored_with_one_message(tmp_path):
    old = tmp_path / "0123456789abcdef0123" / "ab"
    old.mkdir(parents=True)
    (old / ("ab" + "0" * 62 + ".json")).write_bytes(b"kit-annotation/1 x\n{}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cache = AnnotationCache(tmp_path, "sig")
    expected = (f"{tmp_path} holds 1 folder(s) of the old one-file-per-article cache (0123456789abcdef0123…); they "
                f"are ignored (this cache is now {STORE_NAME}): delete them to free the space")
    assert [str(w.message) for w in caught if issubclass(w.category, KitWarning)] == [expected]
    assert cache.enabled and cache.get(_text(1)) is None
    cache.close()


def test_a_damaged_store_turns_the_cache_off_and_the_run_goes_on(tmp_path):
    (tmp_path / STORE_NAME).write_bytes(b"this is not a database at all " * 200)
    with pytest.warns(KitWarning, match="not a kit cache"):
        cache = AnnotationCache(tmp_path, "sig")
    assert not cache.enabled
    assert cache.get(_text(1)) is None
    cache.put(_text(1), _annotation(_text(1)))  # nothing happens, nothing raises
    cache.close()
