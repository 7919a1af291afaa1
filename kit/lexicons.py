"""Readers for the reviewed data files shipped in `kit/data/` (each read once per process)."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

__all__ = ["Outlet", "CueLexicon", "data_text", "read_data_csv", "boilerplate_patterns", "outlets", "split_aliases",
           "cue_lexicon", "title_words", "place_heads"]


def data_text(name: str) -> str:
    """The text of a file in `kit/data/`."""
    return resources.files("kit").joinpath("data", name).read_text(encoding="utf-8")


def read_data_csv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a CSV in `kit/data/`, with cells stripped."""
    for row in csv.DictReader(data_text(name).splitlines()):
        yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


def split_aliases(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in (cell or "").split("|") if a.strip())


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(category, pattern) pairs from `boilerplate.tsv`."""
    out = []
    for line in data_text("boilerplate.tsv").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        category, _, pattern = line.partition("\t")
        out.append((category.strip(), re.compile(pattern.strip(), re.I)))
    return tuple(out)


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """Known news outlets, used to name the publisher of a scraped page."""
    return tuple(
        Outlet(r["name"], split_aliases(r["aliases"]), split_aliases(r["domains"])) for r in read_data_csv("outlets.csv")
    )


@lru_cache(maxsize=1)
def title_words() -> tuple[frozenset[str], frozenset[str]]:
    """The one list of titles, from `titles.csv`: (titles, ranks). A title (`title` = yes: "minister", "gen.",
    "spokesman", "foreign") is never part of a name and is cut from a name's front; a rank (`rank` = yes:
    "colonel", "dr", "sheikh", "reverend") before a capitalised word marks a person."""
    rows = list(read_data_csv("titles.csv"))
    return (frozenset(r["word"].lower() for r in rows if r["title"] == "yes"),
            frozenset(r["word"].lower() for r in rows if r["rank"] == "yes"))


@lru_cache(maxsize=1)
def place_heads() -> dict[str, tuple[str, ...]]:
    """`place_heads.txt`: kind → the nouns that end a place's name ("street": street, avenue, road, …)."""
    kinds = {}
    for line in data_text("place_heads.txt").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, words = line.split(":", 1)
            kinds[kind.strip()] = tuple(words.split())
    return kinds


@dataclass(frozen=True)
class CueLexicon:
    """Reporting verbs (by lemma) and phrases, with the status each implies by itself."""

    verbs: dict[str, str]
    phrases: dict[str, str]


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """Reporting cues from `cues.csv`: verb lemmas and phrases, each with the status it implies."""
    verbs: dict[str, str] = {}
    phrases: dict[str, str] = {}
    for row in read_data_csv("cues.csv"):
        (verbs if row["kind"] == "verb" else phrases)[row["cue"].lower()] = row["status"] or "reported"
    return CueLexicon(verbs=verbs, phrases=phrases)
