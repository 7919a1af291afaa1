"""Speaker resolution: a speaker phrase → the canonical name of who speaks.

* an entity in the phrase: a person first ("Observatory director Rami Abdel Rahman"), else an organisation
  ("SANA reporter", "an official at the Homs Health Directorate"), never one inside a verb phrase ("a doctor
  talking to Reuters"); further entities joined by "and" are co-speakers;
* a pronoun: the nearest earlier speaker or subject of a compatible kind (he/she → person, it → organisation);
* a definite description ("the source", "the monitor"): the earlier speaker described the same way, or
  the monitor named in the article;
* "state television/TV/media" → "<Demonym> state television";
* otherwise the phrase itself, without its article.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .lemmas import lemma as lemma_of
from .quotes import find_quotes

if TYPE_CHECKING:
    from .attribution import Claim

__all__ = ["SpeakerResolver"]

PERSON_PRONOUNS = {"he", "she", "him", "her"}
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "them", "we"}
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
                "survivor", "father", "mother", "farmer", "teacher", "nurse", "volunteer", "envoy"}


class SpeakerResolver:
    """Resolves speaker phrases within one Doc, given the kit's entity mentions."""

    def __init__(self, doc: Doc, mentions: list[dict], quotes: list | None = None) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m["start_char"])
        self._starts = [m["start_char"] for m in self.mentions]
        norp = [m["canonical"] for m in self.mentions if m["label"] == "NORP"]
        self.demonym = max(set(norp), key=lambda n: (norp.count(n), -norp.index(n))) if norp else None
        self.labels = {m["canonical"]: m["label"] for m in self.mentions}
        self.text = doc.text  # read once: Doc.text rebuilds the string on every access
        self._quotes = quotes if quotes is not None else find_quotes(self.text)

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
        if lower in PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS and len(tokens) == 1:
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
        return self._phrase(words), []

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
        for claim in reversed(claims):
            if re.search(r"\b" + re.escape(noun), claim.speaker_text.lower()):
                return claim.speaker
        if noun in MONITOR_NOUNS:
            monitors = [m for m in self.mentions if m.get("kind") == "monitor"]
            if monitors:
                before = [m for m in monitors if m["start_char"] < head.idx]
                return (before[-1] if before else monitors[0])["canonical"]
        return None

    def _antecedent(self, pronoun: str, before: int, claims: list["Claim"]) -> str | None:
        """The nearest earlier subject or speaker that the pronoun can refer to."""
        wanted = {"PERSON"} if pronoun in PERSON_PRONOUNS else {"ORG"} if pronoun in THING_PRONOUNS else {"ORG", "NORP", "PERSON", None}
        contents = [(c.content_start, c.content_end) for c in claims]
        options: list[tuple[int, str]] = []
        for claim in claims:
            label = self.labels.get(claim.speaker)
            if label is None:  # a described speaker: "a local official" is a person, "the military" is not
                head = claim.speaker_text.lower().split()[-1] if claim.speaker_text else ""
                label = "PERSON" if head in PERSON_NOUNS else "ORG"
            if claim.speaker_start < before and (label in wanted or None in wanted):
                options.append((claim.speaker_start, claim.speaker))
        if pronoun in GROUP_PRONOUNS:  # "rebel groups … which they said": a plural subject nearby
            for token in self.doc[max(0, self._token_index(before) - 60) : self._token_index(before)]:
                if token.tag_ in {"NNS", "NNPS"} and self._is_subject(token) and token.idx < before:
                    options.append((token.idx, " ".join(t.text for t in token.subtree if t.i >= token.left_edge.i
                                                        and t.dep_ not in {"relcl", "punct"} and t.idx < before
                                                        and t.head.dep_ != "relcl").strip()))
        for mention in self.mentions:
            if mention["start_char"] >= before or mention["label"] not in wanted:
                continue
            if any(a <= mention["start_char"] < b for a, b in contents):
                continue
            token = self._token_at(mention["start_char"])
            if token is not None and self._is_subject(token):
                options.append((mention["start_char"], mention["canonical"]))
        if not options and wanted == {"PERSON"}:  # the nearest person named before, outside quotations
            quoted = [(q.start, q.end) for q in self._quotes]
            for mention in self.mentions:
                if mention["label"] == "PERSON" and before - 600 < mention["start_char"] < before and not any(
                        a <= mention["start_char"] < b for a, b in quoted):
                    options.append((mention["start_char"], mention["canonical"]))
        if not options:
            return None
        return max(options)[1]

    def _token_index(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0].i if span is not None and len(span) else len(self.doc)

    @staticmethod
    def _is_subject(token: Token) -> bool:
        steps = 0
        while steps < 4:
            if token.dep_ in {"nsubj", "nsubjpass"}:
                return True
            if token.dep_ not in {"compound", "appos", "amod", "poss", "flat", "nmod"} or token.head.i == token.i:
                return False
            token, steps = token.head, steps + 1
        return False
