"""Figure regression: each plot function draws the same picture from fixed data (pytest-mpl baselines in
tests/baseline, RMS tolerance 2). After an intended change to a plot, regenerate and review the images:

    .venv/bin/python -m pytest tests/test_figures.py --mpl-generate-path=tests/baseline
"""
from __future__ import annotations

import itertools

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from kit import Article, Removed, plots  # noqa: E402

COMPARE = {"tolerance": 2, "style": "default", "savefig_kwargs": {"dpi": 72}}

PLACES = pd.DataFrame({
    "canonical": ["Aleppo", "Idlib", "Damascus", "Raqqa", "Hama", "Homs", "Manbij", "Azaz", "Atmeh", "Daraa",
                  "Deir ez-Zor", "Kobani", "Sheikh Najjar", "Moscow", "Washington"],
    "lat": [36.20, 35.93, 33.51, 35.95, 35.13, 34.72, 36.53, 36.59, 36.21, 32.62, 35.34, 36.89, 36.26, 55.75, 38.90],
    "lon": [37.16, 36.63, 36.29, 39.01, 36.76, 36.73, 37.95, 37.05, 36.69, 36.10, 40.14, 38.35, 37.21, 37.62, -77.04],
    "mentions": [120, 40, 25, 20, 13, 8, 10, 4, 4, 8, 9, 4, 2, 5, 2],
}).assign(doc_id="d1", label="GPE")

CASUALTIES = pd.DataFrame({
    "doc_id": ["a", "a", "a", "b"], "start_char": [10, 50, 90, 5], "outcome": ["killed", "wounded", "killed", "killed"],
    "low": [4, 54, None, 12], "best": [4, 54, 1000, 12], "high": [4, 54, 1000, None],
    "victim_class": ["civilians", "civilians", "combatants", "unknown"],
    "source": ["Syrian Civil Defence", "Syrian Civil Defence", "state television", None],
    "status": ["reported", "reported", "unverified", "reported"],
})


@pytest.mark.mpl_image_compare(**COMPARE)
def test_place_map():
    return plots.place_map(PLACES, source="test data")


def test_place_map_labels_do_not_overlap_and_name_what_is_left_out():
    fig = plots.place_map(PLACES, source="test data")
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) >= 8
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
    frame = ax.get_window_extent(renderer)
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1 for b in boxes)
    notes = " ".join(t.get_text() for t in fig.texts)
    assert "Outside this view (2): Moscow (5), Washington (2)" in notes
    assert ax.get_legend().get_title().get_text() == "mentions"
    assert len(ax.collections) >= 3  # land, borders, places: a basemap, not a bare scatter


@pytest.mark.mpl_image_compare(**COMPARE)
def test_figure_intervals():
    return plots.figure_intervals(CASUALTIES, source="test data")


def test_figure_intervals_show_status_and_outcome_legend():
    fig = plots.figure_intervals(CASUALTIES, source="test data")
    ax = fig.axes[0]
    assert "unverified" in {t.get_text() for t in ax.texts}
    assert {"killed", "wounded"} <= {t.get_text() for t in ax.get_legend().get_texts()}


@pytest.mark.mpl_image_compare(**COMPARE)
def test_outcome_by_class():
    table = pd.crosstab(CASUALTIES["outcome"], CASUALTIES["victim_class"])
    fig = plots.outcome_by_class(table, source="test data")
    assert len(fig.axes) == 2  # the heatmap and its colourbar
    assert "not of people" in fig.axes[0].get_title()
    return fig


@pytest.mark.mpl_image_compare(**COMPARE)
def test_cooccurrence_heatmap():
    names = ["Bashar al-Assad", "SOHR", "HTS", "SANA"]
    matrix = pd.DataFrame([[0, 3, 2, 1], [3, 0, 4, 0], [2, 4, 0, 1], [1, 0, 1, 0]], index=names, columns=names)
    return plots.cooccurrence_heatmap(matrix, source="test data")


@pytest.mark.mpl_image_compare(**COMPARE)
def test_by_status():
    table = pd.DataFrame({"reported": [120, 80, 30], "claimed": [0, 40, 5], "unverified": [1000, 0, 0]},
                         index=["SANA", "Reuters", "Ahram"])
    return plots.by_status(table, title="People reported killed, per outlet", xlabel="people", ylabel="outlet",
                           source="test data")


@pytest.mark.mpl_image_compare(**COMPARE)
def test_claims_by_source():
    table = pd.DataFrame({"reported": [5, 3, 2], "claimed": [1, 0, 2], "denied": [0, 1, 0]},
                         index=["Syrian Observatory for Human Rights", "SANA", "Bashar al-Assad"])
    return plots.claims_by_source(table, source="test data")


@pytest.mark.mpl_image_compare(**COMPARE)
def test_crowd_scatter():
    comparison = pd.DataFrame({"doc_id": list("abcdef"), "crowd_killed": [4, 10, 0, 25, None, 3],
                               "kit_killed": [4, 12, 0, 25, 7, None]}).astype({"crowd_killed": "Int64", "kit_killed": "Int64"})
    comparison["agree"] = comparison["crowd_killed"].eq(comparison["kit_killed"]).fillna(False).astype(bool)
    fig = plots.crowd_scatter(comparison, source="test data")
    assert "4 of 6 articles" in fig.axes[0].get_title()
    return fig


@pytest.mark.mpl_image_compare(**COMPARE)
def test_top_entities():
    entities = pd.DataFrame({
        "canonical": ["Bashar al-Assad"] * 5 + ["Rami Abdel Rahman"] * 2 + ["SOHR"] * 4 + ["SANA"] * 3 + ["Aleppo"] * 6
        + ["Idlib"] * 2,
        "label": ["PERSON"] * 7 + ["ORG"] * 7 + ["GPE"] * 8})
    return plots.top_entities(entities, source="test data")


@pytest.mark.mpl_image_compare(**COMPARE)
def test_kept_vs_removed():
    articles = [Article(doc_id=f"doc{i}", text="x" * (400 * i), removed=(Removed("y" * (60 * i), "boilerplate"),))
                for i in range(1, 5)]
    return plots.kept_vs_removed(articles, source="test data")


@pytest.mark.mpl_image_compare(**COMPARE)
def test_deaths_timeline():
    timeline = pd.DataFrame({"date": pd.to_datetime(["2016-01-01", "2016-02-01", "2016-04-01"]),
                             "killed": [12, 40, 7], "articles": [2, 3, 1]})
    return plots.deaths_timeline(timeline, source="test data")


REPORTS = pd.DataFrame({
    "incident_id": ["i1"] * 4 + ["i2"] * 2 + ["i3"] * 3,
    "doc_id": ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
    "outlet": ["Reuters", "AFP", "SANA", "Ahram", "Reuters", "TRT", "AP", "AFP", "SANA"],
    "published": ["2017-04-04", "2017-04-04", "2017-04-05", "2017-04-06", "2016-07-27", "2016-07-27", "2016-10-06",
                  "2016-10-06", "2016-10-07"],
    "source": ["Syrian Observatory for Human Rights", "health directorate", None, None, None, "state television",
               None, "monitor", None],
    "status": ["reported", "reported", "denied", "reported", "reported", "unverified", "reported", "claimed", "reported"],
    "low": [58, None, None, 80, 44, 22, 6, 10, 9], "best": [58, 100, None, 80, 44, 22, 6, 10, 9],
    "high": [None, 100, None, 80, 44, 22, 6, None, 9],
    "qualifier": ["at least", "nearly", "fabricated", None, None, None, None, "at least", None],
})
INCIDENTS = pd.DataFrame({
    "incident_id": ["i1", "i2", "i3"], "date_start": ["2017-04-04", "2016-07-27", "2016-10-06"],
    "place": ["Khan Shaykhun", "Qamishli", "Aleppo"], "outcome": ["killed"] * 3, "n_sources": [4, 2, 3],
    "best": [80, 22, 9], "spread": [100 / 58, 2.0, 10 / 6],
})


@pytest.mark.mpl_image_compare(**COMPARE)
def test_incident_sources():
    fig = plots.incident_sources(REPORTS[REPORTS["incident_id"] == "i1"], source="test data",
                                 title="Khan Shaykhun, 4 April 2017: killed")
    ax = fig.axes[0]
    assert {"reported", "denied"} <= {t.get_text() for t in ax.get_legend().get_texts()}
    assert any("fabricated" in t.get_text() for t in ax.texts)  # a report without a number is listed, not dropped
    return fig


@pytest.mark.mpl_image_compare(**COMPARE)
def test_incident_spreads():
    fig = plots.incident_spreads(INCIDENTS, REPORTS, source="test data")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0].startswith("Qamishli")  # the largest spread first
    assert fig.axes[0].get_legend().get_title().get_text() == "status of the claim"
    return fig


@pytest.mark.mpl_image_compare(**COMPARE)
def test_running_toll():
    series = pd.DataFrame({
        "series": ["UN · killed · unknown · since the war"] * 5, "doc_id": list("abcde"),
        "published": ["2014-08-22", "2015-03-12", "2016-04-23", "2016-07-01", "2017-01-10"],
        "value": [191000.0, 220000.0, 400000.0, 250000.0, 400000.0],
        "flag": ["first", "rise", "jump", "decrease", "jump"]})
    fig = plots.running_toll(series, source="test data")
    assert {"jump", "decrease"} <= {t.get_text() for t in fig.axes[0].get_legend().get_texts()}
    return fig


@pytest.mark.mpl_image_compare(**COMPARE)
def test_incident_timeline():
    timeline = pd.DataFrame({"date": pd.to_datetime(["2016-07-01", "2016-10-01", "2017-04-01"]),
                             "killed": [66, 19, 180], "incidents": [2, 3, 4]})
    fig = plots.incident_timeline(timeline, source="test data")
    assert "counted once" in fig.axes[0].get_title()
    return fig
