"""The Python API behaves like its neighbours: a corpus is a sized iterable of articles, reprs are short,
publication dates are Timestamps (the CSV keeps the ISO string of the contract), tables are world-readable."""
from __future__ import annotations

import csv
import stat

import pandas as pd

import kit
from kit.io import write_table


def test_corpus_len_and_iteration_are_its_articles():
    corpus = kit.load_corpus(kit.seeds_dir())
    assert len(corpus) == len(corpus.articles) == 99  # the seed article, the FA-KES sample (50) and events (48)
    assert [a.doc_id for a in corpus] == [a.doc_id for a in corpus.articles]
    assert corpus[0] is corpus.articles[0]
    assert repr(corpus) == "Corpus(99 articles, 0 errors)"


def test_article_repr_is_one_short_line():
    article = kit.load(kit.seeds_dir() / "000_fc500a8bbe85a549.txt")
    text = repr(article)
    assert "\n" not in text and len(text) < 200 and article.text[:200] not in text
    assert text.startswith("Article('000_fc500a8bbe85a549'")


def test_published_is_a_timestamp_and_the_csv_keeps_the_iso_string(tmp_path):
    article = kit.load(kit.seeds_dir() / "000_fc500a8bbe85a549.txt")
    assert isinstance(article.published, pd.Timestamp)
    assert article.published == pd.Timestamp("2024-12-01T05:19:00-05:00")
    assert article.published_iso == "2024-12-01T05:19:00-05:00" == article.as_row()["published"]
    day = kit.Article(doc_id="d", text="x", published="2015-02-23")
    assert day.published == pd.Timestamp("2015-02-23") and day.as_row()["published"] == "2015-02-23"
    assert kit.Article(doc_id="d", text="x").published is None
    result = kit.annotate_corpus([article], out_dir=tmp_path, progress=False)
    with open(tmp_path / "articles.csv", encoding="utf-8", newline="") as handle:
        assert next(csv.DictReader(handle))["published"] == "2024-12-01T05:19:00-05:00"
    assert len(result) == 1 and repr(result).startswith("CorpusResult(1 articles, 0 errors, out_dir=")


def test_tables_are_written_world_readable(tmp_path):
    path = write_table(pd.DataFrame({"doc_id": ["a"]}), tmp_path, "articles")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_tables_repr_counts_rows():
    tables = kit.annotate(kit.Article(doc_id="d", text="Shelling killed two people in Homs, activists said."))
    assert repr(tables).startswith("Tables(articles=1, entities=")
