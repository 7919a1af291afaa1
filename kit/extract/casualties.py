"""Casualty figures: killed, wounded, missing, detained, displaced — as low/best/high with who, by whom,
where, when, and who says so.

A figure is a quantity ("nearly 1,000", "four", "dozens") tied to an outcome word by one of:
  "killed N X" / "killing N" / "left N X dead" / "the death toll rose to N" / "claimed the lives of N"
  "N X were killed" / "N X killed" / "N dead" / "N X lost their lives"  (also across "A and B were killed")
  "N X, including M Y" / "among them M Y" / "among the dead were M Y"      (M is `part_of` N)
and whose noun, if any, counts people (never kilometres, years, drones, buildings: `data/not_victims.txt`).
"others", "more" and bare numbers inherit the victim class of the figure they follow ("killed four
civilians and wounded 31 others"). Source and status come from the claim whose content holds the figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from ..lexicons import data_text, read_data_csv
from .lemmas import inflections, lemma as lemma_of
from .sentences import Sentences
from .figure import Figure
from .figure_context import describe_all
from .numbers import QUALIFIERS, SCALES, TENS, UNITS, VAGUE, Quantity, read_quantity

__all__ = ["Figure", "extract_casualties", "CasualtyLexicon", "casualty_lexicon"]

_SKIP_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
_NUMBER_WORDS = set(UNITS) | set(TENS) | set(SCALES) | VAGUE | {"dozen", "quarter", "half"}
_LINKING = {"were", "was", "have", "has", "had", "been", "being", "got", "get", "are", "is", "also", "reportedly",
            "still", "feared", "believed", "presumed", "now", "all", "either", "both", "remain", "remained", "remains",
            "in", "forced", "from", '"', "”", "’", "'", "thought", "said",
            "later", "more", "others", "who", "which", "allegedly", "confirmed", "reported", ",", "since",
            "so", "far", "already", "be", "to", "of", "them", "gone"}  # "… have gone missing"
_PART_CUES = [("including",), ("among", "them"), ("among", "whom"), ("of", "whom"), ("among", "the", "dead"),
              ("among", "those", "killed"), ("among", "the", "victims"), ("among", "the", "casualties"),
              ("among", "the", "wounded"), ("among", "the", "injured"), ("among", "the", "killed"),
              ("the", "victims", "included")]
_GROUP_OPENERS = {"the", "those"}  # "the dead included N …", "those killed were N …": a group named by its outcome
_GROUP_LINKS = {"included", "include", "includes", "were"}
_ELLIPTIC = {"others", "other", "more", "another", "further"}
_PASSIVE_AUXILIARIES = {"were", "was", "are", "is", "have", "has", "had", "been", "be", "being"}
QUALIFIER_WORDS = {w for q in QUALIFIERS for w in q.split()} | {"another", "a", "further"}
_TOLL = {"toll", "tally", "count"}
_LIFE = {"life", "lives"}
# outcome nouns that count themselves: "three deaths", "22 injuries", "N wounded", and every word that is both an
# outcome (outcomes.csv) and a victim noun (victims.csv): "40 fatalities", "N casualties", "N dead", "N martyrs"
_OUTCOME_NOUNS = {"deaths", "injuries", "injured", "wounded", "killings"} | (
    {r["word"].lower() for r in read_data_csv("outcomes.csv")} & {r["noun"].lower() for r in read_data_csv("victims.csv")})
# nouns naming an outcome before "of N" ("the killing of two people", "the abduction of 20 workers") → the outcome
_NOMINAL_OUTCOMES = {r["noun"].lower(): r["outcome"] for r in read_data_csv("nominal_outcomes.csv")}
# words before a list of victims that only describes the group: "nine villagers, mainly elderly farmers, died"
_DESCRIBING = {"mostly", "mainly", "largely", "primarily", "predominantly", "chiefly", "many", "most"}
# intransitive outcome verbs whose subject is the victim ("two soldiers died"); transitive ones take it as object
_INTRANSITIVE = {"die", "perish", "disappear", "flee"}
# outcome verbs whose object is the victim and whose subject did it ("gunmen killed two guards")
_TRANSITIVE = {"kill", "wound", "injure", "execute", "abduct", "kidnap", "arrest", "detain", "capture", "massacre",
               "behead", "murder", "assassinate", "slay", "maim"}

# -- words of the reader's rules (kept here, beside the rules that read them) -----------------------------------
# fractions of a scale: "a quarter of a million", "half a million"
_FRACTIONS = {"quarter", "half", "third"}
_FRACTION_SCALES = {"million", "thousand", "billion", "dozen"}
_FRACTION_LINKS = {"of", "a", "an", "one"}
# words that join the numbers of a range ("10-15", "10 to 15", "between 10 and 15") and that may open one
_RANGE_LINKS = {"-", "and", "to"}
_RANGE_OPENERS = {"between", "another", "a further", "some"}
# a number after these is an age, not a count ("aged 41")
_AGE_WORDS = {"aged", "age", "ages", "aging"}
_AGE_AFTER_VICTIMS = {"aged", "age"}  # "two farmers aged 41 and 73 died"
_AGE_LIST_LINKS = {"and", ",", "between", "to"}
# "six of the group's fighters", "24 of its personnel"
_POSSESSIVE_DETERMINERS = {"the", "its", "their", "his", "her"}
# forms of "hold" that mark hostages only before a person noun ("holding 30 workers")
_HOLDING = {"holding", "held"}
_HOLD_FORMS = {"holding", "held", "hold", "holds"}
# forms of "lose" (their lives)
_LOSE = {"lost", "lose"}
_LOSE_FORMS = {"lost", "lose", "loses"}
# "300 residents had left their homes"
_LEAVING_HOME = {"left", "abandoned", "fled"}
_HOMES = (["their", "homes"], ["their", "home"], ["their", "villages"])
# "left N dead", "leaving N wounded": the states after "leave" that are an outcome
_LEAVE_FORMS = {"left", "leaving", "leave"}
_LEFT_STATES = {"dead", "injured", "wounded", "missing", "displaced", "homeless"}
# "forced some 12,000 people to flee": the outcome comes after the figure
_FORCE_FORMS = {"forced", "force", "forcing"}
_DRIVE_FORMS = {"drive", "drives", "driving", "drove", "driven"}  # "drove 300 residents out of their homes"
# words after a "describing" word that still describe the group ("mainly elderly men and women of them")
_DESCRIPTION_LINKS = {"and", "of", "them", ","}
# "… and a policeman", "… and around 20 militiamen": what may follow "and" in a list of victims
_LIST_OPENERS = {"a", "an", "around", "about", "at", "more", "nearly", "some"}
_LIST_FILLERS = {"least", "than", "around", "about"}
# words between an outcome, a toll or a verb and the figure after it ("the toll rose to at least N")
_BEFORE_FIGURE = {"to", "at", "of", "the", "a", "some", "about", "around", "nearly", "least", "more", "than",
                  "over", "another", "further", "rose", "risen", "climbed", "reached", "stood", "stands", "up",
                  "has", "have", "had", "now", "jumped", "increased", "may", "might", "could", "be", "high",
                  "put", "stand", "standing", "hit", "surpassed", "exceeded", "passed", "topped",
                  "as", "many", "injuring", "wounding", "killing", "dozens", "hundreds", "also"}
# qualifiers between "to"/"at" and a total ("has risen to more than N"), and how far back its toll may stand
_QUALIFIER_FILLERS = QUALIFIER_WORDS - {"to", "at"}
_TOTAL_REACH = 40
# "the toll rose to N", "the number … has become N", "the number of those killed … now totals N"
_TOTAL_VERBS = {"to", "at", "reached", "become", "hit", "totals", "totaled", "totalled"}
# words between a part cue and its figure ("among them were at least N")
_PART_FILLERS = {"were", "was", "are", "is", "also", "at", "least", "more", "than", "nearly", "some", "about", "around"}
# "the lives of N": what comes before "lives" when they were taken
_LIFE_TAKERS = {"the", "their"} | {"claimed", "taken", "took"}
_LIFE_TAKING_LEMMAS = {"claim", "take", "cost"}
# nouns that hold a count of victims: "a total of 17 medics" (the victims follow "of")
_TOTAL_NOUNS = {"total"}
# nouns that count the dead or the captive themselves ("8 bodies were recovered", "taking 250 hostages")
_BODIES = {"bodies", "corpses"}
_CAPTIVES = {"hostages", "captives"}
# verbs before "to <outcome verb>" that leave the outcome undone ("threatened to kill", "tried to abduct")
_UNREALISED = {"threaten", "try", "attempt", "plan", "vow", "seek", "want", "aim", "intend", "fail", "prepare",
               "promise", "pledge", "plot", "conspire", "warn"}
_UNREALISED_FORMS = frozenset(form for verb in _UNREALISED for form in inflections(verb))
# "N sustained injuries", "N suffered wounds": an outcome given as what the victims sustained
_SUSTAINING = {"sustained", "suffered", "received", "sustaining", "suffering"}
_HAVING = {"have", "has", "had", "having"}  # "nine of them have burn wounds"
_KINDS_OF = {"types", "kinds", "sorts", "of", "various", "different", "from"}  # "suffered from burns"
_WOUNDS = {"injuries", "injury", "wounds", "wound", "suffocation", "asphyxiation"}  # gas attacks: "suffered suffocation"
# vague quantities that are never a figure ("many people were trapped")
_NOT_FIGURES = {"many", "numerous", "few"}


@dataclass(frozen=True)
class CasualtyLexicon:
    outcomes: dict[str, str]
    victims: dict[str, str]
    not_victims: frozenset[str]
    # outcome words only for people ("80 fighters were destroyed", "seized 12 soldiers"), never for things
    people_only: frozenset[str] = frozenset()
    # outcome words that count only with one of these words just after them ("trapped under the rubble", never
    # "trapped in the city")
    only_before: dict[str, frozenset[str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def casualty_lexicon() -> CasualtyLexicon:
    rows = list(read_data_csv("outcomes.csv"))
    outcomes = {r["word"].lower(): r["outcome"] for r in rows}
    victims = {r["noun"].lower(): r["class"] for r in read_data_csv("victims.csv")}
    words = [w.lower() for line in data_text("not_victims.txt").splitlines() if not line.startswith("#") for w in line.split()]
    people_only = frozenset(r["word"].lower() for r in rows if r.get("people_only") == "yes")
    only_before = {r["word"].lower(): frozenset(r["only_before"].split()) for r in rows if r.get("only_before")}
    return CasualtyLexicon(outcomes, victims, frozenset(words), people_only, only_before)


_DIGITS = re.compile(r"\d[\d,.]*")


class _Reader:
    def __init__(self, doc: Doc, lexicon: CasualtyLexicon) -> None:
        self.doc, self.lex = doc, lexicon

    # -- quantities --------------------------------------------------------------------------------
    def _numberish(self, token: Token) -> bool:
        lower = token.lower_
        return (token.like_num or lower in _NUMBER_WORDS or (lower[:1].isdigit() and bool(_DIGITS.fullmatch(lower)))
                ) and lower not in {"one's"}

    def quantities(self) -> Iterator[tuple[int, int, Quantity]]:
        doc, i = self.doc, 0
        while i < len(doc):
            token = doc[i]
            if not self._numberish(token) or _looks_like_year(token) or (
                    i > 0 and doc[i - 1].lower_ in _AGE_WORDS) or (
                    i > 1 and doc[i - 1].lower_ == "and" and doc[i - 2].like_num and i > 2 and doc[i - 3].lower_ == "aged"):
                i += 1  # "two farmers aged 41 and 73": ages
                continue
            if token.lower_ in _FRACTIONS:  # "a quarter of a million", "half a million"
                tail = [t.lower_ for t in doc[i + 1 : i + 4]]
                scale = next((k for k, w in enumerate(tail) if w in _FRACTION_SCALES), None)
                if scale is None or any(w not in _FRACTION_LINKS for w in tail[:scale]):
                    i += 1
                    continue
                start = i - 1 if i > 0 and doc[i - 1].lower_ in {"a", "one"} else i
                for length in (2, 1):
                    if start - length >= 0 and " ".join(t.lower_ for t in doc[start - length : start]) in QUALIFIERS:
                        start -= length
                        break
                quantity = read_quantity(doc[start : i + 2 + scale].text)
                if quantity is not None:
                    yield start, i + 2 + scale, quantity
                i += 2 + scale
                continue
            end = i + 1
            between = i > 0 and doc[i - 1].lower_ == "between"
            while end < len(doc) and (self._numberish(doc[end]) or (doc[end].text in _RANGE_LINKS
                                      and end + 1 < len(doc) and self._numberish(doc[end + 1]))):
                if doc[end].lower_ == "and" and not (doc[end - 1].lower_ in SCALES or between):
                    break
                end += 1
            start = i
            for length in (3, 2, 1):  # a qualifier before: "at least", "more than", "nearly", "between"
                phrase = " ".join(t.lower_ for t in doc[max(0, i - length) : i])
                if i - length >= 0 and (phrase in QUALIFIERS or phrase in _RANGE_OPENERS):
                    start = i - length
                    break
            if start > 0 and doc[start - 1].lower_ == "another":
                start -= 1
            if doc[end - 1].lower_ in VAGUE and end < len(doc) and doc[end].lower_ == "of":
                end += 1
                if end < len(doc) and doc[end].lower_ in VAGUE:  # "hundreds of thousands (of)": one quantity
                    end += 2 if end + 1 < len(doc) and doc[end + 1].lower_ == "of" else 1
            quantity = read_quantity(doc[start:end].text)
            if quantity is None and start < i:
                quantity, start = read_quantity(doc[i:end].text), i
            if quantity is not None:
                yield start, end, quantity
            i = end

    # -- victims -----------------------------------------------------------------------------------
    def victim(self, q_end: int) -> tuple[int, int, str | None] | None:
        """The noun the quantity counts: (start, end, class) — class None for "others"; None if no noun."""
        doc, j = self.doc, q_end
        if j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in _POSSESSIVE_DETERMINERS:
            found = self.victim(j + 2)  # "six of the group's fighters", "24 of its personnel"
            if found is not None and found[2] not in {"not"}:
                return j, found[1], found[2]
        start = j
        while j < len(doc) and j - start < 5:
            token = doc[j]
            lower = token.lower_
            if lower in _SUSTAINING:
                return None  # "80 sustained injuries": what they sustained is the outcome, not who they are
            if lower in _ELLIPTIC:
                nxt = doc[j + 1] if j + 1 < len(doc) else None
                if nxt is not None and nxt.lower_ in self.lex.victims:  # "12 other people", "two more soldiers"
                    return start, j + 2, None if self.lex.victims[nxt.lower_] == "unknown" else self.lex.victims[nxt.lower_]
                return start, j + 1, None
            two = f"{lower} {doc[j + 1].lower_}" if j + 1 < len(doc) else ""
            if two in self.lex.victims:  # "aid workers", "health workers"
                return start, j + 2, self.lex.victims[two]
            if lower in self.lex.victims and (j + 1 >= len(doc) or doc[j + 1].lower_ not in self.lex.victims
                                              or doc[j + 1].pos_ not in {"NOUN"}):
                return start, j + 1, self.lex.victims[lower]
            if lower in self.lex.not_victims and not (j + 1 < len(doc) and doc[j + 1].tag_ == "NNS"
                                                      and doc[j + 1].lower_ not in self.lex.not_victims):
                return start, j + 1, "not"  # but "12 farm workers", "three school teachers": a modifier of people
            if token.ent_type_ == "NORP" and token.tag_ in {"NNPS", "NNS"}:  # "46,500 Palestinians"
                return start, j + 1, "unknown"
            if token.pos_ in {"ADJ", "ADV", "PROPN", "NOUN", "VERB"} or token.text == "-" or token.tag_ == "VBN":
                if lower in self.lex.outcomes and token.pos_ in {"VERB", "ADJ"} and j == start:
                    nxt = doc[j + 1] if j + 1 < len(doc) else None
                    if nxt is not None and nxt.lower_ in self.lex.victims and nxt.tag_ == "NNS":
                        return start, j + 2, self.lex.victims[nxt.lower_]  # "26 displaced people": who they were
                    return None  # "12 injured": the outcome, not a victim noun
                if token.pos_ == "NOUN" and lower not in self.lex.victims and (j + 1 >= len(doc) or doc[j + 1].pos_ != "NOUN"):
                    return start, j + 1, "unknown"
                j += 1
                continue
            break
        return None

    # -- outcomes ----------------------------------------------------------------------------------
    def outcome_of(self, token: Token) -> str | None:
        lower = token.lower_
        if lower in _HOLDING:
            return None  # only "holding N <people>": see outcome_before
        if lower in self.lex.only_before:
            after = self.doc[token.i + 1 : token.i + 4]
            return self.lex.outcomes[lower] if any(t.lower_ in self.lex.only_before[lower] for t in after) else None
        if lower in self.lex.outcomes:
            return self.lex.outcomes[lower]
        if lemma_of(token) in self.lex.outcomes and token.pos_ in {"VERB", "AUX"}:
            return self.lex.outcomes[lemma_of(token)]
        return None

    def outcome_after(self, j: int) -> tuple[int, str] | None:
        """An outcome word after a figure, across linking words and coordinated figures."""
        doc, steps = self.doc, 0
        while j < len(doc) and steps < 12:
            token = doc[j]
            if token.lower_ in _SUSTAINING or token.lower_ in _HAVING and steps <= 3:
                k = self._wounds_after(j + 1)  # "80 sustained injuries", "nine of them have burn wounds"
                if k is not None:
                    return k, "wounded"
            outcome = self.outcome_of(token)
            if outcome and token.lower_ not in {"death", "deaths"}:
                nxt = doc[j + 1 : j + 3]
                if len(nxt) == 2 and nxt[0].lower_ in _PAIR_LINKS and _killed_and_wounded(outcome, self.outcome_of(nxt[1])):
                    return j, "killed_or_wounded"  # "12 killed and wounded", "88 Killed & Injured"
                if len(nxt) and _killed_and_wounded(outcome, self.outcome_of(nxt[0])):
                    return j, "killed_or_wounded"  # "Dozens Killed Injured": a headline's comma stripped
                return j, outcome
            if token.lower_ in _LOSE and j + 2 < len(doc) and doc[j + 2].lower_ in _LIFE:
                return j, "killed"
            if token.lower_ in _LEAVING_HOME and [t.lower_ for t in doc[j + 1 : j + 3]] in _HOMES:
                return j, "displaced"  # "300 residents had left their homes"
            if token.lower_ == "out" and j + 3 < len(doc) and doc[j + 1].lower_ == "of" \
                    and [t.lower_ for t in doc[j + 2 : j + 4]] in _HOMES and self._forced_before(j):
                return j, "displaced"  # "forced 300 residents out of their homes"
            if token.lower_ in _AGE_AFTER_VICTIMS:  # "two farmers aged 41 and 73 died"
                k = j + 1
                while k < len(doc) and (doc[k].like_num or doc[k].lower_ in _AGE_LIST_LINKS):
                    k += 1
                j, steps = k, steps + (k - j)
                continue
            if token.lower_ == "of" and j + 1 < len(doc) and doc[j + 1].lower_ not in {"them", "whom"}:
                k = j + 1  # "300 residents of the valley had fled", "residents of frontline villages"
                while k < len(doc) and k - j <= 4 and doc[k].pos_ in {"PROPN", "NOUN", "ADJ", "DET"} and not self.outcome_of(doc[k]):
                    k += 1
                if k > j + 1:
                    j, steps = k, steps + (k - j)
                    continue
            if token.lower_ in _LINKING or token.is_space:
                j, steps = j + 1, steps + 1
                continue
            if (token.dep_ == "acl" and token.tag_ == "VBG" and steps == 0 and not self.outcome_of(token)
                    and token.right_edge.i + 1 < len(doc) and token.right_edge.i - j < 12):
                j, steps = token.right_edge.i + 1, steps + 1  # "30 volunteers arriving from the coast were killed"
                continue
            if token.lower_ in _DESCRIBING:  # "… villagers mainly elderly farmers were shot"
                k = j + 1
                while k < len(doc) and k - j <= 6 and (doc[k].pos_ in {"NOUN", "ADJ", "DET", "CCONJ", "ADP"}
                                                       or doc[k].lower_ in _DESCRIPTION_LINKS) \
                        and not self.outcome_of(doc[k]):
                    k += 1
                if k > j + 1:
                    j, steps = k, steps + (k - j)
                    continue
            if (self._numberish(token) or token.lower_ in {"a", "an"}) and steps > 0:
                listed = self.victim(j + 1)  # a list of parts: "four pilgrims three boys and a nurse died"
                if listed is not None and listed[2] not in {"not", None}:
                    j, steps = listed[1], steps + (listed[1] - j)
                    continue
            if token.lower_ in {"including", "among"}:  # "N people, including M children, were killed"
                k = j + 1
                while k < len(doc) and k - j < 8 and not self.outcome_of(doc[k]) and doc[k].text not in {".", ";"} \
                        and doc[k].lower_ != "among":  # "… including a boy were among 12 people killed"
                    k += 1
                j, steps = k, steps + (k - j)
                continue
            if token.lower_ == "and" and j + 1 < len(doc) and (self._numberish(doc[j + 1]) or doc[j + 1].lower_ in
                                                               _LIST_OPENERS):
                j, steps = j + 2, steps + 2  # "Three nurses and a policeman died", "… and around 20 militiamen"
                while j < len(doc) and steps < 12 and (doc[j].pos_ in {"NOUN", "ADJ", "NUM", "PROPN"} or self._numberish(doc[j])
                                                       or doc[j].lower_ in _LIST_FILLERS):
                    j, steps = j + 1, steps + 1
                continue
            return None
        return None

    def _forced_before(self, j: int) -> bool:
        """A form of "force" or "drive" within the few words before token j ("forced 300 residents out …")."""
        return any(t.lower_ in _FORCE_FORMS or t.lower_ in _DRIVE_FORMS for t in self.doc[max(0, j - 8) : j])

    def _wounds_after(self, k: int) -> int | None:
        """The wound noun after "suffered"/"have", across adjectives, a noun modifier and "types of"
        ("serious wounds", "shrapnel wounds", "several kinds of wounds"): its index, else None."""
        doc, start = self.doc, k
        while k < len(doc) and k - start < 5 and (doc[k].is_space or doc[k].pos_ == "ADJ" or doc[k].dep_ in {"compound", "amod"}
                                                   or doc[k].lower_ in _KINDS_OF):
            k += 1
        return k if k < len(doc) and doc[k].lower_ in _WOUNDS else None

    def outcome_before(self, i: int) -> tuple[int, str] | None:
        """"killed N", "killing N", "left … dead", "the death toll rose to N", "claimed the lives of N"."""
        doc = self.doc
        for k in range(i - 1, max(-1, i - 7), -1):
            token = doc[k]
            lower = token.lower_
            if lower in {".", ";", ":"} or (token.is_space and "\n" in token.text):
                return None
            outcome = self.outcome_of(token)
            if lower in _NOMINAL_OUTCOMES and k + 1 < i and doc[k + 1].lower_ == "of":
                nominal = self.lex.outcomes.get(lower) or _nominal_outcome(lower)
                if nominal:
                    return k, self._paired(k, nominal)  # "the killing of two people", "the killing or wounding of N"
            if outcome and (token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB") or lower in {"injured", "wounded", "dead"}):
                if lower in {"dead", "death", "deaths"} and k < i - 1:
                    continue
                if _unrealised(doc, k):
                    return None  # "threatened to kill 10 judges", "tried to abduct two men": it did not happen
                return k, self._paired(k, outcome)
            if lower in _TOLL:  # "the (death) toll rose to 76"
                return k, "killed_or_wounded" if any(t.lower_ == "casualty" for t in doc[max(0, k - 2) : k]) else "killed"
            if lower in _LIFE and k > 0 and doc[k - 1].lower_ in _LIFE_TAKERS:
                return k, "killed"
            if lower in _LIFE and k > 0 and lemma_of(doc[k - 1]) in _LIFE_TAKING_LEMMAS:
                return k, "killed"
            if lemma_of(token) in _LIFE_TAKING_LEMMAS and token.pos_ == "VERB" and any(
                    t.lower_ in _LIFE for t in doc[i : i + 5]):
                return k, "killed"  # "the siege has claimed some 2,000 lives"
            if lower in _LOSE_FORMS:
                return k, "killed"
            if lower in _HOLD_FORMS and k == i - 1:
                return k, "detained"  # kept only when a person noun follows (the caller checks the victim)
            if lower in _LEAVE_FORMS:
                for t in doc[i : min(len(doc), i + 8)]:
                    out = self.outcome_of(t)
                    if out and t.lower_ in _LEFT_STATES:
                        return t.i, out
                nxt = doc[k + 1] if k + 1 < i else None
                if nxt is not None and self.outcome_of(nxt):
                    return nxt.i, self.outcome_of(nxt)
            if lower in _FORCE_FORMS:
                continue  # "forced some 12,000 people to flee": the outcome comes after
            if lower in _BEFORE_FIGURE:
                continue
            if token.pos_ in {"ADV", "PART"}:
                continue
            return self._total_before(i)
        return self._total_before(i)

    def _paired(self, k: int, outcome: str) -> str:
        """"killing and injuring N", "the killing or wounding of N": a killed/wounded pair before the figure."""
        doc = self.doc
        if k >= 2 and doc[k - 1].lower_ in _PAIR_LINKS:
            word = doc[k - 2]
            other = self.outcome_of(word) or (_nominal_outcome(word.lower_) if word.lower_ in _NOMINAL_OUTCOMES else None)
            if _killed_and_wounded(outcome, other):
                return "killed_or_wounded"
        return outcome

    def _total_before(self, i: int) -> tuple[int, str] | None:
        """A figure given as a total farther back in its sentence: "the number of those killed at the depot
        has risen to N", "estimates the toll of the siege - now in its third month - at N"."""
        doc = self.doc
        k = i - 1
        while k >= 0 and doc[k].lower_ in _QUALIFIER_FILLERS:
            k -= 1
        if k < 0 or doc[k].lower_ not in _TOTAL_VERBS:
            return None
        if doc[k].lower_ == "to" and [t.lower_ for t in doc[max(0, k - 2) : k]] == ["in", "addition"]:
            return None  # "the toll reached 12 in addition to 30 hurt": the 30 have their own outcome
        for j in range(k - 1, max(-1, k - _TOTAL_REACH), -1):
            token = doc[j]
            if token.lower_ in {".", ";", ":"} or (token.is_space and "\n" in token.text):
                return None
            if token.lower_ in _TOLL:
                return j, "killed_or_wounded" if any(t.lower_ == "casualty" for t in doc[max(0, j - 2) : j]) else "killed"
            if token.lower_ == "number" and j + 1 < k and doc[j + 1].lower_ == "of":
                for t in doc[j + 2 : min(k, j + 7)]:
                    outcome = self.outcome_of(t)
                    if outcome:
                        return t.i, outcome
                return None
        return None

    def part_cue(self, i: int) -> str | None:
        """"including N", "among them N" → "inherit"; "among the dead were N" → that outcome; else None."""
        doc = self.doc
        words = [t.lower_ for t in doc[max(0, i - 5) : i] if not t.is_punct]
        while words and words[-1] in _PART_FILLERS:
            words.pop()
        if words and words[-1] in {"her", "his", "their"}:
            words.pop()  # "including a man and his two sons"
        if len(words) >= 3 and words[-1] == "and" and words[-3] in {"a", "an"} and words[-2] in self.lex.victims:
            words = words[:-3]  # "among them a boy and three nurses"
        if len(words) >= 3 and words[-3] in _GROUP_OPENERS and words[-2] in self.lex.outcomes and words[-1] in _GROUP_LINKS:
            return self.lex.outcomes[words[-2]]  # "the dead included six women", "those killed included six women"
        for cue in _PART_CUES:
            if len(words) >= len(cue) and tuple(words[-len(cue):]) == cue:
                outcome = self.lex.outcomes.get(cue[-1]) if cue[0] == "among" and len(cue) > 2 else None
                return outcome or "inherit"
        return None


_PAIR_LINKS = {"and", "or", "&"}  # "killed and wounded", "killing or wounding", "Killed & Injured"


def _killed_and_wounded(outcome: str | None, other: str | None) -> bool:
    """The two outcome words of a pair are the one killed and the other wounded."""
    return {outcome, other} == {"killed", "wounded"}


def _nominal_outcome(noun: str) -> str | None:
    """The outcome a nominalisation names ("assassination" → killed, "abduction" → detained)."""
    return _NOMINAL_OUTCOMES.get(noun)


def _unrealised(doc: Doc, k: int) -> bool:
    """The outcome verb at k is only threatened, tried or planned: "threatened to kill", "tried to abduct"."""
    return doc[k].tag_ == "VB" and k >= 2 and doc[k - 1].lower_ == "to" and doc[k - 2].lower_ in _UNREALISED_FORMS


def _syntactic_outcome(reader: "_Reader", head: Token) -> tuple[int, str] | None:
    """The outcome verb the victim noun is an argument of, from the parse: "N villagers mainly elderly
    farmers were shot" (subject of a passive), "shot the driver, a guard and four others" (object, through
    the coordination), "two soldiers died" (subject of an intransitive outcome verb)."""
    noun = head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in _TOTAL_NOUNS:
        noun = noun.head.head  # "a total of 17 medics were killed"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num:
        noun = noun.head.head  # "… and two of her brothers": the number heads the phrase
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ in {"NOUN", "PROPN"}:
        noun = noun.head.head  # "killed a man with three of his sons": killed with him
    for _ in range(4):
        if noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        else:
            break
    verb = noun.head
    if verb.i == noun.i or not verb.tag_.startswith("VB"):
        return None
    outcome = reader.outcome_of(verb)
    if outcome is None or _unrealised(reader.doc, verb.i):
        return None
    if noun.dep_ == "nsubjpass" or (noun.dep_ == "dobj" and lemma_of(verb) not in _INTRANSITIVE):
        return verb.i, outcome
    if noun.dep_ == "nsubj" and lemma_of(verb) in _INTRANSITIVE:
        return verb.i, outcome
    return None


def _agent_of(doc: Doc, noun: Token, verb: Token) -> bool:
    """The noun is the subject of an active outcome verb that has an object of its own."""
    if noun.dep_ != "nsubj" or noun.head.i != verb.i or lemma_of(verb) not in _TRANSITIVE:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and not c.like_num]
    return bool(objects) and not any(c.dep_ == "auxpass" for c in verb.children)  # not "6 citizens killed 22 injured"


# Currency words; a MONEY entity without one (or a currency sign) is the tagger's guess ("more than 10 million").
_CURRENCY_WORDS = frozenset("""dollar dollars euro euros pound pounds sterling lira liras lire peso pesos ruble rubles
rouble roubles riyal riyals rial rials dinar dinars dirham dirhams yen yuan renminbi rupee rupees franc francs cent cents
shekel shekels naira shilling shillings usd eur gbp""".split())


def _has_currency(doc: Doc, token: Token) -> bool:
    """The MONEY entity holding the token names a currency (a sign or a word, inside it or right after it)."""
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":  # back to the entity's first token
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    window = doc[max(0, start - 1) : min(len(doc), end + 1)]
    return any(t.is_currency or t.lower_ in _CURRENCY_WORDS or t.text[:1] in "$€£¥" for t in window)


def _looks_like_year(token: Token) -> bool:
    return bool(re.fullmatch(r"(1[89]|20)\d\d", token.text)) and not (token.i + 1 < len(token.doc)
                                                                      and token.doc[token.i + 1].lower_ in {"people", "civilians"})


def find_figures(doc: Doc, lexicon: CasualtyLexicon, sents: Sentences | None = None) -> list[Figure]:
    """The figures of a Doc, in order, with outcome, victims and `part_of` links (no attributes yet)."""
    sents = sents or Sentences(doc)
    reader = _Reader(doc, lexicon)
    figures: list[Figure] = []
    used_outcomes: dict[int, int] = {}
    for q_start, q_end, quantity in reader.quantities():
        of_the = [t.lower_ for t in doc[q_end : q_end + 4]]
        found_part, of_them = None, False
        if of_the[:2] == ["of", "the"] and len(of_the) == 4 and of_the[2] in lexicon.outcomes \
                and of_the[3] in {"were", "was", "are", "included"}:
            named = reader.victim(q_end + 4)  # "at least three of the dead were children"
            if named is not None and named[2] not in {"not"}:
                found_part = (q_end + 2, lexicon.outcomes[of_the[2]])
                victim = named
            else:
                victim = reader.victim(q_end)
        elif of_the[:3] == ["of", "the", "victims"] and of_the[3:] in (["were"], ["was"]) and figures \
                and sents.start(figures[-1].q_start) >= sents.previous_start(q_start) \
                and (named := reader.victim(q_end + 4)) is not None and named[2] not in {None, "unknown", "not"}:
            found_part = (figures[-1].o_index, figures[-1].outcome)  # "… killed 14. Three of the victims were teenagers"
            victim = named
        elif of_the[:2] in (["of", "them"], ["of", "whom"]) and (named := reader.victim(q_end + 2)) is not None:
            # "five people, three of them boys, died": a part of the figure before
            victim = named if named[2] not in {None, "unknown", "not"} else reader.victim(q_end)
            of_them = victim is named
        else:
            victim = reader.victim(q_end)
        if victim is not None and victim[2] == "not":
            continue
        if doc[q_start:q_end].text.lower() == "one" and q_end < len(doc) and doc[q_end].lower_ == "another":
            continue  # "to kill one another": a reciprocal pronoun, not a count
        if q_start > 0 and doc[q_start - 1].lower_ == "from":
            continue  # "civilians from one family": a description, not a count of victims
        own_outcome = None
        if victim is not None and doc[victim[1] - 1].lower_ in _OUTCOME_NOUNS and victim[1] - victim[0] == 1:
            own_outcome = (victim[1] - 1, lexicon.outcomes.get(doc[victim[1] - 1].lower_, "killed"))
            victim = None  # "three deaths", "22 injuries": the noun is the outcome
        if any(t.ent_type_ in _SKIP_ENTS and (t.ent_type_ != "MONEY" or _has_currency(doc, t))
               for t in doc[q_start:q_end]) and own_outcome is None and (
                victim is None or victim[2] in {None, "unknown"} and doc[victim[1] - 1].lower_ not in lexicon.victims):
            continue  # a date, time, percentage, sum or measure — unless it plainly counts people
        described = None  # "killed 26 displaced people": the outcome word before the noun describes the victims
        if victim is not None and victim[1] - victim[0] == 2 and reader.outcome_of(doc[victim[0]]):
            described = (victim[0], reader.outcome_of(doc[victim[0]]))
        tail = victim[1] if victim else q_end
        if tail < len(doc) and doc[tail].lower_ == "of" and doc[tail + 1 : tail + 2].text.lower() in {"them", "whom"}:
            tail += 2

        after = reader.outcome_after(tail)
        before = reader.outcome_before(q_start)
        if own_outcome is not None:
            after, before = own_outcome, None
        if after is not None and victim is not None and _agent_of(doc, doc[victim[1] - 1], doc[after[0]]):
            after = None  # "three gunmen killed two guards": the gunmen did the killing
        if after is None and before is None and victim is not None:
            after = _syntactic_outcome(reader, doc[victim[1] - 1])
        if after is not None and before is not None:
            gap_after = sum(1 for t in doc[tail : after[0]] if not t.is_space)
            gap_before = sum(1 for t in doc[before[0] + 1 : q_start] if not t.is_space and t.lower_ not in QUALIFIER_WORDS)
            governed = (victim is not None and doc[victim[1] - 1].dep_ == "dobj" and doc[victim[1] - 1].head.i == before[0]
                        and doc[before[0]].tag_ == "VBG" == doc[after[0]].tag_)  # "killing 8 people injuring 55"
            governed = governed or doc[before[0]].lower_.endswith("ing") and doc[after[0]].lower_.endswith("ing") \
                and gap_after == gap_before  # "… Killing 4 Injuring 7" in a headline the parser reads as names
            found = before if governed or gap_after > gap_before else after  # "Nine killed 12 injured"; "kills 5, injures 23"
            if after[0] > tail and all(t.lower_ in _PASSIVE_AUXILIARIES for t in doc[tail : after[0]] if not t.is_space):
                found = after  # "8 were killed 30 were hurt" (a lost "and"): the number is the passive's subject
            if gap_after == gap_before and victim is not None and after[0] == victim[1] and doc[after[0]].tag_ == "VBG" \
                    and doc[before[0]].tag_ != "VBG":
                found = before  # "strikes kill 40 gunmen fleeing the town": the participle describes the victims
        else:
            found = after or before
        part_outcome = reader.part_cue(q_start)
        previous = figures[-1] if figures else None
        if part_outcome is None and previous is not None and q_start > 0 and doc[q_start - 1].text == "(" \
                and (previous.victim_end or previous.q_end) == q_start - 1:
            part_outcome = "inherit"  # "nine guards (four police and five cadets)": the parts in brackets
        is_part = part_outcome is not None
        coordinated = previous is not None and _coordinated(doc, previous, q_start, victim)
        if coordinated and victim is None and tail < len(doc) and doc[tail].tag_ in {"VBD", "VBN"} \
                and doc[tail].pos_ == "VERB" and doc[tail].lower_ not in _LINKING \
                and not any(reader.outcome_of(t) or lemma_of(t) in lexicon.outcomes for t in doc[tail : tail + 3]):
            continue  # "9 died and another 12 surrendered": the number has a verb of its own (not "suffered wounds")
        # a coordinated figure shares the outcome word of the one before, unless it has its own after that figure
        if coordinated and (found is None or found == before and before[0] < previous.q_start
                            or found == before and before[0] == previous.o_index):
            found = (previous.o_index, previous.outcome)  # "killed 15 civilians and 27 fighters"
            if previous.part_of is not None:  # "including five children and two women"
                part_outcome, is_part = "inherit", True
        if found is None and is_part:
            found = (q_start, part_outcome) if part_outcome != "inherit" else None
            if found is None and previous is not None and sents.start(previous.q_start) == sents.start(q_start):
                found = (previous.o_index, previous.outcome)
                between = [(t.i, outcome) for t in doc[previous.q_end : q_start] if (outcome := reader.outcome_of(t))]
                if between and between[-1][1] != previous.outcome:
                    found, is_part = between[-1], False  # "N killed and thousands fled, including M": M fled
        if of_them:  # "… three of them boys": a part, with the outcome of the figure before
            is_part, part_outcome = True, "inherit"
            if found is None and previous is not None and sents.start(previous.q_start) == sents.start(q_start):
                found = (previous.o_index, previous.outcome)
        if found_part is not None:
            found, is_part, part_outcome = found_part, True, found_part[1]
        if found is None and described is not None:
            found = described  # "12 wounded soldiers were evacuated": the only outcome is the one describing them
        if found is None and victim is not None and doc[victim[1] - 1].lower_ in _BODIES:
            found = (victim[1] - 1, "killed")  # "a further 8 bodies were recovered"
        if found is None and victim is not None and doc[victim[1] - 1].lower_ in _CAPTIVES:
            found = (victim[1] - 1, "detained")  # "taking about 250 hostages"
        if found is None:
            continue
        if doc[found[0]].lower_ in lexicon.people_only and (
                victim is None or doc[victim[1] - 1].lower_ not in lexicon.victims
                or found[0] > q_start and doc[found[0]].dep_ != "ROOT" and not any(
                    c.dep_ == "auxpass" for c in doc[found[0]].children)):
            if before is None or found == before:  # "destroyed 12 depots", "3000 families destroyed …":
                continue  # only "80 fighters were destroyed" is a toll
            found = before  # "the displacement of 3000 families destroyed …": the outcome before them
        if quantity.vague and (quantity.qualifier or "").lower() in _NOT_FIGURES:
            continue  # "many people were trapped", "many of them critically": no number, not a figure
        if victim is None and quantity.vague and not (found[0] < q_start or found[0] - tail <= 2):
            continue
        if victim is None and found[0] > tail + 3 and not is_part:
            continue  # a bare number far from the outcome word is something else
        figure = Figure(quantity, q_start, q_end, found[1], found[0],
                        victim[0] if victim else None, victim[1] if victim else None,
                        (victim[2] or "unknown") if victim else "unknown", elliptic=victim is None or victim[2] is None)
        if is_part:
            window = sents.start(q_start) if part_outcome == "inherit" else sents.previous_start(q_start)
            parent = None
            for f in reversed(figures):  # figures are in text order: stop at the window's start
                if sents.start(f.q_start) < window:
                    break
                if f.part_of is None and f.quantity.best != 1 and (part_outcome == "inherit" or f.outcome == figure.outcome):
                    parent = f
                    break
            if parent is not None:
                figure.part_of = parent.figure_id
                figure.outcome = parent.outcome
        figure.figure_id = len(figures)
        used_outcomes[found[0]] = figure.figure_id
        figures.append(figure)
    figures += _singulars(doc, reader, figures, sents)
    _inherit_classes(doc, figures, sents)
    return sorted(figures, key=lambda f: f.q_start)


def _coordinated(doc: Doc, previous: Figure, q_start: int, victim: tuple[int, int, str | None] | None) -> bool:
    """The figure at q_start is coordinated with the previous one: "15 civilians and 27 fighters",
    "… as well as 50 rebels", a list with its commas stripped ("11 women nine children"), or (by the parse)
    "two men from one village and three men from another"."""
    gap = [t.lower_ for t in doc[previous.end : q_start]]
    if gap in (["and"], [","], [",", "and"], ["as", "well", "as"], ["and", "also"]):
        return True
    if gap[-2:] in (["along", "with"], ["together", "with"]) and len(gap) <= 6 and not {".", ";"} & set(gap):
        return True  # "nine guards were shot dead along with two drivers"
    if not gap and (previous.part_of is not None or previous.victim_class != "unknown" and victim is not None
                    and victim[2] not in {None, "unknown", "not"}):
        return True  # commas stripped: "… included six women five children", "killed 11 women nine children"
    if gap and gap[-1] in {"and", ","} and len(gap) <= 8 and previous.o_index < previous.q_start \
            and not any(t.pos_ in {"VERB", "AUX"} or t.lower_ in {".", ";"} for t in doc[previous.end : q_start]):
        return True  # objects of one outcome verb: "killed two guards from the mine and three drivers from the depot"
    if victim is None or previous.victim_end is None or not 0 < len(gap) <= 8 or "." in gap:
        return False
    head, previous_head = doc[victim[1] - 1], doc[previous.victim_end - 1]
    return head.dep_ == "conj" and head.head.i == previous_head.i


def _singulars(doc: Doc, reader: _Reader, figures: list[Figure], sents: Sentences) -> list[Figure]:
    """"among them 3 boys and a woman", "killing a child": singular figures of one."""
    extra = []
    taken = {i for f in figures for i in range(f.q_start, max(f.q_end, f.victim_end or 0))}  # quantity and victims
    parts_ending = {f.end: f for f in figures if f.part_of is not None}  # the last part ending at each token
    for token in doc:
        if token.lower_ not in {"a", "an"} or token.i in taken or token.i + 1 >= len(doc):
            continue
        noun = doc[token.i + 1]
        cls = reader.lex.victims.get(noun.lower_)
        if cls is None or noun.tag_ not in {"NN"}:
            continue
        parent = None
        prev = doc[token.i - 1] if token.i else None
        if prev is not None and prev.lower_ == "and":
            parent = parts_ending.get(token.i - 1)
        follows = [t.lower_ for t in doc[token.i + 2 : token.i + 4]]
        if parent is None and follows[:1] == ["among"] and follows[1:2] in (["them"], ["whom"]):
            sentence = sents.start(token.i)
            for f in reversed(figures):  # in text order: stop at the sentence's start
                if sents.start(f.q_start) < sentence:
                    break
                if f.end <= token.i and f.part_of is None and sents.start(f.q_start) == sentence:
                    parent = f
                    break
            if parent is not None:  # "five people died a girl among them"
                parent = Figure(parent.quantity, parent.q_start, parent.q_end, parent.outcome, parent.o_index,
                                part_of=parent.figure_id)
        after = reader.outcome_after(token.i + 2)
        before = reader.outcome_before(token.i)
        twin = next((f for f in extra if prev is not None and prev.lower_ == "and" and f.victim_end == token.i - 1), None)
        if twin is not None:  # "killed a driver and a nurse": the same outcome as the first
            before = (twin.o_index, twin.outcome)
        adjacent = before is not None and (before[0] == token.i - 1 or before[0] == token.i - 2 and prev.lower_ == "of")
        if parent is None and not adjacent and not (after and after[0] - token.i <= 4) and twin is None:
            continue
        outcome = figures[parent.part_of].outcome if parent is not None else (before or after)[1]
        if parent is None and outcome not in {"killed", "wounded", "missing"}:
            continue  # "a resident who fled" is a person, not a displacement figure
        figure = Figure(Quantity(1, 1, 1), token.i, token.i + 1, outcome,
                        (before or after)[0] if parent is None else token.i, token.i + 1, token.i + 2, cls,
                        part_of=parent.part_of if parent is not None else None, figure_id=len(figures) + len(extra))
        extra.append(figure)
    return extra


def _inherit_classes(doc: Doc, figures: list[Figure], sents: Sentences) -> None:
    """"others", "more", a bare number: the class of the head figure before it in the same sentence."""
    head, head_sent = None, None  # the last head figure seen, and its sentence (one pass, in text order)
    for figure in sorted(figures, key=lambda f: f.q_start):
        sent = sents.start(figure.q_start)
        if figure.elliptic:
            contrasted = (figure.victim_start is not None and doc[figure.victim_start].lower_ == "other"
                          and figure.victim_end - figure.victim_start > 1)  # "other people", but "four other hurt"
            if head is not None and head_sent == sent and not contrasted:  # "a boy and six other people"
                figure.victim_class = head.victim_class
            continue
        if figure.part_of is None and figure.quantity.best != 1:
            head, head_sent = figure, sent


def _phrase(span: Span | None) -> str | None:
    return re.sub(r"\s+", " ", span.text).strip(" ,") if span is not None and len(span) else None


def extract_casualties(doc: Doc, mentions: list[dict], claims: list[dict],
                       lexicon: CasualtyLexicon | None = None) -> list[dict]:
    """Casualty records (contract columns) for a Doc, given its entity mentions and claims."""
    lexicon = lexicon or casualty_lexicon()
    sents = Sentences(doc)
    figures = find_figures(doc, lexicon, sents)
    return describe_all(doc, figures, mentions, claims, sents)
