"""Grouping entity candidates into entities: union-find, place context, canonical name and one label each."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..casing import is_given_name
from ..gazetteer import Entry, name_key
from .aliases import TITLES
from .entity_words import (DWELLERS, ENTITY_LABELS, GROUP_NOUNS, LOCATIVE_PREPS, MEMBER_NOUNS, ORG_HEADS, ORG_OPENERS,
                           PLACE_HEADS, PLACE_NOUNS, PLACE_SUFFIXES, RANKS)

__all__ = ["Candidate", "Groups", "place_context", "surname_key", "clean_name"]


@dataclass
class Candidate:
    """A name span (token offsets) with what is known about it."""

    start: int
    end: int
    label: str | None
    entry: Entry | None = None
    origin: str = "ner"
    canonical: str | None = None
    priority: int = 1
    group: int = -1
    context_label: str | None = None  # GPE/LOC when the words around it say it is a place
    weak_place: bool = False  # a locative preposition before a name the NER called a person
    text: str = ""

    @property
    def key(self) -> tuple[int, int]:
        return self.start, self.end


def place_context(doc: Doc, candidates: list[Candidate]) -> None:
    """Mark names that the surrounding words call places (or armed groups); a list after "the neighborhoods
    of" shares it, also when the list's commas were stripped ("the towns of A B and C")."""
    ordered = sorted(candidates, key=lambda c: c.start)
    previous: Candidate | None = None
    listing = False  # inside "the towns of A, B and C" (a plural place noun opened a list)
    for n, cand in enumerate(ordered):
        gap = doc[previous.end : cand.start] if previous is not None else None
        listing = listing and gap is not None and _only_list_words(gap)
        before = doc[cand.start - 2 : cand.start] if cand.start >= 2 else None
        after = cand.end
        while after < len(doc) and doc[after].text == ")":
            after += 1
        trailing = _trailing_noun(doc, ordered, n)
        apposition = _apposed_place_noun(doc, cand.end)
        if before is not None and before[1].lower_ == "of" and before[0].lower_ in PLACE_NOUNS:
            cand.context_label = PLACE_NOUNS[before[0].lower_]
            listing = before[0].lower_.endswith("s")
            if cand.label == "NORP" and cand.entry is None:
                cand.label = cand.context_label  # "the town of X": a place, whatever the NER took X for
        elif _listing_opener(doc, cand.start):
            cand.context_label = "GPE"  # "villages including A and B", "towns such as A, B"
            listing = True
        elif trailing is not None and trailing.lower_ in PLACE_NOUNS and trailing.lower_ not in {"state"}:
            cand.context_label = PLACE_NOUNS[trailing.lower_]
        elif trailing is not None and trailing.lower_ in GROUP_NOUNS and cand.entry is None:
            cand.context_label = "ORG"  # "X terrorist group", "the Y rebel faction"
        elif apposition:
            cand.context_label = apposition  # "Kafr Tala, a village 15 km north of …"
        elif before is not None and before[1].lower_ == "of" and before[0].lower_ in DWELLERS:
            cand.context_label = "GPE"  # "a resident of Adan Yabaal"
        elif before is not None and before[1].lower_ in {"of", "from"} and before[0].lower_ in MEMBER_NOUNS \
                and cand.entry is None:
            cand.context_label = "ORG"  # "fighters of X", "militants from Y"
        elif cand.start > 0 and doc[cand.start - 1].lower_ in LOCATIVE_PREPS and cand.entry is None and (
                cand.label == "PERSON" or cand.label == "ORG" and not any(t.lower_ in ORG_HEADS or t.is_upper
                                                                          for t in doc[cand.start : cand.end])):
            cand.weak_place = True  # "near Adan Yabaal": a person (or a body) is rarely "near"
        elif previous is not None and _listed_place(previous) and gap is not None and _only_list_words(gap) \
                and (len(gap) or listing):  # no separator at all only inside a list opened by "the towns of"
            cand.context_label = previous.context_label or "GPE"
        elif previous is not None and previous.weak_place and cand.entry is None and gap is not None and len(gap) \
                and _only_list_words(gap) and cand.label in {"PERSON", "ORG"}:
            cand.weak_place = True  # "near A and B": B is as much a place as A
        previous = cand


_LIST_OPENERS = ({"including"}, {"such", "as"}, {"like"})


def _listing_opener(doc: Doc, start: int) -> bool:
    """A plural place noun and "including" / "such as" / "like" right before a name."""
    for opener in _LIST_OPENERS:
        i = start - len(opener)
        if i >= 1 and {t.lower_ for t in doc[i:start]} == opener and doc[i - 1].lower_ in PLACE_NOUNS \
                and doc[i - 1].lower_.endswith("s"):
            return True
    return False


def _listed_place(cand: Candidate) -> bool:
    """A name the words around it called a place (a known place alone is not enough: "in Gezira, Abu X,")."""
    return cand.context_label in {"GPE", "LOC"}


def _trailing_noun(doc: Doc, ordered: list[Candidate], n: int):
    """The noun that follows a name, across one adjective and across names coordinated with it:
    "A and B residential neighborhoods" → "neighborhoods" for A and for B."""
    k = n
    while k + 1 < len(ordered) and _only_list_words(doc[ordered[k].end : ordered[k + 1].start]):
        k += 1  # the last name of a list it belongs to
    j = ordered[k].end
    while j < len(doc) and doc[j].text == ")":
        j += 1
    if j < len(doc) and doc[j].text == "(":  # "A (radio) neighborhood": a gloss between name and noun
        close = next((m for m in range(j + 1, min(j + 5, len(doc))) if doc[m].text == ")"), None)
        j = close + 1 if close is not None else j
    for _ in range(2):  # "A refugee camp", "B military airport", "C residential neighborhoods"
        if j + 1 < len(doc) and doc[j].pos_ in {"ADJ", "NOUN"} and doc[j].is_lower and doc[j].lower_ not in PLACE_NOUNS \
                and doc[j].lower_ not in GROUP_NOUNS:
            j += 1
    return doc[j] if j < len(doc) else None


def _apposed_place_noun(doc: Doc, end: int) -> str | None:
    """", a (small|farming|…) town/village/community …" right after a name."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in {"a", "an", "the"}:
        return None
    for token in doc[end + 2 : end + 5]:
        if token.lower_ in PLACE_NOUNS:
            return PLACE_NOUNS[token.lower_]
        if token.pos_ not in {"ADJ", "NOUN", "PROPN"} and token.text != "-":
            return None
    return None


def _only_list_words(gap: Span) -> bool:
    """Nothing but commas and "and" between two names (or nothing: a list whose commas were stripped)."""
    return all(t.text in {",", "and", "&"} or t.is_space for t in gap)


def surname_key(text: str) -> str:
    key = name_key(text)
    return re.sub(r"^(al|el) ", "", key).replace(" ", "")


class Groups:
    """Union-find over candidates: each group is one real-world entity."""

    def __init__(self, candidates: list[Candidate], doc: Doc) -> None:
        self.doc = doc
        self.candidates: list[Candidate] = []
        self.parent: list[int] = []
        self._root_rank: dict[int, tuple[int, int]] = {}
        self.covered: set[int] = set()
        by_name: dict[str, Candidate] = {}
        for cand in candidates:
            self.add(cand)
            # the same canonical, or the same name as written, is the same entity ("Soum province" = "the Soum")
            name = cand.canonical or clean_name(doc[cand.start : cand.end])
            key = name_key(name)
            if cand.label in {"GPE", "LOC"} and cand.entry is None and key.split()[-1:] and key.split()[-1] in PLACE_SUFFIXES:
                key = " ".join(key.split()[:-1]) or key
            first = by_name.setdefault(key, cand)
            if first is not cand:
                self.union(first, cand)

    def add(self, cand: Candidate) -> Candidate:
        cand.text = clean_name(self.doc[cand.start : cand.end])
        cand.group = len(self.candidates)
        self.candidates.append(cand)
        self.parent.append(cand.group)
        self._root_rank[cand.group] = (0 if cand.entry is not None else 1, cand.start)
        self.covered.update(range(cand.start, cand.end))
        return cand

    def find(self, cand: Candidate) -> int:
        i = cand.group
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: Candidate, b: Candidate) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the root with a gazetteer entry (or the earlier mention) names the group
            if self._root_rank[rb] < self._root_rank[ra]:
                ra, rb = rb, ra
            self.parent[rb] = ra
            self._root_rank[ra] = min(self._root_rank[ra], self._root_rank[rb])

    def members(self) -> dict[int, list[Candidate]]:
        out: dict[int, list[Candidate]] = {}
        for cand in self.candidates:
            out.setdefault(self.find(cand), []).append(cand)
        return out

    def antecedent(self, noun: str, *, before: int) -> Candidate | None:
        best = None
        for cand in self.candidates:
            if cand.start >= before or cand.origin == "description":
                continue
            name = cand.entry.canonical if cand.entry else cand.canonical or cand.text
            names = [name, *(cand.entry.aliases if cand.entry else ())]
            if any(noun in name_key(n).split() for n in names if n) and (cand.label in {"ORG", None}):
                if best is None or cand.start > best.start:
                    best = cand
        return best

    def surnames(self) -> dict[str, Candidate]:
        """Last names (and, where no other name claims them, first names: "Ayalew" for Ayalew Tesfaye, as
        Ethiopian and Somali reporting refers to people) → the person."""
        found: dict[str, Candidate] = {}
        firsts: dict[str, Candidate] = {}
        ambiguous: set[str] = set()
        for cand in self.candidates:
            if cand.label != "PERSON":
                continue
            names = {cand.entry.canonical if cand.entry else cand.canonical or cand.text, cand.text}
            for name in (n for n in names if n and len(n.split()) >= 2):
                key = surname_key(name.split()[-1])
                if key in found and self.find(found[key]) != self.find(cand):
                    ambiguous.add(key)
                found.setdefault(key, cand)
                first = surname_key(name.split()[0])
                if first in firsts and self.find(firsts[first]) != self.find(cand):
                    ambiguous.add(first)
                firsts.setdefault(first, cand)
        for key, cand in firsts.items():
            found.setdefault(key, cand)
        return {k: v for k, v in found.items() if k not in ambiguous and len(k) > 2 and k not in TITLES}

    def resolve(self, doc: Doc, headlines: list[tuple[int, int]]) -> list[Candidate]:
        """Canonical name and one label per group; drop groups that are noise."""
        lowercase = {t.text for t in doc if t.text.islower()}  # words the article writes in lower case
        out = []
        for members in self.members().values():
            canonical, label = _group_identity(doc, members, lowercase)
            if canonical is None or label is None:
                continue
            in_headline = lambda c: any(a <= doc[c.start].idx < b for a, b in headlines)  # noqa: E731
            if not any(c.entry is not None for c in members) and all(in_headline(c) for c in members):
                continue  # a Title Case headline fools the NER; keep only names the body confirms
            for cand in members:
                cand.canonical, cand.label = canonical, label
                out.append(cand)
        return sorted(out, key=lambda c: c.start)


def clean_name(span: Span) -> str:
    return re.sub(r"\s+", " ", span.text).strip()


def _group_identity(doc: Doc, members: list[Candidate], lowercase: set[str]) -> tuple[str | None, str | None]:
    with_entry = [c for c in members if c.entry is not None]
    if with_entry:
        entry = min(with_entry, key=lambda c: (c.entry.origin == "cities", c.start)).entry
        return entry.canonical, entry.label
    named = [c for c in members if c.origin in {"ner", "alias"}]
    if not named:
        return None, None
    first = min(named, key=lambda c: (c.origin != "ner", c.start))
    # a full name opening with a given name ("Ada Vint", tagged PERSON) makes the bare surname's other NER labels
    # noise: no gazetteer row speaks for them here (a group with one returned above)
    full_names = [c for c in members if c.label == "PERSON" and c.end - c.start > 1 and (
        is_given_name(doc[c.start].text) or c.start > 0 and doc[c.start - 1].lower_.rstrip(".") in RANKS)]  # "president X Y"
    votes = Counter(c.label for c in members if c.label in ENTITY_LABELS and not (
        full_names and c.end - c.start == 1 and c.label != "PERSON" and c.origin == "ner"))
    adjectives = [c for c in members if c.end - c.start == 1 and doc[c.start].pos_ == "ADJ" and c.origin == "ner"]
    if adjectives and len(adjectives) == len(members):
        votes = Counter({"NORP": len(members)})  # "Syrian", "Kurdish": a demonym, not a place
    for cand in members:
        if cand.context_label and cand.label != "NORP":  # "two Shiite villages": an adjective, not a place
            votes[cand.context_label] += 2
        if cand.weak_place:
            votes["GPE"] += 1
        if cand.label == "PERSON" and cand.end - cand.start > 2 and all(
                is_given_name(t.text) for t in doc[cand.start : cand.start + 2]):
            votes["PERSON"] += 1  # two given names: "Ana Lucia Pardo" outweighs a place label on a bare "Pardo"
        if doc[cand.end - 1].lower_ in PLACE_HEADS and cand.end - cand.start > 1:
            votes[PLACE_HEADS[doc[cand.end - 1].lower_]] += 2  # "… Industrial Zone", "… Refugee Camp"
        elif cand.end - cand.start > 1 and doc[cand.start].lower_ in ORG_OPENERS and cand.origin == "ner":
            votes["ORG"] += 2  # "Jabhat <Name>", "Jaysh al-<Name>": an armed group or movement
        elif doc[cand.end - 1].lower_ in ORG_HEADS and cand.end - cand.start > 1 and cand.origin == "ner":
            votes["ORG"] += 2  # "… Relief Committee", "… Press Office": a body, whatever the words around it
    if not votes:
        return None, None
    first_seen = {}
    for cand in sorted(members, key=lambda c: c.start):
        for lab in (cand.label, cand.context_label):
            first_seen.setdefault(lab, cand.start)
    label = max(votes, key=lambda lab: (votes[lab], lab in {"GPE", "LOC", "FAC"}, -first_seen.get(lab, 0)))
    if label == "PERSON" and first.end - first.start == 1:  # "Vint said …" before "Ada Vint": the full name
        fuller = [c for c in full_names if c.end - c.start <= 3 and c.origin == "ner"
                  and doc[c.end - 1].text == doc[first.start].text]
        first = fuller[0] if fuller else first
    span = doc[first.start : first.end]  # the first name used is the primary one ("X, also known as Y")
    if not _plausible_name(doc, span, label, lowercase):
        return None, None
    if label in {"GPE", "LOC"} and len(span) > 1 and span[-1].lower_ in PLACE_SUFFIXES:
        span = span[:-1]  # "Soum province" and "the Soum" are one place
    if len(span) > 3 and span[-3:].text.lower() == "local government area":
        span, label = span[:-3], "GPE"  # Nigeria's LGAs
    return clean_name(span), label


_TIME_ZONES = frozenset({"GMT", "UTC", "EST", "EDT", "CST", "CDT", "PST", "PDT", "CET", "CEST", "EET", "EEST"})


def _plausible_name(doc: Doc, span: Span, label: str, lowercase: set[str]) -> bool:
    """Reject NER noise: no capital letter, digits in a person's name, a common word capitalised at
    the start of a sentence ("Barrel"), or a long run of words."""
    text = span.text
    if not any(ch.isupper() for ch in text) or len(span) > 8:
        return False
    if label == "PERSON" and any(ch.isdigit() for ch in text):
        return False
    if text in _TIME_ZONES:
        return False  # "0400 GMT" in wire copy
    if len(span) == 1:
        lower = span[0].lower_
        if span[0].is_stop or lower in TITLES:
            return False
        if lower in lowercase:
            return False
    return True
