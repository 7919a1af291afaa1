"""Killed figures per article against FA-KES's crowd counts, beside a naive baseline (issue 5).

    python benchmarks/bench_casualties.py [CORPUS.csv]      → benchmarks/RESULTS_casualties.md

Crowd total = nb_civilians + nb_noncivilians (people killed, counted by volunteers; noisy). Kit = the
largest killed figure per article, parts ("including 28 children") and war-long tolls left out. Naive
baseline = the largest number in any sentence that contains "killed". Agreement: exact, and within ±10%.
The ten articles reserved for the independent check (`common.RESERVED_FAKES`) are left out before cleaning.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESERVED_FAKES, ROOT, corpus_path, machine, write  # noqa: E402

import kit  # noqa: E402
from kit.analysis import crowd_comparison  # noqa: E402
from kit.articles import article_from_record  # noqa: E402
from kit.extract.numbers import parse_number  # noqa: E402
from kit.readers import RawRecord, read_path  # noqa: E402

_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b", re.I)


def naive(text: str) -> int | None:
    """The largest number in a sentence containing "killed" (the usual regex approach)."""
    best = None
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if "killed" not in sentence.lower():
            continue
        for match in _NUMBER.finditer(sentence):
            value = parse_number(match.group())
            if value is not None and (best is None or value > best):
                best = value
    return best


def rates(values: pd.Series, crowd: pd.Series) -> tuple[int, int]:
    both = values.notna() & crowd.notna()
    exact = int((both & (values == crowd)).sum())
    close = int((both & ((values - crowd).abs() <= 0.1 * crowd)).sum())
    return exact, close


def measure(corpus: Path) -> dict[str, object]:
    """Kit and naive killed figures against the crowd counts, the reserved articles left out.

    Returns the Markdown table lines, the notes and the counts (n, kit_exact, kit_close, naive_exact, …).
    """
    records = [r for r in read_path(corpus) if isinstance(r, RawRecord)]
    kept = [r for r in records
            if r.doc_id not in RESERVED_FAKES and r.metadata.get("duplicate_id") not in RESERVED_FAKES]
    excluded = len(records) - len(kept)
    articles = [article_from_record(r) for r in kept]  # the reserved records are left out before cleaning
    articles = [a for a in articles if a.text.strip()]  # as kit.load_corpus does
    result = kit.annotate_corpus(articles, progress=False)
    tables = result.tables
    raw = pd.read_csv(corpus, encoding="latin-1", dtype=str)
    raw = raw.drop_duplicates("unit_id")  # duplicate ids are reloaded under new ids; compare each unit once
    raw = raw[~raw["unit_id"].isin(RESERVED_FAKES)]
    crowd = raw.rename(columns={"unit_id": "doc_id"})[["doc_id", "nb_civilians", "nb_noncivilians"]]
    comparison = crowd_comparison(tables.casualties, tables.articles, crowd)
    texts = dict(zip(tables.articles["doc_id"], tables.articles["text"]))
    comparison["naive"] = comparison["doc_id"].map(lambda d: naive(texts.get(d, ""))).astype("Int64")
    n = len(comparison)
    kit_exact, kit_close = rates(comparison["kit_killed"], comparison["crowd_killed"])
    naive_exact, naive_close = rates(comparison["naive"], comparison["crowd_killed"])
    table = ["| method | equal to crowd | within ±10% | articles with a figure |", "|---|---:|---:|---:|",
             f"| kit (largest killed figure) | {kit_exact} ({kit_exact / n:.1%}) | {kit_close} ({kit_close / n:.1%}) | "
             f"{int(comparison['kit_killed'].notna().sum())} |",
             f"| naive (largest number near \"killed\") | {naive_exact} ({naive_exact / n:.1%}) | {naive_close} "
             f"({naive_close / n:.1%}) | {int(comparison['naive'].notna().sum())} |"]
    zero = comparison["crowd_killed"] == 0
    notes = [
        f"- {n} articles ({excluded} records of the ten articles reserved for the independent check left out); "
        f"the crowd counts no one killed in {int(zero.sum())} of them.",
        f"- Figures found: {len(tables.casualties)} in {tables.casualties['doc_id'].nunique()} articles "
        f"({(tables.casualties['outcome'] == 'killed').sum()} killed, {(tables.casualties['outcome'] == 'wounded').sum()} wounded).",
        "- The crowd counts are noisy (they sum figures, skip a second source's, count \"people\" as civilians): "
        "agreement is a signal, not an accuracy. Accuracy against answer keys: `tools/evaluate.py`.",
    ]
    return {"table": table, "notes": notes, "n": n, "excluded": excluded, "kit_exact": kit_exact,
            "kit_close": kit_close, "naive_exact": naive_exact, "naive_close": naive_close}


def main() -> None:
    corpus = corpus_path(sys.argv)
    measured = measure(corpus)
    write(ROOT / "benchmarks" / "RESULTS_casualties.md", "Benchmark results: killed figures vs FA-KES crowd counts", [
        f"Corpus: `{corpus.name}`. Machine: {machine()}. Generated by `python benchmarks/bench_casualties.py`.",
        "\n".join(measured["table"]), "\n".join(measured["notes"]),  # type: ignore[arg-type]
    ])


if __name__ == "__main__":
    main()
