"""Peer benchmarks on local copies of public datasets (issue 9): PolNeAR claims, article-extraction bodies,
re3d entity names, FA-KES crowd counts — the kit beside plain spaCy (+ textacy) and trafilatura.

    python benchmarks/bench_real.py [--polnear DIR [--split dev|train]] [--aeb DIR] [--re3d DIR] [--fakes CSV]
                                    [--trafilatura-python PY] [--dump DIR] [--limit N] [--out FILE]

Every dataset is optional; where each comes from and what is reserved: benchmarks/README.md. Results go to
benchmarks/RESULTS_real.md, one section per benchmark (sections of benchmarks not run are kept as they were);
with --limit they are only printed, unless --out is given. --dump DIR writes per-item CSVs (misses, extras) for
error analysis: they hold dataset text, so keep DIR outside the repository. Definitions of every figure are in the
docstrings of real_polnear.py, real_aeb.py and real_re3d.py and are repeated in the results file.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine  # noqa: E402
from real_text import kit_version, write_csv  # noqa: E402

RESULTS = ROOT / "benchmarks" / "RESULTS_real.md"
ORDER = ("polnear-dev", "polnear-train", "aeb", "re3d", "fakes")
_SECTION = re.compile(r"<!-- section:(\S+) -->\n(.*?)<!-- /section -->\n?", re.S)


def _pct(value: float) -> str:
    return "–" if value != value else f"{value:.3f}"


def _stamp() -> dict[str, str]:
    import kit

    return {"date": dt.date.today().isoformat(), "kit": kit_version(), "model": kit.resolve_model()}


# --- PolNeAR -----------------------------------------------------------------------------------------------------

def run_polnear(root: Path, split: str, limit: int | None, dump: Path | None) -> str:
    import real_polnear as rp

    docs = rp.load_split(root, split, limit=limit)
    stamp = _stamp()
    systems = {}
    start = time.perf_counter()
    kit_pred, kit_errors = rp.kit_predictions(docs)
    systems["kit"] = (kit_pred, time.perf_counter() - start, f"{kit_errors} articles kit.load could not read")
    start = time.perf_counter()
    tx_pred, tx_errors = rp.textacy_predictions(docs)
    import textacy

    systems[f"plain spaCy + textacy {textacy.__version__} `direct_quotations`"] = (
        tx_pred, time.perf_counter() - start, f"textacy raised on {tx_errors} articles (quotations before kept)")
    lines = [
        f"## PolNeAR `{split}`: attributions as claims",
        "",
        "| system | attributions | articles | gold | found | claims | precision | right source | time (s) | date | kit "
        "| spaCy model |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    notes = []
    for name, (pred, seconds, note) in systems.items():
        summary, gold_rows, claim_rows = rp.score(docs, pred)
        if name == "kit":
            r = summary["reporting"]
            target = ("- Issue 10 target (dev, reporting cue): found ≥ 0.85 at precision ≥ 0.85, right source ≥ "
                      f"0.92; here {_pct(r['found_rate'])}, {_pct(r['precision'])}, {_pct(r['right_rate'])}.")
        for subset, label in (("reporting", "reporting cue"), ("all", "all")):
            s = summary[subset]
            lines.append(
                f"| {name} | {label} | {len(docs)} | {s['gold']} | {_pct(s['found_rate'])} ({s['found']}) | "
                f"{s['predicted']} | {_pct(s['precision'])} | "
                f"{_pct(s['right_rate'])} ({s['right']}/{s['with_source']}) | "
                f"{seconds:.0f} | {stamp['date']} | {stamp['kit'] if name == 'kit' else '–'} | {stamp['model']} |")
        s = summary["reporting"]
        lenient = (s["right"] + s["pronoun_as_written"]) / s["with_source"] if s["with_source"] else float("nan")
        names_only = s["with_source"] - s["pronoun_sources"]
        named_right = (s["right"] - s["pronoun_right"]) / names_only if names_only else float("nan")
        keyed = (f"; {s['pronoun_keyed']} of them scored against antecedents keyed by hand (with every antecedent "
                 f"approximated instead, as before 2026-12-07: right source {_pct(s['right_approximate_rate'])}, "
                 f"{s['right_approximate']}/{s['with_source']})" if s["pronoun_keyed"] else "")
        notes.append(f"- {name} (reporting cue): {note}. Right source where the gold source is not a pronoun: "
                     f"{_pct(named_right)} ({s['right'] - s['pronoun_right']}/{names_only}); pronoun sources: "
                     f"{s['pronoun_sources']}, {s['pronoun_right']} resolved to the antecedent's name, "
                     f"{s['pronoun_as_written']} left as the same pronoun (counting those would give "
                     f"{_pct(lenient)}){keyed}.")
        if dump is not None and name == "kit":
            write_csv(dump / f"polnear_{split}_gold.csv", gold_rows, rp.GOLD_COLUMNS)
            write_csv(dump / f"polnear_{split}_kit_claims.csv", claim_rows, rp.CLAIM_COLUMNS)
    if split == "dev":
        notes.insert(0, target)
    several = sum(1 for d in docs if d.n_annotator_files > 1)
    dropped = sum(d.n_without_content for d in docs)
    lines += ["", *notes,
              "- Found: a claim's content has token F1 ≥ 0.5 with the gold content; precision: share of claims "
              "matching some gold attribution (for the reporting-cue row, claims whose own cue holds a reporting "
              "word); right source: among found attributions with a Source, the best-matching claim's speaker or "
              "speaker_text holds all name words of the gold source or vice versa (articles, possessive \"s\", "
              "bare titles ignored), or the speaker is the canonical name of the kit's entity at the gold source; "
              "a source with no name words (\"the president\") counts when the speaker or speaker_text is the same "
              "description (added 2026-12-06 evening: before, such a source could never count, even for the same words); "
              "for a pronoun source, the resolved speaker must share a name word with the antecedent (the 8 words "
              "before a relative who/which/that in its sentence, else the nearest preceding non-pronoun gold "
              "Source — an approximation: PolNeAR has no coreference annotation). A hand check of 30 train "
              "pronoun sources counted wrong (kit, reporting cue, December 2026) found the kit's name right in 13: "
              "the approximation often picks another source. So for `dev` the antecedent of every reporting-cue "
              "attribution whose Source is a pronoun was keyed by hand (2026-12-07, by annotators who saw only the "
              "article excerpt, never a system's output; `benchmarks/polnear_dev_antecedents.csv`, offsets only, "
              "made by `tools/make_polnear_antecedents.py`), and there a pronoun source is right when the claim "
              "names the keyed antecedent as a non-pronoun source would be named; `train` keeps the approximation.",
              "- Reporting cue: the gold cue holds a word form of `benchmarks/reporting_cues.txt` (" +
              f"{len(rp.REPORTING_CUES) + len(rp.REPORTING_PHRASES)} forms: say/said, told, according to, added, "
              "stated, reported, claimed, denied, announced, wrote, tweeted, noted, … written independently of the "
              "kit's cue list).",
              f"- Gold: one annotator file per article, the one whose annotator id sorts first ({several} of "
              f"{len(docs)} articles have several); {dropped} attributions without a Content span left out.",
              "- Best published: none known for this task and metric. The PolNeAR paper (Newell, Margolin & Ruths, "
              "LREC 2018) reports annotation quality, not extraction: token-wise Krippendorff's α 75.4%, "
              "attribution-wise agreement 92.3% (figures from the dataset's README)."]
    return "\n".join(lines)


# --- article extraction -------------------------------------------------------------------------------------------

def run_aeb(root: Path, limit: int | None, dump: Path | None, other_python: str | None) -> str:
    import real_aeb as ra

    truth = ra.load_ground_truth(root, limit=limit)
    gold = {k: v.get("articleBody") or "" for k, v in truth.items()}
    ids = sorted(gold)
    pages = ra.read_pages(root, ids)
    stamp = _stamp()
    start = time.perf_counter()
    kit_out, kit_errors = ra.kit_bodies(pages)
    kit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    traf, traf_version = ra.trafilatura_bodies(pages)
    traf_seconds = time.perf_counter() - start
    rows = [
        ("kit: article text (headline, standfirst, body)", stamp["kit"], {k: v["text"] for k, v in kit_out.items()},
         kit_seconds),
        ("kit: article text minus its headline", stamp["kit"], {k: v["no_headline"] for k, v in kit_out.items()},
         kit_seconds),
        ("kit: minus headline and standfirst", stamp["kit"],
         {k: v["no_headline_standfirst"] for k, v in kit_out.items()}, kit_seconds),
        ("trafilatura (installed)", traf_version, traf, traf_seconds),
    ]
    if other_python:
        start = time.perf_counter()
        other, other_version = ra.trafilatura_bodies_in(other_python, root, ids)
        if other:
            rows.append((f"trafilatura {other_version} (throwaway venv)", other_version, other,
                         time.perf_counter() - start))
    lines = [
        "## Article-extraction benchmark: article body",
        "",
        "| system | version | F1 | precision | recall | accuracy | pages | time (s) | date | spaCy model |",
        "|---|---|---|---|---|---|---:|---:|---|---|",
    ]
    scores = {}
    for name, version, predicted, seconds in rows:
        m = scores[name] = ra.summarise(gold, predicted)
        lines.append(f"| {name} | {version} | {m['f1']:.3f} ± {m['f1_std']:.3f} | {m['precision']:.3f} ± "
                     f"{m['precision_std']:.3f} | {m['recall']:.3f} ± {m['recall_std']:.3f} | {m['accuracy']:.3f} ± "
                     f"{m['accuracy_std']:.3f} | {m['n']} | {seconds:.0f} | {stamp['date']} | not used |")
    halves = {"A (even positions: developed on)": ids[0::2],
              "B (odd positions: first look above, then 2 fixes)": ids[1::2]}
    lines += [
        "| *published best: rs_trafilatura (README, latest evaluation)* | 9261e08 | 0.970 ± 0.004 | 0.951 ± 0.006 "
        "| 0.990 ± 0.003 | 0.287 ± 0.032 | 181 | | | |",
        "| *published: Zyte AutoExtract (README, Nov 2019)* | Nov 2019 | 0.970 ± 0.005 | 0.984 ± 0.002 "
        "| 0.956 ± 0.010 | 0.470 ± 0.037 | 181 | | | |",
        "| *published: trafilatura (README, latest evaluation)* | 2.0.0 | 0.958 ± 0.006 | 0.938 ± 0.009 "
        "| 0.978 ± 0.006 | 0.293 ± 0.034 | 181 | | | |",
        "",
        f"- Issue 10 target: kit body F1 ≥ 0.965 (minus headline); here "
        f"{scores['kit: article text minus its headline']['f1']:.3f}.",
        f"- Kit: `kit.load` on each page written out as `.html`; {len(kit_errors)} pages it could not read (scored "
        "as empty). trafilatura is called as the benchmark's own runner calls it: `extract(html, "
        "include_comments=False)`.",
        "- Scores: the benchmark's shingle method, re-implemented in `benchmarks/real_aeb.py`; ± is the bootstrap "
        "standard deviation (1,000 resamples, fixed seed).",
    ]
    lines += [
        "",
        "By half (pages sorted by id, alternately to A and B; the kit's rules for issue 10 were developed on half A "
        "only, looking at its pages and their per-paragraph extras and misses):",
    ]
    lines += [
        "",
        "- First look at half B (scored once, at commit 2205b90, after all the work on half A): kit F1 0.946 "
        "(P 0.959, R 0.934), against 0.958 (P 0.957, R 0.959) for the kit before issue 10's work. Its error "
        "analysis found two bugs, fixed since by general rules: trafilatura's precision pass had kept a reprint "
        "notice instead of the article on one page (it now falls back to the default pass when it keeps under a "
        "fifth of its text), and headlines were compared on ASCII letters only, so a page in Korean lost its body "
        "as a \"repeated headline\". Half B's figures below are after those fixes: no longer a blind estimate.",
        "",
        "| system | half | F1 | precision | recall | accuracy | pages |",
        "|---|---|---|---|---|---|---:|",
    ]
    for name, _version, predicted, _seconds in rows:
        if name not in ("kit: article text minus its headline", "trafilatura (installed)") and "throwaway" not in name:
            continue
        for half, keys in halves.items():
            m = ra.summarise({k: gold[k] for k in keys}, predicted)
            lines.append(f"| {name} | {half} | {m['f1']:.3f} ± {m['f1_std']:.3f} | {m['precision']:.3f} | "
                         f"{m['recall']:.3f} | {m['accuracy']:.3f} | {m['n']} |")
    if dump is not None:
        page_rows, paragraph_rows = [], []
        for key in ids:
            url = truth[key].get("url", "")
            mine = kit_out[key]["no_headline"]
            kc = ra.shingle_counts(gold[key], mine)
            tc = ra.shingle_counts(gold[key], traf.get(key))
            paragraphs = ra.paragraph_rows(key, url, gold[key], mine)
            paragraph_rows += paragraphs
            page_rows.append({
                "page": key, "url": url,
                "kit_f1": _f1(ra.page_precision(*kc), ra.page_recall(*kc)),
                "kit_precision": round(ra.page_precision(*kc), 3), "kit_recall": round(ra.page_recall(*kc), 3),
                "trafilatura_f1": _f1(ra.page_precision(*tc), ra.page_recall(*tc)),
                "trafilatura_precision": round(ra.page_precision(*tc), 3),
                "trafilatura_recall": round(ra.page_recall(*tc), 3),
                "kit_extra_paragraphs": sum(p["kind"] == "extra" for p in paragraphs),
                "kit_missed_paragraphs": sum(p["kind"] == "missed" for p in paragraphs),
                "kit_title": kit_out[key]["title"], "kit_error": kit_errors.get(key, ""),
            })
        write_csv(dump / "aeb_pages.csv", sorted(page_rows, key=lambda r: r["kit_f1"]), ra.PAGE_COLUMNS)
        write_csv(dump / "aeb_paragraphs.csv", paragraph_rows, ra.PARAGRAPH_COLUMNS)
    return "\n".join(lines)


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


# --- re3d ---------------------------------------------------------------------------------------------------------

def run_re3d(root: Path, limit: int | None, dump: Path | None) -> str:
    import real_re3d as rr

    docs = rr.load(root, limit=limit)
    stamp = _stamp()
    start = time.perf_counter()
    kit_pred = rr.kit_mentions(docs)
    kit_seconds = time.perf_counter() - start
    spacy_pred = rr.spacy_mentions(docs)
    kit_scores, kit_gold, kit_extra = rr.score(docs, kit_pred)
    sp_scores, sp_gold, sp_extra = rr.score(docs, spacy_pred)
    folders = ", ".join(f"`{f}` ({sum(d.folder == f for d in docs)} documents)" for f in rr.FOLDERS)
    lines = [f"## dstl/re3d: entity names ({folders})", ""]
    for subset, title in (("names", "proper names"), ("all", "all gold entities of these types")):
        lines += [
            f"**{title}**", "",
            "| type | gold | kit recall | plain spaCy recall | kit recall, any label | spaCy recall, any label | "
            "kit precision | spaCy precision | documents | date | kit | spaCy model |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
        ]
        for key in (*rr.TYPES, "overall"):
            k, s = kit_scores[subset][key], sp_scores[subset][key]
            lines.append(f"| {key} | {k['gold']} | {_pct(k['recall'])} | {_pct(s['recall'])} | "
                         f"{_pct(k['recall_any_label'])} | {_pct(s['recall_any_label'])} | {_pct(k['precision'])} | "
                         f"{_pct(s['precision'])} | {len(docs)} | {stamp['date']} | {stamp['kit']} | "
                         f"{stamp['model']} |")
        lines.append("")
    below = [t for t in rr.TYPES if kit_scores["names"][t]["recall"] < sp_scores["names"][t]["recall"]]
    lines += [
        "- Issue 10 target: Person, Organisation and Location recall each ≥ plain spaCy's; on proper names the kit "
        "is " + (f"below spaCy for {', '.join(below)}." if below else "at or above spaCy for all three."),
        "- Found: a predicted mention with the mapped label (PERSON → Person, ORG → Organisation, GPE/LOC/FAC → "
        "Location) overlaps the gold span and the words of one are all among the other's (articles, possessive "
        "\"s\" and bare titles ignored). *Any label*: the same with any of those labels (found, maybe as the wrong "
        "type; NORP and other labels do not count). Precision: share of "
        "the system's mentions of a mapped label that match a gold entity of that type (against all gold "
        "entities, so the same in both tables).",
        "- Proper names: gold entities with a capitalised word that is not a determiner, a pronoun or a "
        "sentence-initial word (unless an acronym or capitalised mid-sentence elsewhere in the document); the "
        "rest are descriptions and pronouns (\"the city\", \"fighters\", \"He\").",
        f"- Kit: `kit.annotate(text)` (cleaning included), offsets mapped back to the original text; plain spaCy: "
        f"`{stamp['model']}` as shipped on the original text. Kit time: {kit_seconds:.0f} s.",
        "- Best published: none known for these folders and this matching.",
    ]
    if dump is not None:
        for row, sp in zip(kit_gold, sp_gold):
            row.update(spacy_found=sp["found"], spacy_text=sp["pred_text"], spacy_label=sp["pred_label"])
        write_csv(dump / "re3d_gold.csv", kit_gold, rr.GOLD_COLUMNS)
        write_csv(dump / "re3d_kit_extras.csv", kit_extra, rr.EXTRA_COLUMNS)
        write_csv(dump / "re3d_spacy_extras.csv", sp_extra, rr.EXTRA_COLUMNS)
    return "\n".join(lines)


# --- FA-KES crowd counts ------------------------------------------------------------------------------------------

def run_fakes(corpus: Path) -> str:
    from bench_casualties import measure

    stamp = _stamp()
    measured = measure(corpus)
    return "\n".join([
        "## FA-KES crowd counts: killed figures per article",
        "",
        f"From `benchmarks/bench_casualties.py` on `{corpus.name}` ({measured['n']} articles; {stamp['date']}; kit "
        f"{stamp['kit']}; {stamp['model']}):",
        "",
        *measured["table"],  # type: ignore[misc]
        "",
        *measured["notes"],  # type: ignore[misc]
        "- Best published: none for this comparison (FA-KES publishes the crowd counts, not an extractor's).",
    ])


# --- results file -------------------------------------------------------------------------------------------------

HEADER = """# Benchmark results on real published text (issue 9)

Generated by `python benchmarks/bench_real.py` (`make bench-real`); datasets, licences and reserved parts:
[README.md](README.md). Each section is re-written only when its benchmark is run. None of these datasets was
written for the kit; none of their text is in the repository. Reserved for the independent check and never read:
PolNeAR `data/test`, re3d folders other than `UK Government` and `Wikipedia`, ten FA-KES articles.
"""


def write_results(path: Path, sections: dict[str, str], context: str) -> str:
    kept = {}
    if path.exists():
        kept = {m.group(1): m.group(2) for m in _SECTION.finditer(path.read_text(encoding="utf-8"))}
    for key, body in sections.items():
        kept[key] = f"{body.rstrip()}\n\n_{context}_\n"
    keys = [k for k in ORDER if k in kept] + sorted(k for k in kept if k not in ORDER)
    text = HEADER + "".join(f"\n<!-- section:{k} -->\n{kept[k]}<!-- /section -->\n" for k in keys)
    path.write_text(text, encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polnear", type=Path, help="PolNeAR checkout (holding data/train, data/dev)")
    parser.add_argument("--split", choices=("train", "dev"), default="dev", help="PolNeAR split (test is reserved)")
    parser.add_argument("--aeb", type=Path, help="article-extraction-benchmark checkout (html/, ground-truth.json)")
    parser.add_argument("--re3d", type=Path, help="re3d checkout (holding 'UK Government' and 'Wikipedia')")
    parser.add_argument("--fakes", type=Path, help="FA-KES CSV for the crowd-count comparison")
    parser.add_argument("--trafilatura-python", help="another interpreter whose trafilatura is also scored")
    parser.add_argument("--dump", type=Path, help="folder for per-item CSVs (keep it outside the repository)")
    parser.add_argument("--limit", type=int, help="first N items of each dataset (quick runs)")
    parser.add_argument("--out", type=Path, help=f"results file (default {RESULTS.relative_to(ROOT)}, "
                                                 "not written with --limit unless given)")
    args = parser.parse_args()
    if not any((args.polnear, args.aeb, args.re3d, args.fakes)):
        parser.error("give at least one of --polnear, --aeb, --re3d, --fakes")
    if args.dump is not None and args.dump.resolve().is_relative_to(ROOT):
        parser.error(f"--dump {args.dump}: dumps hold dataset text; write them outside the repository")
    sections: dict[str, str] = {}
    if args.polnear:
        sections[f"polnear-{args.split}"] = run_polnear(args.polnear, args.split, args.limit, args.dump)
    if args.aeb:
        sections["aeb"] = run_aeb(args.aeb, args.limit, args.dump, args.trafilatura_python)
    if args.re3d:
        sections["re3d"] = run_re3d(args.re3d, args.limit, args.dump)
    if args.fakes:
        sections["fakes"] = run_fakes(args.fakes)
    limit_note = f" Quick run: first {args.limit} items only." if args.limit else ""
    context = f"Machine: {machine()}.{limit_note}"
    out = args.out or (None if args.limit else RESULTS)
    if out is None:
        print("\n\n".join(f"{body}\n\n_{context}_" for body in sections.values()))
    else:
        print(write_results(out, sections, context))
    if args.dump is not None:
        print(f"dumps: {args.dump}", file=sys.stderr)


if __name__ == "__main__":
    main()
