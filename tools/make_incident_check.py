"""Prepare the blind precision check of incidents (issue 13): a random sample of incidents with two or more sources,
written for a reader who judges, from the articles alone, whether each case's reports are about one event.

    python tools/make_incident_check.py OUT_DIR_OF_KIT_ANNOTATE CHECK_DIR [--n 30] [--seed 13]

Writes CHECK_DIR/sample.md (one case per incident: each report's article — doc_id, outlet, publication date,
headline — and the sentences with the figures it gives, in random case order, nothing of how the kit grouped them:
no place, day or kind of attack it inferred), CHECK_DIR/articles/<doc_id>.txt (each article's full cleaned text,
to read around the sentences), and CHECK_DIR/sample.json (case number → incident_id, the seed, the input, the
kit's commit). The reader's verdicts go in CHECK_DIR/verdicts.csv (case,same_event,note: yes / no / unclear).
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _number(figure: pd.Series) -> str:
    """The figure as read: "58", "at least 58", "50–60", or its vague word ("dozens")."""
    low, best, high = (None if pd.isna(figure[k]) else int(figure[k]) for k in ("low", "best", "high"))
    qualifier = figure["qualifier"] if isinstance(figure["qualifier"], str) else ""
    if best is None and low is None and high is None:
        return qualifier or "an unstated number"
    if best is None:
        return f"{low if low is not None else '?'}–{high if high is not None else '?'}"
    return f"{qualifier} {best}".strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables", type=Path, help="folder written by `kit annotate` (CSV)")
    parser.add_argument("out", type=Path, help="folder for sample.md, sample.json, articles/")
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)

    def read(name: str) -> pd.DataFrame:
        return pd.read_csv(args.tables / f"{name}.csv", dtype={"doc_id": str}, keep_default_na=False, na_values=[""])

    incidents, reports, articles, casualties = (read(n) for n in ("incidents", "incident_reports", "articles",
                                                                  "casualties"))
    eligible = sorted(incidents.loc[incidents["n_sources"] >= 2, "incident_id"])
    chosen = random.Random(args.seed).sample(eligible, min(args.n, len(eligible)))
    texts = articles.set_index("doc_id")
    figures = casualties[casualties["mention"] == 0].set_index(["doc_id", "figure_id"])
    (args.out / "articles").mkdir(parents=True, exist_ok=True)
    lines = ["# Incident check: are these reports about one event?", "",
             f"{len(chosen)} cases. Each case lists articles and, from each, the sentences giving casualty figures "
             "that one tool put together. For each case, judge from the articles (full texts in `articles/`, by "
             "doc_id) whether all the listed figures are about the same event (one attack, strike, bombing, clash or "
             "massacre: same place and time), and write `case,same_event,note` rows to `verdicts.csv` with "
             "same_event = yes, no or unclear. A case is `no` if any one figure is about another event.", ""]
    cases = []
    for number, incident_id in enumerate(chosen, start=1):
        mine = reports[reports["incident_id"] == incident_id].sort_values(["published", "doc_id", "start_char"])
        lines += [f"## Case {number}", ""]
        for row in mine.itertuples(index=False):
            article = texts.loc[row.doc_id]
            title = article["title"] if isinstance(article["title"], str) else ""
            lines.append(f"- **{row.doc_id}** · {row.outlet} · published {str(row.published)[:10]} · “{title}”")
            for figure_id in str(row.figure_ids).split("|"):
                figure = figures.loc[(row.doc_id, int(figure_id))]
                text = article["text"]
                written = text[int(figure["start_char"]) : int(figure["end_char"])]
                lines.append(f"  - {_number(figure)} {figure['outcome']} (“{written}”) in: {figure['evidence']}")
            (args.out / "articles" / f"{row.doc_id}.txt").write_text(
                f"{title}\n{row.outlet} · {row.published}\n\n{article['text']}\n", encoding="utf-8")
        lines.append("")
        cases.append({"case": number, "incident_id": incident_id, "doc_ids": sorted(set(mine["doc_id"]))})
    (args.out / "sample.md").write_text("\n".join(lines), encoding="utf-8")
    (args.out / "sample.json").write_text(json.dumps({
        "seed": args.seed, "n": len(chosen), "eligible": len(eligible), "tables": str(args.tables),
        "kit_commit": _commit(), "cases": cases}, indent=2) + "\n", encoding="utf-8")
    print(f"{len(chosen)} of {len(eligible)} incidents with two or more sources → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
