"""No article reserved for the project's independent check is in the repository (benchmarks/reserved_fakes.txt)."""
from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESERVED = {line.strip() for line in (ROOT / "benchmarks" / "reserved_fakes.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")}


def test_the_reserved_list_is_read():
    assert len(RESERVED) == 10 and all(re.fullmatch(r"\d{10}", r) for r in RESERVED)


def test_no_reserved_fakes_article_in_seeds_or_tests():
    csv.field_size_limit(2**31 - 1)
    found = []
    for path in [*ROOT.joinpath("seeds").rglob("*.csv"), *ROOT.joinpath("tests").rglob("*.csv")]:
        with path.open(encoding="latin-1", newline="") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames and "unit_id" in reader.fieldnames:
                found += [f"{path.name}: {r['unit_id']}" for r in reader if r["unit_id"] in RESERVED]
    for path in [*ROOT.joinpath("tests").rglob("*"), *ROOT.joinpath("seeds").rglob("*")]:
        if path.is_file() and any(r in path.name for r in RESERVED):
            found.append(str(path.relative_to(ROOT)))
    assert not found, found
