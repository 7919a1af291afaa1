"""Rebuild kit/data/truecase.txt.gz: the usual written form of the ~100,000 most frequent English words.

Usage: pip install spacy-lookups-data==1.0.5 && python tools/make_truecase_table.py

Source: spaCy's English lexeme probabilities (`spacy_lookups_data/data/en_lexeme_prob.json.gz`, MIT licence,
Explosion AI), which are case-sensitive ("the" -3.5, "The" -6.0; "salvador" -16.8, "Salvador" -14.0). For every
word of letters (with ' . - inside) whose best form is more probable than e^-17, the most probable form is kept:
"the", "Salvador", "FMLN", "U.S.", most frequent first (the line number is the word's frequency rank).
`kit.casing` restores the case of text written in capitals with it.
"""
from __future__ import annotations

import gzip
import json
import re
from importlib import resources
from pathlib import Path

THRESHOLD = -17.0
WORD = re.compile(r"^[A-Za-z][A-Za-z'.-]*$")
OUT = Path(__file__).resolve().parent.parent / "kit" / "data" / "truecase.txt.gz"


def main() -> None:
    path = resources.files("spacy_lookups_data").joinpath("data", "en_lexeme_prob.json.gz")
    probs: dict[str, float] = json.loads(gzip.decompress(path.read_bytes()))
    best: dict[str, tuple[str, float]] = {}
    for word, prob in probs.items():
        if WORD.match(word) and (word.lower() not in best or prob > best[word.lower()][1]):
            best[word.lower()] = (word, prob)
    # most frequent first: a word's line number is its frequency rank
    forms = [form for form, prob in sorted(best.values(), key=lambda fp: (-fp[1], fp[0])) if prob > THRESHOLD]
    header = "# usual written form of frequent English words; source: spacy-lookups-data 1.0.5 en_lexeme_prob (MIT)\n"
    with gzip.GzipFile(OUT, "wb", mtime=0) as f:  # mtime 0: the same bytes on every rebuild
        f.write((header + "\n".join(forms) + "\n").encode("utf-8"))
    print(f"{len(forms)} words -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
