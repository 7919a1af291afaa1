"""A casualty figure's context: perpetrator, place, period, cumulative flag, and the claim that reports it."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: mentions.py reads WAR_LONG from here when building rows from a cache hit
    from spacy.tokens import Doc, Span, Token

    from .figure import Figure
    from .sentences import Sentences

__all__ = ["describe", "describe_all", "WAR_LONG"]

_PLACE = {"GPE", "LOC", "FAC"}
_TIME_PREPS = {"over", "in", "on", "since", "during", "earlier", "late", "last", "this", "within", "throughout"}
_PERPETRATOR_NOUNS = {"attack", "attacks", "airstrike", "airstrikes", "strike", "strikes", "shelling", "bombing",
                      "bombings", "blast", "explosion", "raid", "raids", "assault", "fire", "clashes", "fighting",
                      "bombardment", "ambush", "bomb", "bombs", "rocket", "rockets", "shell", "shells", "missile",
                      "missiles", "drone", "drones", "massacre", "offensive", "barrage", "bomber", "explosions"}
# Running tolls: of an event ("the death toll rose to") or of a war ("since the fighting started in 2014").
_CUMULATIVE = re.compile(
    r"\b(death toll|toll (has|had|rose|climbed|reached|stands)|in total|so far|to date|overall|cumulative)\b", re.I)
WAR_LONG = re.compile(
    r"\b(since\b[^.;]{0,60}\b(began|begun|started|erupted|broke out|beginning|start|outbreak|onset|\d{4})|"
    r"(war|conflict|uprising|revolt|rebellion|fighting|violence|crisis)\b[^.;]{0,40}\b(has|have|had) "
    r"(killed|claimed|left|taken|cost)|(war|conflict)[- ](related|long))\b", re.I)
_AGENTS = {"forces", "force", "troops", "army", "militants", "militia", "militias", "rebels", "insurgents", "gunmen",
           "bomber", "bombers", "jets", "warplanes", "aircraft", "helicopters", "drones", "soldiers", "fighters",
           "regime", "terrorists", "jihadists", "police", "snipers", "group", "coalition"}
_LOCATIVE = {"in", "on", "at", "into", "across", "inside", "near", "outside", "around"}


def _noun_phrase(head: Token) -> str:
    """The head noun with what stands before it ("Government airstrikes", "The ISIS group")."""
    return re.sub(r"\s+", " ", head.doc[head.left_edge.i : head.i + 1].text).strip(" ,")


def _agentive(token: Token) -> bool:
    return token.lower_ in _PERPETRATOR_NOUNS or token.lower_ in _AGENTS or token.ent_type_ in {"ORG", "NORP"}


def _perpetrator(doc: Doc, outcome: Token, figure: Figure, sent: Span, context: "_Context") -> str | None:
    found = _parsed_perpetrator(doc, outcome, figure, sent, context)
    if found is not None and _agentive(found):
        return _noun_phrase(found)
    first = context.first_agent(sent)  # the first attack or armed actor named before the outcome
    if first is not None and first < outcome.i:
        return _noun_phrase(doc[first])
    return _noun_phrase(found) if found is not None else None


def _parsed_perpetrator(doc: Doc, outcome: Token, figure: Figure, sent: Span, context: "_Context") -> Token | None:
    victim = set(range(figure.start, figure.end))
    verb = outcome
    for _ in range(3):
        if verb.pos_ not in {"VERB", "AUX"}:
            break
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        for child in verb.children:
            if not passive and child.dep_ == "nsubj" and child.i not in victim:
                if child.lower_ in {"that", "which", "who"} and verb.dep_ == "relcl":
                    return verb.head
                if child.pos_ != "PRON":
                    return child
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "by", "during", "from"}:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.lower_ in _PERPETRATOR_NOUNS:
                    return pobj
        if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
            verb = verb.head
        else:
            break
    attacks = context.attack_objects(sent)  # "… killed in an airstrike", "… by shelling"
    k = bisect_left(attacks, outcome.i)
    return doc[attacks[k]] if k < len(attacks) else None


def _location(doc: Doc, figure: Figure, sent: Span, context: "_Context") -> str | None:
    """The place named in the sentence nearest the outcome word, preferring a specific place after "in/at/near"."""
    return context.place(sent).nearest(doc[figure.o_index].idx)


def _after_locative(doc: Doc, char: int) -> bool:
    """The place follows "in/on/at/near …" (possibly with "the town of" between), not "southeast of"."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    words = [t.lower_ for t in doc[max(0, span.start - 4) : span.start]]
    if words and words[-1] == "of":
        return len(words) >= 3 and words[-3] in _LOCATIVE
    return bool(words) and words[-1] in _LOCATIVE | {"the"} and any(w in _LOCATIVE for w in words)


def _period(doc: Doc, figure: Figure, sent: Span, context: "_Context") -> str | None:
    times, words = context.times(sent)
    anchor = figure.o_index
    found = [f for f in (times.nearest(anchor, skip=(figure.start, figure.end), order=0),
                         words.nearest(anchor, order=1)) if f is not None]
    if not found:
        return None
    start, end = min(found)[2]
    if start > 0 and doc[start - 1].lower_ in _TIME_PREPS:
        start -= 1
    return doc[start:end].text


def describe(doc: Doc, figure: Figure, mentions: list[dict], claims: list[dict], sents: Sentences) -> dict:
    """The contract row (without doc_id and sent_id) for one figure."""
    return describe_all(doc, [figure], mentions, claims, sents)[0]


def describe_all(doc: Doc, figures: list[Figure], mentions: list[dict], claims: list[dict],
                 sents: Sentences) -> list[dict]:
    """The contract rows of a Doc's figures. What a row needs from its sentence (places, dates, actors) is
    gathered once per sentence, and each figure's claim is found in O(log n): no step grows with the square
    of the number of figures, claims or places in one sentence."""
    context = _Context(doc, mentions, sents)
    spans = [(doc[f.start].idx, doc[f.end - 1].idx + len(doc[f.end - 1])) for f in figures]
    holders = _holding_claims(claims, spans)
    rows = []
    for figure, (start_char, end_char), claim in zip(figures, spans, holders):
        sentence = sents.of(figure.q_start)
        quantity = figure.quantity
        victims = doc[figure.victim_start : figure.victim_end] if figure.victim_start is not None else None
        rows.append({
            "start_char": start_char, "end_char": end_char, "outcome": figure.outcome,
            "low": quantity.low, "best": quantity.best, "high": quantity.high, "qualifier": quantity.qualifier,
            "victims": victims.text if victims is not None else None, "victim_class": figure.victim_class,
            "perpetrator": _perpetrator(doc, doc[figure.o_index], figure, sents.of(figure.o_index), context),
            "location": _location(doc, figure, sentence, context), "period": _period(doc, figure, sentence, context),
            "source": claim["speaker"] if claim else None, "status": claim["status"] if claim else "reported",
            "evidence": context.evidence(figure.start, figure.end - 1), "figure_id": figure.figure_id,
            "part_of": figure.part_of, "cumulative": context.cumulative(sentence),
        })
    return rows


def _holding_claims(claims: list[dict], spans: list[tuple[int, int]]) -> list[dict | None]:
    """For each (start, end): the claim with the shortest content holding it (the first such claim on ties).

    Offline: claims enter in order of content start, spans are asked in order of start; a Fenwick tree over
    content ends keeps the shortest claim reaching each end or beyond. O((claims + spans) log claims)."""
    answers: list[dict | None] = [None] * len(spans)
    if not claims or not spans:
        return answers
    ends = sorted({c["content_end"] for c in claims}, reverse=True)  # position 1 = the largest end
    rank = {e: n + 1 for n, e in enumerate(ends)}
    tree: list[tuple[int, int]] = [(1 << 62, 1 << 62)] * (len(ends) + 1)  # (length, claim number), minimum
    negated = [-e for e in ends]  # ascending, for bisect
    entering = sorted(range(len(claims)), key=lambda n: claims[n]["content_start"])
    k = 0
    for q in sorted(range(len(spans)), key=lambda q: spans[q][0]):
        start, end = spans[q]
        while k < len(entering) and claims[entering[k]]["content_start"] <= start:
            n = entering[k]
            value = (claims[n]["content_end"] - claims[n]["content_start"], n)
            i = rank[claims[n]["content_end"]]
            while i <= len(ends):
                if value < tree[i]:
                    tree[i] = value
                i += i & -i
            k += 1
        i, best = bisect_right(negated, -end), (1 << 62, 1 << 62)  # ends >= end: ranks 1..i
        while i > 0:
            if tree[i] < best:
                best = tree[i]
            i -= i & -i
        if best[1] < len(claims):
            answers[q] = claims[best[1]]
    return answers


class _Nearest:
    """Positions with values: the value nearest an anchor (the first given, on a tie), in O(log n)."""

    def __init__(self, items: list[tuple[int, object]]) -> None:
        ordered = sorted(range(len(items)), key=lambda n: (items[n][0], n))
        self.positions = [items[n][0] for n in ordered]
        self.items = [(items[n][0], n, items[n][1]) for n in ordered]

    def nearest(self, anchor: int, *, skip: tuple[int, int] | None = None, order: int = 0):
        """(distance, order, value) of the nearest item outside `skip` (a range of positions), or None."""
        positions = self.positions
        if not positions:
            return None
        right, left = bisect_left(positions, anchor), bisect_left(positions, anchor) - 1
        if skip is not None:
            lo, hi = skip
            if right < len(positions) and lo <= positions[right] < hi:
                right = bisect_left(positions, hi)
            if left >= 0 and lo <= positions[left] < hi:
                left = bisect_left(positions, lo) - 1
        options = []
        if left >= 0:
            options.append(anchor - positions[left])
        if right < len(positions):
            options.append(positions[right] - anchor)
        if not options:
            return None
        distance = min(options)
        best = None
        for position in (anchor - distance, anchor + distance):
            k = bisect_left(positions, position)
            if k < len(positions) and positions[k] == position and (skip is None or not skip[0] <= position < skip[1]):
                candidate = self.items[k]
                if best is None or candidate[1] < best[1]:
                    best = candidate
        return (distance, order, best[2]) if best is not None else None


class _Places(_Nearest):
    def nearest(self, anchor: int, **_) -> str | None:  # type: ignore[override]
        found = super().nearest(anchor)
        return found[2] if found is not None else None


class _Context:
    """What figures read from their sentences, computed once per sentence of a Doc."""

    def __init__(self, doc: Doc, mentions: list[dict], sents: Sentences) -> None:
        self.doc, self.sents = doc, sents
        self.text = doc.text
        places = sorted(((m["start_char"], n, m) for n, m in enumerate(mentions) if m["label"] in _PLACE),
                        key=lambda x: (x[0], x[1]))
        self._place_starts = [p[0] for p in places]
        self._places = places
        self._cache: dict[tuple[str, int], object] = {}
        self._times = [(e.start, e.end) for e in doc.ents if e.label_ in {"DATE", "TIME"}]
        self._time_starts = [t[0] for t in self._times]

    def _once(self, what: str, sent: Span, make):
        key = (what, sent.start)
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def first_agent(self, sent: Span) -> int | None:
        return self._once("agent", sent, lambda: next(
            (t.i for t in sent if t.pos_ in {"NOUN", "PROPN"} and _agentive(t) and t.dep_ not in {"compound", "amod"}),
            None))

    def attack_objects(self, sent: Span) -> list[int]:
        return self._once("attacks", sent, lambda: [
            t.i for t in sent if t.lower_ in _PERPETRATOR_NOUNS and t.dep_ == "pobj" and t.head.lower_ in {"in", "by"}])

    def place(self, sent: Span) -> _Places:
        def make() -> _Places:
            lo = bisect_left(self._place_starts, sent.start_char)
            hi = bisect_left(self._place_starts, sent.end_char)
            places = [m for _, _, m in sorted(self._places[lo:hi], key=lambda x: x[1])]  # in the mentions' order
            specific = [m for m in places if m.get("kind") != "country"] or places
            located = [m for m in specific if _after_locative(self.doc, m["start_char"])]
            return _Places([(m["start_char"], m["canonical"]) for m in located or specific])
        return self._once("places", sent, make)

    def times(self, sent: Span) -> tuple[_Nearest, _Nearest]:
        def make() -> tuple[_Nearest, _Nearest]:
            k = bisect_left(self._time_starts, sent.start)  # the sentence's dates and times (`sent.ents` reads the Doc)
            times = []
            while k < len(self._times) and self._times[k][0] < sent.end:
                if self._times[k][1] <= sent.end:
                    times.append((self._times[k][0], self._times[k]))
                k += 1
            words = [(t.i, (t.i, t.i + 1)) for t in sent
                     if t.lower_ in {"overnight", "earlier", "yesterday", "today"} and t.ent_type_ == ""]
            return _Nearest(times), _Nearest(words)
        return self._once("times", sent, make)

    def cumulative(self, sent: Span) -> bool:
        return self._once("cumulative", sent, lambda: bool(_CUMULATIVE.search(sent.text) or WAR_LONG.search(sent.text)))

    def evidence(self, first: int, last: int) -> str:
        """The sentence holding tokens first..last (or the sentences, when a figure runs over a boundary)."""
        opening, closing = self.sents.of(first), self.sents.of(last)
        key = ("evidence", opening.start, closing.end)
        if key not in self._cache:
            self._cache[key] = self.text[opening.start_char : closing.end_char].strip()
        return self._cache[key]
