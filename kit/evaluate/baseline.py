"""The evaluation gate's baseline: per evaluation set, floors for every table's precision, recall and F1, and a
SHA-256 of the articles and keys they were measured on (tests/eval_baseline.json).

    python -m kit.evaluate.baseline                         # check every set against the baseline
    python -m kit.evaluate.baseline --update [SET...]       # floors := current scores; refuses to lower any
    python -m kit.evaluate.baseline --update SET --allow-lower "REASON"   # lower them, REASON kept in the file

A set is a folder holding `articles/` and `gold/`: every `tests/*/` and `tests/composed/*/` such folder, named by
its path under tests/ (`dev`, `composed/blind`). The gate fails when a set has no baseline, when its files differ
from the hashed ones (keys or articles changed without re-baselining), when a baselined set is gone, or when a
figure falls below its floor minus TOLERANCE.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Sequence

from .. import __version__
from ..errors import KitError
from .evaluation import Evaluation, evaluate
from .score import TABLES

__all__ = ["SCHEMA", "TOLERANCE", "MEASURES", "default_root", "discover_sets", "set_files", "set_hash",
           "evaluate_set", "floors_of", "read_baseline", "write_baseline", "check_set", "update_set", "main"]

SCHEMA = "kit-baseline/1"
TOLERANCE = 0.005
MEASURES = ("precision", "recall", "f1")
BASELINE_NAME = "eval_baseline.json"


def default_root() -> Path:
    """The `tests/` folder of the source checkout the kit runs from, else `./tests`."""
    checkout = Path(__file__).resolve().parents[2] / "tests"
    return checkout if checkout.is_dir() else Path("tests")


def _is_set(folder: Path) -> bool:
    return folder.is_dir() and (folder / "articles").is_dir() and (folder / "gold").is_dir()


def discover_sets(root: str | os.PathLike[str]) -> dict[str, Path]:
    """Every evaluation set under `root`: `root/*/` and `root/composed/*/` folders holding articles/ and gold/."""
    root = Path(root)
    found: dict[str, Path] = {}
    for parent, prefix in ((root, ""), (root / "composed", "composed/")):
        if parent.is_dir():
            for folder in sorted(parent.iterdir()):
                if _is_set(folder):
                    found[prefix + folder.name] = folder
    return found


def set_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The files an evaluation reads: every file in articles/ and gold/ (not hidden, not a *.md note)."""
    folder = Path(folder)
    return sorted(p for sub in ("articles", "gold") for p in (folder / sub).iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.suffix.lower() != ".md")


def set_hash(folder: str | os.PathLike[str]) -> str:
    """SHA-256 over the names (relative to the set) and bytes of its article and key files."""
    folder = Path(folder)
    digest = hashlib.sha256()
    for path in set_files(folder):
        name = path.relative_to(folder).as_posix().encode()
        data = path.read_bytes()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
        digest.update(data)
    return "sha256:" + digest.hexdigest()


def evaluate_set(folder: str | os.PathLike[str], *, model: str | None = None) -> Evaluation:
    """Annotate a set's articles in one kit run and score them against its keys."""
    folder = Path(folder)
    return evaluate(folder / "gold", annotate=folder / "articles", model=model)


def floors_of(evaluation: Evaluation) -> dict[str, dict[str, float]]:
    """Current scores as floors: every table's precision, recall and F1, rounded to 3 places."""
    scores = evaluation.scores.set_index("table")
    return {table: {m: round(float(scores.at[table, m]), 3) for m in MEASURES} for table in TABLES}


def read_baseline(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The baseline file, or an empty baseline when there is none yet."""
    path = Path(path)
    if not path.exists():
        return {"schema": SCHEMA, "tolerance": TOLERANCE, "sets": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KitError(f"{path}: cannot read the baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("sets"), dict):
        raise KitError(f"{path}: not a baseline (schema {SCHEMA!r} with 'sets')")
    return data


def write_baseline(path: str | os.PathLike[str], data: dict[str, Any]) -> None:
    """Write the baseline, one line per table's floors (readable diffs)."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    text = re.sub(r'\{\n\s+("precision"[^{}]*?)\n\s+\}', lambda m: "{" + re.sub(r",\n\s+", ", ", m.group(1)) + "}",
                  text)
    Path(path).write_text(text + "\n", encoding="utf-8")


def check_set(name: str, digest: str, evaluation: Evaluation, baseline: dict[str, Any], *,
              tolerance: float = TOLERANCE) -> list[str]:
    """Why the set fails the gate, one line each; [] when it passes."""
    entry = baseline["sets"].get(name)
    if entry is None:
        return [f"{name}: no baseline; measure it with `python -m kit.evaluate.baseline --update {name}`"]
    problems = []
    if entry.get("hash") != digest:
        problems.append(f"{name}: its articles or keys changed since the baseline ({entry.get('hash')} -> {digest}); "
                        f"re-baseline with `python -m kit.evaluate.baseline --update {name}`")
    scores = evaluation.scores.set_index("table")
    for table in TABLES:
        for measure in MEASURES:
            floor = entry.get("floors", {}).get(table, {}).get(measure)
            value = float(scores.at[table, measure])
            if floor is None:
                problems.append(f"{name}: no floor for {table} {measure}")
            elif value < floor - tolerance:
                problems.append(f"{name}: {table} {measure} {value:.3f} is below its floor {floor:.3f}")
    return problems


def update_set(name: str, digest: str, n_files: int, evaluation: Evaluation,
               old: dict[str, Any] | None) -> tuple[dict[str, Any], list[str], list[str]]:
    """The set's new entry (floors from the current scores), what changed, and which of those changes lower a floor."""
    floors = floors_of(evaluation)
    entry = {"hash": digest, "files": n_files, "n_keys": evaluation.n_articles, "kit_version": __version__,
             "updated": datetime.date.today().isoformat(), "floors": floors,
             "lowered": list((old or {}).get("lowered", []))}
    if old is None:
        return entry, [f"{name}: new set, {evaluation.n_articles} keys"], []
    if old.get("hash") == digest and old.get("floors") == floors:
        return old, [], []
    changes, lowered = [], []
    if old.get("hash") != digest:
        changes.append(f"{name}: articles or keys changed ({old.get('hash')} -> {digest})")
    for table in TABLES:
        for measure in MEASURES:
            before = old.get("floors", {}).get(table, {}).get(measure)
            after = floors[table][measure]
            if before is None or after != before:
                line = f"{name}: {table} {measure} {'-' if before is None else f'{before:.3f}'} -> {after:.3f}"
                changes.append(line)
                if before is not None and after < before:
                    lowered.append(line)
    return entry, changes, lowered


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kit.evaluate.baseline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", metavar="SET", help="sets to check or update (default: all found)")
    parser.add_argument("--update", action="store_true", help="rewrite the floors from the current scores")
    parser.add_argument("--allow-lower", metavar="REASON", help="let --update lower floors; REASON is stored")
    parser.add_argument("--root", type=Path, help="folder holding the sets (default: the checkout's tests/)")
    parser.add_argument("--baseline", type=Path, help=f"baseline file (default: ROOT/{BASELINE_NAME})")
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline for the kit (default as for kit annotate)")
    return parser


def run(args: argparse.Namespace) -> int:
    """Check or update; print one line per finding. 0 = passed/written, 1 = failed/refused."""
    root = args.root or default_root()
    path = args.baseline or root / BASELINE_NAME
    baseline = read_baseline(path)
    found = discover_sets(root)
    unknown = [s for s in args.sets if s not in found]
    if unknown:
        raise KitError(f"no evaluation set {', '.join(unknown)} under {root} (found: {', '.join(found) or 'none'})")
    names = args.sets or list(found)
    if args.allow_lower is not None and not args.allow_lower.strip():
        raise KitError("--allow-lower needs a reason")
    results = {}
    for name in names:
        evaluation = evaluate_set(found[name], model=args.model)
        results[name] = (set_hash(found[name]), len(set_files(found[name])), evaluation)
    if not args.update:
        problems = [p for name, (digest, _, ev) in results.items() for p in check_set(name, digest, ev, baseline)]
        if not args.sets:
            problems += [f"{name}: in the baseline but no longer under {root}" for name in baseline["sets"]
                         if name not in found]
        for line in problems:
            print(line)
        print(f"{len(names)} sets checked against {path}: {'FAILED' if problems else 'passed'}")
        return 1 if problems else 0
    new = {"schema": SCHEMA, "tolerance": TOLERANCE, "sets": dict(baseline["sets"])}
    changes, lowered = [], []
    for name, (digest, n_files, evaluation) in results.items():
        entry, changed, down = update_set(name, digest, n_files, evaluation, baseline["sets"].get(name))
        new["sets"][name] = entry
        changes += changed
        lowered += down
    if not args.sets:
        for name in [n for n in baseline["sets"] if n not in found]:
            del new["sets"][name]
            line = f"{name}: set removed (no longer under {root})"
            changes.append(line)
            lowered.append(line)
    for line in changes:
        print(line)
    if lowered and args.allow_lower is None:
        print(f"refused: {len(lowered)} floors would be lowered; nothing written. Give --allow-lower REASON to do it.")
        return 1
    if lowered:
        record = {"date": datetime.date.today().isoformat(), "kit_version": __version__,
                  "reason": args.allow_lower.strip(), "changes": lowered}
        for name in {line.split(":", 1)[0] for line in lowered} & set(new["sets"]):
            new["sets"][name]["lowered"] = [*new["sets"][name]["lowered"], record]
    new["sets"] = dict(sorted(new["sets"].items()))
    write_baseline(path, new)
    print(f"wrote {path} ({len(changes)} changes)" if changes else f"{path}: nothing changed")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Command line; errors are one line (no traceback)."""
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except KitError as exc:
        print(f"kit: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
