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
# FA-KES articles reserved for the independent check (never run, opened or tuned on); same list as
# tools/make_real_sets.py.
RESERVED_FAKES = frozenset({
    "1914947537", "1919191763", "1923102896", "1923848213", "1924058148",
    "1926479102", "1926479352", "1962495633", "1965495384", "1965511170",
})


def corpus_path(argv: list[str]) -> Path:
    """The corpus named on the command line, else FA-KES from ../shared, else the bundled 50-article sample."""
    if len(argv) > 1:
        return Path(argv[1])
    if DEFAULT_CORPUS.exists():
        return DEFAULT_CORPUS
    print(f"note: {DEFAULT_CORPUS} not found; using the 50-article sample {SAMPLE}", file=sys.stderr)
    return SAMPLE


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


def write(path: Path, title: str, sections: list[str]) -> None:
    text = f"# {title}\n\n" + "\n\n".join(sections).strip() + "\n"
    path.write_text(text, encoding="utf-8")
    print(text)
