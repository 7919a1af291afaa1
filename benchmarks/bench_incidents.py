"""What figures and incidents cost in a corpus run (issue 13), and what they find.

    python benchmarks/bench_incidents.py [CORPUS.csv] [--repeats N]      → benchmarks/RESULTS_incidents.md

Runs `kit.annotate_corpus(CORPUS, out_dir=…)` — what `kit annotate CORPUS --out DIR` runs — in one process,
alternately with and without the two new steps (figure columns per article, `kit/mentions.py`; incidents after the
four tables, `kit/reconcile.py`), and times each step inside the full runs. FA-KES articles whose unit_id is
reserved for an independent check are dropped from the input first (never annotated).
"""
from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pandas as pd
from common import ROOT, arguments, machine, write

import kit
import kit.corpus
import kit.tables
from kit.reconcile import IncidentTables

RESERVED = {"1914947537", "1919191763", "1923102896", "1923848213", "1924058148", "1926479102", "1926479352",
            "1962495633", "1965495384", "1965511170"}


def open_copy(corpus: Path, folder: Path) -> tuple[Path, int]:
    """The corpus without reserved rows (latin-1 round trip keeps every byte)."""
    csv.field_size_limit(2**31 - 1)
    with open(corpus, encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    kept = [rows[0]] + [r for r in rows[1:] if r and r[0] not in RESERVED]
    target = folder / corpus.name
    with open(target, "w", encoding="latin-1", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(kept)
    return target, len(rows) - len(kept)


class Timed:
    """Wrap a function of a module, adding up the time spent in it."""

    def __init__(self, module, name: str) -> None:
        self.module, self.name, self.original, self.seconds = module, name, getattr(module, name), 0.0

    def __enter__(self):
        def wrapped(*args, **kwargs):
            start = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        setattr(self.module, self.name, wrapped)
        return self

    def __exit__(self, *exc) -> None:
        setattr(self.module, self.name, self.original)


class Without:
    """Replace the two steps by what the kit did before them: rows as they are, no incidents."""

    def __enter__(self):
        self.saved = kit.tables.mark_figures, kit.corpus.incidents_of_run
        kit.tables.mark_figures = lambda rows, **_: rows
        empty = IncidentTables(pd.DataFrame(), pd.DataFrame())
        kit.corpus.incidents_of_run = lambda *a, **k: empty
        return self

    def __exit__(self, *exc) -> None:
        kit.tables.mark_figures, kit.corpus.incidents_of_run = self.saved


def run(corpus: Path, out: Path) -> float:
    start = time.perf_counter()
    kit.annotate_corpus(corpus, out_dir=out, progress=False)
    return time.perf_counter() - start


def main() -> None:
    corpus, repeats = arguments(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, dropped = open_copy(corpus, folder) if corpus.suffix == ".csv" else (corpus, 0)
        kit.load_nlp()  # the model loads once, outside the timings
        run(source, folder / "warm")
        with_steps, without_steps, figure_s, incident_s = [], [], [], []
        for n in range(repeats):  # alternate which comes first, so a drift of the machine favours neither
            for with_them in ((False, True) if n % 2 == 0 else (True, False)):
                if with_them:
                    with Timed(kit.tables, "mark_figures") as figures, \
                            Timed(kit.corpus, "incidents_of_run") as incidents:
                        with_steps.append(run(source, folder / f"with{n}"))
                    figure_s.append(figures.seconds)
                    incident_s.append(incidents.seconds)
                else:
                    with Without():
                        without_steps.append(run(source, folder / f"without{n}"))
        out = folder / f"with{repeats - 1}"
        casualties = pd.read_csv(out / "casualties.csv", dtype={"doc_id": str})
        incidents_table = pd.read_csv(out / "incidents.csv", dtype={"doc_id": str})
        articles = pd.read_csv(out / "articles.csv", dtype={"doc_id": str}, usecols=["doc_id"])
    t_with, t_without = statistics.median(with_steps), statistics.median(without_steps)
    t_fig, t_inc = statistics.median(figure_s), statistics.median(incident_s)
    first = casualties[casualties["mention"] == 0]
    event = first[(first["scope"] == "event") & first["part_of"].isna()]
    sources = incidents_table["n_sources"].value_counts().sort_index()
    lines = [
        f"Corpus: `{corpus.name}` ({len(articles)} articles annotated; {dropped} rows reserved for an independent "
        f"check dropped before the run). Machine: {machine()}. Medians of {repeats} runs of "
        "`kit.annotate_corpus(CORPUS, out_dir=DIR)` (what `kit annotate CORPUS --out DIR` runs, CSV output, one "
        "process), runs without and with the two new steps alternating (and which goes first); generated by "
        "`python benchmarks/bench_incidents.py`.",
        "",
        "## Cost",
        "",
        "| run | seconds (median) | runs |",
        "|---|---:|---|",
        f"| without the new steps (four tables as before) | {t_without:.1f} | {', '.join(f'{t:.1f}' for t in without_steps)} |",
        f"| with them (four tables with figure columns, incidents, incident_reports) | {t_with:.1f} | "
        f"{', '.join(f'{t:.1f}' for t in with_steps)} |",
        f"| of which: figure columns (`kit/mentions.py`, per article) | {t_fig:.2f} | |",
        f"| of which: incidents (`kit/reconcile.py`, after the four tables) | {t_inc:.2f} | |",
        "",
        f"- Time inside the new steps (medians) over the fastest run without them: "
        f"**{(t_fig + t_inc) / min(without_steps):.1%}** (target ≤ 10%; over the median run: "
        f"{(t_fig + t_inc) / t_without:.1%}).",
        f"- End to end, with / without: {t_with / t_without:.3f} (medians), {min(with_steps) / min(without_steps):.3f} "
        "(fastest runs); both include the machine's run-to-run noise, which the time inside the steps does not.",
        "",
        "## What they find",
        "",
        f"- {len(casualties):,} casualty rows (mentions) are {len(first):,} figures; "
        f"{int((first['n_mentions'] > 1).sum()):,} figures have more than one mention.",
        f"- {int(first['part_of'].notna().sum()):,} figures are parts of another; {int(first['cumulative'].sum()):,} are "
        f"cumulative ({int((first['scope'] == 'period').sum()):,} of them tallies over a period, kept out of incidents).",
        f"- {len(event):,} event figures form {len(incidents_table):,} incidents: "
        + ", ".join(f"{int(n):,} with {k} source{'s' if k != 1 else ''}" for k, n in sources.items()) + ".",
        f"- Dates: {', '.join(f'{int(n):,} from {k}' for k, n in first['date_from'].value_counts().items())} "
        "(the figure's own time words, the article's, or the publication date alone).",
        "",
        "Precision of the grouping is checked blind (30 random incidents with two or more sources, judged by a reader "
        "who did not build it): see `RESULTS_incidents_check.md` when recorded.",
    ]
    write(ROOT / "benchmarks" / "RESULTS_incidents.md", "Figures and incidents: cost and counts (issue 13)",
          ["\n".join(lines)])


if __name__ == "__main__":
    main()
