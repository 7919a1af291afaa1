"""Figures, not mentions, within one article (kit/mentions.py): repeated mentions share a figure_id, parts point at
their total in either order of the text, tallies over a period never enter a sum, and each figure gets the place
and days of its event. The articles are made up."""
from __future__ import annotations

import pandas as pd
import pytest

import kit
from kit import Article


def annotate(nlp, text: str, *, published: str = "2021-03-09", doc_id: str = "t") -> pd.DataFrame:
    return kit.annotate_articles([Article(doc_id=doc_id, text=text, published=published, outlet="Test")], nlp=nlp).casualties


def event_sum(casualties: pd.DataFrame, outcome: str = "killed") -> int:
    """People in an article's event figures: first mentions, not parts, not cumulative."""
    rows = casualties[(casualties["mention"] == 0) & casualties["part_of"].isna() & ~casualties["cumulative"]
                      & (casualties["outcome"] == outcome)]
    return int(rows["best"].sum())


REPEATED = ("Shelling kills 23 civilians in Saraqib\n\n"
            "Government shelling killed 23 civilians in the town of Saraqib on Monday, rescuers said.\n\n"
            "The bakery was crowded when the shells fell. \"We counted 23 civilians dead,\" a rescuer told reporters.")


def test_a_figure_repeated_in_headline_lede_and_body_is_one_figure_with_three_mentions(nlp):
    rows = annotate(nlp, REPEATED)
    killed = rows[rows["outcome"] == "killed"]
    assert len(killed) == 3 and killed["figure_id"].nunique() == 1
    assert list(killed["mention"]) == [0, 1, 2] and set(killed["n_mentions"]) == {3}
    assert event_sum(rows) == 23
    figures = kit.figures(kit.annotate_articles([Article(doc_id="t", text=REPEATED, published="2021-03-09")], nlp=nlp))
    figure = figures[figures["outcome"] == "killed"].iloc[0]
    assert len(figure["mention_spans"].split()) == 3
    assert figure["start_char"] == killed["start_char"].min()  # the first mention is the figure's evidence
    assert figure["place"] == "Saraqib" and figure["date_start"] == figure["date_end"] == "2021-03-08"


def test_a_headline_total_with_its_parts_in_the_body_sums_to_the_total(nlp):
    rows = annotate(nlp, "Ambush kills 7 near Palmyra\n\n"
                         "Gunmen killed three soldiers and four civilians near Palmyra on Friday, officials said.")
    total = rows[(rows["best"] == 7)].iloc[0]
    parts = rows[rows["best"].isin([3, 4])]
    assert len(parts) == 2 and set(parts["part_of"]) == {total["figure_id"]}
    assert set(total["parts"].split("|")) == {str(i) for i in parts["figure_id"]}
    assert event_sum(rows) == 7


def test_parts_before_their_total_point_at_it(nlp):
    rows = annotate(nlp, "At least 9 children were among the 40 people killed in the blast in Azaz on Sunday.")
    children, total = rows[rows["best"] == 9].iloc[0], rows[rows["best"] == 40].iloc[0]
    assert children["part_of"] == total["figure_id"] and pd.isna(total["part_of"])
    assert event_sum(rows) == 40


@pytest.mark.parametrize("text", [
    "Since January 4, 611 civilians have been killed in the province, the monitor said.",
    "The war has killed more than 350,000 people since it began in 2011.",
    "Over the past month 212 people were killed in air strikes on the region, the group said.",
])
def test_tallies_over_a_period_are_cumulative_and_never_summed(nlp, text):
    rows = annotate(nlp, "Strike kills 5 in Binnish\n\nA strike killed 5 people in Binnish on Monday. " + text)
    tally = rows[rows["best"] > 100]
    assert len(tally) == 1 and bool(tally["cumulative"].iloc[0]) and tally["scope"].iloc[0] == "period"
    assert event_sum(rows) == 5


def test_an_event_toll_update_is_cumulative_but_stays_an_event_figure(nlp):
    rows = annotate(nlp, "After the market bombing in Azaz, the death toll rose to 41 on Tuesday.")
    row = rows.iloc[0]
    assert bool(row["cumulative"]) and row["scope"] == "event"


def test_an_x_based_organisation_names_no_place_of_the_event(nlp):
    rows = annotate(nlp, "Eleven people were killed in Jisr al-Shughur on Monday, the London-based monitor said.")
    assert rows["place"].iloc[0] == "Jisr al-Shughur"
    rows = annotate(nlp, "Five fighters were killed on Monday, the Britain-based Syrian Observatory for Human Rights said.")
    assert rows["place"].isna().iloc[0] or rows["place"].iloc[0] != "United Kingdom"


@pytest.mark.parametrize("words, start, end", [
    ("on Sunday", "2021-03-07", "2021-03-07"),       # published on a Tuesday: the Sunday before
    ("overnight", "2021-03-08", "2021-03-09"),
    ("yesterday", "2021-03-08", "2021-03-08"),
    ("last week", "2021-03-01", "2021-03-07"),
    ("on March 2", "2021-03-02", "2021-03-02"),
])
def test_the_days_of_an_event_come_from_its_time_words(nlp, words, start, end):
    rows = annotate(nlp, f"Air strikes killed 14 people in Ariha {words}, rescuers said.")
    assert (rows["date_start"].iloc[0], rows["date_end"].iloc[0]) == (start, end)
    assert rows["date_from"].iloc[0] == "figure"


def test_without_time_words_the_days_are_the_publication_day_and_the_day_before(nlp):
    rows = annotate(nlp, "Air strikes killed 14 people in Ariha, rescuers said.")
    assert (rows["date_start"].iloc[0], rows["date_end"].iloc[0], rows["date_from"].iloc[0]) == (
        "2021-03-08", "2021-03-09", "published")


def test_different_numbers_or_outcomes_stay_different_figures(nlp):
    rows = annotate(nlp, "Clashes kill 6 in Daraa\n\nClashes killed 6 fighters and wounded 6 others in Daraa on "
                         "Monday. Separately, 8 people were killed in Busra on Monday.")
    assert rows["figure_id"].nunique() == len(rows[rows["mention"] == 0]) == 3


def test_figure_columns_follow_the_contract_columns():
    from kit.mentions import FIGURE_COLUMNS
    from kit.tables import COLUMNS

    assert COLUMNS["casualties"][-len(FIGURE_COLUMNS):] == FIGURE_COLUMNS


def test_integer_columns_typed_the_same_on_both_paths():
    """Row dicts the kit made (ints, missing values) and rows read back from files (strings, numbers too large
    for 64 bits) give the same Int64 columns."""
    from kit.tables import frame

    made = frame("casualties", [{"doc_id": "a", "start_char": 3, "end_char": 9, "best": 12},
                                {"doc_id": "a", "start_char": 20, "end_char": 25}])
    read = frame("casualties", [{"doc_id": "a", "start_char": "3", "end_char": "9", "best": "12"},
                                {"doc_id": "a", "start_char": "20", "end_char": "25", "best": str(2**70)}])
    for column in ("start_char", "end_char", "best"):
        assert str(made[column].dtype) == str(read[column].dtype) == "Int64"
        assert made[column].tolist() == read[column].tolist()
