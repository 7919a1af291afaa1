"""How sure a claim is: reported, or a weaker grade set by the cue or by words around it.

Order of strength: denied (the speaker's own denial) > unverified ("without providing evidence") >
unconfirmed ("there was no independent confirmation", also in the next sentence) > disputed (another party
rejects it in a later sentence, in words — "dismissed the claims" — or with a denial of its own: "The army said it
killed 40 fighters. The rebels denied losing any.") > claimed (claim, allege) > reported. The words found go to
`status_evidence`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from ..lexicons import data_text
from .claim_parts import Claim

__all__ = ["assign_status", "status_patterns", "STRENGTH"]

_REFERS_BACK = re.compile(r"\b(the|these|those|that|this) (casualty )?(figures?|claims?|tolls?|accounts?|reports?|numbers?)\b", re.I)
_DENIAL_CUE = re.compile(r"(den(y|ie)|disput|contradict|refut)", re.IGNORECASE)
_COMMON = {"that", "this", "these", "those", "with", "from", "have", "been", "were", "would", "could", "should",
           "their", "there", "they", "them", "what", "which", "when", "where", "will", "about", "after", "before",
           "into", "than", "then", "also", "some", "such", "only", "other", "being", "said", "says", "more", "most"}
STRENGTH = {"denied": 5, "unverified": 4, "unconfirmed": 3, "disputed": 2, "claimed": 1, "reported": 0}


@lru_cache(maxsize=1)
def status_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for line in data_text("status.tsv").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            category, _, pattern = line.partition("\t")
            out.append((category.strip(), re.compile(pattern.strip(), re.I)))
    return tuple(out)


@lru_cache(maxsize=8)
def _any_of(categories: frozenset[str]) -> re.Pattern[str]:
    """One expression matching wherever any pattern of `categories` matches: most sentences match none, and
    are then searched once instead of once per pattern."""
    return re.compile("|".join(f"(?:{p.pattern})" for c, p in status_patterns() if c in categories), re.I)


def _evidence(text: str, categories: set[str]) -> tuple[str, str] | None:
    """The first pattern of `categories` (in the file's order) that matches, with the words it matched."""
    if not _any_of(frozenset(categories)).search(text):
        return None
    for category, pattern in status_patterns():
        if category in categories:
            match = pattern.search(text)
            if match:
                return category, match.group().strip(" ,.;")
    return None


def _upgrade(claim: "Claim", status: str, evidence: str | None) -> None:
    if STRENGTH[status] > STRENGTH.get(claim.status, 0):
        claim.status, claim.status_evidence = status, evidence


def assign_status(sentences: list[Span], claims: list["Claim"]) -> None:
    """Set `status` and `status_evidence` on each claim (sentences: the Doc's, in order), in place."""
    claimed_in = {c.sentence for c in claims}
    speakers_in = {(c.sentence, c.speaker) for c in claims}
    found_in: dict[tuple[int, str], tuple[str, str] | None] = {}  # each sentence is searched once per question
    whole = sentences[0].doc.text if sentences and claims else ""  # Doc.text and Span.text rebuild the string

    def text_of(n: int) -> str:
        return whole[sentences[n].start_char : sentences[n].end_char]

    def evidence(n: int, kind: str) -> tuple[str, str] | None:
        if (n, kind) not in found_in:
            categories = {"unverified", "unconfirmed"} if kind == "weak" else {kind}
            found_in[n, kind] = _evidence(text_of(n), categories)
        return found_in[n, kind]

    # denials by their cue, before any claim is upgraded: (sentence, cue start, speaker, cue)
    # ("rejected the agreements" rejects an act, not a statement: only deny/dispute/contradict/refute count here)
    denials = [(c.sentence, c.cue_start, c.speaker, c.cue, _words(c.content)) for c in claims
               if c.status in {"denied", "disputed"} and _DENIAL_CUE.match(c.cue)]
    for claim in claims:
        if claim.status == "claimed":
            claim.status_evidence = claim.cue
        elif claim.status in {"denied", "disputed"}:
            claim.status_evidence = claim.cue
        if claim.sentence >= len(sentences):
            continue
        found = evidence(claim.sentence, "weak")
        if found:
            _upgrade(claim, *found)
        for ahead in (1, 2):
            n = claim.sentence + ahead
            if n >= len(sentences):
                break
            if n not in claimed_in:
                found = evidence(n, "weak")
                # the next sentence, or the one after when it speaks of "the figures"/"the claim" explicitly
                if found and (ahead == 1 or _REFERS_BACK.search(text_of(n))) and not (
                        ahead == 2 and claim.sentence + 1 in claimed_in):
                    _upgrade(claim, *found)
            disputed = evidence(n, "disputed") if ahead == 1 else None
            if disputed and (n, claim.speaker) not in speakers_in:
                _upgrade(claim, *disputed)
        if claim.status not in {"denied", "disputed"}:
            answer = _contradiction(claim, denials)
            if answer:
                _upgrade(claim, "disputed", answer)


def _contradiction(claim: Claim, denials: list[tuple[int, int, str, str, set[str]]]) -> str | None:
    """The cue of another speaker's denial of the same thing, after the claim, in its sentence or the next: the
    denial shares a content word with the claim ("X said 40 fighters were killed. Y denied any fighters died")."""
    words = None
    for sentence, cue_start, speaker, cue, denied in denials:
        if (claim.sentence <= sentence <= claim.sentence + 1 and cue_start > claim.cue_start
                and speaker != claim.speaker and speaker not in claim.co_speakers):
            words = _words(claim.content) if words is None else words
            if words & denied:
                return cue
    return None


def _words(text: str) -> set[str]:
    """Content words of a text: lower-cased, four letters or more, without the commonest function words."""
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _COMMON}
