"""Lemmas for the words the kit looks up (reporting and casualty verbs, a few nouns), without spaCy's lemmatizer.

The kit's own pipeline skips the rule lemmatizer (work it does not need: it only ever asks for the lemma
of cue and outcome words). `lemma()` uses a lemma spaCy already set, else this small inflection table built
from the kit's lexicons plus English irregular forms.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from ..lexicons import read_data_csv

__all__ = ["lemma", "inflections"]

IRREGULAR = {
    "say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "take": ["took", "taken"], "slay": ["slew", "slain"],
    "flee": ["fled"], "hold": ["held"], "lose": ["lost"], "leave": ["left"], "think": ["thought"], "give": ["gave", "given"],
    "speak": ["spoke", "spoken"], "put": ["put"], "shoot": ["shot"], "seek": ["sought"], "bring": ["brought"],
    "hear": ["heard"], "see": ["saw", "seen"], "find": ["found"], "begin": ["began", "begun"], "die": ["died", "dying"],
    "lie": ["lay", "lain", "lying"], "be": ["is", "are", "was", "were", "been", "being", "am"], "have": ["has", "had", "having"],
    "do": ["did", "done", "does"], "get": ["got", "gotten"], "make": ["made"], "come": ["came"], "go": ["went", "gone"],
    "stand": ["stood"], "tweet": ["tweeted"], "lead": ["led"], "fight": ["fought"], "bear": ["bore", "borne"], "life": ["lives"], "child": ["children"], "man": ["men"], "woman": ["women"],
}
_VOWELS = set("aeiou")


def inflections(base: str) -> set[str]:
    """Regular English forms of a verb or noun: -s/-es/-ies, -ed/-d/-ied, -ing (with consonant doubling)."""
    forms = {base, *IRREGULAR.get(base, [])}
    if base.endswith("y") and base[-2:-1] not in _VOWELS:
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms |= {base + "es", base + "ed", base + "ing"}
    elif base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
        if len(base) >= 3 and base[-1] not in _VOWELS | {"w", "x", "y"} and base[-2] in _VOWELS and base[-3] not in _VOWELS:
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # admit → admitted, stop → stopping
    return forms


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    bases = {r["cue"].lower() for r in read_data_csv("cues.csv") if r["kind"] == "verb"}
    bases |= {r["word"].lower() for r in read_data_csv("outcomes.csv") if r.get("note", "").startswith("lemma")}
    bases |= set(IRREGULAR) | {"claim", "take", "lead", "head", "command", "spearhead", "direct", "source", "official",
                               "monitor", "observatory", "spokesman", "reporter", "statement", "figure"}
    table: dict[str, str] = {}
    for base in sorted(bases):
        for form in inflections(base):
            table.setdefault(form, base)
    return table


def lemma(token: Token) -> str:
    """The token's lemma in lower case: spaCy's when a lemmatizer ran, else the kit's table, else the word."""
    if token.lemma_:
        return token.lemma_.lower()
    return _table().get(token.lower_, token.lower_)
