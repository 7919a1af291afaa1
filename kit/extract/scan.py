"""Finding the few tokens a rule looks at without visiting every token of the Doc in Python.

A rule that starts from a handful of words ("according", "observatory") need not make a Token object for each of
an article's ~400 tokens to find them: the Doc's lower-case forms come out as one array (`Doc.to_array`), and
the positions of the wanted words are picked from it by their string hashes.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import numpy
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = ["positions_of"]


@lru_cache(maxsize=64)
def _hashes(words: frozenset[str]) -> numpy.ndarray:
    return numpy.array(sorted(get_string_id(word) for word in words), dtype=numpy.uint64)


def positions_of(doc: Doc, words: Iterable[str]) -> list[int]:
    """Indices, in order, of the tokens whose lower-case form is one of `words` (given in lower case)."""
    if len(doc) == 0:
        return []
    lowers = doc.to_array(LOWER)
    return numpy.flatnonzero(numpy.isin(lowers, _hashes(frozenset(words)))).tolist()
