"""Figures, not mentions, within one article: the repeated mentions of one figure share a `figure_id`, parts point
at their total (in either order of the text), and tallies over a period are told apart from event figures.

An article that says "85 civilians" in its headline, its first paragraph and a quoted line gives three rows of
the casualties table and one figure: the rows share `figure_id`, `mention` numbers them in text order (0 is the
figure's first mention, whose sentence is the figure's evidence) and `n_mentions` counts them. Mentions are one
figure when they give the same outcome and number (or the same vague word), compatible victims, place and time,
in different sentences. "7 killed" in a headline and "three soldiers … four civilians" in the body: the parts
point at the total (`part_of`, and the total lists them in `parts`). A tally over a period ("since 2011", "so far
this year", "over the past month", any figure of 100,000 or more) has `scope` "period" and is `cumulative`; an
event's updated toll ("the death toll rose to 40") stays an event figure but is `cumulative`. Sums never take
cumulative figures, parts, or any mention but the first.

Each figure also gets the place and days of its event, for grouping figures of many articles into incidents
(`kit.incidents`): `place` (the most specific place its mentions name; an "X-based" organisation's base is never
the event's place; a figure that names none takes the one place its headline and lede name) with `place_kind`,
`admin1`, `country`, `latitude`, `longitude`; and `date_start`/`date_end` from the publication date and the time
words of the figure's sentence, else of the headline and lede (`date_from`: figure, article or published).
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import pandas as pd

from .event_dates import Window, default_window, event_window, first_window, publication_date, time_expressions
from .lexicons import data_text
from .places import Place, place, same_place

__all__ = ["FIGURE_COLUMNS", "WAR_TOTAL", "figures", "mark_figures", "victims_compatible"]

FIGURE_COLUMNS = ["mention", "n_mentions", "parts", "scope", "place", "place_kind", "admin1", "country",
                  "latitude", "longitude", "date_start", "date_end", "date_from"]
WAR_TOTAL = 100_000  # a figure this large is a war's (or a famine's) running total, never one event's toll
_PERIOD_DAYS = 8  # a figure whose own time words span more days than this is a tally over a period
_SAME_SENTENCE_GAP = 100  # characters between two mentions of one figure in one (run-on) sentence
_LEDE_CHARS = 500  # headline, standfirst and first paragraph: where an article states its event's place and day
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Victim classes that are kinds of civilians: "12 civilians" and "5 children" can be one group of people.
_CIVILIAN = {"civilians", "children", "women", "journalists", "aid workers"}
_SUPERLATIVE = re.compile(r"\b(deadliest|worst|bloodiest|biggest|largest|heaviest|highest|first|most|fiercest|"
                          r"lowest|strongest)\b[^.;]{0,40}$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
_PERIOD_WORDS = re.compile(r"\b(so far (this|in)|this year|last year|to date|since the (start|beginning|outbreak)|"
                           r"(over|during|in|within) the (past|last|previous) (\w+ )?(weeks|months|years|month|year))\b",
                           re.IGNORECASE)
# a war's or a campaign's toll: "killed in the war", "a month of infighting has killed", "since then"
_WAR_WORDS = re.compile(r"\b((in|during|throughout|of) (the|this|its|[A-Z][a-z]+'?s) ([a-z]+ )?(?-i:war|conflict|uprising|revolution)\b|"
                        r"(a|one|two|three|four|five|six|several|many|\d+) (weeks?|months?|years?) of \w+|since then\b)",
                        re.IGNORECASE)
_HUGE = {"thousands", "millions"}  # "thousands killed", "hundreds of thousands": a war's toll, not an event's
_LOCATIVE_BEFORE = re.compile(r"\b(in|on|at|near|of|to|from|into|outside|around|across)\s+(the\s+)?$", re.IGNORECASE)
_AMONG_TOTAL = re.compile(r"^\W*(?:were|was|are|is)?\s*(?:also\s+|reportedly\s+)?among\s+(?:the|those|them)?\b", re.IGNORECASE)


def _number(value: Any) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        if value != value:  # NaN
            return None
        return int(value)
    except (TypeError, ValueError):
        return None


def victims_compatible(a: str | None, b: str | None) -> bool:
    """Two victim classes can describe the same people: equal, one unknown, or kinds of civilians."""
    a, b = a or "unknown", b or "unknown"
    return a == b or "unknown" in (a, b) or (a in _CIVILIAN and b in _CIVILIAN and "civilians" in (a, b))


@lru_cache(maxsize=1)
def _not_event_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns of `data/place_not_event.txt`: what follows a place that names no event's place."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in data_text("place_not_event.txt").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            continue
        sections.setdefault(current, []).append(re.escape(line))
    after = re.compile(rf"\s?[-‐‑–]\s?(?:{'|'.join(sections['after-hyphen'])})\b|\s(?:based|led|backed)\b", re.IGNORECASE)
    actor = re.compile(rf"\s(?:{'|'.join(sections['actor-nouns'])})\b", re.IGNORECASE)
    return after, actor


def _names_no_event(text: str, mention: dict) -> bool:
    """The place names no event: an organisation's base or backer ("Britain-based", "US-led", "Iran-backed"), a
    country as an actor ("US air strikes"), or a dateline (where the reporter files: "BEIRUT (AP) —")."""
    start, end = int(mention["start_char"]), int(mention["end_char"])
    after, actor = _not_event_words()
    if after.match(text, end):
        return True
    if mention.get("kind") == "country" and actor.match(text, end):
        return True
    if _speaks().match(text, end) and not _LOCATIVE_BEFORE.search(text[max(0, start - 12) : start]):
        return True  # "the United States said", "Damascus has denied": a government speaking, not a place
    written = text[start:end]
    return written.isupper() and (len(written) >= 5 or text[end : end + 2] == " (")


class _Row:
    """One mention with what the grouping needs."""

    __slots__ = ("cluster", "data", "index", "own_window", "place", "scope", "value")

    def __init__(self, data: dict, index: int) -> None:
        self.data, self.index = data, index
        low, best, high = (_number(data.get(k)) for k in ("low", "best", "high"))
        self.value = best if best is not None else low if low is not None else high
        self.cluster = -1

    @property
    def vague(self) -> bool:
        return self.value is None


def _sentence_span(text: str, row: dict) -> tuple[int, int]:
    """Offsets of the row's sentence (its `evidence`) in the article text."""
    evidence = row.get("evidence") or ""
    start = int(row["start_char"])
    if evidence:
        at = text.find(evidence, max(0, start - len(evidence)), start + len(evidence))
        if at != -1 and at <= start:
            return at, at + len(evidence)
    return start, int(row["end_char"])


def _scope(text: str, row: dict, span: tuple[int, int], value: int | None, window: Window | None) -> str:
    """"period" for a tally over a period or a war, else "event"."""
    from .extract.figure_context import WAR_LONG

    sentence = text[span[0] : span[1]]
    if value is not None and value >= WAR_TOTAL:
        return "period"
    if WAR_LONG.search(sentence):
        return "period"
    if window is not None and window.days > _PERIOD_DAYS:
        return "period"
    start, end = int(row["start_char"]), int(row["end_char"])
    near = text[max(span[0], start - 50) : min(span[1], end + 80)]
    if _PERIOD_WORDS.search(near) or _WAR_WORDS.search(near):
        return "period"
    if (value is None and row.get("outcome") in {"killed", "wounded", "killed_or_wounded"}
            and any(word in (row.get("qualifier") or "").lower() for word in _HUGE)):
        return "period"
    for match in _SINCE.finditer(near):
        before = near[: match.start()]
        if not _SUPERLATIVE.search(before):
            return "period"
    return "event"


def _place_of(row: dict, text: str, mentions: list[dict], countries: tuple[str, ...]) -> Place:
    """The figure's place: its `location` unless that is only an "X-based" base in the sentence, then the nearest
    other place of the sentence."""
    location = row.get("location")
    if not isinstance(location, str) or not location:
        return Place("")
    sentence = [m for m in mentions if m.get("sent_id") == row.get("sent_id") and m.get("label") in _PLACE_LABELS]
    named = [m for m in sentence if m.get("canonical") == location]
    anchor = int(row["start_char"])
    if named and _names_no_event(text, min(named, key=lambda m: abs(int(m["start_char"]) - anchor))):
        others = [m for m in sentence if m.get("canonical") != location and not _names_no_event(text, m)]
        if not others:
            return Place("")
        specific = [m for m in others if m.get("kind") != "country"] or others
        location = min(specific, key=lambda m: abs(int(m["start_char"]) - anchor))["canonical"]
    return place(location, countries)


def _article_countries(mentions: list[dict]) -> tuple[str, ...]:
    """ISO codes of the countries an article names, and of the country most of its other places lie in."""
    named = {place(m["canonical"]).country for m in mentions if m.get("kind") == "country"}
    located = Counter(place(m["canonical"]).country for m in mentions
                      if m.get("label") in _PLACE_LABELS and m.get("kind") != "country")
    located.pop("", None)
    if located:
        named.add(min(located.items(), key=lambda kv: (-kv[1], kv[0]))[0])
    return tuple(sorted(named - {""}))


def _lede_place(text: str, mentions: list[dict], countries: tuple[str, ...]) -> Place:
    """The one place the headline and lede name (the most specific, if all they name can be one place)."""
    named = [place(m["canonical"], countries) for m in mentions
             if m.get("label") in _PLACE_LABELS and int(m["start_char"]) < _LEDE_CHARS and not _names_no_event(text, m)]
    specific = [p for p in named if p.specific]
    if not specific:
        return Place("")
    if all(same_place(a, b) for a in specific for b in specific):
        return min(specific, key=lambda p: ({"locality": 0, "area": 1, "admin1": 2}[p.level], specific.index(p)))
    return Place("")


@lru_cache(maxsize=1)
def _verb_forms() -> str:
    """The reporting verbs of `data/cues.csv`, inflected, as one regular-expression alternation."""
    from .lexicons import cue_lexicon

    irregular = {"say": "said", "tell": "told", "write": "wrote", "speak": "spoke", "give": "gave"}
    forms: set[str] = set()
    for verb in cue_lexicon().verbs:
        forms |= {verb, verb + "s", verb + "ed", verb + "d", irregular.get(verb, verb)}
    return "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))


@lru_cache(maxsize=1)
def _said() -> re.Pattern[str]:
    """A reporting verb just before a time word: "said on Tuesday" dates the statement, not the event."""
    return re.compile(rf"\b(?:according to|{_verb_forms()})\s+(?:\w+\s+)?(?:on\s+|late\s+|early\s+)?$",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _speaks() -> re.Pattern[str]:
    """A reporting verb right after a name: the name is a speaker ("Washington says")."""
    return re.compile(rf"\s+(?:has\s+|have\s+|had\s+|also\s+|repeatedly\s+)*(?:{_verb_forms()})\b", re.IGNORECASE)


def _own_window(data: dict, text: str, span: tuple[int, int], published: date | None) -> Window | None:
    """The days the figure's own sentence gives: its `period`, else the time words of its sentence nearest to it.
    A time of saying ("the monitor said on Tuesday") only bounds the event from above: up to two days before."""
    sentence = text[span[0] : span[1]]
    period = data.get("period")
    window = event_window(period, published) if isinstance(period, str) and period else None
    at = sentence.lower().find(period.lower()) if window is not None else -1
    if window is None:
        found = time_expressions(sentence, published)
        if not found:
            return None
        anchor = int(data["start_char"]) - span[0]
        at, _, window = min(found, key=lambda f: (abs(f[0] - anchor), f[0]))
        if window.days > 1 and "since" in sentence[max(0, at - 8) : at].lower():
            window = Window(window.start, published or window.end, "since " + window.words)
    if at > 0 and _said().search(sentence[:at]):
        return Window(window.start - timedelta(days=2), window.end, window.words)
    return window


def _same_figure(a: _Row, b: _Row) -> bool:
    da, db = a.data, b.data
    if da.get("outcome") != db.get("outcome"):
        return False
    if da.get("sent_id") == db.get("sent_id") and abs(int(da["start_char"]) - int(db["start_char"])) < _SAME_SENTENCE_GAP:
        return False  # one sentence gives two figures of one number for two groups, unless it runs on for lines
    if a.vague != b.vague:
        return False
    if a.vague:
        same_word = (da.get("qualifier") or "").lower() == (db.get("qualifier") or "").lower()
        if not same_word or (da.get("victims") or "").lower() != (db.get("victims") or "").lower():
            return False
    elif a.value != b.value:
        return False
    if not victims_compatible(da.get("victim_class"), db.get("victim_class")):
        return False
    if a.place.kind and b.place.kind and not same_place(a.place, b.place, countries=True):
        return False  # a place the gazetteer does not know is no evidence either way
    if a.own_window is not None and b.own_window is not None and not a.own_window.overlaps(b.own_window):
        return False
    return True


def _parent_ids(rows: list[_Row]) -> dict[int, int]:
    """Extractor figure_id → cluster of that figure."""
    return {_number(r.data.get("figure_id")): r.cluster for r in rows if _number(r.data.get("figure_id")) is not None}


def _sum_parts(clusters: list[list[_Row]], part_of: dict[int, int], scope: dict[int, str]) -> None:
    """A total and, near one another, two or more figures of its outcome that add up to it exactly: parts."""
    def first(c: int) -> _Row:
        return clusters[c][0]

    heads = [c for c in range(len(clusters)) if c not in part_of and scope[c] == "event" and first(c).value]
    has_parts = set(part_of.values())
    for total in heads:
        if total in has_parts:
            continue
        outcome, value = first(total).data.get("outcome"), first(total).value
        # candidates in text order of their first mention: same outcome, not a part, not the total
        run = [c for c in heads if c != total and c not in part_of and c not in has_parts
               and first(c).data.get("outcome") == outcome and first(c).value < value]
        run.sort(key=lambda c: first(c).index)
        for i in range(len(run)):
            acc = 0
            for j in range(i, len(run)):
                acc += first(run[j]).value
                sentences = [_number(first(c).data.get("sent_id")) or 0 for c in run[i : j + 1]]
                if max(sentences) - min(sentences) > 1 or acc > value:
                    break
                if acc == value and j > i:
                    for c in run[i : j + 1]:
                        part_of[c] = total
                    has_parts.add(total)
                    break
            if total in has_parts:
                break


def mark_figures(rows: list[dict], *, text: str, published: object = None, mentions: list[dict] | None = None) -> list[dict]:
    """The casualty rows of one article with figure columns: `figure_id` shared by the mentions of one figure,
    `mention`, `n_mentions`, `part_of`/`parts`, `cumulative`, `scope`, the event's place and days (FIGURE_COLUMNS).

    `rows` are the article's casualty rows (contract columns, with `sent_id`); `mentions` its entity rows."""
    if not rows:
        return []
    mentions = mentions or []
    published_day: date | None = publication_date(published)
    countries = _article_countries(mentions)
    ordered = sorted((dict(r) for r in rows), key=lambda r: (int(r["start_char"]), int(r["end_char"])))
    lede_place: Place | None = None
    items = [_Row(r, i) for i, r in enumerate(ordered)]
    for item in items:
        data = item.data
        span = _sentence_span(text, data)
        item.own_window = _own_window(data, text, span, published_day)
        item.place = _place_of(data, text, mentions, countries)
        item.scope = _scope(text, data, span, item.value, item.own_window)

    clusters: list[list[_Row]] = []
    for item in items:
        for number, members in enumerate(clusters):
            if all(_same_figure(item, other) for other in members):
                members.append(item)
                item.cluster = number
                break
        else:
            item.cluster = len(clusters)
            clusters.append([item])

    old_to_cluster = _parent_ids(items)
    part_of: dict[int, int] = {}
    for number, members in enumerate(clusters):
        for member in members:
            parent = old_to_cluster.get(_number(member.data.get("part_of")))
            if parent is not None and parent != number:
                part_of[number] = parent
                break
    for item, following in zip(items, items[1:]):  # "68 children were among the 126 people killed"
        if item.cluster in part_of or following.data.get("sent_id") != item.data.get("sent_id"):
            continue
        victims = item.data.get("victims") or ""
        at = text.find(victims, int(item.data["start_char"]), int(item.data["end_char"])) if victims else -1
        end = at + len(victims) if at != -1 else int(item.data["end_char"])
        between = text[end : int(following.data["start_char"])]
        if (_AMONG_TOTAL.match(between) and item.value and following.value and following.value > item.value
                and following.cluster != item.cluster and following.cluster not in part_of):
            part_of[item.cluster] = following.cluster
    scope = {n: ("period" if any(m.scope == "period" for m in members) else "event") for n, members in enumerate(clusters)}
    _sum_parts(clusters, part_of, scope)
    parts: dict[int, list[int]] = {}
    for child, parent in sorted(part_of.items()):
        parts.setdefault(parent, []).append(child)

    # the article's day: that of its first figure whose own words date it to a day or two, else the lede's
    lede_window = next((w for members in clusters for w in [_figure_window([m.own_window for m in members
                                                                            if m.own_window], None, None)[0]]
                        if w is not None and w.days <= 2), None) or first_window(text[:_LEDE_CHARS], published_day)
    if lede_window is not None and lede_window.days > _PERIOD_DAYS:
        lede_window = None  # "in 2011" in a lede dates the story's background, not its event
    out: list[dict] = []
    for number, members in enumerate(clusters):
        where = _figure_place(members)
        if not where.specific and scope[number] == "event":  # a war's toll is no event's, nor of the lede's place
            if lede_place is None:
                lede_place = _lede_place(text, mentions, countries)
            if lede_place.specific and (not where.name or same_place(where, lede_place, countries=True)):
                where = lede_place
        windows = [m.own_window for m in members if m.own_window is not None]
        window, date_from = _figure_window(windows, lede_window, published_day)
        cumulative = scope[number] == "period" or any(bool(m.data.get("cumulative")) and m.data.get("cumulative") is not pd.NA
                                                      for m in members)
        for k, member in enumerate(members):
            data = member.data
            data.update({
                "figure_id": number, "part_of": part_of.get(number), "cumulative": cumulative,
                "mention": k, "n_mentions": len(members),
                "parts": "|".join(str(p) for p in parts[number]) if number in parts else None,
                "scope": scope[number], "place": where.name or None, "place_kind": where.kind or None,
                "admin1": where.admin1 or None, "country": where.country or None,
                "latitude": where.lat, "longitude": where.lon,
                "date_start": window.start.isoformat() if window else None,
                "date_end": window.end.isoformat() if window else None, "date_from": date_from,
            })
            out.append(data)
    return sorted(out, key=lambda r: (int(r["start_char"]), int(r["end_char"])))


def _figure_place(members: list[_Row]) -> Place:
    named = [m.place for m in members if m.place.name]
    if not named:
        return Place("")
    return min(named, key=lambda p: ({"locality": 0, "area": 1, "admin1": 2, "country": 3}[p.level], named.index(p)))


def _figure_window(windows: list[Window], lede: Window | None, published: date | None) -> tuple[Window | None, str | None]:
    if windows:
        window = windows[0]
        for other in windows[1:]:
            window = window.intersect(other) or window
        return window, "figure"
    if lede is not None:
        return lede, "article"
    if published is not None:
        return default_window(published), "published"
    return None, None


def figures(tables: Any) -> pd.DataFrame:
    """One row per figure (its first mention), from tables whose casualties carry the figure columns: the
    contract's columns of that mention, `sources` (every source its mentions name, "; "-separated), `source` and
    `status` of the first attributed mention, and `mention_spans` ("start-end" of every mention)."""
    casualties = tables.casualties if hasattr(tables, "casualties") else tables["casualties"]
    if casualties.empty:
        return casualties.assign(sources=pd.Series(dtype="string"), mention_spans=pd.Series(dtype="string"))
    spans = (casualties["start_char"].astype("string") + "-" + casualties["end_char"].astype("string"))
    grouped = casualties.assign(_span=spans).groupby(["doc_id", "figure_id"], sort=False)
    mention_spans = grouped["_span"].agg(lambda s: " ".join(s))
    sources = grouped["source"].agg(lambda s: "; ".join(dict.fromkeys(v for v in s if isinstance(v, str) and v)) or pd.NA)
    attributed = casualties[casualties["source"].notna()].drop_duplicates(["doc_id", "figure_id"]).set_index(
        ["doc_id", "figure_id"])[["source", "status"]]
    first = casualties[casualties["mention"] == 0].set_index(["doc_id", "figure_id"])
    first = first.drop(columns=["source", "status"]).join(attributed, how="left")
    first["status"] = first["status"].fillna("reported")
    first["sources"] = sources.astype("string")
    first["mention_spans"] = mention_spans.astype("string")
    columns = [c for c in casualties.columns if c not in {"doc_id", "figure_id"}] + ["sources", "mention_spans"]
    out = first.reset_index()[["doc_id", "figure_id", *columns]]
    ordered = ["doc_id", "start_char", "end_char"] + [c for c in out.columns if c not in {"doc_id", "start_char", "end_char"}]
    return out[ordered].sort_values(["doc_id", "start_char"], kind="stable").reset_index(drop=True)
