"""The matching rules: one answer key against one article's predicted rows → tp/fp/fn and the misses and extras.

A faithful port of the project's shared scorer (`shared/eval/score.py`): the same rules give the same figures on the
same input (tests/test_evaluate_equivalence.py checks it). Rows are plain dicts of strings, as a CSV reader gives
them; empty cells are "". Every function is pure: it adds to the `Tally` it is given and touches nothing else.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["TABLES", "Tally", "norm", "coarse", "words", "overlap", "num", "with_aliases", "same_speaker",
           "score_body", "score_entities", "score_claims", "score_casualties", "casualty_checks", "same_figure",
           "score_article"]

TABLES = ("body", "entities", "claims", "claim_status", "casualties", "casualty_attrs")
PLACE = {"GPE", "LOC", "FAC"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "his", "its", "their"}
EMPTY = ("", "nan", "None", "<NA>")


def norm(s: object) -> str:
    """Lower case, NFKC, curly apostrophe → straight, no possessive 's, no leading article, no edge punctuation."""
    s = unicodedata.normalize("NFKC", str(s or "")).replace("\u2019", "'").lower()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"^(the|a|an)\s+", "", s.strip())
    return re.sub(r"\s+", " ", s).strip(" .,;:\"'“”")


def coarse(label: str | None) -> str:
    """GPE, LOC and FAC are one class, PLACE; other labels stand as they are (upper case)."""
    label = (label or "").upper()
    return "PLACE" if label in PLACE else label


def words(s: str | None) -> set[str]:
    """The set of lower-case alphanumeric words of the normalised string."""
    return set(re.findall(r"[a-z0-9]+", norm(s)))


def overlap(gold: str | None, pred: str | None) -> float:
    """Share of the gold string's words that the predicted string has (0 when gold has none)."""
    g, p = words(gold), words(pred)
    return len(g & p) / len(g) if g else 0.0


def num(x: object) -> float | None:
    """A cell as a number; empty cells and text that is no number give None."""
    try:
        return float(x) if str(x).strip() not in EMPTY else None  # type: ignore[arg-type]
    except ValueError:
        return None


@dataclass
class Tally:
    """True positives, false positives, false negatives, and what was missed or extra (one line each)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1 (0.0 where undefined)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def add(self, other: "Tally") -> None:
        """Add another tally's counts, misses and extras to this one."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.misses.extend(other.misses)
        self.extras.extend(other.extras)


def score_entities(gold: dict, rows: list[dict], t: Tally) -> None:
    """Entities: a row finds a key entity by its normalised canonical name or text (canonical, mention or alias)
    and the same coarse label. Each key entity counts once; each unmatched (name, label) once, unless tolerated."""
    names: dict[str, str] = {}
    for e in gold["entities"]:
        for n in [e["canonical"], *e.get("mentions", []), *e.get("aliases", [])]:
            names[norm(n)] = e["canonical"]
    tolerated = {norm(n) for n in gold.get("tolerated_entities", [])}
    wanted = {e["canonical"]: coarse(e["label"]) for e in gold["entities"]}
    found: set[str] = set()
    seen_extra: set[tuple[str, str]] = set()
    for r in rows:
        lab = coarse(r.get("label", ""))
        if lab not in {"PERSON", "ORG", "PLACE"}:
            continue
        key = norm(r.get("canonical") or r.get("text"))
        hit = names.get(key) or names.get(norm(r.get("text")))
        if hit and wanted[hit] == lab:
            found.add(hit)
        elif key not in tolerated and norm(r.get("text")) not in tolerated and (key, lab) not in seen_extra:
            seen_extra.add((key, lab))
            t.fp += 1
            t.extras.append(f"{r.get('canonical') or r.get('text')} [{lab}]")
    t.tp += len(found)
    for c in wanted:
        if c not in found:
            t.fn += 1
            t.misses.append(c)


def with_aliases(gold: dict, names: set[str]) -> set[str]:
    """The names plus every other name the key gives the same entity (canonical, mentions, aliases)."""
    out = set(names)
    wanted = {norm(n) for n in names if n}
    for e in gold.get("entities", []):
        group = [e["canonical"], *e.get("mentions", []), *e.get("aliases", [])]
        if wanted & {norm(n) for n in group}:
            out |= set(group)
    return out


def same_speaker(gold_names: set[str], pred_names: set[str]) -> bool:
    """Names match when one's words contain the other's (pronouns alone never match)."""
    for g in gold_names:
        gw = words(g)
        if not gw or gw <= PRONOUNS:
            continue
        for p in pred_names:
            pw = words(p)
            if pw and not pw <= PRONOUNS and (gw <= pw or pw <= gw):
                return True
    return False


def score_claims(gold: dict, rows: list[dict], t: Tally, status: Tally) -> None:
    """Claims, greedily in key order (owed before optional): the unused row of the same speaker whose content has
    the most of the key content's words, at least half. `status` scores reported vs. any weaker grade."""
    used: set[int] = set()
    for g in sorted(gold["claims"], key=lambda g: bool(g.get("optional"))):
        speakers = with_aliases(gold, {g["speaker"], g.get("speaker_text", ""), *g.get("co_speakers", [])})
        best, best_overlap = None, 0.5
        for i, r in enumerate(rows):
            if i in used or not same_speaker(speakers, {r.get("speaker", ""), r.get("speaker_text", "")}):
                continue
            o = overlap(g["content"], r.get("content", ""))
            if o >= best_overlap:
                best, best_overlap = i, o
        if best is None:
            if not g.get("optional"):
                t.fn += 1
                t.misses.append(f"{g['speaker']} {g['cue']}: {g['content'][:60]}")
        elif g.get("optional"):
            used.add(best)
        else:
            used.add(best)
            t.tp += 1
            want = g.get("status", "reported")
            got = norm(rows[best].get("status", "reported")) or "reported"
            if (want == "reported") == (got == "reported"):
                status.tp += 1
            else:
                status.fn += 1
                status.misses.append(f"{g['speaker']}: want {want}, got {got}")
    for i, r in enumerate(rows):
        if i not in used:
            t.fp += 1
            t.extras.append(f"{r.get('speaker')} {r.get('cue')}: {str(r.get('content'))[:60]}")


def casualty_checks(g: dict, r: dict, gold: dict | None = None) -> dict[str, bool]:
    """The attributes scored on a matched figure: victim class, low, high and source (by word overlap >= 0.5)."""
    sources = with_aliases(gold or {}, {g["source"]}) if g["source"] else set()
    return {
        "victim_class": norm(r.get("victim_class")) == norm(g["victim_class"]),
        "low": num(r.get("low")) == g["low"],
        "high": num(r.get("high")) == g["high"],
        "source": (not g["source"] and not r.get("source"))
        or any(overlap(n, r.get("source", "")) >= 0.5 for n in sources),
    }


def same_figure(g: dict, r: dict) -> bool:
    """The same number: `best` where the key has one, else the range's bounds ("between 384 and 807")."""
    if g["best"] is not None:
        return num(r.get("best")) == g["best"]
    bounds = (num(r.get("low")), num(r.get("best")), num(r.get("high")))
    if (g["low"], g["high"]) != (None, None):
        return bounds == (g["low"], None, g["high"])
    # a vague figure ("dozens"): no number on either side, the same words as evidence
    return bounds == (None, None, None) and overlap(g.get("evidence", ""), r.get("evidence", "")) >= 0.5


def score_casualties(gold: dict, rows: list[dict], t: Tally, attrs: Tally) -> None:
    """Casualty figures by outcome and number; among candidates, the row that agrees best with the key's attributes
    and evidence. `attrs` counts the attributes of each matched owed figure (casualty_checks)."""
    used: set[int] = set()
    for g in sorted(gold["casualties"], key=lambda g: bool(g.get("optional"))):
        candidates = [
            (sum(casualty_checks(g, r, gold).values()) + overlap(g.get("evidence", ""), r.get("evidence", "")), i)
            for i, r in enumerate(rows)
            if i not in used and norm(r.get("outcome")) == g["outcome"] and same_figure(g, r)
        ]
        hit = max(candidates)[1] if candidates else None
        if hit is None:
            if not g.get("optional"):
                t.fn += 1
                t.misses.append(f"{g['outcome']} {g['best']} {g['victims']}")
            continue
        used.add(hit)
        if g.get("optional"):
            continue
        t.tp += 1
        for name, ok in casualty_checks(g, rows[hit], gold).items():
            if ok:
                attrs.tp += 1
            else:
                attrs.fn += 1
                got = rows[hit].get(name)
                attrs.misses.append(f"{g['outcome']} {g['best']}: {name} want {g.get(name)!r} got {got!r}")
    for i, r in enumerate(rows):
        if i not in used:
            t.fp += 1
            t.extras.append(f"{r.get('outcome')} {r.get('best')} {r.get('victims')}: {r.get('evidence')}")


def score_body(gold: dict, art: dict | None, t: Tally) -> None:
    """The body: its first and last sentences kept (tp, else fn); each must_exclude line kept as a whole (fp)."""
    text = norm(art.get("text", "")) if art else ""
    body = gold.get("body", {})
    for snippet in [body.get("starts"), body.get("ends")]:
        if snippet:
            ok = norm(snippet) in text
            t.tp += ok
            t.fn += not ok
            if not ok:
                t.misses.append(f"body lost: {snippet}")
    for snippet in body.get("must_exclude", []):
        bad = re.search(r"(?<!\w)" + re.escape(norm(snippet)) + r"(?!\w)", text) is not None
        t.fp += bad
        if bad:
            t.extras.append(f"boilerplate kept: {snippet}")


def score_article(gold: dict, rows: dict[str, list[dict]]) -> dict[str, Tally]:
    """All six tallies for one key, given its article's rows per table (articles, entities, claims, casualties)."""
    tallies = {name: Tally() for name in TABLES}
    articles = rows.get("articles", [])
    score_body(gold, articles[0] if articles else None, tallies["body"])
    score_entities(gold, rows.get("entities", []), tallies["entities"])
    score_claims(gold, rows.get("claims", []), tallies["claims"], tallies["claim_status"])
    score_casualties(gold, rows.get("casualties", []), tallies["casualties"], tallies["casualty_attrs"])
    return tallies
