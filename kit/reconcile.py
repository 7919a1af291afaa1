"""Incidents across articles: the figures of many articles that report one event — the same outcome, place (a
town and its province are one place), days and kind of attack, with compatible victims — grouped into one row,
with each report's figure, source and status kept beside it.

    casualties (figure columns, kit/mentions.py) + articles ─► event figures ─► sweep by date ─► incidents, reports

Only event figures are grouped: first mentions (`mention` 0) that are not parts of another figure and not tallies
over a period (`scope` "event"). A figure placed only in a country, or nowhere, is an incident of its own (a
country is no evidence of the same event). The sweep visits figures in date order and keeps open only the
incidents whose days are within `slack_days` of the figure's, so memory holds one date window, not the corpus;
the result depends only on the figures, never on their input order.

A report is one article's figure for an incident from one source (the attributed speaker, or the outlet itself):
when an article gives the incident several figures from one source, its report is the largest (an updated toll
supersedes the first; the kit does not add up figures it cannot tell apart). Across reports the incident's
`low` is the lowest figure any report allows, `high` the highest, `best` the median of the reports' figures (the
lower of the two middle ones) with the `status` of the report that gives it, and `spread` the highest report over
the lowest.
"""
from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .event_dates import Window, publication_date
from .lexicons import read_data_csv
from .mentions import victims_compatible
from .places import Place, same_place
from .tables import _int64, frame

__all__ = [
    "INCIDENT_COLUMNS",
    "REPORT_COLUMNS",
    "IncidentTables",
    "event_kinds",
    "incident_reports",
    "incident_tables",
    "incidents",
    "incidents_of_run",
    "read_incident_tables",
]

INCIDENT_COLUMNS = [
    "incident_id", "date_start", "date_end", "place", "place_kind", "admin1", "country", "latitude", "longitude",
    "outcome", "victim_class", "low", "best", "high", "status", "n_sources", "n_reports", "outlets", "sources",
    "statuses", "spread", "reports", "event_kind", "perpetrator", "doc_id", "start_char", "end_char", "evidence",
    "first_published", "last_published",
]
REPORT_COLUMNS = [
    "incident_id", "doc_id", "start_char", "end_char", "outlet", "published", "title", "source", "status", "outcome",
    "low", "best", "high", "qualifier", "victims", "victim_class", "place", "date_start", "date_end", "date_from",
    "figure_id", "figure_ids", "n_mentions", "cumulative", "evidence",
]
_INT = ["low", "best", "high", "n_sources", "n_reports", "start_char", "end_char", "figure_id", "n_mentions"]


@dataclass(frozen=True, repr=False)
class IncidentTables:
    """The incidents (one row per event) and their reports (one row per article and source of each incident)."""

    incidents: pd.DataFrame
    reports: pd.DataFrame

    def __repr__(self) -> str:
        multi = int((self.incidents["n_sources"] >= 2).sum()) if len(self.incidents) else 0
        return f"IncidentTables({len(self.incidents):,} incidents, {multi:,} with 2+ sources; {len(self.reports):,} reports)"


@lru_cache(maxsize=1)
def _kind_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every word of `data/event_kinds.csv` (longest first), and word → kind."""
    rows = list(read_data_csv("event_kinds.csv"))
    words = sorted({r["word"].lower() for r in rows}, key=lambda w: (-len(w), w))
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    return pattern, {r["word"].lower(): r["kind"] for r in rows}


@lru_cache(maxsize=1)
def _rare_kinds() -> frozenset[str]:
    """Kinds of attack rare enough that one province has one of them a day (a chemical attack, a suicide or car
    bomb): two reports of one in a province and its town on one day are one event, whatever their tolls."""
    return frozenset(r["kind"] for r in read_data_csv("event_kinds.csv") if r.get("rare") == "yes")


def event_kinds(text: str | None) -> frozenset[str]:
    """Kinds of attack a sentence names (air strike, shelling, bombing, blast, chemical, clashes, execution,
    sniper), from `data/event_kinds.csv`."""
    if not isinstance(text, str) or not text:
        return frozenset()
    pattern, kinds = _kind_words()
    return frozenset(kinds[m.group(1).lower()] for m in pattern.finditer(text))


def _int(value: Any) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else int(number)  # noqa: PLR0124 - NaN check


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass
class _Figure:
    """One event figure of one article, as the grouping sees it."""

    row: dict
    place: Place
    window: Window | None
    kinds: frozenset[str]
    value: int | None
    order: tuple

    @property
    def report_key(self) -> tuple[str, str]:
        return (self.row["doc_id"], self.row.get("source") or "")


@dataclass
class _Incident:
    members: list[_Figure] = field(default_factory=list)
    window: Window | None = None

    @property
    def end(self) -> date:
        return self.window.end if self.window else date.min


MAX_WINDOW_DAYS = 3  # a figure dated only to a week or a month is no evidence of the same event
TOWN_RATIO = 3.0  # two reports of one event in one town: figures at most this far apart (an early and a later toll)
PROVINCE_RATIO = 1.0  # a report placed only in a province or region must give the same figure …
SAME_ARTICLE_RATIO = 1.25  # one article's two figures that are one event's two counts
PROVINCE_MIN = 5  # … and one large enough not to match by chance ("one civilian killed in Aleppo" is many events)


def _groupable(figure: _Figure) -> bool:
    return (figure.window is not None and figure.window.days <= MAX_WINDOW_DAYS and figure.place.specific
            and bool(figure.place.kind))


def _ratio(a: int | None, b: int | None) -> float | None:
    if a is None or b is None:
        return None
    low, high = sorted((a, b))
    return float("inf") if low <= 0 < high else 1.0 if high <= 0 else high / low


def _pair(figure: _Figure, member: _Figure) -> bool:
    """Two event figures can report one event."""
    if not same_place(figure.place, member.place):
        return False
    classes = figure.row.get("victim_class") or "unknown", member.row.get("victim_class") or "unknown"
    if not victims_compatible(*classes):
        return False
    if figure.kinds and member.kinds and not figure.kinds & member.kinds:
        return False
    ratio = _ratio(figure.value, member.value)
    coarse = "locality" not in (figure.place.level, member.place.level) or figure.place.level != member.place.level
    if coarse:
        # a province or a region holds many events a day: only the same, large enough figure for the same
        # victims ties two reports to one — or a rare kind of attack both name
        if figure.kinds & member.kinds & _rare_kinds():
            return ratio is None or ratio <= TOWN_RATIO
        return (ratio is not None and ratio <= PROVINCE_RATIO and min(figure.value, member.value) >= PROVINCE_MIN
                and (classes[0] == classes[1] or "unknown" in classes))
    if figure.row["doc_id"] == member.row["doc_id"]:
        # one article's two figures for one place and day: two events, unless one updates the other ("the toll
        # rose to 14") or they are that close ("27 dead … the monitor later said 31")
        update = bool(figure.row.get("cumulative")) or bool(member.row.get("cumulative"))
        return ratio is not None and ratio <= (TOWN_RATIO if update else SAME_ARTICLE_RATIO)
    return ratio is None or ratio <= TOWN_RATIO


def _compatible(figure: _Figure, incident: _Incident, slack: int) -> bool:
    first = incident.members[0]
    if figure.row["outcome"] != first.row["outcome"] or incident.window is None or figure.window is None:
        return False
    dated = figure.row.get("date_from") == "figure" and all(m.row.get("date_from") == "figure" for m in incident.members)
    if not figure.window.overlaps(incident.window, slack=0 if dated else slack):
        return False  # two reports that each name the day must name the same day
    return all(_pair(figure, member) for member in incident.members)


def _preference(figure: _Figure, incident: _Incident) -> tuple:
    same_name = any(m.place.name == figure.place.name for m in incident.members)
    assert incident.window is not None and figure.window is not None
    gap = abs((incident.window.start - figure.window.start).days)
    return (0 if same_name else 1, gap, incident.members[0].order)


def _join(incident: _Incident, figure: _Figure) -> None:
    incident.members.append(figure)
    if incident.window is None:
        incident.window = figure.window
    elif figure.window is not None:
        incident.window = incident.window.intersect(figure.window) or incident.window


def _sweep(figures: Iterable[_Figure], slack: int) -> Iterator[_Incident]:
    """Group date-sorted figures; an incident is emitted once no later figure can join it."""
    open_: list[_Incident] = []
    for figure in figures:
        if not _groupable(figure):
            yield _Incident([figure], figure.window)
            continue
        assert figure.window is not None
        horizon = figure.window.start - timedelta(days=2 * slack + 1)
        closing = [i for i in open_ if i.end < horizon]
        if closing:
            open_ = [i for i in open_ if i.end >= horizon]
            yield from closing
        candidates = [i for i in open_ if _compatible(figure, i, slack)]
        if candidates:
            _join(min(candidates, key=lambda i: _preference(figure, i)), figure)
        else:
            open_.append(_Incident([figure], figure.window))
    yield from open_


def _event_rows(casualties: pd.DataFrame, articles: pd.DataFrame) -> list[_Figure]:
    """The event figures, one per figure, with the source of its first attributed mention and the article's
    outlet, title and publication date."""
    if casualties.empty:
        return []
    needed = {"mention", "scope", "figure_id", "date_start", "place"}
    missing = needed - set(casualties.columns)
    if missing:
        from .errors import KitError

        raise KitError(f"the casualties table has no figure columns ({', '.join(sorted(missing))}): annotate again "
                       "with this version of the kit")
    frame = casualties
    attributed = (frame[frame["source"].notna()].drop_duplicates(["doc_id", "figure_id"])
                  .set_index(["doc_id", "figure_id"])[["source", "status"]])
    first = frame[(frame["mention"] == 0) & frame["part_of"].isna() & (frame["scope"] == "event")]
    first = first.drop(columns=["source", "status"]).join(attributed, on=["doc_id", "figure_id"], how="left")
    meta = {doc: (_str(outlet), _str(published), _str(title)) for doc, outlet, published, title
            in zip(articles["doc_id"], articles["outlet"], articles["published"], articles["title"])}
    out: list[_Figure] = []
    for row in first.to_dict("records"):
        row = {k: (None if v is pd.NA or (isinstance(v, float) and v != v) else v) for k, v in row.items()}  # noqa: PLR0124
        doc = row["doc_id"]
        outlet, published, title = meta.get(doc, (None, None, None))
        row.update(outlet=outlet, published=published, title=title)
        row["status"] = row.get("status") or "reported"
        start, end = publication_date(row.get("date_start")), publication_date(row.get("date_end"))
        window = Window(start, end) if start and end else None
        where = Place(row.get("place") or "", row.get("place_kind") or "", row.get("country") or "",
                      row.get("admin1") or "", row.get("latitude"), row.get("longitude"))
        value = next((v for v in (_int(row.get("best")), _int(row.get("low")), _int(row.get("high"))) if v is not None), None)
        order = (start or date.max, str(row.get("published") or ""), str(doc), _int(row.get("start_char")) or 0)
        out.append(_Figure(row, where, window, event_kinds(row.get("evidence")), value, order))
    out.sort(key=lambda f: f.order)
    return out


def _lower_median(values: list[int]) -> int | None:
    values = sorted(values)
    return values[(len(values) - 1) // 2] if values else None


def _reports(incident: _Incident) -> list[tuple[_Figure, list[_Figure]]]:
    """One (chosen figure, all figures) per article and source, in order of publication."""
    by_key: dict[tuple[str, str], list[_Figure]] = {}
    for member in incident.members:
        by_key.setdefault(member.report_key, []).append(member)
    chosen = []
    for members in by_key.values():
        best = max(members, key=lambda m: (m.value if m.value is not None else -1, -m.order[3]))
        chosen.append((best, members))
    return sorted(chosen, key=lambda c: (str(c[0].row.get("published") or ""), c[0].row["doc_id"], c[0].order[3]))


def _report_text(figure: _Figure) -> str:
    row = figure.row
    who = row.get("outlet") or row["doc_id"]
    day = str(row.get("published") or "")[:10]
    said = f" ({row['source']})" if row.get("source") else ""
    number = _number_text(row)
    return f"{who} {day}{said}: {number} {row.get('status') or 'reported'}".replace("  ", " ")


def _number_text(row: dict) -> str:
    low, best, high = _int(row.get("low")), _int(row.get("best")), _int(row.get("high"))
    if best is not None:
        return str(best) if (low == best or low is None) and (high == best or high is None) else f"{best} ({low or '–'}–{high or '–'})"
    if low is not None or high is not None:
        return f"{low or '–'}–{high or '–'}"
    return str(row.get("qualifier") or "?")


def _common(windows: list[Window]) -> Window | None:
    if not windows:
        return None
    common: Window | None = windows[0]
    for other in windows[1:]:
        common = common.intersect(other) if common is not None else None
    return common


def _days_of(members: list[_Figure]) -> Window | None:
    """The incident's days: those all its reports allow, else those all reports that name a day allow, else the
    span of all."""
    windows = [m.window for m in members if m.window is not None]
    named = [m.window for m in members if m.window is not None and m.row.get("date_from") == "figure"]
    found = _common(windows) or _common(named)
    if found is None and windows:
        found = Window(min(w.start for w in windows), max(w.end for w in windows))
    return found


def _incident_rows(incident: _Incident) -> tuple[dict, list[dict]]:
    reports = _reports(incident)
    anchor = min(incident.members, key=lambda m: m.order)
    incident_id = f"I-{anchor.row['doc_id']}-{anchor.row['figure_id']}"
    values = [r.value for r, _ in reports if r.value is not None]
    best = _lower_median(values)
    lows = [v for r, _ in reports for v in [next((x for x in (_int(r.row.get("low")), _int(r.row.get("best")),
                                                             _int(r.row.get("high"))) if x is not None), None)]
            if v is not None]
    highs = [v for r, _ in reports for v in [next((x for x in (_int(r.row.get("high")), _int(r.row.get("best")),
                                                              _int(r.row.get("low"))) if x is not None), None)]
             if v is not None]
    places = [m.place for m in incident.members if m.place.name]
    where = min(places, key=lambda p: ({"locality": 0, "area": 1, "admin1": 2, "country": 3}[p.level],
                                       -sum(q.name == p.name for q in places), places.index(p))) if places else Place("")
    classes = [m.row.get("victim_class") for m in incident.members if m.row.get("victim_class") not in (None, "unknown")]
    victim_class = max(sorted(set(classes)), key=classes.count) if classes else "unknown"
    window = _days_of(incident.members)
    published = sorted(str(m.row.get("published")) for m in incident.members if m.row.get("published"))
    kinds = sorted(set().union(*(m.kinds for m in incident.members)))
    row = {
        "incident_id": incident_id,
        "date_start": window.start.isoformat() if window else None,
        "date_end": window.end.isoformat() if window else None,
        "place": where.name or None, "place_kind": where.kind or None, "admin1": where.admin1 or None,
        "country": where.country or None, "latitude": where.lat, "longitude": where.lon,
        "outcome": anchor.row["outcome"], "victim_class": victim_class,
        "low": min(lows) if lows else None, "best": best, "high": max(highs) if highs else None,
        "status": next((r.row.get("status") or "reported" for r, _ in reports if r.value == best), reports[0][0].row.get("status")
                       or "reported"),
        "n_sources": len({r.row["doc_id"] for r, _ in reports}), "n_reports": len(reports),
        "outlets": "; ".join(sorted({r.row.get("outlet") or r.row["doc_id"] for r, _ in reports})),
        "sources": "; ".join(sorted({r.row["source"] for r, _ in reports if r.row.get("source")})) or None,
        "statuses": "; ".join(sorted({r.row.get("status") or "reported" for r, _ in reports})),
        "spread": (max(values) / min(values)) if len(values) >= 2 and min(values) > 0 else None,
        "reports": "; ".join(_report_text(r) for r, _ in reports),
        "event_kind": "; ".join(kinds) or None,
        "perpetrator": next((m.row["perpetrator"] for m in incident.members if m.row.get("perpetrator")), None),
        "doc_id": anchor.row["doc_id"], "start_char": anchor.row["start_char"], "end_char": anchor.row["end_char"],
        "evidence": anchor.row.get("evidence"),
        "first_published": published[0] if published else None, "last_published": published[-1] if published else None,
    }
    report_rows = []
    for chosen, members in reports:
        r = chosen.row
        report_rows.append({
            "incident_id": incident_id, **{k: r.get(k) for k in REPORT_COLUMNS if k not in {"incident_id", "figure_ids"}},
            "figure_ids": "|".join(str(m.row["figure_id"]) for m in sorted(members, key=lambda m: m.order[3])),
        })
    return row, report_rows


_BOOLEAN_TEXT = {"True": True, "False": False, "true": True, "false": False}


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=columns)
    for column in out.columns:
        if column in _INT:
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
        elif column in {"latitude", "longitude", "spread"}:
            out[column] = pd.to_numeric(out[column], errors="coerce").astype("Float64")
        elif column == "cumulative":  # True/False, or their text read back from a file
            out[column] = out[column].map(lambda v: _BOOLEAN_TEXT.get(v, v) if isinstance(v, str) else v).astype("boolean")
        else:
            out[column] = out[column].astype("string")
    return out


def incident_tables(tables: Any = None, *, casualties: pd.DataFrame | None = None, articles: pd.DataFrame | None = None,
                    slack_days: int = 1) -> IncidentTables:
    """Incidents and their reports from the kit's tables (`kit.annotate`, `kit.annotate_corpus(...).tables`, or
    `casualties`/`articles` DataFrames read back from `kit annotate` output).

    Two figures can be one incident when their days overlap once each is widened by `slack_days`."""
    if tables is not None:
        casualties = tables.casualties if hasattr(tables, "casualties") else tables["casualties"]
        articles = tables.articles if hasattr(tables, "articles") else tables["articles"]
    if casualties is None:
        raise TypeError("incident_tables() needs tables, or casualties (and articles)")
    if articles is None:
        articles = pd.DataFrame(columns=["doc_id", "outlet", "published", "title"])
    incident_rows, report_rows = [], []
    for incident in _sweep(_event_rows(casualties, articles), slack_days):
        row, reports = _incident_rows(incident)
        incident_rows.append(row)
        report_rows.extend(reports)
    incidents_frame = _frame(incident_rows, INCIDENT_COLUMNS)
    incidents_frame = incidents_frame.sort_values(["date_start", "incident_id"], kind="stable", na_position="last")
    order = {i: n for n, i in enumerate(incidents_frame["incident_id"])}
    reports_frame = _frame(report_rows, REPORT_COLUMNS)
    if len(reports_frame):
        reports_frame = reports_frame.assign(_o=reports_frame["incident_id"].map(order)).sort_values(
            ["_o", "published", "doc_id", "start_char"], kind="stable").drop(columns="_o")
    return IncidentTables(incidents_frame.reset_index(drop=True), reports_frame.reset_index(drop=True))


def incidents(tables: Any, *, slack_days: int = 1) -> pd.DataFrame:
    """One row per incident (see `incident_tables`)."""
    return incident_tables(tables, slack_days=slack_days).incidents


def incident_reports(tables: Any, *, slack_days: int = 1) -> pd.DataFrame:
    """One row per article and source of each incident (see `incident_tables`)."""
    return incident_tables(tables, slack_days=slack_days).reports


def _records(path: Path, fmt: str, columns: list[str] | None = None) -> list[dict]:
    """The rows of a table file `kit annotate` wrote, as dicts of text (CSV) or values (Parquet); empty is None."""
    if fmt == "parquet":
        raw = pd.read_parquet(path, columns=columns)
        return raw.astype("object").where(raw.notna(), None).to_dict("records")
    return list(_csv_records(path, columns))


def _csv_records(path: Path, columns: list[str] | None = None) -> Iterator[dict]:
    with open(path, newline="", encoding="utf-8-sig") as handle:  # the csv module: 3x pandas' text frame + dicts
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            return
        wanted = [(i, name) for i, name in enumerate(header) if columns is None or name in columns]
        for row in reader:
            if row:
                yield {name: (row[i] if i < len(row) and row[i] != "" else None) for i, name in wanted}


def _figure_rows(path: Path, fmt: str) -> list[dict]:
    """The rows of a written casualties table that the grouping reads (`_event_rows`): first mentions of event
    figures, each with the source and status of its figure's first attributed mention; without the other
    mentions and tallies, so that memory grows with the event figures only, not with the whole table."""
    if fmt == "parquet":
        rows: Iterable[dict] = _records(path, fmt)
    else:
        rows = _csv_records(path)
    first: list[tuple[tuple, dict]] = []  # ((doc_id, figure_id), row)
    attributed: dict[tuple, tuple[tuple, Any, Any]] = {}  # (doc_id, figure_id) -> (order, source, status)
    for n, row in enumerate(rows):
        doc, start = row.get("doc_id"), _int64(row.get("start_char"))
        key = (doc, _int64(row.get("figure_id")))
        if row.get("source") is not None:
            order = (doc is None, doc or "", start is None, start or 0, n)  # the order `tables.frame` sorts by
            seen = attributed.get(key)
            if seen is None or order < seen[0]:
                attributed[key] = (order, row["source"], row.get("status"))
        if row.get("scope") == "event" and _int64(row.get("mention")) == 0 and _int64(row.get("part_of")) is None:
            first.append((key, row))
    for key, row in first:
        _, row["source"], row["status"] = attributed.get(key, (None, None, None))
    return [row for _, row in first]


def _read_table(out_dir: Path, name: str, fmt: str, columns: list[str] | None = None) -> pd.DataFrame:
    """A table `kit annotate` wrote, typed as the kit types it (`tables.frame`)."""
    return frame(name, _records(out_dir / f"{name}.{fmt}", fmt, columns))


def read_incident_tables(out_dir: str | os.PathLike[str], fmt: str = "csv") -> IncidentTables:
    """The incidents and reports a run wrote (`incidents_of_run`), typed as `incident_tables` types them."""
    folder = Path(out_dir)
    return IncidentTables(_frame(_records(folder / f"incidents.{fmt}", fmt), INCIDENT_COLUMNS),
                          _frame(_records(folder / f"incident_reports.{fmt}", fmt), REPORT_COLUMNS))


def incidents_of_run(tables: Any = None, *, out_dir: str | os.PathLike[str] | None = None, fmt: str = "csv",
                     slack_days: int = 1) -> IncidentTables:
    """The step after a corpus run (`kit.annotate_corpus`, `kit annotate`): incidents from the tables in memory, or,
    with `out_dir`, from the casualties and articles written there — then written beside them as `incidents` and
    `incident_reports` (same format)."""
    if out_dir is None:
        return incident_tables(tables, slack_days=slack_days)
    from .io import write_table

    folder = Path(out_dir)
    casualties = frame("casualties", _figure_rows(folder / f"casualties.{fmt}", fmt))
    articles = _read_table(folder, "articles", fmt, ["doc_id", "outlet", "published", "title"])
    result = incident_tables(casualties=casualties, articles=articles, slack_days=slack_days)
    write_table(result.incidents, folder, "incidents", fmt)
    write_table(result.reports, folder, "incident_reports", fmt)
    return result
