"""Incidents across articles (kit/reconcile.py), running tolls (kit/running_tolls.py) and the UCDP/ACLED exports
(kit/exports.py), on made-up figures: which reports are one event and which are not."""
from __future__ import annotations

import random

import pandas as pd
import pytest

import kit
from kit.exports import priogrid_gid
from kit.places import place, same_place
from kit.tables import frame


def figure(doc_id: str, best: int | None, where: str | None, day: str, *, outcome: str = "killed",
           victim_class: str = "unknown", evidence: str = "", source: str | None = None, status: str = "reported",
           end: str | None = None, scope: str = "event", figure_id: int = 0, date_from: str = "figure",
           qualifier: str | None = None, published: str | None = None) -> dict:
    """One casualty row with the figure columns, as kit/mentions.py writes them."""
    p = place(where, ("SY",)) if where else None
    return {
        "doc_id": doc_id, "start_char": 10 * figure_id, "end_char": 10 * figure_id + 8, "outcome": outcome,
        "low": best, "best": best, "high": best, "qualifier": qualifier, "victims": None,
        "victim_class": victim_class, "perpetrator": None, "location": where, "period": None, "source": source,
        "status": status, "evidence": evidence or f"{best} people were killed in {where}.", "figure_id": figure_id,
        "part_of": None, "cumulative": scope == "period", "sent_id": figure_id, "mention": 0, "n_mentions": 1,
        "parts": None, "scope": scope, "place": p.name if p else None, "place_kind": p.kind if p else None,
        "admin1": p.admin1 if p else None, "country": p.country if p else None, "latitude": p.lat if p else None,
        "longitude": p.lon if p else None, "date_start": day, "date_end": end or day, "date_from": date_from,
        "_published": published or end or day,
    }


def tables(*rows: dict):
    articles = {r["doc_id"]: {"doc_id": r["doc_id"], "outlet": f"outlet-{r['doc_id']}", "published": r["_published"],
                              "title": f"title {r['doc_id']}", "text": ""} for r in rows}
    casualties = [{k: v for k, v in r.items() if k != "_published"} for r in rows]
    return kit.Tables(articles=frame("articles", list(articles.values())), entities=frame("entities", []),
                      claims=frame("claims", []), casualties=frame("casualties", casualties))


def grouped(*rows: dict) -> list[set[str]]:
    """The incidents as sets of doc_ids (only incidents of two or more reports)."""
    reports = kit.incident_reports(tables(*rows))
    groups = reports.groupby("incident_id")["doc_id"].agg(lambda s: frozenset(s))
    return sorted((set(g) for g in groups if len(g) > 1), key=sorted)


def test_the_same_town_from_different_outlets_and_days_within_the_window_is_one_incident():
    rows = [figure("a", 12, "Saraqib", "2021-03-08", source="Civil Defence"),
            figure("b", 15, "Saraqib", "2021-03-08", date_from="published", end="2021-03-09"),
            figure("c", 12, "Saraqib", "2021-03-08", end="2021-03-09", date_from="article")]
    assert grouped(*rows) == [{"a", "b", "c"}]
    incident = kit.incidents(tables(*rows)).iloc[0]
    assert (incident["low"], incident["best"], incident["high"], incident["n_sources"]) == (12, 12, 15, 3)
    assert incident["spread"] == pytest.approx(1.25) and incident["outlets"] == "outlet-a; outlet-b; outlet-c"
    assert (incident["date_start"], incident["date_end"]) == ("2021-03-08", "2021-03-08")


def test_days_too_far_apart_are_two_incidents():
    assert grouped(figure("a", 12, "Saraqib", "2021-03-01"), figure("b", 12, "Saraqib", "2021-03-08")) == []


def test_two_reports_that_each_name_a_day_must_name_the_same_day():
    assert grouped(figure("a", 12, "Saraqib", "2021-03-07"), figure("b", 12, "Saraqib", "2021-03-08")) == []
    assert grouped(figure("a", 12, "Saraqib", "2021-03-07"),
                   figure("b", 12, "Saraqib", "2021-03-08", date_from="published")) == [{"a", "b"}]


@pytest.mark.parametrize("other", [
    dict(outcome="wounded"),                    # another outcome
    dict(where="Binnish"),                      # another town of the same province
    dict(victim_class="combatants"),            # other victims
    dict(evidence="A car bomb killed 12 people in Saraqib."),   # another kind of attack
    dict(best=60),                              # a toll five times as large
])
def test_different_outcome_place_victims_kind_or_size_are_not_merged(other):
    base = dict(evidence="Air strikes killed 12 civilians in Saraqib.", victim_class="civilians")
    first = figure("a", 12, "Saraqib", "2021-03-08", **base)
    second = figure("b", **{"best": 12, "where": "Saraqib", "day": "2021-03-08", **base, **other})
    assert grouped(first, second) == []


def test_a_town_inside_its_province_is_the_same_place_when_the_figures_agree():
    town, province = place("Saraqib", ("SY",)), place("Idlib Governorate", ("SY",))
    assert same_place(town, province) and not same_place(town, place("Binnish", ("SY",)))
    assert grouped(figure("a", 16, "Saraqib", "2021-03-08"), figure("b", 16, "Idlib", "2021-03-08")) == [{"a", "b"}]
    # a province holds many events a day: another toll there is another event …
    assert grouped(figure("a", 16, "Saraqib", "2021-03-08"), figure("b", 30, "Idlib", "2021-03-08")) == []
    # … unless both name a rare kind of attack
    chemical = "A chemical attack killed {} people in {}."
    assert grouped(figure("a", 58, "Khan Shaykhun", "2021-03-08", evidence=chemical.format(58, "Khan Shaykhun")),
                   figure("b", 72, "Idlib", "2021-03-08", evidence=chemical.format(72, "Idlib"))) == [{"a", "b"}]


def test_a_country_or_no_place_is_no_evidence_of_the_same_event():
    assert grouped(figure("a", 16, "Syria", "2021-03-08"), figure("b", 16, "Syria", "2021-03-08")) == []
    assert grouped(figure("a", 16, None, "2021-03-08"), figure("b", 16, None, "2021-03-08")) == []


def test_tallies_over_a_period_and_parts_never_form_incidents():
    rows = [figure("a", 359, "Aleppo", "2021-01-01", end="2021-03-08", scope="period"),
            figure("b", 12, "Aleppo", "2021-03-08")]
    incidents = kit.incidents(tables(*rows))
    assert list(incidents["best"]) == [12]


def test_one_report_per_article_and_source_its_largest_figure():
    rows = [figure("a", 12, "Saraqib", "2021-03-08", figure_id=0),
            {**figure("a", 14, "Saraqib", "2021-03-08", figure_id=1), "cumulative": True},  # the updated toll
            figure("b", 13, "Saraqib", "2021-03-08", source="SANA", status="denied")]
    result = kit.incident_tables(tables(*rows))
    assert len(result.incidents) == 1 and list(result.reports["best"]) == [14, 13]
    assert result.reports["figure_ids"].iloc[0] == "0|1"
    assert result.incidents["statuses"].iloc[0] == "denied; reported"


def test_incidents_are_deterministic_whatever_the_input_order():
    rows = [figure(f"d{i}", 10 + i % 3, town, f"2021-03-0{1 + i % 4}", figure_id=i)
            for i, town in enumerate(["Saraqib", "Binnish", "Ariha", "Saraqib", "Idlib", "Ariha"] * 3)]
    first = kit.incident_tables(tables(*rows))
    random.Random(7).shuffle(rows)
    second = kit.incident_tables(tables(*rows))
    pd.testing.assert_frame_equal(first.incidents, second.incidents)
    pd.testing.assert_frame_equal(first.reports, second.reports)


def test_empty_tables_give_empty_incidents():
    result = kit.incident_tables(tables())
    assert result.incidents.empty and result.reports.empty
    assert list(result.incidents.columns)[:3] == ["incident_id", "date_start", "date_end"]


def test_running_tolls_flag_decreases_and_jumps():
    war = "The war has killed {} people since it began in 2011, the monitor said."
    rows = [figure(f"d{i}", n, "Syria", "2011-01-01", end=day, scope="period", source="Monitor",
                   evidence=war.format(n), published=day)
            for i, (n, day) in enumerate([(200000, "2015-01-05"), (210000, "2015-06-01"), (190000, "2015-07-01"),
                                          (400000, "2016-01-01")])]
    series = kit.tolls(tables(*rows))
    assert list(series["flag"]) == ["first", "rise", "decrease", "jump"]
    assert set(series["series"]) == {"Monitor · killed · unknown · since the war"}


def test_exports_follow_ged_and_acled_conventions():
    rows = [figure("a", 12, "Saraqib", "2021-03-08", victim_class="civilians",
                   evidence="Air strikes killed 12 civilians in Saraqib."),
            figure("b", 15, "Saraqib", "2021-03-08", victim_class="civilians", date_from="published", end="2021-03-09"),
            figure("c", 4, "Saraqib", "2021-03-08", outcome="wounded")]
    result = kit.incident_tables(tables(*rows))
    ged = kit.to_ged(result.incidents, result.reports)
    assert len(ged) == 1  # killed incidents only
    row = ged.iloc[0]
    assert (row["best"], row["low"], row["high"], row["deaths_civilians"], row["deaths_unknown"]) == (12, 12, 15, 12, 0)
    assert (row["date_prec"], row["where_prec"], row["number_of_sources"], row["country"]) == (1, 1, 2, "Syria")
    assert row["source_office"] == "outlet-a; outlet-b" and row["geom_wkt"].startswith("POINT (36.")
    assert row["priogrid_gid"] == priogrid_gid(row["latitude"], row["longitude"])
    acled = kit.to_acled(result.incidents, result.reports).iloc[0]
    assert (acled["fatalities"], acled["event_type"], acled["sub_event_type"]) == (
        12, "Explosions/Remote violence", "Air/drone strike")
    assert acled["event_id_cnty"].startswith("SYR") and acled["geo_precision"] == 1


def test_priogrid_cells():
    assert priogrid_gid(-89.9, -179.9) == 1 and priogrid_gid(-89.9, 179.9) == 720 and priogrid_gid(89.9, 179.9) == 259200


def test_a_corpus_run_writes_incidents_beside_the_four_tables(nlp, tmp_path):
    texts = {"one": "Air strikes kill 9 in Binnish\n\nAir strikes killed 9 people in Binnish on Monday, rescuers said.",
             "two": "Nine killed in Binnish raid\n\nAn air raid on Binnish killed nine people on Monday, a monitor said."}
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(f"Published: 9 March 2021\n\n{text}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = kit.annotate_corpus(tmp_path, out_dir=out, progress=False)
    written = pd.read_csv(out / "incidents.csv")
    assert len(written) == len(result.incidents) and (out / "incident_reports.csv").exists()
    multi = result.incidents[result.incidents["n_sources"] == 2]
    assert len(multi) == 1 and multi["place"].iloc[0] == "Binnish" and multi["best"].iloc[0] == 9


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_incidents_read_back_from_files_in_reverse_row_order_equal_those_made_in_memory(tmp_path, fmt):
    from kit.io import write_table
    from kit.reconcile import _figure_rows, incidents_of_run

    rows = [figure("a", 9, "Binnish", "2021-03-08", figure_id=0),
            figure("b", 9, "Binnish", "2021-03-08", source="the monitor", figure_id=0),
            figure("b", 4, "Binnish", "2021-03-08", figure_id=1),
            figure("c", 300, "Idlib", "2021-03-08", scope="period", figure_id=0),
            figure("d", 12, "Douma", "2021-03-09", figure_id=0)]
    later = dict(rows[0], mention=1, start_char=90, end_char=98, source="rescuers", status="unverified")
    before = dict(rows[0], mention=1, start_char=50, end_char=58, source="the army", status="denied")  # comes first
    both = tables(*rows, later, before)
    in_memory = kit.incident_tables(both)
    assert in_memory.reports.set_index("doc_id").loc["a", "source"] == "the army"
    shuffled = both.casualties.iloc[::-1].reset_index(drop=True)  # later mentions before earlier ones
    write_table(shuffled, tmp_path, "casualties", fmt)
    write_table(both.articles, tmp_path, "articles", fmt)
    kept = _figure_rows(tmp_path / f"casualties.{fmt}", fmt)
    assert sorted((r["doc_id"], int(r["figure_id"])) for r in kept) == [("a", 0), ("b", 0), ("b", 1), ("d", 0)]
    from_files = incidents_of_run(out_dir=tmp_path, fmt=fmt)
    pd.testing.assert_frame_equal(from_files.incidents, in_memory.incidents)
    pd.testing.assert_frame_equal(from_files.reports, in_memory.reports)
