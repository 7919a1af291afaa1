"""Key the antecedents of PolNeAR `dev`'s pronoun sources by hand, and store them as offsets (no article text).

PolNeAR has no coreference annotation, so the claims benchmark approximated what "he said" refers to (the
nearest preceding non-pronoun Source), and a hand check found that approximation wrong about half the time it
counted the kit wrong. This tool makes the keyed alternative, in two steps:

    python tools/make_polnear_antecedents.py items --polnear DIR --out WORK_DIR [--parts 2]
        WORK_DIR/items_N.md: one item per reporting-cue attribution of `dev` whose Source is a pronoun — the
        article excerpt before it with the pronoun marked [[he]] — and items_N.json (doc_id, offsets).
        Annotators read only these excerpts (never a system's output) and write WORK_DIR/answers_N.csv
        (`item,antecedent,note`): the fullest name the excerpt gives the referent, copied exactly, else its
        description as written; NONE when the pronoun names no one (an author's "I", a generic "you") or
        when they cannot tell.
    python tools/make_polnear_antecedents.py offsets --polnear DIR --work WORK_DIR \\
        [--out benchmarks/polnear_dev_antecedents.csv]
        Each answer becomes the offsets of its last exact occurrence before the pronoun (else the nearest
        one case-insensitively, else the first anywhere in the article); NONE becomes an empty antecedent.
        Answers found nowhere are listed and left out (the benchmark then approximates those).

Only `dev` is keyed; `test` is reserved for the independent check and never read. Keep WORK_DIR outside the
repository (it holds article text).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from real_polnear import KEYED_ANTECEDENTS, is_pronoun, is_reporting, load_split  # noqa: E402

CONTEXT_CHARS = 1800


def make_items(polnear: Path, out: Path, parts: int) -> int:
    """Write the annotators' excerpts; returns the number of items."""
    docs = load_split(polnear, "dev", keyed=False)
    items = []
    for doc in docs:
        for attribution in doc.attributions:
            source = attribution.source
            if source is None or not is_pronoun(source.text) or not is_reporting(attribution.cue_text):
                continue
            start, end = source.start, source.end
            low = max(0, start - CONTEXT_CHARS)
            line = doc.text.rfind("\n", 0, low) if low > 0 else -1
            low = line + 1 if line >= 0 else low  # from the start of a line, where there is one
            high = doc.text.find("\n", end)
            high = len(doc.text) if high < 0 else high
            context = doc.text[low:start] + "[[" + doc.text[start:end] + "]]" + doc.text[end:high]
            items.append({"item": len(items) + 1, "doc_id": doc.doc_id, "source_start": start, "source_end": end,
                          "pronoun": doc.text[start:end], "context": context})
    out.mkdir(parents=True, exist_ok=True)
    size = -(-len(items) // parts)
    for n in range(parts):
        part = items[n * size : (n + 1) * size]
        with (out / f"items_{n + 1}.md").open("w", encoding="utf-8") as f:
            for item in part:
                f.write(f"## item {item['item']} (article {item['doc_id']}, pronoun \"{item['pronoun']}\")\n\n"
                        f"{item['context']}\n\n")
        (out / f"items_{n + 1}.json").write_text(json.dumps(part), encoding="utf-8")
    return len(items)


def locate(text: str, answer: str, before: int) -> tuple[int, int] | None:
    """Offsets of an annotator's answer in the article: its last exact occurrence before the pronoun, else the
    last case-insensitive one before it, else the first anywhere."""
    for haystack, needle in ((text, answer), (text.lower(), answer.lower())):
        if len(haystack) != len(text) or len(needle) != len(answer):
            continue  # lower-casing changed a length ("İ"): its offsets would not be the article's
        at = haystack.rfind(needle, 0, before)
        if at < 0:
            at = haystack.find(needle)
        if at >= 0:
            return at, at + len(answer)
    return None


def make_offsets(polnear: Path, work: Path, out: Path) -> None:
    texts = {doc.doc_id: doc.text for doc in load_split(polnear, "dev", keyed=False)}
    items = {item["item"]: item for path in sorted(work.glob("items_*.json"))
             for item in json.loads(path.read_text(encoding="utf-8"))}
    answers: dict[int, str] = {}
    for path in sorted(work.glob("answers_*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                answers[int(row["item"])] = " ".join(row["antecedent"].split())
    missing = sorted(set(items) - set(answers))
    rows, lost = [], []
    for number, item in sorted(items.items()):
        if number not in answers:
            continue
        answer = answers[number]
        if answer.upper() == "NONE" or not answer:
            rows.append((item["doc_id"], item["source_start"], item["source_end"], "", ""))
            continue
        found = locate(texts[item["doc_id"]], answer, item["source_start"])
        if found is None:
            lost.append(f"item {number}: {answer!r}")
            continue
        rows.append((item["doc_id"], item["source_start"], item["source_end"], *found))
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("# PolNeAR dev: hand-keyed antecedents of the pronoun Sources of reporting-cue attributions\n"
                "# (character offsets into data/dev/text/<doc_id>.txt; empty antecedent: the pronoun names no one).\n"
                "# Made by tools/make_polnear_antecedents.py; read by benchmarks/real_polnear.py.\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["doc_id", "source_start", "source_end", "antecedent_start", "antecedent_end"])
        writer.writerows(rows)
    print(f"{len(rows)} antecedents written to {out} ({sum(1 for r in rows if not r[3])} naming no one); "
          f"{len(missing)} items without an answer; {len(lost)} answers not found in their article")
    for line in lost:
        print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="step", required=True)
    items = sub.add_parser("items", help="write the annotators' excerpts")
    items.add_argument("--polnear", type=Path, required=True)
    items.add_argument("--out", type=Path, required=True)
    items.add_argument("--parts", type=int, default=2)
    offsets = sub.add_parser("offsets", help="turn the annotators' answers into offsets")
    offsets.add_argument("--polnear", type=Path, required=True)
    offsets.add_argument("--work", type=Path, required=True)
    offsets.add_argument("--out", type=Path, default=KEYED_ANTECEDENTS)
    args = parser.parse_args()
    if args.step == "items":
        print(f"{make_items(args.polnear, args.out, args.parts)} items written to {args.out}")
    else:
        make_offsets(args.polnear, args.work, args.out)


if __name__ == "__main__":
    main()
