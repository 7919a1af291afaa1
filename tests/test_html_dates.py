"""Publication dates of HTML pages: the markup's timestamp, else htmldate's date (kit/readers/html.py)."""
from __future__ import annotations

import kit
from kit.readers.html import published_date, published_from_markup

BODY = ("<article><h1>Shelling kills nine in Riverton</h1>"
        + "<p>Shelling killed nine people in the town of Riverton on Monday, local officials said, and wounded "
          "several more in the market district.</p>" * 4
        + "</article>")


def page(head: str = "", body: str = BODY) -> str:
    return f"<html><head><title>Shelling kills nine</title>{head}</head><body>{body}</body></html>"


def test_the_markups_timestamp_with_its_offset_wins():
    html = page('<meta property="article:published_time" content="2021-03-02T09:10:00-05:00">')
    assert published_date(html) == "2021-03-02T09:10:00-05:00"


def test_a_placeholder_date_is_passed_over_for_the_next_source():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}</script>'
    assert published_from_markup(page(ld + '<meta name="date" content="2019-11-19">')) == "2019-11-19"
    assert published_date(page(ld), url="https://news.example.org/story/world/2019/11/19/riverton-shelling/") \
        == "2019-11-19"


def test_htmldate_finds_a_date_the_markup_reader_does_not_read():
    html = page(body='<p class="byline">Published 14 March 2023</p>' + BODY)
    assert published_from_markup(html) is None
    assert published_date(html) == "2023-03-14"


def test_htmldate_adds_the_time_to_a_bare_date_of_the_same_day():
    graph = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": '
             '"NewsArticle", "datePublished": "2019-11-19T02:24:47+00:00"}]}</script>')  # the kit reads no @graph
    html = page(graph, body='<time datetime="2019-11-19">19 November</time>' + BODY)
    assert published_from_markup(html) == "2019-11-19"
    assert published_date(html) == "2019-11-19T02:24:47+00:00"


def test_no_date_anywhere_is_no_date():
    assert published_date(page()) is None


def test_loaded_page_takes_the_date_from_its_canonical_address(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(page('<link rel="canonical" href="https://news.example.org/world/2022/06/05/riverton/">'))
    assert kit.load(path).published_iso == "2022-06-05"
