"""Annotate every evaluation set under tests/ and print its scores (a thin wrapper over `kit evaluate`).

Usage: python tools/evaluate.py [-v] [--json OUT] [SET...]     (SET as the gate names them: dev, composed/blind)
Needs nothing outside the repository. The gate itself: `python -m kit.evaluate.baseline` (see tests/test_eval_gate.py).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kit.evaluate.baseline import discover_sets, evaluate_set

TESTS = Path(__file__).resolve().parent.parent / "tests"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every set's scores as one JSON file")
    parser.add_argument("sets", nargs="*", metavar="SET", help="sets to score (default: all)")
    args = parser.parse_args()
    found = discover_sets(TESTS)
    unknown = [name for name in args.sets if name not in found]
    if unknown:
        print(f"no evaluation set {', '.join(unknown)} (found: {', '.join(found)})", file=sys.stderr)
        return 2
    results = {}
    for name in args.sets or list(found):
        evaluation = evaluate_set(found[name])
        print(f"== {name}\n{evaluation.summary(verbose=args.verbose)}\n")
        results[name] = evaluation.to_dict()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
