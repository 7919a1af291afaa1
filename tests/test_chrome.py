"""Chrome of real pages (issue 10, class 2): general rules of the cleaner and the HTML reader, on made-up pages."""
import pytest

import kit
from kit.cleaning import boilerplate_reason, clean_article, headline_variant

BODY = ("Shelling killed nine civilians in the market of Riverton on Monday, the provincial governor said, as the "
        "army pressed its assault on the north of the province.")
MORE = "The governor said 31 people were wounded. There was no independent confirmation of the figure."
LAST = "Aid groups said they had not been able to reach the town since Sunday."


def page(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize(
    "line, category",
    [
        ("Follow her on Twitter at @janedoe", "share"),
        ("Follow Example News on Instagram, Facebook and YouTube.", "share"),
        ("Share this article Facebook Twitter WhatsApp Email", "share"),
        ("Facebook Twitter Messenger Email", "share"),
        ("Jane Doe can be reached at jdoe@example.org.", "contact"),
        ("Have a tip? Send it to our newsroom.", "contact"),
        ("news@example.org", "contact"),
        ("This is a developing story.", "developing"),
        ("This story is developing and will be updated.", "developing"),
        ("First published on Example News.", "developing"),
        ("Updated at 1:23 p.m.", "timestamp"),
        ("5 min read", "timestamp"),
        ("Enditem", "wire"),
        ("Video Loading", "video"),
        ("Click to play", "video"),
        ("Video 02:14 Share", "video"),
        ("Don't miss", "readmore"),
        ("More:", "readmore"),
        ("Follow our full coverage of the war at https://example.org/war", "readmore"),
        ("If you enjoyed this article, tell your friends.", "promotion"),
        ("[button link=\"https://example.org\"]Send us your story[/button]", "markup"),
        ("Date\t4 April 2017", "infobox"),
        ("Deaths: 74–100", "infobox"),
        ("Part of the civil war in Riverland", "infobox"),
        ("Perpetrators Riverland Air Force (alleged)", "infobox"),
        ("35°26′N 36°39′E / 35.433°N 36.650°E", "infobox"),
        ("Listen to this article", "share"),
        ("Image caption, People gather in the square", "photo_credit"),
        ("Related Topics", "readmore"),
        ("This article was originally published by Example News.", "developing"),
        ("Example Wire contributed to this report.", "credit"),
        ("Report an error", "comments"),
        ("This article is about the 2017 attack. For other uses, see Riverton (disambiguation).", "hatnote"),
        ("Main article: Riverland civil war", "hatnote"),
        ("Jump to navigation Jump to search", "navigation"),
    ],
)
def test_chrome_lines(line, category):
    assert boilerplate_reason(line) == f"boilerplate:{category}"


@pytest.mark.parametrize(
    "line",
    [
        "Deaths rose sharply after the attack on Monday, the ministry said.",
        "Officials said the video showed the convoy moments before the blast.",
        "He was updated on the situation by phone, his office said.",
        "The army said it would follow the rebels into the hills.",
        "The study was first published in a journal last year.",
        "Researchers contributed to the report on Monday, officials said.",
    ],
)
def test_news_sentences_stay(line):
    assert boilerplate_reason(line) is None


@pytest.mark.parametrize(
    "tail, reason",
    [
        (" Enditem", "trailer:marker"),
        (" Advertisement", "trailer:marker"),
        (" Video 02:14 Share", "trailer:marker"),
        (" This is a developing story and will be updated.", "trailer:developing"),
        (" Follow her on Twitter at @janedoe", "trailer:follow"),
        (" Example Wire contributed to this report.", "trailer:contributed"),
        (" Source Example Wire and agencies Related News Talks resume in the capital | Floods hit the coast Follow "
         "us on Instagram.", "trailer:related"),
        (" ... 12 Topic Fighting in the North (240) Related Army Retakes Hill Town Rebels Deny Losses Comment via "
         "Facebook", "trailer:related"),
        (" ... 57 Related Army Retakes Hill Near Karam Town Officials Say Talks Stalled Tags army", "trailer:related"),
    ],
)
def test_chrome_glued_to_a_paragraph_is_cut_not_the_paragraph(tail, reason):
    cleaned = clean_article(page(BODY + tail, MORE, LAST))
    assert cleaned.text.startswith(BODY + "\n\n") and (tail.strip(), reason) in {
        (r.text, r.reason) for r in cleaned.removed}


def test_a_box_of_related_headlines_inside_the_story_goes_and_the_story_after_it_stays():
    box = " Related Coverage Floods close the coast road Talks on the dam stall again"
    after = (" Deputy Mayor Ana Ruiz said the road would reopen within a week if the rain eased."
             " She said engineers were already checking the two bridges north of the town.")
    cleaned = clean_article(page(BODY + box + after, LAST))
    assert cleaned.text.startswith(BODY + " Deputy Mayor Ana Ruiz said the road would reopen")
    assert "engineers were already checking" in cleaned.text and "Floods close" not in cleaned.text
    assert ("Related Coverage Floods close the coast road Talks on the dam stall again", "inline:related") in {
        (r.text, r.reason) for r in cleaned.removed}
    # no prose after the box: a foot-of-page list, cut to the end as before
    footer = clean_article(page(BODY + box, LAST))
    assert "Talks on the dam" not in footer.text and footer.text.startswith(BODY)


def test_marker_opening_a_paragraph_is_cut():
    cleaned = clean_article(page("Advertisement " + BODY, MORE))
    assert cleaned.text.startswith("Shelling killed") and ("Advertisement", "inline:marker") in {
        (r.text, r.reason) for r in cleaned.removed}


def test_wiki_event_page_as_text():
    text = page(
        "Riverton market attack",
        "Date\t4 April 2017",
        "Location\tRiverton, Riverland",
        "Deaths\t9",
        "The Riverton market attack[1] was an artillery strike on a market in Riverton.[2][3]",
        "== Background ==",
        "Early history[edit]",
        "The town had been held by rebels since 2015.[citation needed] Shelling was frequent.",
        "== Attack ==",
        "Nine civilians were killed, the governor said.[4]",
        "== See also ==",
        "List of attacks in Riverland",
        "== References ==",
        "^ \"Nine killed in Riverton\". Example News. 5 April 2017. Retrieved 6 April 2017.",
    )
    cleaned = clean_article(text, title="Riverton market attack")
    assert "[1]" not in cleaned.text and "[citation needed]" not in cleaned.text and "[4]" not in cleaned.text
    assert "Early history\n" in cleaned.text and "[edit]" not in cleaned.text
    assert "was an artillery strike on a market in Riverton." in cleaned.text
    assert "==" not in cleaned.text and "Retrieved" not in cleaned.text and "List of attacks" not in cleaned.text
    assert "Deaths" not in cleaned.text and "4 April 2017" not in cleaned.text
    assert cleaned.text.endswith("Nine civilians were killed, the governor said.")
    reasons = {r.reason for r in cleaned.removed}
    assert {"inline:citation", "boilerplate:end_matter", "boilerplate:infobox"} <= reasons
    pieces = [cleaned.text] + [r.text for r in cleaned.removed]
    assert all(any(w in p for p in pieces) for w in ("Retrieved", "See also", "Riverton, Riverland"))


def test_a_bare_references_heading_needs_the_end_of_the_page_and_no_prose_after_it():
    early = clean_article(page("References", BODY, MORE, LAST))
    assert BODY in early.text and LAST in early.text
    late = clean_article(page(BODY, MORE, LAST, "References", "Doe, J. (2017). Riverton. Example Press."))
    assert late.text.endswith(LAST)


@pytest.mark.parametrize(
    "shown, title",
    [
        ("Shelling kills nine in Riverton", "Shelling kills nine in Riverton | Example News"),
        ("Weekend Roundup: Riverton beats Lakeside", "WKND Roundup: Riverton beats Lakeside"),
        ("A guide to the ceasefire and the talks", "A guide to the ceasefire and talks"),
    ],
)
def test_headline_variants(shown, title):
    assert headline_variant(shown, title)


@pytest.mark.parametrize(
    "paragraph, title",
    [
        ("Shelling killed nine people in Riverton on Monday, officials said.", "Shelling kills nine in Riverton"),
        ("Shelling kills nine in Riverton Example Wire Monday 3 May 2017", "Shelling kills nine in Riverton"),
        ("Aid groups call for a truce", "Shelling kills nine in Riverton"),
    ],
)
def test_not_headline_variants(paragraph, title):
    assert not headline_variant(paragraph, title)


def test_headline_shown_in_other_words_is_the_title_and_the_page_title_is_kept():
    cleaned = clean_article(page("World news", "Shelling kills nine in Riverton", BODY, MORE, LAST),
                            title="Shelling kills nine in Riverton - Example News")
    assert cleaned.title == "Shelling kills nine in Riverton"
    assert cleaned.page_title == "Shelling kills nine in Riverton - Example News"
    assert cleaned.text.startswith("Shelling kills nine in Riverton\n\n" + BODY)
    assert ("World news", "boilerplate:above_headline") in {(r.text, r.reason) for r in cleaned.removed}


def test_repeated_headline_goes():
    cleaned = clean_article(page(BODY, "Shelling kills nine in Riverton", MORE),
                            title="Shelling kills nine in Riverton")
    assert cleaned.text == page("Shelling kills nine in Riverton", BODY, MORE)


def test_teaser_lists_at_the_foot_and_the_top_go():
    teasers = ["- Five Things To Know About The Riverland Talks", "Inside The Battle For The Northern Hills",
               "Why The Ceasefire Keeps Failing In Riverland"]
    cleaned = clean_article(page("Shelling kills nine in Riverton", BODY, MORE, LAST, *teasers),
                            title="Shelling kills nine in Riverton")
    assert cleaned.text.endswith(LAST)
    cleaned = clean_article(page("Shelling kills nine in Riverton", *teasers, BODY, MORE, LAST),
                            title="Shelling kills nine in Riverton")
    assert cleaned.text == page("Shelling kills nine in Riverton", BODY, MORE, LAST)


def test_lists_of_dates_and_places_are_not_teasers():
    dates = ["June 9 -- Riverton Arena, Riverton, RL", "June 12 -- Lakeside Hall, Lakeside, RL",
             "June 14 -- The Northern Stage, Hillside, RL"]
    cleaned = clean_article(page("Band sets a tour", BODY, MORE, LAST, *dates), title="Band sets a tour")
    assert cleaned.text.endswith(dates[-1])


def test_table_rows_are_not_menus():
    rows = ["| Province | Killed | Wounded |", "| Riverton | 9 | 31 |", "| Lakeside | 2 | 5 |"]
    cleaned = clean_article(page(BODY, *rows, MORE))
    assert all(row in cleaned.text for row in rows)


def test_advice_to_the_reader_is_not_chrome_but_the_publisher_asking_is():
    advice = ("To keep the cost down, you can pick the basic plan and switch later; you only pay for the months "
              "you use, and you can stop whenever you like. Your receipts come by post, so you will want to keep "
              "them in a safe place until the end of the tax year when your accountant asks for them.")
    ask = ("Readers like you keep Example News going. We do not put our reporting behind a paywall, because we "
           "think everyone should be able to read it. If you can, please help us with a subscription today so that "
           "we can keep our correspondents in the field and you can keep reading us for free.")
    assert boilerplate_reason(advice) is None
    assert boilerplate_reason(ask) == "boilerplate:subscription"


def test_one_word_outlet_names_at_a_sentence_start_are_ordinary_words():
    line = "Time spent planning a route pays off: you will see more, and your feet will thank you."
    cleaned = clean_article(page(BODY, line, MORE))
    assert line in cleaned.text


def test_timestamp_lines_go_and_give_the_date():
    cleaned = clean_article(page("Shelling kills nine in Riverton", "Updated: 14 March 2023 at 10:02 GMT", BODY,
                                 MORE), title="Shelling kills nine in Riverton")
    assert "Updated" not in cleaned.text and cleaned.published == "2023-03-14T10:02:00+00:00"


HTML = """<html><head><title>Shelling kills nine in Riverton | Example News</title>
<meta property="og:site_name" content="Example News"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Shelling kills nine in Riverton</h1>
<p>Shelling killed nine civilians in the market of Riverton on Monday, Governor
<span class="rollover-people"><a href="/people/jane-roe">Jane Roe</a><span class="rollover-people-block"><img
src="/roe.jpg" alt=""><a href="/people/jane-roe">Jane Roe</a><a href="/other-1">Roe visits the front line</a>
<a href="/other-2">Roe calls for calm</a></span></span> said, as the army pressed its assault on the north.</p>
<p>The governor said 31 people were wounded in the strikes. There was no independent confirmation of the
figure, and aid groups said they could not reach the town.</p>
<table><tr><th>Town</th><th>Killed</th><th>Wounded</th></tr><tr><td>Riverton</td><td>9</td><td>31</td></tr>
<tr><td>Lakeside</td><td>2</td><td>5</td></tr></table>
<p>Aid groups said they had not been able to reach the town since Sunday, and called for a pause in the
fighting so that the wounded could be taken to hospitals in the provincial capital.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_html_hover_cards_do_not_glue_into_the_sentence_and_tables_stay(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = kit.load(path)
    assert "Governor Jane Roe said" in " ".join(article.text.split())
    assert "Roe visits" not in article.text and "Roe calls for calm" not in article.text
    assert "Riverton | 9 | 31" in article.text
    assert article.title == "Shelling kills nine in Riverton"


def test_press_release_company_profile_at_the_foot_goes():
    profile = ["Acme Widgets is a leading provider of widgets for hospitals. Its mission is to make widgets simple.",
               "Acme Widgets is headquartered in Riverton and employs some 450 staff in four countries."]
    cleaned = clean_article(page(BODY, MORE, LAST, *profile))
    assert cleaned.text.endswith(LAST)
    assert {r.reason for r in cleaned.removed} == {"boilerplate:company_profile"}


def test_a_closing_background_line_of_a_news_story_stays():
    closing = "The Riverland Observatory is a monitoring group based in Lakeside that relies on sources on the ground."
    cleaned = clean_article(page(BODY, MORE, LAST, closing))
    assert cleaned.text.endswith(closing)


def test_date_and_author_on_one_line():
    cleaned = clean_article(page("Shelling kills nine in Riverton", "9:10 AM EST 03/02/2021 by Jane Doe", BODY, MORE,
                                 LAST), title="Shelling kills nine in Riverton")
    assert (cleaned.byline, cleaned.published) == ("Jane Doe", "2021-03-02T09:10:00-05:00")
    assert "Jane Doe" not in cleaned.text


def test_text_in_other_scripts_is_not_a_repeated_headline():
    paragraphs = ["서울에서 열린 회의에서 대표들은 휴전을 논의했다.", "양측은 다음 주에 다시 만나기로 합의했다.",
                  "관계자들은 협상이 길어질 수 있다고 말했다."]
    cleaned = clean_article(page(*paragraphs), title="휴전 회담 서울에서 열려 대표들 합의")
    assert all(p in cleaned.text for p in paragraphs)


def test_a_precision_pass_that_lost_the_article_falls_back_to_the_default_pass(tmp_path, monkeypatch):
    import trafilatura

    real = trafilatura.bare_extraction

    def side_box_when_precise(*args, **kwargs):
        doc = real(*args, **kwargs)
        if kwargs.get("favor_precision"):
            doc.text = "Order a reprint of this page."
        return doc

    monkeypatch.setattr(trafilatura, "bare_extraction", side_box_when_precise)
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    assert "31 people were wounded" in kit.load(path).text
