"""Glued text (issue 10, class 1): joins repaired before anything reads the text, markers cut, offsets into the
cleaned text. All examples are made up."""
import pytest

import kit
from kit.cleaning import clean_article
from kit.joins import repair_joins


@pytest.mark.parametrize(
    "glued, repaired",
    [
        ("The market was shelled in March.Ahmed Karimi said nine died.",
         "The market was shelled in March. Ahmed Karimi said nine died."),
        ("Fighting stopped in 2019.The truce held.", "Fighting stopped in 2019. The truce held."),
        ("\"We left,\" she said.“They came back.”", "\"We left,\" she said. “They came back.”"),
        ("\"They came at night.\"The mayor said so.", "\"They came at night.\" The mayor said so."),
        ("RIVERTON (Example Wire)A car bomb exploded.", "RIVERTON (Example Wire) A car bomb exploded."),
        ("The U.S.President spoke.", "The U.S. President spoke."),
        ("Clashes resumed on TuesdayAhmed Karimi said.", "Clashes resumed on Tuesday Ahmed Karimi said."),
        ("Nine were killed in the attackThe ministry said.", "Nine were killed in the attack The ministry said."),
        ("An alliance led by NATOThe ministry said.", "An alliance led by NATO The ministry said."),
        ("Posted May 3, 2016 10:41PMKarimi Says the vote is close", "Posted May 3, 2016 10:41PM Karimi Says the vote is close"),
    ],
)
def test_joins_get_their_space(glued, repaired):
    text, removed, count = repair_joins(glued)
    assert text == repaired and removed == [] and count >= 1


@pytest.mark.parametrize(
    "glued, repaired, marker",
    [
        ("ADThe ministry said 12 people died.", "The ministry said 12 people died.", "AD"),
        ("The toll rose. AdvertisementThe ministry said so.", "The toll rose. The ministry said so.", "Advertisement"),
        ("VIDEOThe convoy was hit.", "The convoy was hit.", "VIDEO"),
    ],
)
def test_glued_markers_are_cut_and_kept_in_removed(glued, repaired, marker):
    text, removed, _ = repair_joins(glued)
    assert text == repaired and [(r.text, r.reason) for r in removed] == [(marker, "inline:marker")]


@pytest.mark.parametrize(
    "text",
    [
        "The YouTube video spread on WhatsApp, LinkedIn and PlayStation forums.",
        "MacArthur and McDonald met at the ZDNet office.",
        "Read more at www.Example.Org.Today or example.com/News.",
        "He wrote to jane.Doe@example.org about it.",
        "The polls close at 8:00 PM Eastern time.",
        "Mr.Smith and St.Louis, e.g.The, stay as written.",
        "A quote altered: \"they give[s] us nothing\".",
    ],
)
def test_names_links_and_abbreviations_are_not_joins(text):
    assert repair_joins(text) == (text, [], 0)


def test_cleaner_repairs_joins_and_entities_point_into_the_cleaned_text(tmp_path):
    page = ("title: Shelling in Riverton\n\nShelling hit the market in Riverton on Monday.Ahmed Karimi, a "
            "local official, said nine people were killed.\n\nADThe ministry said the toll could rise.\n")
    path = tmp_path / "glued.txt"
    path.write_text(page, encoding="utf-8")
    article = kit.load(path)
    assert "Monday. Ahmed Karimi" in article.text and "ADThe" not in article.text
    assert "The ministry said the toll could rise." in article.text
    assert ("AD", "inline:marker") in {(r.text, r.reason) for r in article.removed}
    tables = kit.annotate(article)
    for row in tables.entities.itertuples():
        assert article.text[row.start_char:row.end_char] == row.text
    assert not any(t.startswith(("MondayAhmed", "ADThe")) for t in tables.entities.text)


def test_cleaned_counts_the_repairs():
    cleaned = clean_article("Nine were killed in March.Ahmed Karimi said the army fired first.")
    assert cleaned.joins_repaired == 1 and cleaned.text.startswith("Nine were killed in March. Ahmed")
