"""Corpus runs: engines agree row for row, the cache is exact, output streams to CSV/Parquet, errors are data."""
import shutil

import pandas as pd
import pytest

import kit
from kit import corpus as corpus_module


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """Six articles of mixed formats in a folder, plus a broken record and an empty file."""
    folder = tmp_path_factory.mktemp("corpus")
    from .conftest import FIXTURES, ROOT

    for name in ("header_article.txt", "scraped_page.txt", "page.html", "corpus.jsonl"):
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(ROOT / "seeds" / "000_fc500a8bbe85a549.txt", folder / "seed.txt")
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def local(sample):
    return kit.annotate_corpus(sample, progress=False)


def assert_same(a: kit.Tables, b: kit.Tables) -> None:
    for name, frame in a:
        pd.testing.assert_frame_equal(frame, b[name], check_dtype=True)


def test_errors_are_rows_and_the_rest_is_annotated(local):
    assert local.n_articles == 6
    reasons = sorted(local.errors["reason"])
    assert reasons == ["empty file", "record 2: not valid JSON (Expecting value)", "record 4: empty 'body'"]


def test_same_as_annotate_articles(sample, local):
    articles = kit.load_corpus(sample).articles
    assert_same(local.tables, kit.annotate_articles(articles))


def test_two_processes_same_tables(sample, local):
    assert_same(local.tables, kit.annotate_corpus(sample, progress=False, n_process=2, batch_size=2).tables)


def test_cache_hits_are_exact_and_keyed_on_the_pipeline(sample, local, tmp_path):
    first = kit.annotate_corpus(sample, progress=False, cache_dir=tmp_path)
    again = kit.annotate_corpus(sample, progress=False, cache_dir=tmp_path)
    assert first.cache_hits == 0 and again.cache_hits == 6
    assert_same(local.tables, again.tables)
    extra = tmp_path / "mine.csv"
    extra.write_text("canonical,label\nQarmeen Brigade,ORG\n")
    other = kit.annotate_corpus(sample, progress=False, cache_dir=tmp_path, entity_files=[str(extra)])
    assert other.cache_hits == 0  # another gazetteer, another key


def test_kit_cache_dir_is_the_default_cache(sample, local, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_CACHE_DIR", str(tmp_path / "env-cache"))
    first = kit.annotate_corpus(sample, progress=False)
    again = kit.annotate_corpus(sample, progress=False)
    assert (first.cache_hits, again.cache_hits) == (0, 6) and (tmp_path / "env-cache").is_dir()
    assert_same(local.tables, again.tables)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_streamed_files_equal_the_tables(sample, local, tmp_path, fmt):
    out = tmp_path / "out"
    result = kit.annotate_corpus(sample, progress=False, out_dir=out, fmt=fmt)
    assert result.tables is None and sorted(p.name for p in out.iterdir() if p.name != ".kit-output") == sorted(
        f"{n}.{fmt}" for n in ("articles", "entities", "claims", "casualties", "errors", "incidents",
                               "incident_reports"))
    for name, frame in [*local.tables, ("incidents", local.incidents), ("incident_reports", local.incident_reports)]:
        stored = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False) if fmt == "csv" else \
            pd.read_parquet(out / f"{name}.parquet")
        assert len(stored) == len(frame) and list(stored.columns) == list(frame.columns)
        assert list(stored["doc_id"].astype(str)) == list(frame["doc_id"])


def test_small_parts_merge_in_contract_order(sample, local, tmp_path, monkeypatch):
    from kit.sink import FileSink

    monkeypatch.setattr(corpus_module, "FileSink", lambda out, fmt: FileSink(out, fmt, part_rows=1))
    out = tmp_path / "parts"
    kit.annotate_corpus(sample, progress=False, out_dir=out)
    entities = pd.read_csv(out / "entities.csv")
    assert list(entities.sort_values(["doc_id", "start_char"], kind="stable").index) == list(entities.index)
    assert len(entities) == len(local.tables.entities)
    assert not list(out.glob(".kit-parts-*")) and not list(out.glob(".*.tmp"))


def test_an_article_that_breaks_the_pipeline_is_an_error_row(sample, monkeypatch):
    from kit import engines

    real = engines.annotation_of

    def fragile(doc):
        if "Kharkiv" in doc.text:
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(engines, "annotation_of", fragile)
    result = kit.annotate_corpus(sample, progress=False)
    assert result.n_articles == 5
    assert any("annotation failed: RuntimeError: boom" in r for r in result.errors["reason"])


def test_progress_bar_goes_to_stderr(sample, capsys):
    kit.annotate_corpus(sample, progress=True)
    assert "annotating" in capsys.readouterr().err


def test_dask_engine_matches_the_local_engine_row_for_row(sample, local):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster, distributed.Client(cluster) as client:
        result = kit.annotate_corpus(sample, progress=False, engine="dask", client=client, batch_size=2)
    assert_same(local.tables, result.tables)
    pd.testing.assert_frame_equal(local.errors, result.errors)


def test_unknown_engine():
    with pytest.raises(ValueError, match="unknown engine"):
        kit.annotate_corpus([], engine="spark", progress=False)
