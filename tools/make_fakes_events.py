"""Rebuild seeds/fa-kes-events.csv: FA-KES articles (CC BY 4.0) that several outlets wrote about the same day and
place with different tolls, for the incidents notebook (06) — chosen by the dataset's own crowd coding (`date`,
`location`, killed counts), never by the kit.

Usage: python tools/make_fakes_events.py ../shared/corpora/fa-kes/fa-kes.csv seeds/fa-kes-events.csv [IDS_FILE]

IDS_FILE (one unit_id per line) names articles never to take: the keyed development and evaluation sets.

Selection: rows with a unique unit_id and a non-empty text, not reserved for an independent check and not in
seeds/fa-kes-sample.csv; grouped by (date, location); groups ordered by the number of distinct crowd counts of
people killed (nb_civilians + nb_noncivilians: where the articles disagree), then of distinct outlets, then date
and location; whole groups taken until there are at least `n` articles. Then, for a running toll, `toll` more
articles that quote the United Nations' count of the war's dead (a regular expression over the text), evenly
spread over their publication dates. Rows are copied byte for byte (latin-1 round trip), in file order.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from datetime import date as Date
from pathlib import Path

RESERVED = frozenset(line.strip() for line in (Path(__file__).resolve().parent.parent / "benchmarks" / "reserved_fakes.txt")
                     .read_text().splitlines() if line.strip() and not line.startswith("#"))


UN_TOLL = re.compile(r"(killed|dead|died|death toll)[^.]{0,120}(according to the (UN|U\.N\.|United Nations))|"
                     r"(the (UN|U\.N\.|United Nations) (says|said|estimates?|puts)[^.]{0,80}(killed|dead|died))", re.IGNORECASE)


def main(src: str, dst: str, exclude: str | None = None, n: int = 40, toll: int = 8) -> None:
    csv.field_size_limit(2**31 - 1)
    with open(src, encoding="latin-1", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    sample = Path(__file__).resolve().parent.parent / "seeds" / "fa-kes-sample.csv"
    with open(sample, encoding="latin-1", newline="") as f:
        taken = {r[0] for r in list(csv.reader(f))[1:]}
    ids = Counter(r[0] for r in body)
    keyed = set(Path(exclude).read_text().split()) if exclude else set()
    usable = [r for r in body if ids[r[0]] == 1 and r[2].strip() and r[0] not in RESERVED | keyed and r[0] not in taken]
    date, location, source = header.index("date"), header.index("location"), header.index("source")
    civilians, others = header.index("nb_civilians"), header.index("nb_noncivilians")

    def killed(row: list[str]) -> int | None:
        try:
            return int(row[civilians] or 0) + int(row[others] or 0)
        except ValueError:
            return None

    groups: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    for row in usable:
        groups[(row[date], row[location])].append(row)
    order = sorted(groups, key=lambda k: (-len({killed(r) for r in groups[k]}), -len({r[source] for r in groups[k]}), k))
    chosen: set[str] = set()
    for key in order:
        if len(chosen) >= n:
            break
        chosen |= {r[0] for r in groups[key]}
    text = header.index("article_content")

    def day(row: list[str]) -> Date:
        month, mday, year = (int(x) for x in row[date].split("/"))
        return Date(2000 + year, month, mday)

    quoting = sorted((r for r in usable if UN_TOLL.search(r[text]) and r[0] not in chosen), key=lambda r: (day(r), r[0]))
    if quoting:
        step = (len(quoting) - 1) / max(1, toll - 1)
        chosen |= {quoting[round(i * step)][0] for i in range(min(toll, len(quoting)))}
    picked = [r for r in usable if r[0] in chosen]
    with open(dst, "w", encoding="latin-1", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(picked)
    print(f"{len(picked)} rows in {len({(r[date], r[location]) for r in picked})} day-and-place groups; "
          f"outlets: {dict(Counter(r[source] for r in picked))}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
