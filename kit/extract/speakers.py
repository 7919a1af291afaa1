"""Speaker resolution: a speaker phrase → the canonical name of who speaks.

* an entity in the phrase: a person first ("Observatory director Rami Abdel Rahman"), else an organisation
  ("SANA reporter", "an official at the Homs Health Directorate"), never one inside a verb phrase ("a doctor
  talking to Reuters"); further entities joined by "and" are co-speakers;
* a pronoun: the nearest earlier speaker or subject of a compatible kind (he/she → person, it → organisation),
  and for he/she of the same sex when the name or title tells (given names: `data/given_name_genders.tsv`);
  pronoun speakers are resolved after all claims are found (`resolve_pronoun`), so any earlier claim counts;
* a definite description ("the source", "the monitor"): the earlier speaker described the same way, or
  the monitor named in the article;
* a description of a body ("the group", "the humanitarian organisation", "an NGO"): the organisation of that
  kind (`data/speaker_descriptions.csv`) named last before it, or for "a/an …" the only one the article names;
* "state television/TV/media" → "<Demonym> state television";
* otherwise the phrase itself, without its article.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from functools import lru_cache
from itertools import accumulate

from spacy.tokens import Doc, Token

from ..lexicons import data_text, read_data_csv
from .claim_parts import Claim
from .entity_words import TITLES
from .lemmas import lemma as lemma_of
from .quotes import find_quotes

__all__ = ["PRONOUNS", "SpeakerResolver", "given_name_genders"]

PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them", "we"}
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS
_PRONOUN_SEX = {"he": "m", "him": "m", "she": "f", "her": "f"}
_NAMING = {"named", "called"}  # "a worker named X", "a man called X"
_TITLE_SEX = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "sir": "m",
              "lord": "m", "lady": "f", "king": "m", "queen": "f", "prince": "m", "princess": "f"}
# Person nouns that tell the sex ("the spokeswoman said … she added").
_NOUN_SEX = {"spokesman": "m", "spokeswoman": "f", "man": "m", "woman": "f", "father": "m", "mother": "f",
             "husband": "m", "wife": "f", "son": "m", "daughter": "f", "brother": "m", "sister": "f", "boy": "m",
             "girl": "f", "chairman": "m", "chairwoman": "f", "congressman": "m", "congresswoman": "f",
             "businessman": "m", "businesswoman": "f", "widow": "f", "grandmother": "f", "grandfather": "m"}
# Nouns for people who speak for an organisation: "a source at X", "a spokesman for X".
REPRESENTATIVES = {"source", "sources", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
                   "representative", "member", "members", "officer", "commander", "director", "head", "chief",
                   "leader", "reporter", "correspondent", "minister", "ministry", "statement", "figure", "figures"}
# "insurgents led by X": X speaks for them.
LEADING_VERBS = {"lead", "head", "command", "spearhead", "direct"}
MONITOR_NOUNS = {"monitor", "monitoring", "watchdog", "observatory"}
_STATE_MEDIA = re.compile(r"\bstate(?:-run|-owned)?\s+(television|tv|media|news agency|broadcaster|radio)\b", re.I)
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "one", "another", "some", "several", "two", "three"}
_MODIFIER = re.compile(r"[-‐](run|led|backed|linked|affiliated|controlled|held|allied|aligned|based|funded|owned)\b", re.I)
# Offices that speak for the body that owns them ("Libya's Interior Ministry", "the army's media wing").
OFFICES = {"ministry", "office", "bureau", "department", "directorate", "command", "wing", "spokesman", "spokesperson",
           "spokeswoman", "council", "agency", "authority", "commission", "mission", "unit", "service"}
# Nouns for people, so that "he"/"she" can refer to "a local official" or "the spokesman".
PERSON_NOUNS = {"official", "spokesman", "spokeswoman", "spokesperson", "resident", "activist", "witness", "commander",
                "doctor", "medic", "source", "minister", "governor", "mayor", "officer", "soldier", "fighter", "man",
                "woman", "journalist", "reporter", "correspondent", "director", "head", "chief", "leader", "analyst",
                "survivor", "father", "mother", "farmer", "teacher", "nurse", "volunteer", "envoy"} | set(_NOUN_SEX)


@lru_cache(maxsize=1)
def given_name_genders() -> dict[str, str]:
    """Lower-cased given name → "m" or "f", for names mostly borne by one sex (data/given_name_genders.tsv)."""
    out = {}
    for line in data_text("given_name_genders.tsv").splitlines():
        if line and not line.startswith("#"):
            name, _, sex = line.partition("\t")
            out[name] = sex.strip()
    return out


class SpeakerResolver:
    """Resolves speaker phrases within one Doc, given the kit's entity mentions."""

    def __init__(self, doc: Doc, mentions: list[dict], quotes: list | None = None) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m["start_char"])
        self._starts = [m["start_char"] for m in self.mentions]
        norp = [m["canonical"] for m in self.mentions if m["label"] == "NORP"]
        counts, first = Counter(norp), {n: k for k, n in reversed(list(enumerate(norp)))}
        # the commonest, the first named on ties
        self.demonym = max(counts, key=lambda n: (counts[n], -first[n])) if norp else None
        self.labels = {m["canonical"]: m["label"] for m in self.mentions}
        self.text = doc.text  # read once: Doc.text rebuilds the string on every access
        self._quotes = quotes if quotes is not None else find_quotes(self.text)
        spans = sorted((q.start, q.end) for q in self._quotes)
        self._quote_starts = [a for a, _ in spans]
        self._quote_reach = list(accumulate((b for _, b in spans), max))  # the furthest end of the quotations so far
        self._so_far: _Speakers | None = None
        self._titled: dict[str, str] | None = None  # canonical name → sex, from "Mr."/"Mrs." before a mention
        self._described_upto: dict[tuple[int, str], tuple[int, "Claim | None"]] = {}

    # -- mentions ---------------------------------------------------------------------------------
    def _inside(self, start: int, end: int) -> list[dict]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i]["start_char"] < end:
            if self.mentions[i]["end_char"] <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def _token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _embedded(self, mention: dict, head: Token) -> bool:
        """True when the mention hangs on the speaker through a verb or a preposition of a non-representative."""
        token = self._token_at(mention["start_char"])
        if token is None:
            return True
        steps = 0
        while token.i != head.i and steps < 8:
            if token.dep_ in {"acl", "relcl", "advcl", "ccomp", "xcomp"} and lemma_of(token) not in LEADING_VERBS:
                return True
            if token.dep_ == "prep" and lemma_of(token.head) not in REPRESENTATIVES and token.head.lower_ not in REPRESENTATIVES:
                return True
            if token.head.i == token.i:
                return False
            token, steps = token.head, steps + 1
        return False

    # -- resolution -------------------------------------------------------------------------------
    def resolve(self, tokens: list[Token], head: Token, *, before: int, claims: list["Claim"]) -> tuple[str | None, list[str]]:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = self.text[start:end]
        inside = [m for m in self._inside(start, end) if m["label"] in {"PERSON", "ORG", "GPE", "NORP"}
                  and not _MODIFIER.match(self.text, m["end_char"])]  # "Hamas-run", "Iran-aligned"
        # a name closing the phrase is its apposition ("Spokesman for the provincial council Omar Haddad")
        direct = [m for m in inside if not self._embedded(m, head) or (m["label"] == "PERSON" and m["end_char"] == end)]
        people = [m for m in direct if m["label"] == "PERSON"]
        orgs = [m for m in direct if m["label"] == "ORG"]
        co: list[str] = []
        head_outside = not any(m["start_char"] <= head.idx < m["end_char"] for m in inside)
        if head_outside and lemma_of(head) in OFFICES and not people:
            # "the GNU's Ministry of Interior": the office speaks, not the government that owns it
            return self._phrase(tokens), []
        if people or orgs:
            first = people[-1] if people and not (orgs and " and " in text and orgs[0]["start_char"] < people[-1]["start_char"]) else (orgs or people)[0]
            if " and " in text:
                co = [m["canonical"] for m in direct if m["label"] in {"PERSON", "ORG"} and m["canonical"] != first["canonical"]]
            state = _STATE_MEDIA.search(first["text"])
            if state and first.get("kind") is None:  # "State TV" tagged as an organisation
                return self._state_media(state, inside), sorted(set(co), key=co.index)
            return first["canonical"], sorted(set(co), key=co.index)
        lower = head.lower_
        if lower in PRONOUNS and len(tokens) == 1:
            return self._antecedent(lower, before, claims), []
        state = _STATE_MEDIA.search(text)
        if state:
            return self._state_media(state, inside), []
        if len(direct) == 1 and direct[0]["label"] == "GPE" and len(tokens) <= 3:
            return direct[0]["canonical"], []
        words = [t for t in tokens if t.lower_ not in _DETERMINERS]
        if not words:
            return None, []
        monitor = next((t for t in tokens if lemma_of(t) in MONITOR_NOUNS), None)
        if tokens[0].lower_ in {"the", "this", "that"} or monitor is not None:
            earlier = self._described(monitor or head, claims)
            if earlier:
                return earlier, []
        titled = self._titled_person(tokens, head, before=before)
        if titled:
            return titled, []
        body = self._body_described(tokens, head, before=before, claims=claims)
        if body:
            return body, []
        name = _leading_name(tokens)
        return (name or self._phrase(words)), []

    def resolve_pronoun(self, pronoun: str, *, before: int, claims: list[Claim]) -> str | None:
        """The name a lone pronoun speaker stands for, given the claims before it (a list that only grows)."""
        return self._antecedent(pronoun.lower(), before, claims)

    def sex(self, name: str, text: str = "") -> str | None:
        """"m", "f" or None: from a title in `text` or before a mention of `name`, a person noun, a given name."""
        words = (text or name).lower().split()
        for word in words[:3]:
            if word in _TITLE_SEX or word in _NOUN_SEX:
                return _TITLE_SEX.get(word) or _NOUN_SEX[word]
        if self._titled is None:
            self._titled = {}
            for m in self.mentions:
                if m["label"] == "PERSON":
                    title = self.text[max(0, m["start_char"] - 6) : m["start_char"]].split()
                    if title and title[-1].lower() in _TITLE_SEX:
                        self._titled.setdefault(m["canonical"], _TITLE_SEX[title[-1].lower()])
        if name in self._titled:
            return self._titled[name]
        first = name.split()[0].lower() if name.split() else ""
        return given_name_genders().get(first)

    def _agrees(self, pronoun: str, name: str, at: int | None = None) -> bool:
        """Can `pronoun` stand for `name` (written at character `at`: a title right before it tells the sex of that
        mention, "Mrs. X" being another person than "Mr. X")?"""
        wanted = _PRONOUN_SEX.get(pronoun)
        if wanted is None:
            return True
        found = None
        if at is not None:
            before = self.text[max(0, at - 6) : at].split()
            found = _TITLE_SEX.get(before[-1].lower()) if before else None
            if found is None:
                found = self.sex(name, self.text[at : at + 40].split(",")[0])
        found = found or self.sex(name)
        return found is None or found == wanted

    def _phrase(self, tokens: list[Token]) -> str:
        words = [t for t in tokens if t.lower_ not in _DETERMINERS] or tokens
        return self.text[words[0].idx : words[-1].idx + len(words[-1])].strip(" ,")

    def is_named(self, speaker: str) -> bool:
        """The speaker is an entity of the article (not a description such as "a vessel")."""
        return speaker in self.labels or "state" in speaker.split()

    def _state_media(self, match: re.Match, inside: list[dict]) -> str:
        """"State TV", "Syrian state television" → "<Demonym> state television"."""
        medium = {"tv": "television"}.get(match.group(1).lower(), match.group(1).lower())
        adjective = next((m["canonical"] for m in inside if m["label"] == "NORP"), None) or self.demonym
        return f"{adjective} state {medium}" if adjective else f"state {medium}"

    def _described(self, head: Token, claims: list["Claim"]) -> str | None:
        noun = lemma_of(head)
        found = self._last_described(noun, claims)
        if found is not None:
            return found.speaker
        if noun in MONITOR_NOUNS:
            monitors = [m for m in self.mentions if m.get("kind") == "monitor"]
            if monitors:
                before = [m for m in monitors if m["start_char"] < head.idx]
                return (before[-1] if before else monitors[0])["canonical"]
        return None

    def _titled_person(self, tokens: list[Token], head: Token, *, before: int) -> str | None:
        """"the president", "the senator": the person last named with that title before ("President Ada Vint",
        "Sen. Omar Haddad"; an abbreviation stands for the title it begins)."""
        title = head.lower_
        if tokens[0].lower_ != "the" or title not in TITLES or len(tokens) > 4 or any(
                t.pos_ == "PROPN" for t in tokens):
            return None
        for k in range(bisect_left(self._starts, before) - 1, max(-1, bisect_left(self._starts, before) - 200), -1):
            mention = self.mentions[k]
            if mention["label"] != "PERSON":
                continue
            words = self.text[max(0, mention["start_char"] - 40) : mention["start_char"]].split()[-3:]
            for word in (w.lower().rstrip(".,") for w in words):
                if word == title or (len(word) >= 3 and word + "." in TITLES and title.startswith(word)):
                    return mention["canonical"]
        return None

    def _body_described(self, tokens: list[Token], head: Token, *, before: int, claims: list["Claim"]) -> str | None:
        """The organisation a description of a body stands for: "the group" → the nearest earlier organisation that
        spoke or was a subject; "the rights group" → the nearest earlier one of that kind; "an NGO" (the lead of a
        wire story, naming the body further down) → the only body of that kind in the article."""
        heads, modifiers = speaker_descriptions()
        noun = lemma_of(head)
        if noun not in heads or any(t.pos_ == "PROPN" and t.i != head.i for t in tokens):
            return None
        told = [modifiers[t.lower_] for t in tokens if t.i != head.i and t.lower_ in modifiers]
        kinds = set().union(*told) if told else set(heads[noun])
        definite = tokens[0].lower_ in {"the", "this", "that"}
        if definite and not kinds:
            return self._antecedent("it", before, claims)
        if not kinds:
            return None
        bodies = [m for m in self.mentions if m["label"] == "ORG" and kinds & _body_kinds(m, heads, modifiers)]
        if definite:
            earlier = [m for m in bodies if m["start_char"] < before]
            return earlier[-1]["canonical"] if earlier else None
        names = {m["canonical"] for m in bodies}
        return names.pop() if len(names) == 1 else None

    def _last_described(self, noun: str, claims: list["Claim"]) -> "Claim | None":
        """The latest claim whose speaker is described with `noun`; claims only grow, so each is read once per noun."""
        key = (id(claims), noun)
        read, last = self._described_upto.get(key, (0, None))
        if read > len(claims):
            read, last = 0, None
        pattern = re.compile(r"\b" + re.escape(noun))
        for claim in claims[read:]:
            if pattern.search(claim.speaker_text.lower()):
                last = claim
        self._described_upto[key] = (len(claims), last)
        return last

    def _antecedent(self, pronoun: str, before: int, claims: list["Claim"]) -> str | None:
        """The nearest earlier subject or speaker that the pronoun can refer to.

        Candidates are (position, name) pairs and the largest wins. The claims made so far are kept sorted per
        kind of speaker as they come, and mentions are read backwards from `before` only down to the best
        candidate found among the claims: the cost of a pronoun does not grow with the article."""
        wanted = {"PERSON"} if pronoun in PERSON_PRONOUNS else {"ORG"} if pronoun in THING_PRONOUNS else \
            {"ORG", "NORP", "PERSON", None} if pronoun == "we" else {"ORG", "NORP", None}  # "they" is never one person
        speakers = self._speakers_so_far(claims)
        options: list[tuple[int, str]] = []
        for label, made in speakers.by_label.items():
            if label in wanted or None in wanted:
                k = bisect_left(made, (before,)) - 1  # the latest speaker starting before the pronoun
                lowest = k - 40  # "she" skips the men who spoke last (a few dozen at most)
                while k > max(lowest, 0) and not self._agrees(pronoun, made[k][1], made[k][0]):
                    k -= 1
                if k >= 0 and self._agrees(pronoun, made[k][1], made[k][0]):
                    options.append(made[k])
        if pronoun in GROUP_PRONOUNS:  # "rebel groups … which they said": a plural subject nearby
            window = self.doc[max(0, self._token_index(before) - 60) : self._token_index(before)]
            said = [(c.content_start, c.content_end) for c in claims if window and c.content_end > window[0].idx]
            for token in window:  # not inside what a speaker said ("union leaders said dockers struck. They said …")
                if (token.tag_ in {"NNS", "NNPS"} and self._is_subject(token) and token.idx < before
                        and not any(a <= token.idx < b for a, b in said)):
                    options.append((token.idx, " ".join(t.text for t in token.subtree if t.i >= token.left_edge.i
                                                        and t.dep_ not in {"relcl", "punct"} and t.idx < before
                                                        and t.head.dep_ != "relcl").strip()))
        best = max(options) if options else None
        floor = best[0] if best else -1
        said_inside = self._token_at(best[0]) if best else None  # "X, noting that Y had reported …. He said"
        if said_inside is not None and _subordinate_before(said_inside, before):
            floor = said_inside.sent.start_char  # a main-clause subject of that sentence outranks Y
        else:
            said_inside = None
        found_at, embedded, sentence_start = None, None, -1
        for k in range(bisect_left(self._starts, before) - 1, -1, -1):  # subjects named before, latest first
            mention = self.mentions[k]
            start = mention["start_char"]
            if start < floor or (found_at is not None and start < found_at) or start < sentence_start:
                break
            if mention["label"] not in wanted or speakers.in_content(k) or self._quoted(start) or not self._agrees(
                    pronoun, mention["canonical"], start):
                continue  # a name inside quoted words is not who the narrative goes on about
            token = self._token_at(start)
            if token is None or not self._is_subject(token):
                continue
            if pronoun not in GROUP_PRONOUNS and _modifies_a_plural(token):
                continue  # "it" is not "the <Name> fighters" (a name modifying a plural noun)
            if _subordinate_before(token, before):  # "X took her there to explain who Y was. He said": X, if named
                embedded = embedded or (start, mention["canonical"])
                sentence_start = token.sent.start_char
                continue
            options.append((start, mention["canonical"]))
            found_at = start
        if found_at is None and embedded is not None:
            options.append(embedded)
        if said_inside is not None and found_at is not None and found_at < best[0]:
            options.remove(best)
        if not options and wanted == {"PERSON"}:  # the nearest person named before, outside quotations
            for k in range(bisect_left(self._starts, before - 599), bisect_left(self._starts, before)):
                mention = self.mentions[k]
                if (mention["label"] == "PERSON" and not self._quoted(mention["start_char"])
                        and self._agrees(pronoun, mention["canonical"], mention["start_char"])):
                    options.append((mention["start_char"], mention["canonical"]))
        if not options:
            return None
        return max(options)[1]

    def _speakers_so_far(self, claims: list["Claim"]) -> "_Speakers":
        """The speakers of `claims` (the claims found so far, a list that only grows), brought up to date."""
        if self._so_far is None or self._so_far.claims is not claims or self._so_far.read > len(claims):
            self._so_far = _Speakers(claims, self._starts)
        known = self._so_far
        for claim in claims[known.read :]:
            label = self.labels.get(claim.speaker)
            words = claim.speaker_text.split()
            if label is None:  # a described speaker: "a local official" is a person, "the military" is not
                head = words[-1].lower() if words else ""
                named = 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and words[0].lower(
                    ) in given_name_genders()  # a full name the entity layer missed
                label = "PERSON" if head in PERSON_NOUNS or named else "ORG"
            elif label == "NORP" and len(words) == 1 and words[0][:1].isupper() and not words[0].endswith("s"):
                label = "PERSON"  # a surname that is also a nationality, as the subject of a cue ("Cuban said")
            insort(known.by_label.setdefault(label, []), (claim.speaker_start, claim.speaker))
            known.add_content(claim.content_start, claim.content_end)
        known.read = len(claims)
        return known

    def _quoted(self, char: int) -> bool:
        k = bisect_right(self._quote_starts, char) - 1
        return k >= 0 and char < self._quote_reach[k]

    def _token_index(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0].i if span is not None and len(span) else len(self.doc)

    @staticmethod
    def _is_subject(token: Token) -> bool:
        """The token is (in) the subject of its clause: its name, an apposition to it, the name in "a worker
        named X"; or, where the parse hung the subject on a fronted place ("At <Club>, X, its manager, said …"),
        an apposition to that place's object when the main verb has no subject of its own."""
        steps = 0
        while steps < 4:
            if token.dep_ in {"nsubj", "nsubjpass"}:
                return True
            head = token.head
            if token.dep_ in {"oprd", "dobj", "attr"} and head.dep_ == "acl" and head.lower_ in _NAMING:
                token, steps = head.head, steps + 1  # "a worker named X said": X is who the worker is
                continue
            if token.dep_ == "appos" and head.dep_ == "pobj" and token.i < token.sent.root.i and not any(
                    c.dep_ in {"nsubj", "nsubjpass"} for c in token.sent.root.children):
                return True
            if token.dep_ not in {"compound", "appos", "amod", "poss", "flat", "nmod"} or head.i == token.i:
                return False
            token, steps = head, steps + 1
        return False


def _body_kinds(mention: dict, heads: dict[str, frozenset[str]], modifiers: dict[str, frozenset[str]]) -> set[str]:
    """The kinds an organisation can be: its gazetteer kind, else what the words of its name tell ("… Relief
    Foundation" is an aid body, "… Observatory for Human Rights" a monitor)."""
    if mention.get("kind"):
        return {mention["kind"]}
    words = mention["canonical"].lower().split()
    return set().union(*(heads.get(w) or modifiers.get(w) or () for w in words))


@lru_cache(maxsize=1)
def speaker_descriptions() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Nouns that describe a body ("group", "NGO") and words that tell its kind ("rights", "humanitarian"):
    word → the actor kinds (`actors.csv`) it can stand for; an empty set for any organisation."""
    heads: dict[str, frozenset[str]] = {}
    modifiers: dict[str, frozenset[str]] = {}
    for row in read_data_csv("speaker_descriptions.csv"):
        kinds = frozenset(k for k in row["kinds"].split("|") if k)
        (heads if row["role"] == "head" else modifiers)[row["word"]] = kinds
    return heads, modifiers


def _leading_name(tokens: list[Token]) -> str | None:
    """"Dorota Nowak, a nurse at the clinic" → "Dorota Nowak": a full name the entity layer missed, before its
    apposition (two to four capitalised proper nouns, then a comma)."""
    run = []
    for token in tokens:
        if token.pos_ == "PROPN" and token.text[:1].isupper():
            run.append(token)
            continue
        break
    if 2 <= len(run) <= 4 and len(tokens) > len(run) and tokens[len(run)].text == ",":
        return " ".join(t.text for t in run)
    return None


class _Speakers:
    """The speakers of the claims found so far, per kind, and which mentions lie inside their contents.

    `in_content(k)`: is mention k inside a claim's content? A Fenwick tree over the mentions' starts keeps,
    for each, the furthest content end among claims starting at or before it: O(log n) per claim and question."""

    def __init__(self, claims: list["Claim"], mention_starts: list[int]) -> None:
        self.claims, self.read = claims, 0
        self.by_label: dict[str | None, list[tuple[int, str]]] = {}
        self._starts = mention_starts
        self._tree = [-1] * (len(mention_starts) + 1)

    def add_content(self, start: int, end: int) -> None:
        i = bisect_left(self._starts, start) + 1  # the first mention at or after the content's start
        while i < len(self._tree):
            if end > self._tree[i]:
                self._tree[i] = end
            i += i & -i

    def in_content(self, k: int) -> bool:
        point, i, furthest = self._starts[k], bisect_left(self._starts, self._starts[k]) + 1, -1
        while i > 0:
            furthest = max(furthest, self._tree[i])
            i -= i & -i
        return furthest > point


_SUBORDINATE = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "pcomp", "csubj"})


def _in_subordinate_clause(subject: Token) -> bool:
    """The subject belongs to a clause inside another ("… to explain who Ana was", "… in case Omar wins"),
    not to the sentence's main clause or a clause coordinated with it."""
    verb, steps = subject, 0
    while verb.dep_ not in {"nsubj", "nsubjpass"} and verb.head.i != verb.i and steps < 4:
        verb, steps = verb.head, steps + 1
    verb, steps = verb.head, 0
    while verb.head.i != verb.i and steps < 6:
        if verb.dep_ in _SUBORDINATE:
            return True
        verb, steps = verb.head, steps + 1
    return False


def _subordinate_before(subject: Token, before: int) -> bool:
    """A subject inside a subordinate clause of a sentence that ends before `before` (within the pronoun's own
    sentence the nearer clause is the pronoun's own: "which they said")."""
    return subject.sent.end_char <= before and _in_subordinate_clause(subject)


def _modifies_a_plural(token: Token) -> bool:
    """The name modifies a plural noun that is the subject ("the Desert Hawks fighters said"): the plural speaks."""
    steps = 0
    while token.dep_ in {"compound", "amod", "nmod"} and token.head.i != token.i and steps < 3:
        token, steps = token.head, steps + 1
    return steps > 0 and token.tag_ in {"NNS", "NNPS"}
