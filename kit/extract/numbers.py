"""A number reader for casualty figures: written numbers → low / best / high, with the qualifier kept.

Conventions (those of event data sets such as UCDP/ACLED, and of the kit's answer keys):

| written                                   | low | best | high | qualifier        |
|-------------------------------------------|-----|------|------|------------------|
| "four", "54", "1,000", "fifty-four"       | N   | N    | N    |                  |
| "nearly / almost / close to / up to / as many as / fewer than / under N" | – | N | N | as written |
| "at least / more than / over / upwards of / no fewer than N"            | N | N | – | as written |
| "about / around / roughly / some / approximately / an estimated N"      | – | N | – | as written |
| "between 10 and 15", "10 to 15", "10-15"  | 10  | –    | 15   |                  |
| vague: "several", "a few", "dozens", "scores", "hundreds", "thousands" | – | – | – | the vague word |

A vague quantity keeps its word as the qualifier and leaves all three numbers empty: the text gives no
number, and inventing one (ACLED codes "dozens" as 12) is a coding decision an analyst should make
visibly, downstream. Scale words multiply ("1.5 million" → 1,500,000; "two dozen" → 24).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quantity", "read_quantity", "parse_number", "UNITS", "VAGUE", "QUALIFIERS", "MAX_NUMBER"]

# No count of people reaches a trillion: a larger "number" (a 100,000-digit string, "a billion billion") is
# not a figure, and would not fit the tables' 64-bit integers.
MAX_NUMBER = 10**12

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12}
VAGUE = {"several", "few", "dozens", "scores", "hundreds", "thousands", "tens", "many", "numerous", "millions"}
# qualifier → which bounds the number sets: (low, best, high)
QUALIFIERS: dict[str, tuple[bool, bool, bool]] = {
    **{q: (False, True, True) for q in ("nearly", "almost", "close to", "up to", "as many as", "as high as", "fewer than",
                                        "less than", "under", "just under", "no more than", "at most",
                                        "not more than", "nearly all")},
    **{q: (True, True, False) for q in ("at least", "more than", "over", "upwards of", "in excess of",
                                        "no fewer than", "no less than", "not less than", "a minimum of",
                                        "just over", "well over", "above")},
    **{q: (False, True, False) for q in ("about", "around", "roughly", "some", "approximately", "an estimated",
                                         "estimated", "approx", "approx.", "circa", "nearly about", "around about")},
}
_QUALIFIER_RE = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_WORD = r"[a-z]+(?:-[a-z]+)?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_TEXT = rf"(?:{_DIGITS}|{_WORD})(?:(?:\s+|-)(?:and\s+)?(?:{_WORD}|{_DIGITS}))*"


@dataclass(frozen=True)
class Quantity:
    """A figure as written, read into low/best/high."""

    low: int | None
    best: int | None
    high: int | None
    qualifier: str | None = None
    vague: bool = False

    def __post_init__(self) -> None:
        values = [v for v in (self.low, self.best, self.high) if v is not None]
        if values != sorted(values):
            raise ValueError(f"low <= best <= high does not hold: {self}")


def _word_number(words: list[str]) -> int | None:
    """English number words → int ("fifty-four", "one hundred and twenty", "two dozen", "a thousand")."""
    total, current, seen = 0, 0, False
    previous = ""
    for word in words:
        if word == "and":  # only after a scale word: "one hundred and twenty"
            if previous not in SCALES:
                return None
            previous = word
            continue
        if word in {"a", "an"}:
            if seen:
                return None
            current, seen, previous = 1, True, word
            continue
        previous = word
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            scale = SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> int | None:
    """A single written number ("1,000", "45,028", "1.5 million", "Seventy-six", "a dozen") → int, else None
    (also None beyond MAX_NUMBER)."""
    value = _parse_number(text)
    return value if value is None or value <= MAX_NUMBER else None


def _parse_number(text: str) -> int | None:
    text = text.strip().lower().replace("\u2009", "").replace("\u00a0", " ")
    if not text:
        return None
    match = re.fullmatch(rf"({_DIGITS})(?:\s*(hundred|thousand|million|billion|dozen))?", text)
    if match and len(match.group(1)) > 20:
        return None  # far beyond MAX_NUMBER, and float() of it would overflow
    if match:
        value = float(match.group(1).replace(",", ""))
        if match.group(2):
            value *= SCALES[match.group(2)]
        return int(round(value)) if value == int(round(value)) or match.group(2) else None
    fraction = re.fullmatch(r"(?:a |one )?(quarter|half|third)(?: of)?(?: a| one)? (dozen|thousand|million|billion)", text)
    if fraction:  # "a quarter of a million", "half a million"
        return SCALES[fraction.group(2)] // {"quarter": 4, "half": 2, "third": 3}[fraction.group(1)]
    words = [w for w in re.split(r"[\s-]+", text) if w]
    return _word_number(words)


def read_quantity(text: str) -> Quantity | None:
    """A casualty figure as written ("nearly 1,000", "between 10 and 15", "dozens") → Quantity, else None."""
    raw = " ".join(text.strip().split())
    lower = raw.lower()
    if not lower:
        return None
    vague = re.fullmatch(r"(?:(?:" + _QUALIFIER_RE + r")\s+)?(?:a\s+)?(several|few|dozens|scores|hundreds|thousands|tens|"
                         r"many|numerous|millions)(?:\s+of\s+(?:thousands|millions))?(?:\s+of)?(?:\s+more)?", lower)
    if vague:
        return Quantity(None, None, None, _vague_word(raw), True)
    for low_text, high_text in _range_splits(lower):
        low, high = parse_number(low_text), parse_number(high_text)
        if low is not None and high is not None and low < high:
            return Quantity(low, None, high)
    qualifier = None
    match = re.match(rf"({_QUALIFIER_RE})\s+", lower)
    number_text = lower
    if match:
        qualifier = raw[: match.end(1)]
        number_text = lower[match.end():]
    number_text = re.sub(r"^(?:another|a further|an additional|some)\s+", "", number_text)
    value = parse_number(number_text)
    if value is None:
        return None
    if qualifier is None:
        return Quantity(value, value, value)
    low, best, high = QUALIFIERS[qualifier.lower()]
    return Quantity(value if low else None, value, value if high else None, qualifier)


def _range_splits(lower: str) -> list[tuple[str, str]]:
    """Candidate (low, high) texts of a range: "between A and B" (A or B may hold "and"), "A to B", "A-B"."""
    if lower.startswith("between "):
        rest = lower[len("between "):]
        return [(rest[: m.start()], rest[m.end():]) for m in re.finditer(r"\s+and\s+", rest)]
    match = re.fullmatch(rf"(?:from\s+)?({_NUMBER_TEXT})\s*(?:to|-|–|—)\s*({_NUMBER_TEXT})", lower)
    return [(match.group(1), match.group(2))] if match else []


def _vague_word(raw: str) -> str:
    """The qualifier kept for a vague quantity: the quantity words as written ("dozens", "Hundreds", "tens of
    thousands")."""
    words = raw.split()
    for k, word in enumerate(words):
        if word.lower() in VAGUE:
            if k + 2 < len(words) and words[k + 1].lower() == "of" and words[k + 2].lower() in {"thousands", "millions"}:
                return " ".join(words[k : k + 3])
            return word
    return raw
