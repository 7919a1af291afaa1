"""A casualty figure's context: perpetrator, place, period, cumulative flag, and the claim that reports it."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from .casualties import Figure
    from .sentences import Sentences

__all__ = ["describe", "WAR_LONG"]

_PLACE = {"GPE", "LOC", "FAC"}
_TIME_PREPS = {"over", "in", "on", "since", "during", "earlier", "late", "last", "this", "within", "throughout"}
_PERPETRATOR_NOUNS = {"attack", "attacks", "airstrike", "airstrikes", "strike", "strikes", "shelling", "bombing",
                      "bombings", "blast", "explosion", "raid", "raids", "assault", "fire", "clashes", "fighting",
                      "bombardment", "ambush", "bomb", "bombs", "rocket", "rockets", "shell", "shells", "missile",
                      "missiles", "drone", "drones", "massacre", "offensive", "barrage", "bomber", "explosions"}
# Running tolls: of an event ("the death toll rose to") or of a war ("since the conflict began in 2011").
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


def _perpetrator(doc: Doc, outcome: Token, figure: "Figure", sent: Span) -> str | None:
    found = _parsed_perpetrator(doc, outcome, figure, sent)
    if found is not None and _agentive(found):
        return _noun_phrase(found)
    for token in doc[sent.start : outcome.i]:  # the first attack or armed actor named before the outcome
        if token.pos_ in {"NOUN", "PROPN"} and _agentive(token) and token.dep_ not in {"compound", "amod"}:
            return _noun_phrase(token)
    return _noun_phrase(found) if found is not None else None


def _parsed_perpetrator(doc: Doc, outcome: Token, figure: "Figure", sent: Span) -> Token | None:
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
    for token in doc[outcome.i : sent.end]:
        if token.lower_ in _PERPETRATOR_NOUNS and token.dep_ == "pobj" and token.head.lower_ in {"in", "by"}:
            return token
    return None


def _location(doc: Doc, figure: "Figure", mentions: list[dict], sent: Span) -> str | None:
    places = [m for m in mentions if m["label"] in _PLACE and sent.start_char <= m["start_char"] < sent.end_char]
    if not places:
        return None
    anchor = doc[figure.o_index].idx
    specific = [m for m in places if m.get("kind") != "country"] or places
    located = [m for m in specific if _after_locative(doc, m["start_char"])]
    pick = min(located or specific, key=lambda m: abs(m["start_char"] - anchor))
    return pick["canonical"]


def _after_locative(doc: Doc, char: int) -> bool:
    """The place follows "in/on/at/near …" (possibly with "the town of" between), not "southeast of"."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    words = [t.lower_ for t in doc[max(0, span.start - 4) : span.start]]
    if words and words[-1] == "of":
        return len(words) >= 3 and words[-3] in _LOCATIVE
    return bool(words) and words[-1] in _LOCATIVE | {"the"} and any(w in _LOCATIVE for w in words)


def _period(doc: Doc, figure: "Figure", sent: Span) -> str | None:
    inside = range(figure.start, figure.end)
    times = [e for e in sent.ents if e.label_ in {"DATE", "TIME"} and e.start not in inside]
    words = [t for t in sent if t.lower_ in {"overnight", "earlier", "yesterday", "today"} and t.ent_type_ == ""]
    spans: list[Span] = list(times) + [doc[t.i : t.i + 1] for t in words]
    if not spans:
        return None
    anchor = figure.o_index
    best = min(spans, key=lambda s: abs(s.start - anchor))
    start = best.start
    if start > 0 and doc[start - 1].lower_ in _TIME_PREPS:
        start -= 1
    return doc[start : best.end].text


def _claim(claims: list[dict], start: int, end: int) -> dict | None:
    holding = [c for c in claims if c["content_start"] <= start and end <= c["content_end"]]
    return min(holding, key=lambda c: c["content_end"] - c["content_start"]) if holding else None


def describe(doc: Doc, figure: "Figure", mentions: list[dict], claims: list[dict], sents: "Sentences") -> dict:
    """The contract row (without doc_id and sent_id) for one figure."""
    start_char = doc[figure.start].idx
    end_char = doc[figure.end - 1].idx + len(doc[figure.end - 1])
    sentence = sents.of(figure.q_start)
    claim = _claim(claims, start_char, end_char)
    quantity = figure.quantity
    victims = doc[figure.victim_start : figure.victim_end] if figure.victim_start is not None else None
    return {
        "start_char": start_char, "end_char": end_char, "outcome": figure.outcome,
        "low": quantity.low, "best": quantity.best, "high": quantity.high, "qualifier": quantity.qualifier,
        "victims": victims.text if victims is not None else None, "victim_class": figure.victim_class,
        "perpetrator": _perpetrator(doc, doc[figure.o_index], figure, sents.of(figure.o_index)),
        "location": _location(doc, figure, mentions, sentence), "period": _period(doc, figure, sentence),
        "source": claim["speaker"] if claim else None, "status": claim["status"] if claim else "reported",
        "evidence": sentence.text.strip(), "figure_id": figure.figure_id, "part_of": figure.part_of,
        "cumulative": bool(_CUMULATIVE.search(sentence.text) or WAR_LONG.search(sentence.text)),
    }
