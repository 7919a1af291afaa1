"""Is this English? A small offline check, so that other languages are flagged instead of annotated badly.

The kit's pipeline reads English. A text mostly in another script (Arabic, Chinese, Cyrillic, …) gives empty
or junk tables through it, and so does a Latin-script text in another language. `foreign_language(text)`
names what the text looks like when it is plainly not English: the share of letters per script, then, for
Latin-script text, the share of words that are English function words (`data/english_function_words.txt`;
at least 11% in every English article of FA-KES and the test sets, 0-2% in French, Spanish or German). Short
texts (under 20 letters, or 40 words for the second test) are given the benefit of the doubt. No model, no
download.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import data_text

__all__ = ["foreign_language", "MIN_ENGLISH_SHARE"]

MIN_ENGLISH_SHARE = 0.05  # of words that are English function words: below it, a Latin-script text is not English
_SAMPLE = 20_000
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# (first, last code point, script name); Latin is counted apart.
_SCRIPTS = (
    (0x0370, 0x03FF, "Greek"), (0x0400, 0x052F, "Cyrillic"), (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"), (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x08A0, 0x08FF, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFF, "Arabic"), (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"), (0x0A00, 0x0DFF, "an Indic script"), (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Georgian"), (0x1200, 0x139F, "Ethiopic"), (0x1780, 0x17FF, "Khmer"),
    (0x1000, 0x109F, "Burmese"), (0x3040, 0x30FF, "Japanese kana"), (0x3400, 0x4DBF, "Chinese characters"),
    (0x4E00, 0x9FFF, "Chinese characters"), (0xAC00, 0xD7AF, "Korean Hangul"), (0x1100, 0x11FF, "Korean Hangul"),
)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w for line in data_text("english_function_words.txt").splitlines()
                     if not line.startswith("#") for w in line.split())


def _script(char: str) -> str | None:
    code = ord(char)
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "Latin"
    for first, last, name in _SCRIPTS:
        if first <= code <= last:
            return name
    return None


_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
_ASCII = re.compile(r"[\x00-\x7f]+")


def _letters_by_script(sample: str) -> dict[str, int]:
    """Letters per script. ASCII letters are Latin and counted by one expression; only the other characters
    are looked at one by one (an English article has a few dozen)."""
    latin = sum(map(len, _ASCII_LETTERS.findall(sample)))
    counts: dict[str, int] = {"Latin": latin} if latin else {}
    for char in _ASCII.sub("", sample):
        if char.isalpha():
            script = _script(char) or "another script"
            counts[script] = counts.get(script, 0) + 1
    return counts


def foreign_language(text: str) -> str | None:
    """What a text plainly not in English looks like ("Arabic script", "a Latin-script language other than
    English"), or None for English (and for text too short to tell)."""
    sample = text[:_SAMPLE]
    counts = _letters_by_script(sample)
    letters = sum(counts.values())
    if letters < 20:
        return None
    if counts.get("Latin", 0) < 0.5 * letters:
        main = max((n, s) for s, n in counts.items() if s != "Latin")[1]
        return main if main.endswith("script") or main.startswith("Chinese") else f"{main} script"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 40:
        return None
    known = _function_words()
    share = sum(1 for w in words if w in known) / len(words)
    return "a Latin-script language other than English" if share < MIN_ENGLISH_SHARE else None
