"""`kit.evaluate` gives exactly the shared scorer's figures (issue 9): on a stored fixture always, and live on the
development set and on perturbed perfect predictions where ../shared exists."""
from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.evaluate.keys import article_text, load_keys, perfect_rows
from kit.evaluate.predictions import read_predictions
from kit.evaluate.score import TABLES

from .conftest import shared_path

TESTS = Path(__file__).resolve().parent
FIXTURE = TESTS / "fixtures" / "scoring"
EXPECTED = json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))
LINE = re.compile(r"^(\w+)\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+)\s+\(tp=(\d+) fp=(\d+) fn=(\d+)\)$")


def parse_verbose(lines: list[str]) -> dict[str, dict]:
    """The shared scorer's -v text: per table tp/fp/fn and its miss and extra lines, in order."""
    out: dict[str, dict] = {}
    table = None
    for line in lines:
        found = LINE.match(line)
        if found:
            table = found.group(1)
            out[table] = {"tp": int(found.group(5)), "fp": int(found.group(6)), "fn": int(found.group(7)),
                          "misses": [], "extras": []}
        elif line.startswith("    miss  "):
            out[table]["misses"].append(line[len("    miss  "):])
        elif line.startswith("    extra "):
            out[table]["extras"].append(line[len("    extra "):])
    return out


def assert_same(evaluation: kit.Evaluation, figures: dict, verbose: list[str]) -> None:
    """Figures (rounded as the scorer prints them), counts, and every miss and extra, table by table."""
    mine = evaluation.to_dict()
    assert mine["articles"] == figures["articles"]
    parsed = parse_verbose(verbose)
    assert list(parsed) == list(TABLES)
    for table in TABLES:
        assert {m: mine[table][m] for m in ("precision", "recall", "f1")} == figures[table], table
        assert {m: mine[table][m] for m in ("tp", "fp", "fn")} == {m: parsed[table][m] for m in ("tp", "fp", "fn")}
        for kind in ("misses", "extras"):
            frame = getattr(evaluation, kind)
            assert list(frame.loc[frame["table"] == table, "item"]) == parsed[table][kind], (table, kind)


def test_the_fixture_gives_the_recorded_figures_of_the_shared_scorer():
    assert_same(kit.evaluate(FIXTURE / "gold", FIXTURE / "pred"), EXPECTED["json"], EXPECTED["verbose"])


def test_the_fixture_exercises_every_table():
    parsed = parse_verbose(EXPECTED["verbose"])
    for table in TABLES:
        assert parsed[table]["tp"] and (parsed[table]["fn"] or parsed[table]["fp"]), table


def test_the_same_figures_from_dataframes_and_parquet(tmp_path):
    frames = {name: pd.read_csv(FIXTURE / "pred" / f"{name}.csv", dtype=str, keep_default_na=False)
              for name in ("articles", "entities", "claims", "casualties")}
    assert_same(kit.evaluate(FIXTURE / "gold", frames), EXPECTED["json"], EXPECTED["verbose"])
    for name, frame in frames.items():
        frame.to_parquet(tmp_path / f"{name}.parquet", index=False)
    assert_same(kit.evaluate(FIXTURE / "gold", tmp_path), EXPECTED["json"], EXPECTED["verbose"])


def test_key_files_in_a_list_give_the_same_figures():
    keys = sorted((FIXTURE / "gold").glob("*.json"))
    assert kit.evaluate(keys, FIXTURE / "pred").to_dict() == kit.evaluate(FIXTURE / "gold", FIXTURE / "pred").to_dict()


# --- live, where ../shared exists -------------------------------------------------------------------------------


def shared_score(gold: Path, pred: Path) -> tuple[dict, list[str]]:
    scorer = shared_path("eval", "score.py")
    run = lambda *extra: subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred),  # noqa: E731
                                         *extra], capture_output=True, text=True, check=True).stdout
    return json.loads(run("--json")), run("-v").splitlines()


def test_the_shared_scorer_still_gives_the_recorded_figures():
    figures, verbose = shared_score(FIXTURE / "gold", FIXTURE / "pred")
    assert (figures, verbose) == (EXPECTED["json"], EXPECTED["verbose"])


@pytest.mark.parametrize("copy, original", [("dev/articles", "dev/articles"), ("dev/gold", "dev/gold"),
                                            ("seed/articles", "seeds"), ("seed/gold", "gold")])
def test_the_sets_in_the_repository_are_copies_of_the_shared_ones(copy, original):
    shared = shared_path(*original.split("/"))
    ours = sorted(p for p in (TESTS / copy).iterdir() if p.suffix in (".txt", ".json"))
    assert ours and [p.name for p in ours] == sorted(p.name for p in shared.iterdir() if p.suffix in (".txt", ".json"))
    for path in ours:
        assert path.read_bytes() == (shared / path.name).read_bytes(), path


def test_live_on_the_shared_development_set(tmp_path):
    articles, gold = shared_path("dev", "articles"), shared_path("dev", "gold")
    result = kit.annotate_corpus(articles, progress=False)
    for name, frame in result.tables:
        frame.to_csv(tmp_path / f"{name}.csv", index=False, encoding="utf-8")
    figures, verbose = shared_score(gold, tmp_path)
    assert_same(kit.evaluate(gold, tmp_path), figures, verbose)
    assert_same(kit.evaluate(gold, result.tables), figures, verbose)


def _perturb(rows: dict[str, list[dict]], rng: random.Random) -> dict[str, list[dict]]:
    """Damage a perfect prediction the ways a kit goes wrong: lost, doubled and altered rows, cut texts."""
    out: dict[str, list[dict]] = {name: [] for name in rows}
    for name, table in rows.items():
        for row in table:
            row = dict(row)
            if name != "articles" and rng.random() < 0.15:
                continue
            if name == "articles" and rng.random() < 0.5:
                row["text"] = row["text"][: int(len(row["text"]) * rng.uniform(0.5, 1.0))] + " Share this"
            if name == "entities" and rng.random() < 0.2:
                row["label"] = rng.choice(["PERSON", "ORG", "GPE", "LOC", "NORP", "DATE"])
            if name == "entities" and rng.random() < 0.1:
                row["canonical"] = row["canonical"].split()[-1]
            if name == "claims":
                if rng.random() < 0.15:
                    last = row["speaker"].split()[-1] if row["speaker"] else ""
                    row["speaker"] = rng.choice(["he", "they", "officials", last])
                if rng.random() < 0.2:
                    words = row["content"].split()
                    row["content"] = " ".join(words[: max(1, int(len(words) * rng.uniform(0.2, 1.0)))])
                if rng.random() < 0.2:
                    row["status"] = rng.choice(["reported", "claimed", "", "Denied"])
            if name == "casualties":
                for field in ("low", "best", "high"):
                    if rng.random() < 0.08:
                        row[field] = rng.choice(["", "1", "12.0", "nan", row[field]])
                if rng.random() < 0.1:
                    row["source"] = rng.choice(["", "officials", "said"])
                if rng.random() < 0.1:
                    row["victim_class"] = rng.choice(["civilians", "unknown", "Combatants"])
                if rng.random() < 0.05:
                    row["outcome"] = rng.choice(["killed", "Wounded", "missing"])
            out[name].append(row)
            if name != "articles" and rng.random() < 0.07:
                out[name].append(dict(row))
        if name == "entities":
            rng.shuffle(out[name])
    return out


def _write(rows: dict[str, list[dict]], folder: Path) -> None:
    folder.mkdir(parents=True)
    for name, table in rows.items():
        columns = sorted({k for r in table for k in r}) or ["doc_id"]
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=columns)
            writer.writeheader()
            writer.writerows(table)


@pytest.mark.parametrize("seed", range(6))
def test_live_on_perturbed_predictions_of_every_set(tmp_path, seed):
    shared_path("eval", "score.py")
    rng = random.Random(seed)
    for set_dir in [TESTS / "seed", TESTS / "dev", TESTS / "composed" / "heldout", TESTS / "composed" / "blind"]:
        perfect: dict[str, list[dict]] = {"articles": [], "entities": [], "claims": [], "casualties": []}
        for _, key in load_keys(set_dir / "gold"):
            for name, table in perfect_rows(key, article_text(set_dir / "articles" / key["article"])).items():
                perfect[name].extend(table)
        pred = tmp_path / set_dir.name
        _write(_perturb(perfect, rng), pred)
        assert read_predictions(pred)["articles"]
        figures, verbose = shared_score(set_dir / "gold", pred)
        assert_same(kit.evaluate(set_dir / "gold", pred), figures, verbose)
        assert any(figures[t]["f1"] < 1 for t in TABLES)  # the damage shows
