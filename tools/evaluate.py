"""Annotate the seed and the development set and score them with ../shared/eval/score.py.

Usage: python tools/evaluate.py [--verbose] [--json OUT]   (needs ../shared; prints the scorer's lines)
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = {"seed": (SHARED / "seeds", SHARED / "gold"), "dev": (SHARED / "dev" / "articles", SHARED / "dev" / "gold"),
        "heldout": (ROOT / "tests" / "heldout" / "articles", ROOT / "tests" / "heldout" / "gold"),
        "blind": (ROOT / "tests" / "blind" / "articles", ROOT / "tests" / "blind" / "gold")}


def score(name: str, *, verbose: bool = False) -> dict:
    articles, gold = SETS[name]
    with tempfile.TemporaryDirectory() as out:
        import kit

        result = kit.annotate_corpus(sorted(articles.glob("*.txt")), out_dir=out, progress=False)
        if len(result.errors):
            raise SystemExit(f"{name}: {len(result.errors)} articles failed: {result.errors.to_dict('records')}")
        args = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--pred", out]
        text = subprocess.run(args + (["-v"] if verbose else []), capture_output=True, text=True, check=True).stdout
        numbers = json.loads(subprocess.run(args + ["--json"], capture_output=True, text=True, check=True).stdout)
    return {"text": text, "scores": numbers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--json", type=Path, help="write the scores as JSON")
    parser.add_argument("sets", nargs="*", default=list(SETS))
    args = parser.parse_args()
    results = {}
    for name in args.sets:
        found = score(name, verbose=args.verbose)
        print(f"== {name}\n{found['text']}")
        results[name] = found["scores"]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
