"""Text helpers shared by the real-data benchmarks: words, token F1, word containment, offset maps, CSV dumps."""
from __future__ import annotations

import csv
import re
import subprocess
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterable, Sequence

__all__ = ["words", "name_words", "token_f1", "contains_either_way", "shares_words", "OffsetMap", "write_csv",
           "kit_version"]

_WORD = re.compile(r"\w+")
_RUN = re.compile(r"\S+")
# Words that do not name anyone: articles, the possessive "s", and bare titles ("Mr." alone names nobody).
_NOT_NAME = frozenset("the a an s mr mrs ms miss dr sen rep gov gen president senator governor secretary".split())


def words(text: str | None) -> list[str]:
    """Lower-cased `\\w+` tokens."""
    return [w.lower() for w in _WORD.findall(text or "")]


def name_words(text: str | None) -> frozenset[str]:
    """The words of a name, without articles, the possessive "s" and bare titles."""
    return frozenset(w for w in words(text) if w not in _NOT_NAME)


def token_f1(gold: str | Sequence[str], pred: str | Sequence[str]) -> float:
    """Bag-of-words F1 between two texts (lower-cased `\\w+` tokens)."""
    g = Counter(words(gold) if isinstance(gold, str) else gold)
    p = Counter(words(pred) if isinstance(pred, str) else pred)
    common = sum((g & p).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def contains_either_way(a: str | None, b: str | None) -> bool:
    """True when all name words of one are among the other's (neither empty)."""
    wa, wb = name_words(a), name_words(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def shares_words(a: str | None, b: str | None) -> bool:
    """True when the two share at least one name word."""
    return bool(name_words(a) & name_words(b))


class OffsetMap:
    """Character offsets between an original text and an edited copy (the kit's cleaned text).

    Aligned word by word (`\\S+` runs, difflib over the word lists: fast, and cuts or whitespace changes do not
    derail it); the characters of equal words, and the equal characters of words edited one for one ("’" → "'"),
    map to each other; the rest maps to nothing.
    """

    def __init__(self, original: str, edited: str) -> None:
        self._forward = [-1] * len(original)
        self._backward = [-1] * len(edited)
        if original == edited:
            self._forward = list(range(len(original)))
            self._backward = list(self._forward)
            return
        left = [(m.group(), m.start()) for m in _RUN.finditer(original)]
        right = [(m.group(), m.start()) for m in _RUN.finditer(edited)]
        matcher = SequenceMatcher(None, [w for w, _ in left], [w for w, _ in right], autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag == "equal" or (tag == "replace" and a2 - a1 == b2 - b1):  # same words, or edited one for one
                for (word, i), (other, j) in zip(left[a1:a2], right[b1:b2]):
                    self._map_word(word, i, other, j)

    def _map_word(self, word: str, i: int, other: str, j: int) -> None:
        """Map the characters of two aligned words ("Roe’s" ~ "Roe's": the equal characters)."""
        if word == other:
            pairs = [(k, k) for k in range(len(word))]
        else:
            pairs = [(a + k, b + k) for a, b, size in SequenceMatcher(None, word, other, autojunk=False)
                     .get_matching_blocks() for k in range(size)]
        for x, y in pairs:
            self._forward[i + x] = j + y
            self._backward[j + y] = i + x

    @staticmethod
    def _span(table: list[int], start: int, end: int) -> tuple[int, int] | None:
        mapped = [table[i] for i in range(max(start, 0), min(end, len(table))) if table[i] >= 0]
        return (min(mapped), max(mapped) + 1) if mapped else None

    def to_edited(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of original[start:end] in the edited text (None when all of it was cut)."""
        return self._span(self._forward, start, end)

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of edited[start:end] in the original text (None when all of it was inserted)."""
        return self._span(self._backward, start, end)


def write_csv(path: Path, rows: Iterable[dict[str, object]], columns: Sequence[str]) -> int:
    """Write rows (dicts) to a UTF-8 CSV with the given columns; returns the number of rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def kit_version() -> str:
    """The kit's version and, when run from a git checkout, its commit."""
    import kit

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True,
                                cwd=Path(__file__).resolve().parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = ""
    return f"{kit.__version__} ({commit})" if commit else kit.__version__
