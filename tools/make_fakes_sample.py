"""Rebuild seeds/fa-kes-sample.csv: 50 FA-KES articles (CC BY 4.0), chosen deterministically.

Usage: python tools/make_fakes_sample.py ../shared/corpora/fa-kes/fa-kes.csv seeds/fa-kes-sample.csv

Rows are copied byte for byte (latin-1 round trip), mis-encoded bytes included, so the sample keeps
the corpus's quirks. Selection: rows with a unique unit_id and a non-empty text, every 15th in file
order, which spreads the sample over outlets and both labels.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter


def main(src: str, dst: str, n: int = 50) -> None:
    csv.field_size_limit(2**31 - 1)
    with open(src, encoding="latin-1", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    ids = Counter(r[0] for r in body)
    usable = [r for r in body if ids[r[0]] == 1 and r[2].strip()]
    picked = usable[::15][:n]
    with open(dst, "w", encoding="latin-1", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(picked)
    print(f"{len(picked)} rows from {len(usable)} usable; outlets: {dict(Counter(r[3] for r in picked))}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
