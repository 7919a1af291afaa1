"""Word lists of the entity layer: labels, organisation heads, place nouns and suffixes, titles and ranks."""
from __future__ import annotations

from ..lexicons import data_text, place_heads, title_words

__all__ = [
    "ENTITY_LABELS", "ORG_HEADS", "ADMIN_TERMS", "PLACE_SUFFIXES", "DESCRIPTION_NOUNS", "PLACE_NOUNS", "PLACE_HEADS",
    "STREET_HEADS", "POSSESSIVE", "DWELLERS", "LOCATIVE_PREPS", "TITLES", "RANKS", "GROUP_NOUNS", "MEMBER_NOUNS", "ORG_OPENERS",
    "TOPONYM_GENERICS",
]

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
# Head nouns that end an organisation's name ("Aleppo Police Command", "Homs Media Center"): data/org_heads.txt.
ORG_HEADS = frozenset(w for line in data_text("org_heads.txt").splitlines() if not line.startswith("#") for w in line.split())
PERSON_ROLE_NOUNS = frozenset(w for line in data_text("person_nouns.txt").splitlines() if not line.startswith("#")
                              for w in line.split())
ORG_OPENERS = frozenset(w for line in data_text("org_openers.txt").splitlines() if not line.startswith("#")
                        for w in line.split())  # transliterated Arabic nouns that open a group's name ("Jabhat X")
TOPONYM_GENERICS = frozenset(w for line in data_text("toponym_generics.txt").splitlines() if not line.startswith("#")
                             for w in line.split())  # "Deir", "Kafr", "Tal": they open a place name, never end one
# Administrative and settlement terms across conflict countries (governorate, oblast, woreda, kebele, LGA, …).
ADMIN_TERMS = ("province governorate oblast raion hromada state region district county municipality commune "
               "department prefecture woreda kebele zone sector territory chiefdom tehsil township arrondissement "
               "emirate canton parish").split()
PLACE_SUFFIXES = frozenset(["city", "countryside", "town", "village", "area", "suburbs", "outskirts", *ADMIN_TERMS])
# Nouns of definite descriptions that can refer back to a named organisation ("the observatory").
DESCRIPTION_NOUNS = frozenset("""
observatory ministry agency coalition command council network organisation organization center centre committee
movement front office department directorate authority union commission mission
""".split())
# Place nouns around a name that mark it as a place: "the town of X", "X area", "the neighborhoods of X, Y and Z".
PLACE_NOUNS = {
    **{n: "GPE" for n in "town towns city cities village villages hamlet settlement settlements community "
                          "communities locality".split()},
    **{n: "GPE" for n in ADMIN_TERMS},
    **{n + "s": "GPE" for n in ADMIN_TERMS},
    **{n: "LOC" for n in "area areas district districts neighborhood neighborhoods neighbourhood neighbourhoods "
                          "region regions camp camps suburb suburbs countryside outskirts quarter".split()},
}
# Last words of place names ("Aleppo Industrial City", "Zaatari Refugee Camp", "Bab al-Hawa Crossing").
_PLACE_HEAD_LABELS = {"street": "LOC", "area": "LOC", "facility": "FAC", "settlement": "GPE"}  # data/place_heads.txt kinds
PLACE_HEADS = {w: _PLACE_HEAD_LABELS[kind] for kind, words in place_heads().items() for w in words}
STREET_HEADS = frozenset(place_heads()["street"])  # "street", "avenue", "road" …
# Nouns after a name that make it an armed group or party: "X terrorist group", "the Y rebel faction".
GROUP_NOUNS = frozenset("""group groups faction factions militia militias brigade brigades battalion movement
organization organisation organizations organisations coalition alliance front party""".split())
# Members of a group: "fighters of X", "militants from Y" — X and Y are organisations, not places or people.
MEMBER_NOUNS = frozenset("""fighters militants members gunmen terrorists rebels jihadists commanders leader leaders
spokesman spokesperson militiamen ranks""".split())
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
DWELLERS = frozenset({"resident", "residents", "inhabitants", "villagers", "people", "natives", "native", "mayor",
                       "governor", "outskirts", "suburbs", "centre", "center", "streets"})
LOCATIVE_PREPS = frozenset({"near", "outside", "in", "into", "inside", "around", "from", "towards", "toward"})
# The one title list, data/titles.csv: TITLES are cut from a name's front and never a name; RANKS (honorifics and
# ranks) only ever precede a person's name (see `kit.lexicons.title_words`).
TITLES, RANKS = title_words()
