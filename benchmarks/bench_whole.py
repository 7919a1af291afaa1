"""Whole processes, as a user runs them (issue 14): `kit annotate` against a script doing plain `nlp.pipe`.

    python benchmarks/bench_whole.py [CORPUS.csv] [--n 400] [--repeats 3] [--jobs 1 2] [--json OUT.json]
                                     [--kit-root DIR] [--baseline-root DIR]

The corpus (default FA-KES from ../shared, minus the reserved ids) is cut to its first `--n` articles. The
plain script gets the kit's cleaned texts (written to a JSON file beforehand, outside the timing) and runs the
model as shipped (`spacy.load`, every component) with `nlp.pipe(batch_size=32, n_process=jobs)`; `kit annotate`
reads the CSV, cleans it, runs every layer and writes every table. Runs alternate A, B, A, B… so that load
from other users of the machine falls on both; each figure is the median of `--repeats`. Also: a run filling
a cache and `--repeats` re-runs on the full cache. Wall time and peak RSS (the largest process, via wait4)
of each process. `--cache-only`: only first runs (each filling a new cache) against re-runs on the full cache,
`--repeats` of each, alternated. Prints a Markdown report (with whether the re-run's tables are byte-identical to a
first run's); `--json` keeps the raw timings. No timing is asserted in tests.
`--kit-root` runs the kit from another checkout (e.g. a `git worktree` of a frozen commit, so that edits made
during a long run cannot leak into it); `--baseline-root` adds a third alternated run, the kit of that checkout.
"""
from __future__ import annotations

import argparse
import csv
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEFAULT_CORPUS, machine, without_reserved  # noqa: E402

PLAIN = """
import json, sys, spacy
texts = json.load(open(sys.argv[1], encoding="utf-8"))
nlp = spacy.load(sys.argv[2])
n = sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=int(sys.argv[3])))
assert n == len(texts)
"""


def first_rows(src: Path, dst: Path, n: int) -> int:
    csv.field_size_limit(2**31 - 1)
    with src.open(encoding="latin-1", newline="") as f:
        rows = list(csv.reader(f))
    with dst.open("w", encoding="latin-1", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(rows[0])
        writer.writerows(rows[1 : n + 1])
    return min(n, len(rows) - 1)


def timed(argv: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds (user + system) of one process and the children it waited
    for. CPU time is the steadier figure on a shared machine whose speed drifts between runs."""
    start = time.perf_counter()
    # cwd: not the repository, whose ./kit would shadow the --kit-root on PYTHONPATH (`python -m` puts the current
    # folder first on sys.path)
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               cwd=tempfile.gettempdir())
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    err = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{argv}: exit {process.returncode}\n{err}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def check_root(env: dict, root: Path) -> None:
    """Refuse to time a kit other than the one asked for (an installed or editable copy found first)."""
    found = subprocess.run([sys.executable, "-c", "import kit; print(kit.__file__)"], env=env, capture_output=True,
                           text=True, cwd=tempfile.gettempdir(), check=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"the runs would import {found}, not the kit under {root}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--kit-root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--baseline-root", type=Path)
    parser.add_argument("--cache-only", action="store_true",
                        help="only first runs filling a new cache against re-runs on a full one, --repeats of each")
    args = parser.parse_args()

    import kit

    work = Path(tempfile.mkdtemp(prefix="kit-bench-whole-"))
    env = dict(os.environ, PYTHONPATH=str(args.kit_root.resolve()))
    base_env = dict(os.environ, PYTHONPATH=str(args.baseline_root.resolve())) if args.baseline_root else None
    check_root(env, args.kit_root)
    if base_env is not None:
        check_root(base_env, args.baseline_root)
    try:
        corpus = work / "corpus.csv"
        n = first_rows(without_reserved(args.corpus), corpus, args.n)
        texts = [a.text for a in kit.load_corpus(corpus).articles]
        (work / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        model = kit.resolve_model()
        kit_cli = [sys.executable, "-m", "kit", "annotate", str(corpus), "--quiet"]
        raw: dict[str, list] = {}
        for jobs in [] if args.cache_only else args.jobs:
            a = [*kit_cli, "--out", str(work / "out"), "--jobs", str(jobs)]
            b = [sys.executable, "-c", PLAIN, str(work / "texts.json"), model, str(jobs)]
            runs = [(f"kit{jobs}", a, env), (f"plain{jobs}", b, env)]
            if base_env is not None:
                runs.append((f"base{jobs}", [*kit_cli, "--out", str(work / "base"), "--jobs", str(jobs)], base_env))
            for i in range(args.repeats):
                for name, argv, environ in runs[i % len(runs):] + runs[: i % len(runs)]:  # each goes first in turn
                    raw.setdefault(name, []).append(timed(argv, environ))
                    print(name, raw[name][-1], file=sys.stderr)
        # first runs (each into a new cache) and re-runs on the full cache of the first, taking turns going first
        cached = [*kit_cli, "--out", str(work / "out"), "--cache", str(work / "cache")]
        for i in range(args.repeats if args.cache_only else 1):
            fill = [*kit_cli, "--out", str(work / "out-fill"), "--cache", str(work / ("cache" if i == 0 else f"new{i}"))]
            order = [("fill", fill), ("cached", cached)] if i % 2 == 0 else [("cached", cached), ("fill", fill)]
            for name, argv in order:
                raw.setdefault(name, []).append(timed(argv, env))
                print(name, raw[name][-1], file=sys.stderr)
        while len(raw["cached"]) < args.repeats:
            raw["cached"].append(timed(cached, env))
            print("cached", raw["cached"][-1], file=sys.stderr)
        identical = all(filecmp.cmp(p, work / "out" / p.name, shallow=False) for p in (work / "out-fill").iterdir())
        cache_bytes = sum(p.stat().st_size for p in (work / "cache").iterdir())
        out_bytes = sum(p.stat().st_size for p in (work / "out").iterdir())
    finally:
        shutil.rmtree(work, ignore_errors=True)

    med = {k: statistics.median(t for t, _, _ in v) for k, v in raw.items()}
    rss = {k: max(r for _, r, _ in v) for k, v in raw.items()}
    cpu = {k: statistics.median(c for _, _, c in v) for k, v in raw.items()}
    lines = [f"{n} articles of `{args.corpus.name}`; {machine()}; medians of {args.repeats}, A/B alternated; "
             f"load average at the end {os.getloadavg()[0]:.1f}.", "",
             "| run | seconds (median) | articles/s | peak RSS (MiB) | kit/plain throughput | CPU s (median) | "
             "kit/plain by CPU |", "|---|---:|---:|---:|---:|---:|---:|"]
    for jobs in [] if args.cache_only else args.jobs:
        k, p = med[f"kit{jobs}"], med[f"plain{jobs}"]
        kc, pc = cpu[f"kit{jobs}"], cpu[f"plain{jobs}"]
        lines.append(f"| plain `nlp.pipe`, --jobs {jobs} | {p:.1f} | {n / p:.1f} | {rss[f'plain{jobs}']:.0f} | | "
                     f"{pc:.1f} | |")
        lines.append(f"| `kit annotate`, --jobs {jobs} | {k:.1f} | {n / k:.1f} | {rss[f'kit{jobs}']:.0f} | "
                     f"**{p / k:.2f}** | {kc:.1f} | {pc / kc:.2f} |")
        if f"base{jobs}" in med:
            q, qc = med[f"base{jobs}"], cpu[f"base{jobs}"]
            lines.append(f"| `kit annotate` before (baseline), --jobs {jobs} | {q:.1f} | {n / q:.1f} | "
                         f"{rss[f'base{jobs}']:.0f} | {p / q:.2f} | {qc:.1f} | {pc / qc:.2f} |")
    lines.append(f"| `kit annotate --cache`, first run ({len(raw['fill'])} run(s)) | {med['fill']:.1f} | "
                 f"{n / med['fill']:.1f} | {rss['fill']:.0f} | | {cpu['fill']:.1f} | |")
    lines.append(f"| `kit annotate --cache`, re-run on the full cache | {med['cached']:.2f} | {n / med['cached']:.0f} | "
                 f"{rss['cached']:.0f} | **{med['fill'] / med['cached']:.1f}× faster than the first run** | "
                 f"{cpu['cached']:.2f} | |")
    lines.append("")
    lines.append(f"Tables of the last re-run on the full cache byte-identical to a first run's: {identical}.")
    lines.append(f"Cache: {cache_bytes / n * 1000 / 2**20:.1f} MiB per 1,000 articles; tables (CSV): "
                 f"{out_bytes / n * 1000 / 2**20:.1f} MiB per 1,000 articles.")
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({"n": n, "raw": raw, "median": med, "rss": rss, "cpu": cpu, "identical": identical,
                                         "cache_bytes": cache_bytes,
                                         "out_bytes": out_bytes}, indent=1))


if __name__ == "__main__":
    main()
