"""Tidy summaries of the four tables — pure pandas, one function per question an analyst asks."""
from __future__ import annotations

from functools import lru_cache
from itertools import combinations

import pandas as pd

__all__ = [
    "name_merges", "merge_names", "entity_summary", "cooccurrence", "killed_by_status", "event_killed", "claims_by_source", "outcome_by_class", "who_reports_what",
    "largest_killed", "crowd_comparison", "disagreements", "deaths_timeline", "figures_by",
    "incident_killed_by", "incident_timeline", "largest_disagreements",
]

PLACES = ("GPE", "LOC", "FAC")
STATUSES = ("reported", "claimed", "unverified", "unconfirmed", "disputed", "denied")


@lru_cache(maxsize=1)
def _gazetteer():
    from .gazetteer import shipped_gazetteer

    return shipped_gazetteer()


def _coordinates(canonical: str, label: str, countries: set[str]) -> tuple[float | None, float | None]:
    """Coordinates of a place: curated entries first, then a GeoNames city in the article's countries or
    of 100,000+ people (a small town of the same name elsewhere is not evidence)."""
    if label not in PLACES:
        return None, None
    gazetteer = _gazetteer()
    entry = gazetteer.by_canonical(canonical) or gazetteer.lookup(canonical)
    if entry is not None and entry.kind == "country":
        return None, None  # a country is its borders on a map, not a dot (nor a town of the same name)
    if entry is None or entry.lat is None:
        city = gazetteer.city(canonical, countries=countries)
        entry = city if city is not None and (city.country in countries or city.population >= 100_000) else None
    if entry is None or entry.lat is None:
        return None, None
    return entry.lat, entry.lon


def _countries(entities: pd.DataFrame) -> dict[str, set[str]]:
    gazetteer = _gazetteer()
    out: dict[str, set[str]] = {}
    for doc_id, names in entities[entities["label"].isin(PLACES)].groupby("doc_id")["canonical"]:
        found = {e.country for e in map(gazetteer.by_canonical, set(names)) if e is not None and e.country}
        out[doc_id] = found
    return out


def _name_words(name: str) -> tuple[str, ...]:
    from .gazetteer import name_key

    return tuple(w for w in name_key(name).split() if w not in {"al", "el", "ad", "as", "ash", "an", "ar", "at", "az"})


def name_merges(entities: pd.DataFrame, *, labels: tuple[str, ...] = ("PERSON",)) -> dict[str, str]:
    """Corpus-level merges of short names into full ones: {"Assad": "Bashar al-Assad"}.

    Within an article the kit already resolves "Assad" to Bashar al-Assad when the full name appears; an article
    that only says "Assad" keeps "Assad". Across a corpus, a name is merged into a longer canonical name of the
    same label when its words end that name and it ends exactly one such name (so "Abdel Rahman" goes to "Rami
    Abdel Rahman" only if no other Abdel Rahman is named)."""
    names = entities.loc[entities["label"].isin(labels), ["canonical", "label"]].drop_duplicates()
    merges: dict[str, str] = {}
    for _label, group in names.groupby("label"):
        words = {name: _name_words(name) for name in group["canonical"]}
        for short, short_words in words.items():
            if not short_words:
                continue
            longer = [name for name, w in words.items()
                      if len(w) > len(short_words) and w[-len(short_words):] == short_words]
            if len(longer) == 1:
                merges[short] = longer[0]
    return dict(sorted(merges.items()))


def merge_names(frame: pd.DataFrame, merges: dict[str, str], *, column: str = "canonical") -> pd.DataFrame:
    """A copy of `frame` with `column` renamed per `merges` (see `name_merges`); the article's own name is
    kept in `<column>_in_article`."""
    out = frame.copy()
    out[f"{column}_in_article"] = out[column]
    out[column] = out[column].map(lambda name: merges.get(name, name) if isinstance(name, str) else name)
    return out.astype({column: frame[column].dtype})


def entity_summary(entities: pd.DataFrame) -> pd.DataFrame:
    """One row per entity (doc_id, canonical): label, mentions, aliases as written, first offset, lat/lon."""
    if entities.empty:
        return pd.DataFrame(columns=["doc_id", "canonical", "label", "mentions", "aliases", "first_char", "lat", "lon"])
    grouped = entities.groupby(["doc_id", "canonical"], sort=False)
    summary = grouped.agg(
        label=("label", "first"), mentions=("text", "size"),
        aliases=("text", lambda s: " | ".join(sorted({t for t in s}))), first_char=("start_char", "min"),
    ).reset_index()
    countries = _countries(entities)
    coords = [_coordinates(c, lab, countries.get(d, set()))
              for d, c, lab in zip(summary["doc_id"], summary["canonical"], summary["label"])]
    summary["lat"] = [c[0] for c in coords]
    summary["lon"] = [c[1] for c in coords]
    return summary.sort_values(["doc_id", "mentions", "first_char"], ascending=[True, False, True],
                               kind="stable").reset_index(drop=True)


def cooccurrence(entities: pd.DataFrame, *, labels: tuple[str, ...] = ("PERSON", "ORG"), top: int = 12) -> pd.DataFrame:
    """How often two actors are named in the same sentence (symmetric matrix of the `top` most mentioned)."""
    actors = entities[entities["label"].isin(labels)]
    names = actors["canonical"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(top).index
    matrix = pd.DataFrame(0, index=names, columns=names, dtype="int64")
    for _, sentence in actors[actors["canonical"].isin(names)].groupby(["doc_id", "sent_id"]):
        present = sorted(set(sentence["canonical"]))
        for a, b in combinations(present, 2):
            matrix.loc[a, b] += 1
            matrix.loc[b, a] += 1
    return matrix


def claims_by_source(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per speaker and status (columns: the statuses found), most quoted first."""
    table = pd.crosstab(claims["speaker"], claims["status"])
    order = table.sum(axis=1).sort_index().sort_values(ascending=False, kind="stable").index
    return table.loc[order]


def outcome_by_class(casualties: pd.DataFrame) -> pd.DataFrame:
    """Number of figures per outcome and victim class."""
    return pd.crosstab(casualties["outcome"], casualties["victim_class"])


def who_reports_what(casualties: pd.DataFrame) -> pd.DataFrame:
    """Per reporting source: how many figures, of which outcomes, and the largest killed figure it gave."""
    frame = casualties.assign(source=casualties["source"].fillna("(the outlet itself)"))
    counts = pd.crosstab(frame["source"], frame["outcome"])
    killed = frame[frame["outcome"] == "killed"]
    counts["largest killed (best or low)"] = killed.assign(n=killed["best"].fillna(killed["low"])).groupby("source")["n"].max()
    counts["statuses"] = frame.groupby("source")["status"].agg(lambda s: ", ".join(sorted(set(s))))
    return counts.sort_index()


WAR_TOTAL = 100_000  # a killed figure this large is a war's running total, not an event's toll


def event_killed(casualties: pd.DataFrame) -> pd.DataFrame:
    """Killed figures of events: not parts of another figure, not war-long tolls ("since the conflict began",
    or any figure of 100,000 or more, which only wars and famines reach)."""
    from .extract.figure_context import WAR_LONG

    killed = casualties[(casualties["outcome"] == "killed") & casualties["part_of"].isna()]
    war_long = killed["evidence"].fillna("").map(lambda text: WAR_LONG.search(text) is not None).astype(bool)
    huge = killed["best"].fillna(killed["low"]).fillna(0).astype("int64") >= WAR_TOTAL
    return killed[~(war_long | huge)]


def largest_killed(casualties: pd.DataFrame, *, include_cumulative: bool = False) -> pd.Series:
    """Per article, the largest killed figure (best, else low), leaving out parts and war-long tolls
    (an event's running death toll stays in)."""
    if include_cumulative:
        killed = casualties[(casualties["outcome"] == "killed") & casualties["part_of"].isna()]
    else:
        killed = event_killed(casualties)
    values = killed["best"].fillna(killed["low"]).dropna()
    return values.groupby(killed.loc[values.index, "doc_id"]).max().astype("Int64")


def crowd_comparison(casualties: pd.DataFrame, articles: pd.DataFrame, crowd: pd.DataFrame) -> pd.DataFrame:
    """The kit's largest killed figure per article beside FA-KES's crowd counts (nb_civilians + nb_noncivilians).

    `crowd` has doc_id and the nb_* columns. `agree` is exact equality; `within_10pct` allows ±10%.
    """
    total = pd.to_numeric(crowd["nb_civilians"], errors="coerce") + pd.to_numeric(crowd["nb_noncivilians"], errors="coerce")
    out = pd.DataFrame({"doc_id": crowd["doc_id"].astype("string"), "crowd_killed": total.astype("Int64")})
    kit_values = largest_killed(casualties)
    out["kit_killed"] = out["doc_id"].map(kit_values).astype("Int64")
    both = out["kit_killed"].notna() & out["crowd_killed"].notna()
    out["agree"] = both & (out["kit_killed"] == out["crowd_killed"])
    diff = (out["kit_killed"] - out["crowd_killed"]).abs()
    out["within_10pct"] = both & (diff <= 0.1 * out["crowd_killed"])
    return out.sort_values("doc_id").reset_index(drop=True)


def figures_by(casualties: pd.DataFrame, articles: pd.DataFrame, by: str) -> pd.DataFrame:
    """Killed figures (count, sum of best-or-low) per outlet, place or other article/figure column."""
    killed = event_killed(casualties).merge(articles[["doc_id", "outlet", "published"]], on="doc_id", how="left")
    killed = killed.assign(n=killed["best"].fillna(killed["low"]))
    table = killed.groupby(by, dropna=True).agg(figures=("n", "size"), killed_sum=("n", "sum"), articles=("doc_id", "nunique"))
    return table.sort_values(["killed_sum", "figures"], ascending=False, kind="stable")


def killed_by_status(casualties: pd.DataFrame, articles: pd.DataFrame, by: str, *, top: int = 10) -> pd.DataFrame:
    """People reported killed in event figures per `by` (outlet, location, source), one column per claim status,
    largest total first (`top` rows)."""
    killed = event_killed(casualties).merge(articles[["doc_id", "outlet", "published"]], on="doc_id", how="left")
    killed = killed.assign(n=killed["best"].fillna(killed["low"]).astype("Float64"),
                           status=killed["status"].fillna("reported")).dropna(subset=["n", by])
    table = killed.pivot_table(index=by, columns="status", values="n", aggfunc="sum", fill_value=0, observed=True)
    table = table[[s for s in STATUSES if s in table.columns]].astype("int64")
    order = table.sum(axis=1).sort_index().sort_values(ascending=False, kind="stable").index[:top]
    return table.loc[order]


def deaths_timeline(casualties: pd.DataFrame, articles: pd.DataFrame, *, freq: str = "MS") -> pd.DataFrame:
    """Killed figures reported per period (by publication date): sum of the largest figure per article."""
    largest = largest_killed(casualties).rename("killed").reset_index()
    dates = articles[["doc_id", "published"]].assign(date=pd.to_datetime(articles["published"].str[:10], errors="coerce"))
    merged = largest.merge(dates[["doc_id", "date"]], on="doc_id").dropna(subset=["date"])
    if merged.empty:
        return pd.DataFrame(columns=["date", "killed", "articles"])
    grouped = merged.groupby(pd.Grouper(key="date", freq=freq)).agg(killed=("killed", "sum"), articles=("doc_id", "size"))
    return grouped[grouped["articles"] > 0].reset_index()


def disagreements(casualties: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The same place and date reported with different killed figures by different outlets."""
    killed = event_killed(casualties)
    killed = killed[killed["location"].notna()].merge(articles[["doc_id", "outlet", "published"]], on="doc_id", how="left")
    killed = killed.assign(date=killed["published"].str[:10], n=killed["best"].fillna(killed["low"])).dropna(subset=["n", "date"])
    rows = []
    for (place, date), group in killed.groupby(["location", "date"]):
        per_outlet = group.groupby("outlet")["n"].max()
        if len(per_outlet) > 1 and per_outlet.nunique() > 1:
            rows.append({"location": place, "date": date, "outlets": len(per_outlet),
                         "figures": "; ".join(f"{o}: {int(v)}" for o, v in per_outlet.sort_index().items()),
                         "low": int(per_outlet.min()), "high": int(per_outlet.max())})
    out = pd.DataFrame(rows, columns=["location", "date", "outlets", "figures", "low", "high"])
    return out.sort_values(["date", "location"]).reset_index(drop=True)


def incident_killed_by(incidents: pd.DataFrame, reports: pd.DataFrame, by: str, *, top: int = 10) -> pd.DataFrame:
    """People reported killed per `by`, each incident counted once, one column per claim status, largest first.

    By an incident column (place, admin1, country, event_kind): the sum of the incidents' best figures, stacked by
    the status of the report that gives each best. By `outlet` (or another report column): per outlet, the sum of
    its own figure for each incident it reported (its largest, if it gave several), stacked by that figure's status.
    Incidents are killed incidents (`kit.incidents`); no figure is counted twice."""
    killed = incidents[incidents["outcome"] == "killed"]
    if by in killed.columns:
        rows = killed.assign(n=killed["best"].astype("Float64"), status=killed["status"].fillna("reported"))
        rows = rows.dropna(subset=["n", by])
    else:
        mine = reports[reports["incident_id"].isin(killed["incident_id"])]
        mine = mine.assign(n=mine["best"].fillna(mine["low"]).astype("Float64"), status=mine["status"].fillna("reported"))
        mine = mine.dropna(subset=["n", by]).sort_values(["incident_id", by, "n"], ascending=[True, True, False],
                                                         kind="stable")
        rows = mine.drop_duplicates(["incident_id", by])
    if rows.empty:
        return pd.DataFrame(columns=[s for s in STATUSES])
    table = rows.pivot_table(index=by, columns="status", values="n", aggfunc="sum", fill_value=0, observed=True)
    table = table[[s for s in STATUSES if s in table.columns]].astype("int64")
    order = table.sum(axis=1).sort_index().sort_values(ascending=False, kind="stable").index[:top]
    return table.loc[order]


def incident_timeline(incidents: pd.DataFrame, *, freq: str = "MS") -> pd.DataFrame:
    """People reported killed per period of the incidents' first day: the sum of killed incidents' best figures,
    and how many incidents (each incident once, whatever the number of articles about it)."""
    killed = incidents[(incidents["outcome"] == "killed") & incidents["best"].notna()]
    dates = pd.to_datetime(killed["date_start"], errors="coerce")
    frame = pd.DataFrame({"date": dates, "killed": killed["best"].astype("int64"), "incidents": 1}).dropna(subset=["date"])
    if frame.empty:
        return pd.DataFrame(columns=["date", "killed", "incidents"])
    grouped = frame.groupby(pd.Grouper(key="date", freq=freq)).agg(killed=("killed", "sum"), incidents=("incidents", "sum"))
    return grouped[grouped["incidents"] > 0].reset_index()


def largest_disagreements(incidents: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """Incidents with two or more reports that give numbers, largest spread (highest / lowest) first."""
    columns = ["incident_id", "date_start", "place", "outcome", "low", "best", "high", "spread", "n_sources", "reports"]
    rows = incidents.dropna(subset=["spread"])
    return rows.sort_values(["spread", "n_sources", "incident_id"], ascending=[False, False, True],
                            kind="stable")[columns].head(top).reset_index(drop=True)
