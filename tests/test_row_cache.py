"""The cache's second level: finished rows per raw record, byte-identical to a run without a cache."""
import filecmp
import zlib

import pandas as pd
import pytest

import kit
from kit import corpus as corpus_module
from kit.cache import decode_rows, encode_rows, record_key, valid_rows

from .conftest import FIXTURES

FILES = ("corpus.csv", "corpus.jsonl", "header_article.txt", "scraped_page.txt", "page.html", "cp1252.txt",
         "utf8_bom.txt", "utf16.txt", "damaged_utf8.txt", "binary.txt")


@pytest.fixture()
def fixtures(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in FILES:
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    return folder


def _same_files(a, b) -> None:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir()) and "incidents.csv" in names
    for name in names:
        assert filecmp.cmp(a / name, b / name, shallow=False), name


def test_cached_runs_write_the_same_bytes_as_an_uncached_run(fixtures, tmp_path):
    plain = kit.annotate_corpus(fixtures, out_dir=tmp_path / "plain", progress=False)
    first = kit.annotate_corpus(fixtures, out_dir=tmp_path / "first", progress=False, cache_dir=tmp_path / "c")
    again = kit.annotate_corpus(fixtures, out_dir=tmp_path / "again", progress=False, cache_dir=tmp_path / "c")
    assert plain.n_articles == first.n_articles == again.n_articles >= 6
    assert first.cache_hits == 0 and again.cache_hits == again.n_articles
    _same_files(tmp_path / "plain", tmp_path / "first")
    _same_files(tmp_path / "plain", tmp_path / "again")


def test_a_row_hit_neither_cleans_nor_annotates(fixtures, tmp_path, monkeypatch):
    fresh = kit.annotate_corpus(fixtures, progress=False, cache_dir=tmp_path / "c")

    def refuse(*args, **kwargs):
        raise AssertionError("a record with cached rows was cleaned")

    monkeypatch.setattr(corpus_module, "article_from_record", refuse)
    again = kit.annotate_corpus(fixtures, progress=False, cache_dir=tmp_path / "c")
    assert again.n_articles == fresh.n_articles
    for name, frame in fresh.tables:
        assert frame.equals(again.tables[name]), name


def test_a_repeated_id_is_renamed_as_without_a_cache(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    article = "Shelling hit the market on Monday, killing four people, the governor said.\n"
    (folder / "a.csv").write_text(f"id,text\n7,\"{article}\"\n7,\"{article}\"\n7,\"Another text, about a raid.\"\n")
    kit.annotate_corpus(folder, out_dir=tmp_path / "plain", progress=False)
    for run in ("first", "again"):
        kit.annotate_corpus(folder, out_dir=tmp_path / run, progress=False, cache_dir=tmp_path / "c")
        _same_files(tmp_path / "plain", tmp_path / run)
    ids = pd.read_csv(tmp_path / "again" / "articles.csv", dtype=str)["doc_id"]
    assert len(set(ids)) == 3 and "7" in set(ids)  # the repeats renamed, as in the run without a cache


def _row_entries(cache):
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(cache / "kit-cache.sqlite")) as db:
        return db.execute("SELECT key, data FROM entries WHERE key LIKE 'rows:%' ORDER BY key").fetchall()


def test_row_entries_of_another_record_or_damaged_are_misses(fixtures, tmp_path):
    import sqlite3
    from contextlib import closing

    cache = tmp_path / "c"
    fresh = kit.annotate_corpus(fixtures, progress=False, cache_dir=cache)
    entries = _row_entries(cache)
    assert len(entries) == fresh.n_articles
    keys = [k for k, _ in entries]
    moved = [zlib.decompress(d) for _, d in entries]
    moved = moved[1:] + moved[:1]  # each record now holds another record's rows, checksum and all
    moved[0] = moved[0][:-5]  # and one is cut short
    with closing(sqlite3.connect(cache / "kit-cache.sqlite")) as db, db:
        db.executemany("UPDATE entries SET data = ? WHERE key = ?", [(zlib.compress(d), k) for k, d in zip(keys, moved)])
    again = kit.annotate_corpus(fixtures, progress=False, cache_dir=cache)
    for name, frame in fresh.tables:
        assert frame.equals(again.tables[name]), name
    assert [zlib.decompress(d) for _, d in _row_entries(cache)] == [zlib.decompress(d) for _, d in entries]


def test_rows_are_verified_against_their_own_article():
    text = "Gunmen killed two people in a raid."
    rows = {"articles": [{"doc_id": "a", "text": text}], "claims": [], "casualties": [],
            "entities": [{"doc_id": "a", "start_char": 0, "end_char": 6, "text": "Gunmen", "label": "NORP"}]}
    assert valid_rows(rows) and decode_rows("k", encode_rows("k", rows)) == rows
    assert decode_rows("other", encode_rows("k", rows)) is None  # signed for another record
    shifted = {**rows, "entities": [{**rows["entities"][0], "start_char": 1, "end_char": 7}]}
    assert not valid_rows(shifted) and decode_rows("k", encode_rows("k", shifted)) is None
    other_doc = {**rows, "entities": [{**rows["entities"][0], "doc_id": "b"}]}
    assert not valid_rows(other_doc)
    assert not valid_rows({**rows, "articles": rows["articles"] * 2})


def test_rows_json_would_not_give_back_are_not_cached():
    base = {"articles": [{"doc_id": "a", "text": "x"}], "entities": [], "claims": [], "casualties": []}
    assert encode_rows("k", base) is not None
    assert encode_rows("k", {**base, "claims": [{"doc_id": "a", "parts": (1, 2)}]}) is None  # a tuple
    assert encode_rows("k", {**base, "casualties": [{"doc_id": "a", "latitude": float("nan")}]}) is None


def test_record_keys_name_every_field_and_option():
    record = {"doc_id": "1", "body": "text", "fields": {"title": "A"}}
    key = record_key(record, ["text", "code"])
    assert key.startswith("rows:") and key == record_key(dict(record), ["text", "code"])
    assert key != record_key({**record, "fields": {"title": "B"}}, ["text", "code"])
    assert key != record_key(record, [None, "code"]) != record_key(record, ["text", "other code"])


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_incidents_of_a_repeated_run_come_from_the_cache_unchanged(fixtures, tmp_path, monkeypatch, fmt):
    first = kit.annotate_corpus(fixtures, out_dir=tmp_path / "first", fmt=fmt, progress=False, cache_dir=tmp_path / "c")

    def refuse(*args, **kwargs):
        raise AssertionError("the incidents of an unchanged run were grouped again")

    monkeypatch.setattr(corpus_module, "incidents_of_run", refuse)
    again = kit.annotate_corpus(fixtures, out_dir=tmp_path / "again", fmt=fmt, progress=False, cache_dir=tmp_path / "c")
    for name in ("incidents", "incident_reports"):
        assert filecmp.cmp(tmp_path / "first" / f"{name}.{fmt}", tmp_path / "again" / f"{name}.{fmt}", shallow=False)
    assert len(first.incidents) > 0
    pd.testing.assert_frame_equal(first.incidents, again.incidents)
    pd.testing.assert_frame_equal(first.incident_reports, again.incident_reports)


def test_kept_incident_files_that_fail_their_checksum_are_not_used(tmp_path):
    from kit.cache import AnnotationCache

    cache = AnnotationCache(tmp_path / "c", "sig")
    cache.put_files("incidents:x", {"incidents.csv": b"a,b\n1,2\n"})
    assert cache.get_files("incidents:x") == {"incidents.csv": b"a,b\n1,2\n"}
    data = zlib.decompress(cache._db.execute("SELECT data FROM entries WHERE key = 'incidents:x'").fetchone()[0])
    with cache._db:
        cache._db.execute("UPDATE entries SET data = ? WHERE key = 'incidents:x'",
                          (zlib.compress(data[:-3] + b"xyz"),))
    assert cache.get_files("incidents:x") is None and cache.rejected == 1
    cache.close()
