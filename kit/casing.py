"""Text written in capitals → its usual case, so that the NER and the kit's rules can read it.

Old wire copy (MUC-3 era teleprinter text), telex-style bulletins and shouted scraped paragraphs come in
upper case; spaCy's small model tags such text poorly (every word looks like a name). A paragraph whose
letters are mostly capitals gets each word's usual written form from `data/truecase.txt.gz` (the most
frequent form of ~100,000 English words: "the", "Salvador", "FMLN", "U.S."), with three exceptions:
short words in brackets stay capitals ("[FMLN]", "(ARENA)": acronyms introduced that way), acronyms the
gazetteer knows stay capitals, and words the table does not know become capitalised (in news they are
mostly names). Sentence starts get a capital. Only letters change case: every offset stays valid.
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterable

from .gazetteer import LARGE_CITY, fold_accents, is_own_name, largest_city
from .lexicons import data_text, place_heads, read_data_csv, split_aliases

__all__ = ["is_shouted", "restore_case", "usual_forms", "gazetteer_acronyms", "given_names", "is_given_name"]

COMMON_RANK = 5000  # the 5,000 most frequent words are never taken for a surname
SHOUTED_SHARE = 0.8  # share of capitals among the letters of a paragraph written in capitals
MIN_LETTERS = 20
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’.]*[A-Za-z])?\.?")
_VOWELS = set("AEIOUY")


@lru_cache(maxsize=1)
def usual_forms() -> dict[str, str]:
    """lower-case word → its most frequent written form (in order of frequency, most frequent first)."""
    raw = resources.files("kit").joinpath("data", "truecase.txt.gz").read_bytes()
    forms = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            forms.setdefault(line.lower(), line)
    return forms


@lru_cache(maxsize=1)
def frequency_rank() -> dict[str, int]:
    """lower-case word → its rank among the table's words (0 = most frequent)."""
    return {word: rank for rank, word in enumerate(usual_forms())}


_JOINERS = {"of", "and", "for", "the", "de", "del", "la", "los", "las", "el", "y"}


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """Nouns that end an organisation's name (data/org_heads.txt)."""
    return frozenset(w for line in data_text("org_heads.txt").splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def gazetteer_acronyms() -> frozenset[str]:
    """Names in capitals that the shipped gazetteers know ("HTS", "SOHR", "FARC")."""
    names = set()
    for table, key in (("actors.csv", "canonical"), ("places.csv", "name"), ("outlets.csv", "name"), ("countries.csv", "name")):
        for row in read_data_csv(table):
            names.update(n for n in (row[key], *split_aliases(row.get("aliases", ""))) if n.isupper() and len(n) >= 2)
    return frozenset(n.replace(".", "") for n in names)


_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
_ASCII_CAPITALS = re.compile(r"[A-Z]+")


def is_shouted(text: str) -> bool:
    """Mostly capital letters (at least MIN_LETTERS letters)."""
    if text.isascii():  # letters and capitals counted by expression, not one character at a time
        letters, upper = sum(map(len, _ASCII_LETTERS.findall(text))), sum(map(len, _ASCII_CAPITALS.findall(text)))
    else:
        found = [c for c in text if c.isalpha()]
        letters, upper = len(found), sum(c.isupper() for c in found)
    if letters < MIN_LETTERS:
        return False
    return upper >= SHOUTED_SHARE * letters


def _bracketed(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    return before in {"(", "["} and after in {")", "]"}


def _case_word(word: str, *, bracketed: bool, acronym: Callable[[str], bool],
               introduced: Callable[[str], bool] = lambda w: False) -> str:
    if not word.isupper():
        return word  # already mixed case: written by someone who meant it
    bare = word.rstrip(".")
    forms = usual_forms()
    form = forms.get(word.lower()) if "." in bare else forms.get(bare.lower())  # "U.S." has its own entry
    if bracketed and len(bare) <= 7 or acronym(bare) and not (form and form.islower() and not introduced(bare)):
        return word  # "(ARENA)", "FARC" — but "CAR" and "WHO" are more often words
    if form is not None and len(form) >= len(bare):
        return form + word[len(form):] if len(form) < len(word) else form
    if len(bare) <= 4 and not (set(bare) & _VOWELS):
        return word  # "FMLN", "PRD": no vowel, an acronym
    if _inflected_common_word(bare.lower()):
        return word.lower()  # "CHECKPOINTS", "ANTITANK", "OVERRAN": a word the table knows, inflected or prefixed
    return word[0] + word[1:].lower()  # unknown words in news are mostly names


# Prefixes that make new common words of common words ("anti" + "tank"); a name rarely starts with one.
_WORD_PREFIXES = ("anti", "counter", "over", "under", "non", "post", "pre", "pro", "semi", "sub", "super", "multi",
                  "inter", "para", "self")


def _inflected_common_word(lower: str) -> bool:
    """A word missing from the table whose plural stem, or whose rest after a word-forming prefix, is a common
    word written in lower case."""
    forms = usual_forms()

    def common(stem: str) -> bool:
        form = forms.get(stem)
        return form is not None and form.islower() and len(stem) >= 3

    if lower.endswith("es") and common(lower[:-2]) or lower.endswith("s") and common(lower[:-1]):
        return True
    if lower.endswith("ed") and (common(lower[:-2]) or common(lower[:-1])) or lower.endswith("ing") and (
            common(lower[:-3]) or common(lower[:-3] + "e")):
        return True  # "DEPLORED", "REASSERTING": a common verb's past or participle
    return any(lower.startswith(prefix) and common(lower[len(prefix):].lstrip("-")) for prefix in _WORD_PREFIXES)


def restore_case(text: str, *, acronyms: Iterable[str] = (), acronym: Callable[[str], bool] | None = None) -> str:
    """The text with each capitalised word in its usual form; same length, same offsets."""
    known = set(acronyms) or gazetteer_acronyms()
    introduced = {m.group(1) for m in re.finditer(r"[(\[]([A-Z]{2,7})[)\]]", text)}  # "(ARENA)": an acronym here
    names = given_names()
    is_acronym = acronym or (lambda w: w.replace(".", "") in known and len(w) >= 3 and w.lower() not in names
                             or w in introduced)  # "SANTA ANA": a given name, not an army's acronym
    was_introduced = introduced.__contains__
    out = list(text)
    sentence_start, last, previous = True, 0, ""
    for match in _WORD.finditer(text):
        start, end = match.span()
        gap = text[last:start]
        if last and ("." in gap or "!" in gap or "?" in gap or (previous.endswith(".") and not gap.strip())):
            sentence_start = True
        raw = match.group()
        if start > 0 and text[start - 1].isdigit():
            word = raw.lower()  # "1ST", "22ND": an ordinal's suffix
        elif len(raw) <= 4 and raw.isupper() and _CODE_TAIL.match(text, end):
            word = raw  # "F-16", "AK-47": a designation, letters and a number
        elif len(raw) == 2 and raw in known and previous.lower() == "the":
            word = raw  # "THE UN", "THE US": not "the un", "the us"
        else:
            word = _case_word(raw, bracketed=_bracketed(text, start, end), acronym=is_acronym, introduced=was_introduced)
        if sentence_start and word[:1].islower():
            word = word[0].upper() + word[1:]
        out[start:end] = word
        sentence_start, last, previous = False, end, match.group()
    restored = _capitalise_given_names(_capitalise_after_ordinals(_capitalise_names("".join(out)), text), text)
    return _capitalise_city_names(_capitalise_after_ranks(_capitalise_article_names(restored, text), text), text)


_CODE_TAIL = re.compile(r"-\d")
_ARTICLES = {"el", "la", "los", "las"}  # Spanish articles: "el" and "la" open names, not English words


def _rare(word: str) -> bool:
    """Not among the COMMON_RANK most frequent words (unknown words included)."""
    return frequency_rank().get(word.lower(), COMMON_RANK + 1) > COMMON_RANK


def _spaced_pairs(text: str) -> list[tuple[re.Match | None, re.Match, re.Match]]:
    """(the word before, a word, the next word) for every two words of `text` one space apart."""
    words = list(_WORD.finditer(text))
    return [(words[k - 1] if k else None, w, nxt) for k, (w, nxt) in enumerate(zip(words, words[1:]))
            if text[w.end() : nxt.start()] == " "]


def _capitalise_article_names(text: str, original: str) -> str:
    """A Spanish article in capitals before a name or a rare word opens a name: "EL ALTO" → "El Alto", "LA
    LOMA" → "La Loma" (not "el Alto", "la loma"); not after "de"/"del", inside a name ("Banco de la Nacion")."""
    out = list(text)
    for before, w, nxt in _spaced_pairs(text):
        if (_bare(w) in _ARTICLES and original[w.start() : w.end()].isupper()
                and (nxt.group()[0].isupper() or _rare(_bare(nxt)))
                and not (before is not None and _bare(before) in {"de", "del"})):
            out[w.start()] = w.group()[0].upper()
            out[nxt.start()] = nxt.group()[0].upper()
    return "".join(out)


def _capitalise_after_ranks(text: str, original: str) -> str:
    """A rare word in capitals right after a rank is a surname: "PRESIDENT SMITHERS" → "president Smithers",
    even where the usual form of the word is a common noun in another language."""
    from .lexicons import title_words

    ranks = title_words()[1]
    out = list(text)
    for _, w, nxt in _spaced_pairs(text):
        if (_bare(w) in ranks and original[nxt.start() : nxt.end()].isupper() and nxt.group().islower()
                and _rare(_bare(nxt)) and _bare(nxt) not in _JOINERS and not _inflected_common_word(_bare(nxt))):
            out[nxt.start()] = nxt.group()[0].upper()
    return "".join(out)


def _capitalise_after_ordinals(text: str, original: str) -> str:
    """An ordinal in capitals before one to three words that end in an organisation or street noun opens a
    name: "THE 5TH INFANTRY BRIGADE" → "the 5th Infantry Brigade", "ON 6TH EAST STREET" → "on 6th East Street"."""
    heads = org_heads().union(place_heads()["street"])
    out = list(text)
    words = list(_WORD.finditer(text))
    for k, w in enumerate(words):
        if not (w.start() > 0 and text[w.start() - 1].isdigit() and _bare(w) in {"st", "nd", "rd", "th", "d"}):
            continue  # "5TH", "3D" (the military's "third")
        run, named = [], 0
        for nxt in words[k + 1 : k + 5]:
            if text[(run[-1] if run else w).end() : nxt.start()] != " " or not original[nxt.start() : nxt.end()].isupper():
                break
            if named and _bare(nxt) not in heads:
                break
            run.append(nxt)
            if _bare(nxt) in heads:
                named = len(run)  # "5TH ARMY BRIGADE": heads in a row are one name
            elif len(run) >= 3:
                break
        for word in run[:named]:
            if _bare(word) not in _JOINERS:
                out[word.start()] = word.group()[0].upper()
    return "".join(out)


def _capitalise_city_names(text: str, original: str) -> str:
    """A name and a common word in capitals that together name a large city are written as the city's name:
    "PANAMA CITY" → "Panama City", not "Panama city" (GeoNames, via the gazetteer's city index)."""
    out = list(text)
    for _, w, nxt in _spaced_pairs(text):
        if w.group()[0].isupper() and nxt.group().islower() and original[nxt.start() : nxt.end()].isupper():
            name = f"{w.group()} {nxt.group()}"
            city = largest_city(name)
            if city is not None and city.population >= LARGE_CITY and is_own_name(city, name):
                out[nxt.start()] = nxt.group()[0].upper()
    return "".join(out)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lower-cased given names (data/given_names.txt: the 1990 U.S. Census first-name lists)."""
    return frozenset(line for line in data_text("given_names.txt").splitlines() if line and not line.startswith("#"))


def is_given_name(word: str) -> bool:
    """The word, any case, accents aside, is a given name of the list ("Andrés" as "andres")."""
    return fold_accents(word).lower() in given_names()


def _capitalise_given_names(text: str, original: str) -> str:
    """A given name written in capitals right before a capitalised word is a name: "MARK OTERO" → "Mark
    Otero", not "mark Otero" (the usual form of some names is a common word)."""
    names = given_names()
    out = list(text)
    shouted = lambda w: original[w.start() : w.end()].isupper()  # noqa: E731
    for _, w, nxt in _spaced_pairs(text):
        if not (_bare(w) in names and shouted(w) and shouted(nxt)):
            continue
        if w.group().islower() and nxt.group()[0].isupper():
            out[w.start()] = w.group()[0].upper()  # "mark Otero" → "Mark Otero"
        elif (out[w.start()].isupper() and nxt.group()[0].islower()
              and _rare(_bare(nxt)) and _bare(nxt) not in _JOINERS):
            out[nxt.start()] = nxt.group()[0].upper()  # "Virgilio barco": a rare word after a given name is a surname
    return "".join(out)


def _capitalise_names(text: str) -> str:
    """Runs of words that end in an organisation noun and hold a capitalised word are names:
    "the Nationalist Republican alliance" → "the Nationalist Republican Alliance",
    "central American university" → "Central American University"; so are up to four words from a name
    modifier right after "the" to the noun ("the national water commission")."""
    heads = org_heads()
    out = list(text)
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        j = i  # a run: words separated by single spaces only
        while j + 1 < len(words) and text[words[j].end() : words[j + 1].start()] == " ":
            j += 1
        run = words[i : j + 1]
        first = 0
        for head in (k for k, w in enumerate(run) if _bare(w) in heads):
            if _department_of_a_place(run, head):
                first = head + 1
                continue  # "the northern department of Bolivar": a province, named by the place
            for w in _name_before(run[first : head + 1]):
                if _bare(w) not in _JOINERS:
                    out[w.start()] = w.group()[0].upper()
            first = head + 1
        i = j + 1
    return "".join(out)


def _department_of_a_place(run: list, head: int) -> bool:
    """A "department of <place>" (the provinces of Colombia, Peru, Bolivia …), not "the Department of Defense"."""
    if _bare(run[head]) != "department" or head + 2 >= len(run) or _bare(run[head + 1]) != "of":
        return False
    place = run[head + 2].group()
    return largest_city(place[0].upper() + place[1:].lower()) is not None


def _name_before(segment: list) -> list:
    """The words of a segment that ending in an organisation noun make its name, or [] when it is no name."""
    heads = org_heads()
    named = segment
    while named and _bare(named[0]) in _JOINERS:
        named = named[1:]
    start = 0  # the name starts after the last word that cannot be part of one
    for k, w in enumerate(named):
        if w.group()[0].islower() and _bare(w) not in _JOINERS and _bare(w) not in heads and not _modifier(_bare(w)):
            start = k + 1
    named = named[start:]
    while named and _bare(named[0]) in _JOINERS:
        named = named[1:]
    opened = _after_the(segment)
    if opened is not None and len(opened) > len(named):
        return opened  # "the national water commission"
    capitalised = any(w.group()[0].isupper() for w in named[:-1])
    modified = all(_modifier(_bare(w)) or _bare(w) in _JOINERS for w in named[:-1])  # "the national police"
    return named if len(named) >= 2 and (capitalised or modified) else []


def _after_the(segment: list) -> list | None:
    """From a name modifier right after the last "the" to the segment's final organisation noun, two to four
    words with no article or "and" among them; None otherwise."""
    k = max((n for n, w in enumerate(segment) if _bare(w) == "the"), default=None)
    if k is None or k + 1 >= len(segment) - 1 or not _modifier(_bare(segment[k + 1])):
        return None
    named = segment[k + 1 :]
    if not 2 <= len(named) <= 4 or any(_bare(w) in {"a", "an", "and"} for w in named):
        return None
    return named


_NAME_MODIFIERS = {"national", "central", "supreme", "social", "democratic", "republican", "revolutionary", "popular",
                   "liberation", "nationalist", "socialist", "united", "joint", "general", "armed", "special",
                   "federal", "islamic", "people's", "peoples", "patriotic", "independent", "civil", "public",
                   "international", "interior", "foreign", "defense", "defence", "secret", "episcopal", "presidential",
                   "northern", "southern", "eastern", "western", "unified", "electoral", "justice", "infantry",
                   "liberal", "communist", "christian"}


def _bare(match: re.Match) -> str:
    return match.group().rstrip(".").lower()


def _modifier(word: str) -> bool:
    return word.lower() in _NAME_MODIFIERS
