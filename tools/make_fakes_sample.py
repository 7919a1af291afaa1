"""Rebuild seeds/fa-kes-sample.csv: 50 FA-KES articles (CC BY 4.0), chosen deterministically.

Usage: python tools/make_fakes_sample.py ../shared/corpora/fa-kes/fa-kes.csv seeds/fa-kes-sample.csv [IDS_FILE]

Rows are copied byte for byte (latin-1 round trip), mis-encoded bytes included, so the sample keeps
the corpus's quirks. Selection: rows with a unique unit_id and a non-empty text, every 15th in file
order, which spreads the sample over outlets and both labels; a row reserved for the independent check
(benchmarks/reserved_fakes.txt) is never taken: the first usable row after the last pick that is neither
reserved nor keyed (`--exclude IDS_FILE`, one unit_id per line: the development and evaluation sets) takes
its place.
"""
from __future__ import annotations

import csv
from pathlib import Path
import sys
from collections import Counter


RESERVED = frozenset(line.strip() for line in (Path(__file__).resolve().parent.parent / "benchmarks" / "reserved_fakes.txt")
                     .read_text().splitlines() if line.strip() and not line.startswith("#"))


def main(src: str, dst: str, exclude: str | None = None, n: int = 50) -> None:
    csv.field_size_limit(2**31 - 1)
    with open(src, encoding="latin-1", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    ids = Counter(r[0] for r in body)
    usable = [r for r in body if ids[r[0]] == 1 and r[2].strip()]
    keyed = set(Path(exclude).read_text().split()) if exclude else set()
    every = usable[::15][:n]
    picked = [r for r in every if r[0] not in RESERVED]
    after = usable[usable.index(every[-1]) + 1 :]
    picked += [r for r in after if r[0] not in RESERVED | keyed][: n - len(picked)]
    with open(dst, "w", encoding="latin-1", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(picked)
    print(f"{len(picked)} rows from {len(usable)} usable; outlets: {dict(Counter(r[3] for r in picked))}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
