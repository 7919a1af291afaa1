"""Every input format loads; every bad input raises LoadError naming the file and the reason."""
import json

import pytest

import kit
from kit.readers.text import split_header

from .conftest import DEV, SEED_ARTICLE, SEED_KEY, shared_path


def test_header_block_txt(fixtures):
    a = kit.load(fixtures / "header_article.txt")
    assert (a.doc_id, a.title, a.outlet, a.byline, a.published_iso, a.url) == (
        "header_article", "Airstrikes kill 9 in Idlib", "Example Wire", "A. Reporter", "2020-03-05",
        "https://example.org/news/idlib-strikes")
    assert a.text.startswith("Airstrikes kill 9 in Idlib\n\nAirstrikes killed nine civilians")


def test_split_header_needs_a_known_first_key():
    assert split_header("Note: this is text\n\nmore")[0] == {}
    assert split_header("title: T\nsection: world\n\nbody") == ({"title": "T", "section": "world"}, "body")
    assert split_header("---\ntitle: T\n---\nbody")[0] == {"title": "T"}


def test_scraped_txt(fixtures):
    a = kit.load(fixtures / "scraped_page.txt")
    assert a.byline == "Jane Doe and John Roe" and a.published_iso == "2023-03-14T10:02:00+00:00"
    assert a.removed_chars == sum(len(r.text) for r in a.removed) > 0


def test_html_through_trafilatura(fixtures):
    a = kit.load(fixtures / "page.html")
    assert (a.title, a.outlet, a.byline, a.published_iso) == (
        "Strikes kill 12 in Idlib", "Example News", "Jane Roe", "2024-12-01T10:19:00+02:00")
    assert "killed 12 civilians" in a.text and "Share this article" not in a.text and "Getty" not in a.text


def test_csv_corpus(fixtures):
    corpus = kit.load_corpus(fixtures / "corpus.csv")
    assert [a.doc_id for a in corpus.articles] == ["1", "corpus-2"]
    first = corpus.articles[0]
    assert (first.title, first.outlet, first.published_iso, first.metadata) == ("Strikes kill 3", "wire", "2020-05-01", {"extra": "x"})
    assert corpus.errors.to_dict("records") == [
        {"source_path": str(fixtures / "corpus.csv"), "doc_id": "3", "reason": "record 3: empty 'text'"}]


def test_csv_named_text_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("key,story_text\nk1,Shelling killed two people in Homs.\n")
    corpus = kit.load_corpus(path, text_column="story_text")
    assert [a.text for a in corpus.articles] == ["Shelling killed two people in Homs."]


def test_jsonl_corpus_with_bad_lines(fixtures):
    corpus = kit.load_corpus(fixtures / "corpus.jsonl")
    assert [a.doc_id for a in corpus.articles] == ["a1", "a2"]
    assert list(corpus.errors["reason"]) == ["record 2: not valid JSON (Expecting value)", "record 4: empty 'body'"]


def test_duplicate_ids_keep_both_records(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("id,text\n7,First text about Homs.\n7,Second text about Hama.\n")
    corpus = kit.load_corpus(path)
    assert [a.doc_id for a in corpus.articles] == ["7", "d-2"]
    assert corpus.articles[1].metadata == {"duplicate_id": "7"}


@pytest.mark.parametrize("name, encoding, replaced", [
    ("cp1252.txt", "cp1252", 0), ("utf8_bom.txt", "utf-8-sig", 0), ("damaged_utf8.txt", "utf-8", 2), ("utf16.txt", "utf-16", 0)])
def test_encodings(fixtures, name, encoding, replaced):
    a = kit.load(fixtures / name)
    assert (a.encoding, a.replaced_chars) == (encoding, replaced)
    assert "\u00a0" not in a.text


@pytest.mark.parametrize("make, reason", [
    (lambda d: d / "empty.txt", "empty file"),
    (lambda d: d / "blank.txt", "empty file"),
    (lambda d: d / "binary.txt", "binary file, not text"),
    (lambda d: d / "notes.docx", "unknown file type '.docx'"),
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d / "notext.csv", "no text column"),
])
def test_bad_inputs_raise_load_error(tmp_path, fixtures, make, reason):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "binary.txt").write_bytes((fixtures / "binary.txt").read_bytes())
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "notext.csv").write_text("a,b\n1,2\n")
    path = make(tmp_path)
    with pytest.raises(kit.LoadError) as info:
        kit.load(path)
    assert str(path) in str(info.value) and reason in str(info.value)
    assert "\n" not in str(info.value)


def test_folder_without_articles(tmp_path):
    (tmp_path / "readme.md").write_text("nothing here")
    with pytest.raises(kit.LoadError, match="no articles found"):
        kit.load_corpus(tmp_path)


def test_corpus_keeps_going_past_bad_files(tmp_path, fixtures):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text((fixtures / "header_article.txt").read_text())
    corpus = kit.load_corpus(tmp_path)
    assert [a.doc_id for a in corpus.articles] == ["good"]
    assert list(corpus.errors["reason"]) == ["empty file"]


def test_load_refuses_a_multi_record_file(fixtures):
    with pytest.raises(kit.LoadError, match="holds 2 articles"):
        kit.load(fixtures / "corpus.csv")


def test_dev_articles_with_headers():
    folder = DEV / "articles"
    corpus = kit.load_corpus(sorted(folder.glob("*.txt")))
    assert len(corpus.articles) == 8 and corpus.errors.empty
    for article in corpus.articles:
        gold = json.loads((folder.parent / "gold" / f"{article.doc_id}.json").read_text())
        assert article.title == gold["metadata"]["title"]
        assert article.published_iso == gold["metadata"]["published"]
        assert gold["body"]["starts"] in article.text and gold["body"]["ends"] in article.text


def test_seed_metadata_matches_the_answer_key():
    gold = json.loads(SEED_KEY.read_text())
    a = kit.load(SEED_ARTICLE)
    meta = gold["metadata"]
    assert (a.title, a.outlet, a.byline, a.published_iso) == (meta["title"], meta["outlet"], meta["byline"], meta["published"])
    assert a.standfirst.startswith(meta["standfirst_starts"])
    for snippet in gold["body"]["must_exclude"]:
        assert snippet not in a.text
    assert len([r for r in a.removed if r.reason.startswith("boilerplate")]) == 9


def test_fakes_corpus_loads_every_article_and_counts_replacements():
    corpus = kit.load_corpus(shared_path("corpora", "fa-kes", "fa-kes.csv"))
    assert len(corpus.articles) == 804 and corpus.errors.empty
    assert len({a.doc_id for a in corpus.articles}) == 804
    assert sum(a.replaced_chars for a in corpus.articles) == 120
    assert all("\x95" not in a.text and "\x81" not in a.text for a in corpus.articles)
