"""Entity mentions with canonical names and one label per entity, layered on spaCy's statistical NER.

    gazetteer matches + NER spans (cleaned) → non-overlapping candidates → alias links, definite
    descriptions, surnames → groups (one per real-world entity) → one label per group → mentions

A gazetteer label wins; a known place is never PERSON/NORP/ORG; otherwise the majority of the NER
labels over the entity's mentions decides.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..casing import given_names, is_given_name, usual_forms
from ..gazetteer import LARGE_CITY, Entry, Gazetteer, is_own_name
from ..lexicons import cue_lexicon, data_text
from .aliases import TITLES, AliasLink, alias_links, capitalised_run, is_acronym_of, is_capitalised, strip_titles

from .entity_groups import Candidate, Groups, place_context, surname_key
from .numbers import parse_number
from .scan import positions_of
from .entity_words import (ADMIN_TERMS, DESCRIPTION_NOUNS, ENTITY_LABELS, LOCATIVE_PREPS, ORG_HEADS, PERSON_ROLE_NOUNS,
                           PLACE_HEADS, PLACE_NOUNS, PLACE_SUFFIXES, POSSESSIVE, RANKS, STREET_HEADS,
                           TOPONYM_GENERICS)

__all__ = ["EntityResolver", "Candidate", "ENTITY_LABELS"]

_RUN_JOINERS = frozenset({"to", "in", "on", "of", "for", "and", "as", "at", "by", "with", "from", "a", "an", "the"})
_NON_ENTITY = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_HEADLINE_MIN_WORDS = 3


def _trim(span: Span) -> Span | None:
    """Drop determiners, titles, possessives and punctuation at the edges; None when nothing is left."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _pieces(span: Span, label: str) -> Iterator[Span]:
    """Split an NER span at line breaks, brackets and commas, and a place or person list at "and"
    ("Tame and Fortul", "Caño Rojo, Rozo", "Line of Control (LoC"): a name never crosses them."""
    start = span.start
    splitters = {"(", ")", "[", "]", ",", ";", "Tags"} | ({"and", "&"} if label in {"GPE", "LOC", "PERSON"} else set())
    for token in span:
        if token.is_space and "\n" in token.text or token.lower_ in splitters or token.text in splitters:
            if token.i > start:
                yield span.doc[start : token.i]
            start = token.i + 1
        elif "\n" in token.whitespace_ and token.i + 1 < span.end:
            yield span.doc[start : token.i + 1]
            start = token.i + 1
    if start < span.end:
        yield span.doc[start : span.end]


@lru_cache(maxsize=1)
def headline_verbs() -> frozenset[str]:
    """Every form of the headline verbs (data/headline_verbs.txt), the outcome words and the reporting verbs."""
    from .casualties import casualty_lexicon
    from .lemmas import inflections

    bases = [w for line in data_text("headline_verbs.txt").splitlines() if not line.startswith("#") for w in line.split()]
    lexicon = casualty_lexicon()
    bases += list(cue_lexicon().verbs) + [w for w in lexicon.outcomes if w not in lexicon.victims]  # not "martyrs"
    return frozenset(form for base in bases for form in inflections(base))


def _hyphenated(token) -> str:
    """The token with the hyphen-joined words before it ("Al-Qaedas" for the token "Qaedas")."""
    doc, i = token.doc, token.i
    while i - 2 >= 0 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        i -= 2
    return doc[i : token.i + 1].text


def _title_case_runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges written in Title Case inside running text (headlines glued into the body): five or more
    capitalised words (short function words may stay lower case), two of them words usually written in
    lower case ("Russian Military Delivers Humanitarian Aid to …")."""
    forms = usual_forms()
    verbs_seen = headline_verbs()
    runs: list[tuple[int, int]] = []
    start, common, words, verbs = None, 0, 0, 0
    for token in list(doc) + [None]:
        alpha = token is not None and token.is_alpha
        capital = alpha and token.text[0].isupper()
        if capital or (token is not None and (token.lower_ in _RUN_JOINERS or token.text in {"-", "&", "’s", "'s"})
                       and start is not None):
            if start is None:
                start, common, words, verbs = token.i, 0, 0, 0
            if capital:
                words += 1
                common += forms.get(token.lower_, token.text).islower() and len(token) > 3
                verbs += token.lower_ in verbs_seen
            continue
        if start is not None and words >= 5 and common >= 2 and verbs:
            runs.append((start, token.i if token is not None else len(doc)))
        start = None
    return runs


def _name_words(span: Span) -> Span | None:
    """The span without edge words usually written in lower case; None if no name word is left."""
    forms = usual_forms()
    lower = lambda t: forms.get(t.lower_, t.text).islower() or not t.is_alpha  # noqa: E731
    start, end = span.start, span.end
    while start < end and lower(span.doc[start]):
        start += 1
    while end > start and lower(span.doc[end - 1]):
        end -= 1
    return span.doc[start:end] if end > start else None


# Titles that only ever stand before a person's name ("Msgr X Y" is a person whatever the NER says); not the
# ranks that also open organisations' names ("General Command", "Major Crimes Unit", "Chief Rabbinate").
_PERSON_TITLES = frozenset(RANKS) - {"general", "gen", "major", "maj", "private", "pvt", "commander", "cmdr",
                                      "marshal", "president", "minister", "premier"}
_NAME_TAGS = frozenset({"NNP", "NNPS"})


def _edge_words_cut(span: Span) -> Span | None:
    """A person's span without edge words that are neither names nor tagged as names: a word usually written in
    lower case, capitalised only because a glued headline or sentence starts there ("<Name> Seven shepherds
    were …", "<Name> Opens talks …"). Given names stay ("Rose", "Hope"); None when no word is left."""
    forms, given, verbs = usual_forms(), given_names(), headline_verbs()

    def common(token, *, trailing: bool) -> bool:
        if token.is_digit or token.is_alpha and parse_number(token.lower_) is not None:
            return True  # "<Name> Eleven …": a number word starts the next sentence
        usual_lower = token.is_alpha and forms.get(token.lower_, token.text).islower() and token.lower_ not in given
        # the tagger calls any capitalised word NNP in a glued headline; a headline verb after a name is still a
        # verb, but one that opens a name may be a given name the census lists lack ("Said", "Hamid")
        return usual_lower and (token.tag_ not in _NAME_TAGS or trailing and token.lower_ in verbs)

    start, end = span.start, span.end
    while start < end and common(span.doc[start], trailing=False):
        start += 1
    while end > start and common(span.doc[end - 1], trailing=True):
        end -= 1
    return span.doc[start:end] if end > start else None


def _trailing_title_cut(span: Span) -> Span:
    """"<Town> Bishop", "<Name> Archbishop": a title after a capitalised name is the person's role, not part of
    the name ("Office of the President" keeps its title: a function word stands before it)."""
    end = span.end
    while end - span.start > 1 and span.doc[end - 1].lower_.rstrip(".") in _PERSON_TITLES \
            and span.doc[end - 2].is_alpha and span.doc[end - 2].text[0].isupper():
        end -= 1
    return span.doc[span.start : end]


_MAX_NAME_WORDS = 5
_KUNYA = frozenset({"abu", "umm", "ibn", "bin", "bint"})  # Arabic name particles: "father of", "mother of", "son of"


def _name_run(span: Span, known: Callable[[str], bool]) -> Span:
    """A person's span widened over the rest of the name the statistical NER cut off: the capitalised words after
    it that are not common words, titles, organisation or place words, known names or another entity ("Elena
    Maria" + "Quiroga Benitez"), and a given name right before it ("Tomas" + "Ibarra Luna"). A span never
    crosses "of" ("<Name> of the navy staff")."""
    doc, forms, given = span.doc, usual_forms(), given_names()
    cut = next((t.i for t in span if t.lower_ == "of" and t.i > span.start), None)
    start, end = span.start, cut if cut is not None else span.end

    def name_like(token) -> bool:
        lower = token.lower_
        return (token.is_alpha and token.text[0].isupper() and not token.is_sent_start
                and not forms.get(lower, token.text).islower() and lower not in ORG_HEADS and lower not in PLACE_HEADS
                and lower not in PLACE_SUFFIXES and lower not in TITLES and lower not in RANKS
                and not any(known(doc[token.i : token.i + size].text) for size in (1, 2, 3)))  # a known name starts

    while cut is None and end < len(doc) and end - start < _MAX_NAME_WORDS and doc[end - 1].whitespace_ == " " \
            and doc[end].ent_iob_ != "B" and name_like(doc[end]):
        end += 1
    if start > 0 and end - start < _MAX_NAME_WORDS and doc[start - 1].lower_ in given and name_like(doc[start - 1]) \
            and doc[start - 1].whitespace_ == " ":
        start -= 1
    return doc[start:end]


def _given_name_first(span: Span) -> bool:
    """Two to four capitalised words, the first a given name, none an organisation or place noun."""
    words = list(span)
    return (2 <= len(words) <= 4 and is_given_name(words[0].text)  # "Andrés" too
            and all(t.is_alpha and t.text[0].isupper() for t in words)
            and not any(t.lower_ in ORG_HEADS or t.lower_ in PLACE_HEADS or t.lower_ in PLACE_SUFFIXES for t in words))


def _demonyms(countries: Iterable[str]) -> frozenset[str]:
    """Adjectives of country names made by the regular English endings ("Guatemala" → "Guatemalan", "El
    Salvador" → "Salvadoran", "Iraq" → "Iraqi"); irregular ones ("Lebanese") are not needed: the NER knows them."""
    found = set()
    for name in countries:
        word = name.split()[-1]
        if len(word) < 4 or not word.isalpha():
            continue
        stem = word[:-1] if word[-1] in "aeiouy" else word
        found.update({word + "n", word + "an", word + "ian", stem + "an", stem + "ian", word + "i", stem + "ese"})
    return frozenset(found)


def _role_beside(span: Span) -> bool:
    """Two or three capitalised words, no organisation or place noun among them, right after a role noun
    ("counterpart", "photographer") or followed by one ("X, a photographer", "X a local doctor")."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.text[:1].isupper() or t.lower_.startswith("al-") for t in words) or any(
            t.lower_ in ORG_HEADS or t.lower_ in PLACE_HEADS or t.lower_ in PLACE_SUFFIXES for t in words):
        return False
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in PERSON_ROLE_NOUNS:
        return True
    after = [t for t in doc[span.end : span.end + 5] if t.text != ","]
    if after[:1] and after[0].lower_ in {"a", "an"}:
        return any(t.lower_ in PERSON_ROLE_NOUNS for t in after[1:4] if t.pos_ == "NOUN")
    return False


def _admin_unit(span: Span) -> bool:
    """A name of proper words ending in an administrative term ("Karamba Department"), not a body whose first
    words are common ones ("Police Department", "State Department", "Justice Department")."""
    if len(span) < 2 or span[-1].lower_ not in ADMIN_TERMS:
        return False
    forms = usual_forms()
    return all(t.is_alpha and t.text[:1].isupper() and forms.get(t.lower_, t.text)[:1].isupper() and t.lower_ not in ORG_HEADS
               for t in span[:-1])


def _facility(span: Span) -> Span | None:
    """The name extended over a facility noun that follows it, across one adjective ("X military airport")."""
    doc, j = span.doc, span.end
    if j < len(doc) and doc[j].is_lower and doc[j].pos_ in {"ADJ", "PROPN", "NOUN"} and j + 1 < len(doc) \
            and PLACE_HEADS.get(doc[j + 1].lower_) == "FAC":
        j += 1  # one lower-case word between: "military", "international" (tagged ADJ, or PROPN after a name)
    if j < len(doc) and PLACE_HEADS.get(doc[j].lower_) == "FAC" and doc[j].tag_ == "NN":
        return doc[span.start : j + 1]
    return None


_STREET_ABBREVIATIONS = frozenset({"st.", "ave.", "blvd.", "rd."})  # after a name: "Larrea St.", not "St. Louis"


def _street(span: Span) -> Span | None:
    """A name that a street noun follows in lower case ("<Name> street", "<Name> avenue"), or that ends in a
    street noun or its abbreviation ("<Name> Street", "<Name> St."): the street, whatever the NER thought."""
    doc, j = span.doc, span.end
    if len(span) > 1 and (span[-1].lower_ in _STREET_ABBREVIATIONS or span[-1].lower_ in STREET_HEADS):
        return span  # "<Name> St.", "<Given> <Surname> Street": a street named after a person is a street
    if j < len(doc) and doc[j].is_lower and doc[j].lower_ in STREET_HEADS:
        return doc[span.start : j + 1]
    return None


def _headline_paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of Title Case paragraphs (headlines), where the statistical NER is unreliable."""
    forms = usual_forms()
    ranges = []
    next_offset = 0
    for paragraph in doc.text.split("\n\n"):
        offset, next_offset = next_offset, next_offset + len(paragraph) + 2
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", paragraph) if len(w) >= 4]
        if len(words) < _HEADLINE_MIN_WORDS or sum(w[0].isupper() for w in words) < 0.6 * len(words):
            continue  # prose (most paragraphs): not Title Case, whatever the rest says
        common = sum(w[0].isupper() and forms.get(w.lower(), w).islower() for w in words)
        end = paragraph.rstrip()[-1:]
        # a short first paragraph with every longer word capitalised is the headline, full stop or not
        stop = end in {".", ":", ";"} and not (end == "." and offset == 0 and len(paragraph) < len(doc.text)
                                                and all(w[0].isupper() for w in words) and len(paragraph.split()) <= 20
                                                and sum(w[0].isupper() and forms.get(w.lower(), w).islower()
                                                        and w.lower() not in TITLES for w in words) >= 3)
        if common >= 1 and not stop:  # (enough words, most of them capitalised: tested above)
            # Title Case ("… Escalates Attacks on Besieged …"); not a sentence full of names, not "X said:"
            ranges.append((offset, offset + len(paragraph)))
    return ranges


class EntityResolver:
    """Finds and resolves entity mentions in Docs; holds the gazetteer and its phrase matchers."""

    def __init__(self, vocab: Vocab, gazetteer: Gazetteer, make_doc) -> None:
        self.gazetteer = gazetteer
        self._make_doc = make_doc
        self._build_matchers(vocab)
        self._demonyms = _demonyms(e.canonical for e in gazetteer.entries if e.kind == "country")

    def _build_matchers(self, vocab: Vocab) -> None:
        self._entries: list[Entry] = []
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        by_entry: dict[int, tuple[list, list]] = {}
        index: dict[str, int] = {}
        for entry, name, case_sensitive in self.gazetteer.patterns():
            if entry.canonical + "\x1f" + entry.label not in index:
                index[entry.canonical + "\x1f" + entry.label] = len(self._entries)
                self._entries.append(entry)
            slot = by_entry.setdefault(index[entry.canonical + "\x1f" + entry.label], ([], []))
            slot[1 if case_sensitive else 0].append(self._make_doc(name))
        for number, (lower, exact) in by_entry.items():
            if lower:
                self._lower.add(str(number), lower)
            if exact:
                self._exact.add(str(number), exact)

    def refresh(self, vocab: Vocab) -> None:
        """Rebuild the matchers after the gazetteer changed (user extensions)."""
        self._build_matchers(vocab)

    # -- candidates -------------------------------------------------------------------------------
    def _gazetteer_candidates(self, doc: Doc) -> list[Candidate]:
        found = []
        for matcher in (self._lower, self._exact):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                if not any(c.isupper() for c in span.text):
                    continue  # "tyre" is not Tyre
                entry = self._entries[int(doc.vocab.strings[match_id])]
                owner = self._possessive_place(doc, start, end)
                if owner is not None:  # "Turkey's Defence Ministry": Turkey is named too
                    place, cut = owner
                    found.append(Candidate(start, cut, place.label, place, "gazetteer", place.canonical, priority=2))
                    start = cut + 1
                found.append(Candidate(start, end, entry.label, entry, "gazetteer", entry.canonical, priority=2))
        # a short acronym of a national body needs its country in the article ("SNA" in Somalia is not Syria's)
        countries = {c.entry.country for c in found if c.entry.is_place and c.entry.country}
        return [c for c in found if not (len(doc[c.start : c.end].text) <= 4 and doc[c.start : c.end].text.isupper()
                                         and c.entry.country not in {"", "INT"} and countries
                                         and c.entry.country not in countries and not c.entry.is_place)]

    def _possessive_place(self, doc: Doc, start: int, end: int) -> tuple[Entry, int] | None:
        """(place, index of its "’s") when a matched name opens with a place's possessive."""
        for k in range(start + 1, min(end - 1, start + 4)):
            if doc[k].text in {"’s", "'s"}:
                place = self.gazetteer.lookup(doc[start:k].text)
                return (place, k) if place is not None and place.is_place else None
        return None

    def _lookup(self, text: str, countries: Iterable[str]) -> Entry | None:
        """Gazetteer entry for a name as written: exact, possessive-stripped, place-suffix-stripped, fuzzy."""
        entry = self.gazetteer.lookup(text)
        if entry is None and len(text) > 4 and text.endswith("s") and not text.endswith("ss"):
            entry = self.gazetteer.lookup(text[:-1])  # "Syrias", "Assads" (apostrophes stripped)
        if entry is None:
            words = text.split()
            if len(words) > 1 and words[-1].lower() in PLACE_SUFFIXES:
                base = self._lookup(" ".join(words[:-1]), countries)
                entry = base if base is not None and base.is_place else None
                if entry is not None and entry.kind == "country":  # "<Country> City" is a capital, not the country
                    city = self.gazetteer.city(text, countries=countries)
                    if city is not None and is_own_name(city, text):
                        entry = city
        return entry

    def _lookup_place(self, text: str, label: str, countries: Iterable[str]) -> Entry | None:
        """Transliteration variants, for spans the NER calls places only ("al-Hamdaniyah" → Hamdaniyah)."""
        if label not in {"GPE", "LOC", "FAC"} or len(text) <= 5:
            return None
        entry = self.gazetteer.lookup_fuzzy(text, countries=countries)
        return entry if entry is not None and entry.is_place else None

    def _ner_candidates(self, doc: Doc, countries: set[str]) -> list[Candidate]:
        found = []
        runs = _title_case_runs(doc)
        for ent in doc.ents:
            if ent.label_ in _NON_ENTITY:
                continue
            for piece in _pieces(ent, ent.label_):
                for part in (p for whole in self._possessive_parts(piece) for p in self._article_parts(whole, countries)):
                    if any(a <= part.start < b for a, b in runs):
                        part = _name_words(part)  # "Bashar Assad Airstrikes" in a Title Case headline
                        if part is None:
                            continue
                    found.extend(self._ner_piece(part, ent.label_, countries))
        return found

    def _article_parts(self, span: Span, countries: set[str]) -> Iterator[Span]:
        """Split a span at a "the" inside it after a known place ("in <City> the Security Council is …", a
        sentence that lost its comma): the place is a name of its own, and so is what follows the article."""
        doc = span.doc
        for token in span[1:-1]:
            if token.text == "the" and doc[token.i - 1].pos_ == "PROPN" and doc[token.i + 1].text[:1].isupper():
                entry = self._lookup(doc[span.start : token.i].text, countries)
                if entry is not None and entry.is_place:
                    yield doc[span.start : token.i]
                    yield from self._article_parts(doc[token.i + 1 : span.end], countries)
                    return
        yield span

    def _possessive_parts(self, span: Span) -> Iterator[Span]:
        """Split a span at a known name written with its apostrophe stripped ("Aleppos Qaryat al-Ansari",
        "Fateh al-Sham Al-Qaedas fighters"): the possessor is a name of its own."""
        doc, start = span.doc, span.start
        for token in span:
            text = token.text
            whole = _hyphenated(token)
            if len(text) > 4 and text.endswith("s") and not text.endswith("ss") and whole[0].isupper() \
                    and self.gazetteer.lookup(whole) is None and self.gazetteer.lookup(whole[:-1]) is not None \
                    and len(span) > 1 and token.i >= start:
                first = token.i  # "Al-Qaedas" is three tokens
                while first - 2 >= start and doc[first - 1].text == "-" and not doc[first - 2].whitespace_ \
                        and not doc[first - 1].whitespace_:
                    first -= 2
                if first > start:
                    yield doc[start:first]
                yield doc[first : token.i + 1]
                start = token.i + 1
        if start < span.end:
            yield doc[start : span.end]

    def _ner_piece(self, piece: Span, label: str, countries: set[str]) -> Iterator[Candidate]:
        span = _trim(piece)
        if span is None:
            return
        known = self._known_run(span, countries)
        if known is not None:  # "Syria Islamic State", "US Homs Idlib": known names run together, each on its own
            for part in known:
                entry = self._lookup(part.text, countries)
                if entry is not None:
                    yield Candidate(part.start, part.end, entry.label, entry, "ner", entry.canonical, 2)
            return
        if label == "PERSON" and len(span) > 1 and self._lookup(span.text, countries) is None:
            parts = self._known_edge(span)
            if parts is not None:  # "<Agency> <Photographer Name>", "<Name> <Monitor's acronym>": two names
                for part, part_label in parts:
                    yield from self._ner_piece(part, part_label, countries)
                return
        if label == "NORP" and len(span) > 1 and span[0].lower_ in _KUNYA and span[1].text[:1].isupper():
            label = "PERSON"  # "Abu <Name>", "Umm <Name>": a person's name (a kunya), never a nationality
        if label in {"ORG", "FAC"}:  # "the Aleppo University Hashim": an organisation, then a person
            head = max((t.i for t in span[:-1] if t.lower_ in ORG_HEADS and t.i > span.start), default=None)
            tail = span.doc[head + 1 : span.end] if head is not None else None
            if (tail is not None and len(tail) <= 3 and all(is_capitalised(t.text) for t in tail)
                    and not any(t.lower_ in ORG_HEADS or t.lower_ in PLACE_SUFFIXES for t in tail)):
                yield from self._ner_piece(span.doc[span.start : head + 1], label, countries)
                yield from self._ner_piece(tail, "PERSON", countries)
                return
        facility = _facility(span)
        if facility is not None and self._lookup(span.text, countries) is None and not (
                label == "ORG" and (facility[-1].lower_ == "station" or any(t.lower_ in ORG_HEADS for t in span))):
            span, label = facility, "FAC"  # "Tabqa military airport": a place plus a facility noun names the facility
        street = _street(span)
        if street is not None and self._lookup(span.text, countries) is None:
            span, label = street, "LOC"  # "<Name> street": a street named after a person is still a street
        span = _trailing_title_cut(span)
        titled = self._after_title(span)
        if titled is not None:
            span, label = titled, "PERSON"  # "Capt. Andrii Kovalenko", whatever the NER thought
        elif len(span) > 2 and span[0].lower_.rstrip(".") in _PERSON_TITLES and all(
                t.is_alpha and t.text[0].isupper() and t.lower_ not in ORG_HEADS and t.lower_ not in PLACE_SUFFIXES
                for t in span[1:]):
            span, label = span[1:], "PERSON"  # "Msgr <Given> <Surname>" tagged ORG
        if label == "PERSON":
            span = strip_titles(span)
            cut = _edge_words_cut(span)
            if cut is None:
                return
            span = _name_run(cut, lambda text: self._lookup(text, countries) is not None)
        if span.text.lower().rstrip(".") in TITLES:
            return
        entry = self._lookup(span.text, countries) or self._lookup_place(span.text, label, countries)
        if entry is None:
            extended = self._extend_name(span, countries)  # "UN … Mission" + "in Ukraine"; "Gaza’s" + "Civil Defense"
            if extended is not None:
                span, entry = extended
        if entry is None and label in ENTITY_LABELS and span.text[:1].isupper() and titled is None:
            city = self.gazetteer.city(span.text, countries=countries)  # a name after a rank is a person
            if city is None and len(span) > 1 and span[-1].lower_ in PLACE_SUFFIXES and label != "PERSON":
                city = self.gazetteer.city(span[:-1].text, countries=countries)  # "<City> Department"
            if city is not None and (label != "PERSON" or city.population >= LARGE_CITY or city.country in countries):
                entry = city
        admin = entry is None and label == "ORG" and _admin_unit(span)
        if admin:
            label = "GPE"  # "Karamba Department", "Soum Province": a proper name and an administrative term
        if entry is None and label in {"ORG", "GPE", "LOC", "FAC"} and _given_name_first(span):
            label = "PERSON"  # "Pablo Ortega Gaviria" tagged ORG: a given name and capitalised words are a person
        if entry is None and label in {"ORG", "GPE"} and len(span) == 1 and span.text in self._demonyms:
            label = "NORP"  # "Guatemalan" tagged ORG: the adjective of a country, not a body
        if entry is None and label == "ORG" and _role_beside(span):
            label = "PERSON"  # "his counterpart Jan Novak", "Jan Novak, a photographer": a person by role
        priority = 2 if entry is not None else 1
        if entry is None and label in {"ORG", "FAC"} and len(span) > 1 and (
                span[-1].lower_ in ORG_HEADS or self._place_plus_name(span, countries)):
            priority = 3  # "Aleppo Police Command", "United Kingdom Maritime Trade Operations": more than a place
        if entry is None and label in {"FAC", "LOC", "GPE"} and len(span) > 1 and PLACE_HEADS.get(span[-1].lower_) == "FAC":
            priority = 3  # "Tishreen Dam" is not the newspaper Tishreen
        if entry is None and label == "PERSON" and len(span) > 1 and not self._has_place(span, countries):
            priority = 3  # "Amal Clooney" is not the Amal movement (but "Syrias Aleppo" holds a place)
        cand = Candidate(span.start, span.end, entry.label if entry else label, entry, "ner",
                         entry.canonical if entry else None, priority)
        if admin:
            cand.context_label = "GPE"  # outvotes the organisation head ("Department") at the name's end
        yield cand

    def _known_run(self, span: Span, countries: set[str]) -> list[Span] | None:
        """A span that is no known name itself but two or more known names run together (a tag line or a
        headline that lost its punctuation), each word in one of them: those names; else None."""
        if len(span) < 2 or self._lookup(span.text, countries) is not None:
            return None
        doc, parts, i = span.doc, [], span.start
        while i < span.end:
            for size in (4, 3, 2, 1):
                if i + size > span.end:
                    continue
                part = doc[i : i + size]
                if part[0].text[:1].isupper() and len(part.text) > 1 and self._lookup(part.text, countries) is not None:
                    parts.append(part)
                    i += size
                    break
            else:
                return None
        return parts if len(parts) >= 2 else None

    def _known_edge(self, span: Span) -> list[tuple[Span, str]] | None:
        """A person's span that starts or ends with a known organisation written alone (a photo credit
        glued to the photographer's name, a tag list): the known name and the rest, each with its label."""
        doc = span.doc
        for size in (2, 1):
            if len(span) - size < 1:
                continue
            head, rest = doc[span.start : span.start + size], doc[span.start + size : span.end]
            entry = self.gazetteer.lookup(head.text)
            if entry is not None and entry.label == "ORG" and rest[0].text[:1].isupper():  # not "Israel Katz"
                return [(head, entry.label), (rest, "PERSON")]
        tail = doc[span.end - 1 : span.end]
        entry = self.gazetteer.lookup(tail.text) if tail.text.isupper() and len(tail.text) >= 2 else None
        if entry is not None and entry.label == "ORG":  # an acronym at the end ("<Group> SOHR")
            return [(doc[span.start : span.end - 1], "PERSON"), (tail, entry.label)]
        return None

    def _after_title(self, span: Span) -> Span | None:
        """A name right after a title or rank, with the capitalised words between ("Capt. Andrii Kovalenko")."""
        doc, i = span.doc, span.start - 1
        while i >= 0 and i > span.start - 4 and doc[i].is_alpha and doc[i].text[0].isupper() and doc[i].lower_ not in TITLES:
            i -= 1
        rank = i - 1 if i > 0 and doc[i].text == "." else i  # "Capt" "." "Andrii"
        if rank >= 0 and doc[rank].lower_.rstrip(".") in RANKS and (i + 1 < span.start or span[0].lower_ not in TITLES):
            return doc[i + 1 : span.end]
        return None

    def _extend_name(self, span: Span, countries: set[str]) -> tuple[Span, Entry] | None:
        doc = span.doc
        for extra in (2, 3):  # "… Mission in Ukraine", "… Office for Syria"
            end = span.end + extra
            if end <= len(doc) and doc[span.end].lower_ in {"in", "of", "for", "on"} and doc[end - 1].text[0].isupper():
                entry = self.gazetteer.lookup(doc[span.start : end].text)
                if entry is not None:
                    return doc[span.start : end], entry
        if span.start >= 2 and doc[span.start - 1].text in {"’s", "'s"}:  # "Gaza’s Civil Defense"
            entry = self.gazetteer.lookup(f"{doc[span.start - 2].text} {span.text}")
            if entry is not None:
                return doc[span.start - 2 : span.end], entry
        return None

    def _place_plus_name(self, span: Span, countries: set[str]) -> bool:
        """An organisation's name that starts with a place and adds two or more capitalised words."""
        words = [t for t in span if t.is_alpha and t.text[0].isupper()]
        if len(words) < 3:
            return False
        for size in (2, 1):
            head = " ".join(t.text for t in words[:size])
            entry = self._lookup(head, countries)
            if entry is not None and entry.is_place and len(words) - size >= 2:
                return True
        return False

    def _has_place(self, span: Span, countries: set[str]) -> bool:
        """Every capitalised word a place ("Syrias Aleppo"): not a person whatever the NER says."""
        words = [t for t in span if t.is_alpha and t.text[0].isupper()]
        if not words:
            return False
        for token in words:
            entry = self._lookup(token.text, countries)
            if entry is None or not entry.is_place:
                return False
        return True

    @staticmethod
    def _select(candidates: list[Candidate]) -> list[Candidate]:
        gazetteer = [c for c in candidates if c.origin == "gazetteer"]
        for cand in candidates:  # a longer gazetteer name beats an NER span inside it ("Dera Ismail Khan")
            if cand.priority == 3 and any(g.start <= cand.start and cand.end <= g.end and g.end - g.start > cand.end - cand.start
                                          for g in gazetteer):
                cand.priority = 1

        taken: set[int] = set()
        kept = []
        for cand in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
            if not taken.intersection(range(cand.start, cand.end)):
                kept.append(cand)
                taken.update(range(cand.start, cand.end))
        return sorted(kept, key=lambda c: c.start)

    # -- resolution -------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> list[Candidate]:
        gazetteer_found = self._gazetteer_candidates(doc)
        countries = {c.entry.country for c in gazetteer_found if c.entry.is_place and c.entry.country}
        kept = self._select(gazetteer_found + self._ner_candidates(doc, countries))
        kept = self._uncovered(doc, kept, countries)
        kept = self._named_places(doc, kept)
        kept = self._known_cities(doc, kept, countries)
        kept = _split_place_lists(doc, kept)
        kept = _join_generic_openers(doc, kept)
        links = list(alias_links(doc, [c.key for c in kept]))  # read once: the spans stay, only entries change
        _forget_redefined_acronyms(doc, kept, links)
        groups = Groups(kept, doc)
        self._link_aliases(doc, kept, groups, links)
        kept = groups.candidates
        self._descriptions(doc, kept, groups)
        self._surnames(doc, kept, groups)
        place_context(doc, groups.candidates)
        return groups.resolve(doc, _headline_paragraphs(doc))

    def _uncovered(self, doc: Doc, kept: list[Candidate], countries: set[str]) -> list[Candidate]:
        """Capitalised tokens outside any candidate that name a gazetteer entry once an apostrophe-less
        possessive "s" is dropped ("Syrias" → Syria)."""
        covered = {i for c in kept for i in range(c.start, c.end)}
        extra = []
        for token in doc:
            if token.i in covered or not token.is_alpha or not token.text[0].isupper() or len(token) < 4:
                continue
            if token.text.endswith("s"):
                entry = self.gazetteer.lookup(token.text[:-1])
                if entry is not None and (len(entry.canonical.split()) == 1 or token.text[:-1].isupper()):  # "ISILs"
                    extra.append(Candidate(token.i, token.i + 1, entry.label, entry, "possessive", entry.canonical, 2))
        return sorted(kept + extra, key=lambda c: c.start)

    def _named_places(self, doc: Doc, kept: list[Candidate]) -> list[Candidate]:
        """"the village of Ain Tarma", "the commune of Saint-Marc": a capitalised name after a place noun and
        "of" is a place even when the statistical NER did not see it."""
        covered = {i for c in kept for i in range(c.start, c.end)}
        extra = []
        for token in doc[2:]:
            i = token.i
            if i in covered or not token.text[:1].isupper() or doc[i - 1].lower_ != "of" or doc[i - 2].lower_ not in PLACE_NOUNS:
                continue
            end = capitalised_run(doc, i, max_tokens=5)
            cut = next((j for j in range(i, end) if doc[j].lower_ in {"and", "&"}), end)  # "Tame and Fortul"
            end = cut
            if end > i and not any(j in covered for j in range(i, end)):
                cand = Candidate(i, end, PLACE_NOUNS[doc[i - 2].lower_], None, "ner")
                cand.context_label = cand.label
                extra.append(cand)
                covered.update(range(i, end))
        return sorted(kept + extra, key=lambda c: c.start)

    def _known_cities(self, doc: Doc, kept: list[Candidate], countries: set[str]) -> list[Candidate]:
        """A run of two to four capitalised words that the statistical NER left alone and that is exactly the
        name of a large city (LARGE_CITY people or more: "Port Moresby", "Santa Cruz") is that city."""
        covered = {i for c in kept for i in range(c.start, c.end)}
        extra = []
        i = 0
        while i < len(doc):
            token = doc[i]
            if i in covered or not is_capitalised(token.text) or i and is_capitalised(doc[i - 1].text):
                i += 1
                continue
            end = capitalised_run(doc, i, max_tokens=5)
            words = doc[i:end]
            if (2 <= len(words) <= 4 and all(is_capitalised(t.text) for t in words) and doc[i].is_alpha
                    and not covered.intersection(range(i, end)) and doc[i].lower_ not in TITLES):
                city = self.gazetteer.city(words.text, countries=countries)
                if city is not None and city.population >= LARGE_CITY and is_own_name(city, words.text):
                    extra.append(Candidate(i, end, "GPE", city, "gazetteer", city.canonical, 2))
            i = max(end, i + 1)
        return sorted(kept + extra, key=lambda c: c.start)

    def _link_aliases(self, doc: Doc, kept: list[Candidate], groups: "Groups", links: list[AliasLink]) -> None:
        by_span = {c.key: c for c in kept}
        for link in links:
            name = by_span.get(link.name)
            alias = by_span.get(link.alias)
            alias_text = doc[link.alias[0] : link.alias[1]].text
            if name is None:
                continue
            if alias is None:
                if any(i in groups.covered for i in range(*link.alias)):
                    continue
                if link.pattern == "parenthesis" and alias_text.isupper() and not is_acronym_of(alias_text, doc[name.start:name.end].text):
                    continue
                alias = groups.add(Candidate(link.alias[0], link.alias[1], None, None, "alias"))
                by_span[alias.key] = alias
            if name.entry and alias.entry and name.entry.canonical != alias.entry.canonical:
                continue  # two different known entities: "Hama (Reuters)" is a credit, not an alias
            if alias.entry is None and name.entry is None and link.pattern == "parenthesis" and alias_text.isupper():
                if not is_acronym_of(alias_text, doc[name.start:name.end].text):
                    continue
            groups.union(name, alias)

    def _descriptions(self, doc: Doc, kept: list[Candidate], groups: "Groups") -> None:
        """"the observatory", "the Coalition", a bare "Observatory": the last organisation before it
        whose name holds that noun."""
        by_start = {c.start: c for c in groups.candidates}
        for i in positions_of(doc, DESCRIPTION_NOUNS):
            token = doc[i]
            noun = token.lower_
            prev = doc[token.i - 1] if token.i > 0 else None
            existing = by_start.get(token.i)
            if existing is not None and (existing.entry is not None or existing.end - existing.start > 1):
                continue
            if existing is None and token.i in groups.covered:
                continue
            if not (token.text[0].isupper() or (prev is not None and prev.lower_ == "the")):
                continue
            antecedent = groups.antecedent(noun, before=token.i)
            if antecedent is None:
                continue
            if existing is not None:
                groups.union(antecedent, existing)
                continue
            start = token.i - 1 if prev is not None and prev.lower_ == "the" and not token.text[0].isupper() else token.i
            cand = groups.add(Candidate(start, token.i + 1, None, None, "description"))
            groups.union(antecedent, cand)

    def _surnames(self, doc: Doc, kept: list[Candidate], groups: "Groups") -> None:
        """A bare surname ("Assad", "Assads", "al-Assad") → the full name used in the article."""
        surnames = groups.surnames()
        if not surnames:
            return
        people = _towns_named_for_people(doc, groups.candidates, surnames)
        for cand in list(groups.candidates):
            if cand.entry is not None and not (_bare_town(cand) and surname_key(doc[cand.start].text) in people) \
                    or cand.end - cand.start > 3:
                continue
            key = surname_key(doc[cand.start : cand.end].text)
            target = surnames.get(key) or (surnames.get(key[:-1]) if key.endswith("s") else None)
            if cand.entry is not None:
                cand.entry, cand.canonical, cand.label = None, None, "PERSON"
            if target is not None and target is not cand and groups.find(target) != groups.find(cand):
                cand.label = "PERSON"
                groups.union(target, cand)
        for token in doc:
            if token.i in groups.covered or not token.is_alpha or not token.text[0].isupper():
                continue
            key = surname_key(token.text)
            target = surnames.get(key) or (surnames.get(key[:-1]) if key.endswith("s") else None)
            if target is not None:
                cand = groups.add(Candidate(token.i, token.i + 1, "PERSON", None, "surname"))
                groups.union(target, cand)


_PLACE_PREPOSITIONS = LOCATIVE_PREPS | {"at", "across"}


def _bare_town(cand: Candidate) -> bool:
    """One word that the NER did not call a person and that matched only a GeoNames town ("Bolton", "Lincoln")."""
    return (cand.end - cand.start == 1 and cand.entry is not None and cand.entry.origin == "cities"
            and cand.label != "PERSON")


def _towns_named_for_people(doc: Doc, candidates: list[Candidate], surnames: dict[str, Candidate]) -> set[str]:
    """Surname keys of the article's full names ("John Bolton": a given name first) whose bare surname was taken
    for a town ("Bolton said"): a person, unless every bare mention follows a place preposition ("in Bolton")."""
    found = set()
    for cand in filter(_bare_town, candidates):
        key = surname_key(doc[cand.start].text)
        target = surnames.get(key)
        if (target is not None and _given_name_first(doc[target.start : target.end])
                and surname_key(doc[target.end - 1].text) == key
                and not (cand.start > 0 and doc[cand.start - 1].lower_ in _PLACE_PREPOSITIONS)):
            found.add(key)
    return found


def _forget_redefined_acronyms(doc: Doc, kept: list[Candidate], links: list[AliasLink]) -> None:
    """"the Karam Relief Centre (KRC)": an acronym the article defines for a name the gazetteer does not know
    stands for that name, not for the gazetteer's entry of the same letters; each of its mentions forgets it."""
    by_span = {c.key: c for c in kept}
    redefined = set()
    for link in links:
        name, alias = by_span.get(link.name), by_span.get(link.alias)
        if link.pattern != "parenthesis" or name is None or alias is None or name.entry is not None or alias.entry is None:
            continue
        short = doc[alias.start : alias.end].text
        long = doc[name.start : name.end].text
        known = {w for n in (alias.entry.canonical, *alias.entry.aliases) for w in n.lower().split()}
        spelled = [w for w in long.lower().split() if len(w) > 3]
        if short.isupper() and is_acronym_of(short, long) and sum(w in known for w in spelled) * 2 < len(spelled):
            redefined.add(short)  # not a spelling of the entry's own name ("Hay'at Tahrir al-Sham (HTS)")
    for cand in kept:
        if cand.entry is not None and doc[cand.start : cand.end].text in redefined:
            cand.entry, cand.canonical = None, None


_ARTICLES = frozenset("al el ad as ash an ar at az ed es en er et".split())
# words of other names that a comma-less list of places never holds ("the Fourth Geneva Convention and …")
_NOT_IN_PLACE_LISTS = frozenset("""first second third fourth fifth sixth seventh eighth ninth tenth convention treaty
accord agreement resolution protocol charter law act""".split())
_GLUED_ARTICLE = re.compile(r"^(?:Al|El)[a-z]{3,}$")  # "Alnour", "Elsalam": the article glued to the second word
_LIST_NOUNS = frozenset(n for n in PLACE_NOUNS if n.endswith("s") and n not in {"outskirts", "suburbs"})


def _split_place_lists(doc: Doc, kept: list[Candidate]) -> list[Candidate]:
    """Scraped copy that lost its commas runs a list of places into one name ("shelled the towns of Arbin Zamalka
    Saqba and Hamouriya", which the NER reads as one person). A run of unknown capitalised words after a plural place
    noun and before "and <Name>" is cut into places of one word each, a generic opening word ("Deir", "Kafr", "Tal")
    or an article ("al", "el") keeping the words around it together."""
    out: list[Candidate] = []
    for cand in kept:
        words = doc[cand.start : cand.end]
        nxt = doc[cand.end : cand.end + 2]
        nouns = [t.i for t in doc[max(0, cand.start - 12) : cand.start] if t.lower_ in _LIST_NOUNS]
        listed = (cand.entry is None and len(words) >= 2 and len(nxt) == 2 and nxt[0].lower_ == "and"
                  and not any(t.lower_ in _NOT_IN_PLACE_LISTS for t in words)
                  and nxt[1].text[:1].isupper() and bool(nouns)
                  and all(t.is_alpha and (t.text[:1].isupper() or t.lower_ in _ARTICLES) for t in words)
                  and not any(t.lower_ in PLACE_SUFFIXES or t.lower_ in ORG_HEADS for t in words)
                  and not any(t.text in {".", ";", "?", "!"} or "\n" in t.text for t in doc[nouns[-1] : cand.start]))
        if not listed:
            out.append(cand)
            continue
        start = cand.start
        for i in range(cand.start, cand.end):
            token = doc[i]
            joined = token.lower_ in TOPONYM_GENERICS or token.lower_ in _ARTICLES or (
                i + 1 < cand.end and (doc[i + 1].lower_ in _ARTICLES or _GLUED_ARTICLE.match(doc[i + 1].text)))
            if joined and i + 1 < cand.end:
                continue
            piece = Candidate(start, i + 1, "GPE", None, "ner")
            piece.context_label = "GPE"
            out.append(piece)
            start = i + 1
    return out


# generic openers that only open places (not "Abu", "Umm", "Sheikh", which also open people's names)
_PLACE_OPENERS = TOPONYM_GENERICS - {"abu", "umm", "um", "sheikh", "shaykh", "bani", "beni", "hay", "ard", "souq"}


def _join_generic_openers(doc: Doc, kept: list[Candidate]) -> list[Candidate]:
    """"Jabal al-Zawiya", "Tal Abyad": a generic opener the NER left out of the name after it (or took for a
    name of its own) is joined to it, and the whole is a place (as is a name the NER read whole that it opens)."""
    by_start = {c.start: c for c in kept}
    covering = {i: c for c in kept for i in range(c.start, c.end)}
    dropped: set[int] = set()
    joined: list[Candidate] = []
    for i in range(len(doc) - 1):
        token = doc[i]
        if token.lower_ not in _PLACE_OPENERS or not token.text[:1].isupper() or doc[i + 1].is_punct:
            continue
        own = covering.get(i)
        if own is not None and own.start == i and own.end > i + 1 and own.entry is None:
            own.context_label = "GPE"  # the NER took the whole name: "Jabal X" is still a place, not a person
            continue
        if own is not None and (own.start != i or own.end != i + 1):
            continue  # already inside a longer name
        after = by_start.get(i + 1)
        if after is None or after.entry is not None and not after.entry.is_place:
            continue
        if own is not None:
            dropped.add(id(own))
        dropped.add(id(after))
        place = Candidate(i, after.end, "GPE", None, "ner")
        place.context_label = "GPE"
        joined.append(place)
    if not joined:
        return kept
    return sorted([c for c in kept if id(c) not in dropped] + joined, key=lambda c: c.start)
