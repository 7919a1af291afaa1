"""Shared pieces of the benchmark scripts: corpus path, machine and versions, timing, Markdown output."""
from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "fa-kes" / "fa-kes.csv"
SAMPLE = ROOT / "seeds" / "fa-kes-sample.csv"
# FA-KES articles reserved for the independent check (never run, opened or tuned on): benchmarks/reserved_fakes.txt.
RESERVED_FAKES = frozenset(line.strip() for line in (ROOT / "benchmarks" / "reserved_fakes.txt").read_text().splitlines()
                           if line.strip() and not line.startswith("#"))


def corpus_path(argv: list[str]) -> Path:
    """The corpus named on the command line, else FA-KES from ../shared, else the bundled 50-article sample —
    always without the FA-KES articles reserved for the independent check (see `without_reserved`)."""
    if len(argv) > 1:
        return without_reserved(Path(argv[1]))
    if DEFAULT_CORPUS.exists():
        return without_reserved(DEFAULT_CORPUS)
    print(f"note: {DEFAULT_CORPUS} not found; using the 50-article sample {SAMPLE}", file=sys.stderr)
    return without_reserved(SAMPLE)


def without_reserved(path: Path) -> Path:
    """A CSV corpus with a `unit_id` column, minus the reserved rows (a copy beside the system's temp files);
    any other corpus as it is. Rows are dropped by id before any text reaches the kit."""
    import csv
    import hashlib
    import tempfile

    if path.suffix.lower() != ".csv":
        return path
    csv.field_size_limit(2**31 - 1)
    with path.open(encoding="latin-1", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        if "unit_id" not in header:
            return path
        column = header.index("unit_id")
        rows = [row for row in reader if row and row[column] not in RESERVED_FAKES]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    out = Path(tempfile.gettempdir()) / f"kit-bench-{path.stem}-{digest}-unreserved.csv"
    if not out.exists():
        with out.open("w", encoding="latin-1", newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(rows)
    return out


def arguments(doc: str) -> tuple[Path, int]:
    """`[CORPUS] [--repeats N]` → (corpus path, repeats)."""
    import argparse

    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    return corpus_path([sys.argv[0]] + ([args.corpus] if args.corpus else [])), args.repeats


def machine() -> str:
    import pandas
    import spacy

    import kit

    cpus = os.cpu_count()
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        memory = float("nan")
    return (f"{platform.platform()}; Python {platform.python_version()}; {cpus} CPUs; {memory:.0f} GiB RAM; "
            f"kit {kit.__version__}; spaCy {spacy.__version__}; model {kit.resolve_model()}; pandas {pandas.__version__}")


def median_time(run: Callable[[], object], repeats: int = 3) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


KEEP_BELOW = "<!-- kept: written by hand or by another script -->"


def write(path: Path, title: str, sections: list[str]) -> None:
    """Write a results file; whatever follows a KEEP_BELOW line in the old file is kept after the new text."""
    text = f"# {title}\n\n" + "\n\n".join(sections).strip() + "\n"
    if path.exists() and KEEP_BELOW in (old := path.read_text(encoding="utf-8")):
        text += "\n" + KEEP_BELOW + old.split(KEEP_BELOW, 1)[1]
    path.write_text(text, encoding="utf-8")
    print(text)
