"""The tables' invariants over a whole corpus (issue 11). Writes benchmarks/RESULTS_invariants.md.

    python benchmarks/bench_invariants.py [CORPUS.csv]

Default corpus: FA-KES from ../shared, else the bundled 50-article sample; FA-KES's ten articles reserved for
the independent check are always removed (794 articles remain). Three runs of `kit.annotate_corpus` to CSV: one process with a
new cache, two processes, and one process again from the cache. Checked on every row:

* `text[start_char:end_char]` equals the span column: entities `text`; claims `speaker_text`, `cue`, `content`
  (at their own offsets) and `start_char`/`end_char` = the extremes of the three parts;
* every casualty figure's span lies inside its `evidence`, and `evidence` is text of the article;
* `low <= best <= high` wherever given;
* the three runs' files are byte-identical (`--jobs 1`, `--jobs 2`, cached re-run).
Exits 1 when any check fails.
"""
from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEFAULT_CORPUS, ROOT, SAMPLE, machine, write  # noqa: E402

import kit  # noqa: E402

RESERVED = {  # the independent check's FA-KES articles: never run here
    "1914947537", "1919191763", "1923102896", "1923848213", "1924058148",
    "1926479102", "1926479352", "1962495633", "1965495384", "1965511170",
}
TABLES = ("articles", "entities", "claims", "casualties", "errors")


def open_corpus(argv: list[str], work: Path) -> tuple[Path, str]:
    """The corpus to run: the one named, else FA-KES, else the bundled sample; FA-KES's reserved articles removed."""
    if len(argv) > 1:
        source = Path(argv[1])
    elif DEFAULT_CORPUS.exists():
        source = DEFAULT_CORPUS
    else:
        print(f"note: {DEFAULT_CORPUS} not found; using the 50-article sample {SAMPLE}", file=sys.stderr)
        return SAMPLE, "the bundled FA-KES sample (50 articles)"
    csv.field_size_limit(2**31 - 1)
    with source.open(encoding="latin-1", newline="") as f:  # latin-1 round-trips every byte
        rows = list(csv.reader(f))
    if not rows or rows[0][:1] != ["unit_id"]:
        return source, source.name
    kept = [rows[0]] + [r for r in rows[1:] if r[0] not in RESERVED]
    path = work / source.name
    with path.open("w", encoding="latin-1", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(kept)
    return path, f"{source.name} without the {len(rows) - len(kept)} articles reserved for the independent check " \
                 f"({len(kept) - 1} articles)"


def check(out: Path) -> list[tuple[str, int, int]]:
    """(invariant, rows checked, rows where it fails) for one run's CSV tables."""
    read = lambda name: pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)  # noqa: E731
    articles, entities, claims, casualties = (read(n) for n in TABLES[:4])
    text = dict(zip(articles["doc_id"], articles["text"]))

    def span(row, start: str, end: str) -> str:
        return text[row["doc_id"]][int(row[start]) : int(row[end])]

    results = []

    def tally(name: str, frame: pd.DataFrame, holds) -> None:
        bad = sum(1 for _, row in frame.iterrows() if not holds(row))
        results.append((name, len(frame), bad))

    tally("entities: text[start:end] == text", entities, lambda r: span(r, "start_char", "end_char") == r["text"])
    tally("claims: text[speaker_start:speaker_end] == speaker_text", claims,
          lambda r: span(r, "speaker_start", "speaker_end") == r["speaker_text"])
    tally("claims: text[cue_start:cue_end] == cue", claims, lambda r: span(r, "cue_start", "cue_end") == r["cue"])
    tally("claims: text[content_start:content_end] == content", claims,
          lambda r: span(r, "content_start", "content_end") == r["content"])
    tally("claims: start_char, end_char = extremes of the parts", claims, lambda r: (
        int(r["start_char"]) == min(int(r["speaker_start"]), int(r["cue_start"]), int(r["content_start"]))
        and int(r["end_char"]) == max(int(r["speaker_end"]), int(r["cue_end"]), int(r["content_end"]))))
    tally("casualties: text[start:end] inside evidence", casualties,
          lambda r: span(r, "start_char", "end_char") in r["evidence"])
    tally("casualties: evidence is text of the article", casualties, lambda r: r["evidence"] in text[r["doc_id"]])

    def ordered(r) -> bool:
        values = [int(r[c]) for c in ("low", "best", "high") if r[c] != ""]
        return values == sorted(values)

    tally("casualties: low <= best <= high", casualties, ordered)
    return results


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus, label = open_corpus(sys.argv, work)
        runs = {"--jobs 1, new cache": dict(n_process=1, cache_dir=work / "cache"),
                "--jobs 2": dict(n_process=2),
                "--jobs 1, from the cache": dict(n_process=1, cache_dir=work / "cache")}
        timings, hits, outs = {}, {}, {}
        for name, options in runs.items():
            out = work / f"out{len(outs)}"
            start = time.perf_counter()
            result = kit.annotate_corpus(corpus, out_dir=out, progress=False, **options)
            timings[name], hits[name], outs[name] = time.perf_counter() - start, result.cache_hits, out
        n_articles = len(pd.read_csv(outs["--jobs 2"] / "articles.csv", usecols=["doc_id"]))
        invariants = check(outs["--jobs 1, new cache"])
        first = outs["--jobs 1, new cache"]
        same = {name: all((out / f"{t}.csv").read_bytes() == (first / f"{t}.csv").read_bytes() for t in TABLES)
                for name, out in outs.items()}
    rows = "\n".join(f"| {name} | {checked:,} | {bad} |" for name, checked, bad in invariants)
    equal = "\n".join(f"| {name} | {timings[name]:.0f} s | {hits[name]} | {'identical' if same[name] else 'DIFFERENT'} |"
                      for name in runs)
    ok = all(bad == 0 for _, _, bad in invariants) and all(same.values())
    write(ROOT / "benchmarks" / "RESULTS_invariants.md", "Invariants of the tables (issue 11)", [
        f"Corpus: {label}; {n_articles} articles annotated. Machine: {machine()}.",
        "Produced by `python benchmarks/bench_invariants.py` (exits 1 when any check fails).",
        "| invariant | rows checked | rows where it fails |\n|---|---:|---:|\n" + rows,
        "| run | time | cache hits | files vs the first run |\n|---|---:|---:|---|\n" + equal,
        "All invariants hold and the three runs agree byte for byte." if ok else "**Some checks FAILED.**",
    ])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
