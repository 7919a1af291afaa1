"""Tolls over time: a running toll that one source keeps (a health ministry, a monitor, a rescue service), as the
series of its figures across articles, with the decreases and the jumps flagged.

A series is the tallies over a period (`scope` "period") that count from the same start — the war's beginning
("since the fighting started in 2014", any figure of 100,000 or more), or one day ("since September 19") — by one
source (the attributed speaker, or the outlet itself when no one is quoted), for one outcome, victim class and
place smaller than a country (none for a war's toll), in order of publication; one point per article (its largest figure). Tallies with
no start of their own ("over the past month") stay out. A point is a
`decrease` when it is lower than the one before (a correction, or another count), a `jump` when it rises by more
than `jump` (a share of the previous figure) — the points an analyst checks first.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["INCIDENT_TOLL_COLUMNS", "TOLL_COLUMNS", "incident_tolls", "tolls"]

TOLL_COLUMNS = ["series", "source", "outcome", "victim_class", "place", "since", "doc_id", "start_char", "end_char",
                "outlet", "published", "low", "best", "high", "value", "previous", "change", "days", "flag", "evidence"]


INCIDENT_TOLL_COLUMNS = ["series", "incident_id", "doc_id", "start_char", "end_char", "outlet", "published", "source",
                         "status", "value", "previous", "change", "days", "flag", "evidence"]


def _flags(points: pd.DataFrame, jump: float) -> pd.DataFrame:
    """previous, change, days and flag of each point, within its series (points in order)."""
    points = points.copy()
    points["previous"] = points.groupby("series")["value"].shift(1)
    points["change"] = points["value"] - points["previous"]
    dates = pd.to_datetime(points["published"].str[:10], errors="coerce")
    points["days"] = (dates - dates.groupby(points["series"]).shift(1)).dt.days

    def flag(row: pd.Series) -> str:
        if pd.isna(row["previous"]):
            return "first"
        if row["value"] < row["previous"]:
            return "decrease"
        if row["value"] == row["previous"]:
            return "same"
        return "jump" if row["previous"] > 0 and row["change"] > jump * row["previous"] else "rise"

    points["flag"] = points.apply(flag, axis=1) if len(points) else pd.Series(dtype="object")
    return points


def incident_tolls(incidents: pd.DataFrame, reports: pd.DataFrame, *, jump: float = 0.5,
                   min_points: int = 3) -> pd.DataFrame:
    """How an event's toll moved from report to report (`kit.incident_tables`): one series per incident with at least
    `min_points` reports that give a number, in order of publication, flagged like `tolls`."""
    empty = pd.DataFrame(columns=INCIDENT_TOLL_COLUMNS)
    if reports.empty:
        return empty
    rows = reports.assign(value=reports["best"].fillna(reports["low"]).fillna(reports["high"]).astype("Float64"))
    rows = rows[rows["value"].notna()]
    rows = rows[rows.groupby("incident_id")["doc_id"].transform("size") >= min_points]
    if rows.empty:
        return empty
    names = incidents.set_index("incident_id")
    label = {i: f"{names.at[i, 'place']} {names.at[i, 'date_start']} · {names.at[i, 'outcome']}" for i in set(rows["incident_id"])}
    rows = rows.assign(series=rows["incident_id"].map(label), published=rows["published"].fillna(""))
    rows = rows.sort_values(["series", "incident_id", "published", "doc_id", "start_char"], kind="stable")
    out = _flags(rows, jump)[INCIDENT_TOLL_COLUMNS].reset_index(drop=True)
    for column in ("start_char", "end_char", "days"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
    for column in ("value", "previous", "change"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Float64")
    return out


def _value(row: pd.Series) -> float | None:
    for column in ("best", "low", "high"):
        value = row.get(column)
        if value is not None and value is not pd.NA and value == value:  # noqa: PLR0124 - NaN check
            return float(value)
    return None


def tolls(tables: Any, *, jump: float = 0.5, min_points: int = 2) -> pd.DataFrame:
    """Running tolls as series (one row per point, see the module docstring); series with fewer than
    `min_points` articles are left out. `flag`: first, rise, same, decrease or jump."""
    casualties = tables.casualties if hasattr(tables, "casualties") else tables["casualties"]
    articles = tables.articles if hasattr(tables, "articles") else tables["articles"]
    empty = pd.DataFrame(columns=TOLL_COLUMNS)
    if casualties.empty or "mention" not in casualties.columns:
        return empty
    attributed = (casualties[casualties["source"].notna()].drop_duplicates(["doc_id", "figure_id"])
                  .set_index(["doc_id", "figure_id"])[["source"]])
    figures = casualties[(casualties["mention"] == 0) & (casualties["scope"] == "period") & casualties["part_of"].isna()]
    figures = figures.drop(columns=["source"]).join(attributed, on=["doc_id", "figure_id"], how="left")
    meta = articles[["doc_id", "outlet", "published"]]
    figures = figures.merge(meta, on="doc_id", how="left")
    figures = figures.assign(value=figures.apply(_value, axis=1) if len(figures) else pd.Series(dtype="float64"))
    figures = figures[figures["value"].notna()]
    if figures.empty:
        return empty
    from .extract.figure_context import WAR_LONG
    from .mentions import WAR_TOTAL

    war = figures["evidence"].fillna("").map(lambda t: WAR_LONG.search(t) is not None).astype(bool) | (figures["value"] >= WAR_TOTAL)
    dated = (figures["date_from"] == "figure") & figures["date_start"].notna()
    since = figures["date_start"].where(dated & ~war).astype("object")
    since[war.to_numpy()] = "the war"
    specific = figures["place"].where((figures["place_kind"].fillna("country") != "country") & ~war)  # a war: everywhere
    figures = figures.assign(
        source=figures["source"].fillna(figures["outlet"].fillna("(unknown outlet)") + " (own reporting)"),
        victim_class=figures["victim_class"].fillna("unknown"), place=specific.fillna(""),
        published=figures["published"].fillna(""), since=since)
    figures = figures[figures["since"].notna()]
    if figures.empty:
        return empty
    figures = figures.assign(series=figures["source"] + " · " + figures["outcome"] + " · " + figures["victim_class"]
                             + figures["place"].map(lambda p: f" · {p}" if p else "")
                             + " · since " + figures["since"].astype(str))
    # one point per article and series: its largest figure
    figures = figures.sort_values(["series", "published", "doc_id", "value", "start_char"],
                                  ascending=[True, True, True, False, True], kind="stable")
    points = figures.drop_duplicates(["series", "doc_id"])
    points = points[points.groupby("series")["doc_id"].transform("size") >= min_points]
    if points.empty:
        return empty
    points = _flags(points.sort_values(["series", "published", "doc_id"], kind="stable"), jump)
    out = points[TOLL_COLUMNS].reset_index(drop=True)
    for column in ("start_char", "end_char", "low", "best", "high", "days"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
    for column in ("value", "previous", "change"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Float64")
    for column in ("series", "source", "outcome", "victim_class", "place", "since", "doc_id", "outlet", "published",
                   "flag", "evidence"):
        out[column] = out[column].astype("string")
    return out
