"""The gate's baseline: set discovery, the hash of a set's files, floors, and an update that will not lower a floor
unless told why."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kit.evaluate import baseline, score_rows
from kit.evaluate.keys import load_keys
from kit.evaluate.predictions import read_predictions

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "scoring"


def make_set(folder: Path) -> Path:
    shutil.copytree(FIXTURE / "articles", folder / "articles")
    shutil.copytree(FIXTURE / "gold", folder / "gold")
    return folder


def test_sets_are_discovered_in_tests_and_tests_composed(tmp_path):
    for name in ("real_a", "seed", "composed/blind"):
        make_set(tmp_path / name)
    (tmp_path / "fixtures" / "gold").mkdir(parents=True)       # no articles/: not a set
    make_set(tmp_path / "deep" / "inner")                       # not at a level the gate looks at
    assert list(baseline.discover_sets(tmp_path)) == ["real_a", "seed", "composed/blind"]


def test_the_hash_covers_names_and_bytes_of_articles_and_keys(tmp_path):
    folder = make_set(tmp_path / "s")
    first = baseline.set_hash(folder)
    assert first.startswith("sha256:") and baseline.set_hash(folder) == first
    (folder / "articles" / "README.md").write_text("a note\n")
    assert baseline.set_hash(folder) == first                   # notes are not evaluated
    key = folder / "gold" / "fx2_osterby.json"
    key.write_bytes(key.read_bytes().replace(b"Three", b"Four"))
    changed = baseline.set_hash(folder)
    assert changed != first
    key.rename(folder / "gold" / "fx2_renamed.json")
    assert baseline.set_hash(folder) not in (first, changed)


def fixture_evaluation(drop_claims: int = 0):
    rows = read_predictions(FIXTURE / "pred")
    rows["claims"] = rows["claims"][drop_claims:]
    return score_rows(load_keys(FIXTURE / "gold"), rows)


def test_check_set_floors_tolerance_hash_and_missing_baseline():
    ev = fixture_evaluation()
    entry, _, _ = baseline.update_set("s", "sha256:x", 6, ev, None)
    data = {"sets": {"s": entry}}
    assert baseline.check_set("s", "sha256:x", ev, data) == []
    assert "no baseline" in baseline.check_set("t", "sha256:x", ev, data)[0]
    assert "articles or keys changed" in baseline.check_set("s", "sha256:y", ev, data)[0]
    entry["floors"]["claims"]["recall"] += 0.004                # within the tolerance
    assert baseline.check_set("s", "sha256:x", ev, data) == []
    entry["floors"]["claims"]["recall"] += 0.002
    assert baseline.check_set("s", "sha256:x", ev, data) == [
        f"s: claims recall 0.875 is below its floor {entry['floors']['claims']['recall']:.3f}"]
    worse = fixture_evaluation(drop_claims=2)
    fresh = {"sets": {"s": baseline.update_set("s", "sha256:x", 6, ev, None)[0]}}
    problems = baseline.check_set("s", "sha256:x", worse, fresh)
    assert any(p.startswith("s: claims recall") for p in problems)
    assert any(p.startswith("s: claims f1") for p in problems)


@pytest.fixture()
def tree(tmp_path, monkeypatch):
    """A tests/ folder with one set, whose evaluation the test sets (no annotation needed)."""
    root = tmp_path / "tests"
    make_set(root / "real_a")
    state = {"evaluation": fixture_evaluation()}
    monkeypatch.setattr(baseline, "evaluate_set", lambda folder, model=None: state["evaluation"])
    return root, state


def run(root: Path, *args: str) -> int:
    return baseline.main(["--root", str(root), *args])


def test_update_writes_then_check_passes(tree, capsys):
    root, _ = tree
    assert run(root) == 1                                       # no baseline yet
    assert "real_a: no baseline" in capsys.readouterr().out
    assert run(root, "--update") == 0
    assert "real_a: new set, 3 keys" in capsys.readouterr().out
    data = json.loads((root / "eval_baseline.json").read_text())
    entry = data["sets"]["real_a"]
    assert data["schema"] == "kit-baseline/1" and entry["hash"] == baseline.set_hash(root / "real_a")
    assert entry["kit_version"] and entry["floors"]["claims"] == {"precision": 0.636, "recall": 0.875, "f1": 0.737}
    assert run(root) == 0
    assert run(root, "--update") == 0
    assert "nothing changed" in capsys.readouterr().out


def test_update_refuses_to_lower_a_floor_unless_given_a_reason(tree, capsys):
    root, state = tree
    assert run(root, "--update") == 0
    before = (root / "eval_baseline.json").read_text()
    state["evaluation"] = fixture_evaluation(drop_claims=2)
    capsys.readouterr()
    assert run(root, "--update", "real_a") == 1
    out = capsys.readouterr().out
    assert "real_a: claims recall 0.875 -> 0.625" in out and "refused" in out
    assert (root / "eval_baseline.json").read_text() == before  # nothing written
    assert run(root) == 1                                       # and the gate fails
    assert run(root, "--update", "--allow-lower", "  ") == 2
    assert run(root, "--update", "--allow-lower", "claims keyed more strictly") == 0
    entry = json.loads((root / "eval_baseline.json").read_text())["sets"]["real_a"]
    assert entry["floors"]["claims"]["recall"] == 0.625
    assert entry["lowered"][0]["reason"] == "claims keyed more strictly"
    assert "real_a: claims recall 0.875 -> 0.625" in entry["lowered"][0]["changes"]
    assert run(root) == 0


def test_raising_a_floor_and_changed_keys_need_no_reason(tree, capsys):
    root, state = tree
    state["evaluation"] = fixture_evaluation(drop_claims=2)
    assert run(root, "--update") == 0
    state["evaluation"] = fixture_evaluation()
    key = root / "real_a" / "gold" / "fx3_kaldor.json"
    key.write_text(key.read_text().replace("Thursday after clashes", "Thursday after  clashes"))
    assert run(root) == 1
    assert "articles or keys changed" in capsys.readouterr().out
    assert run(root, "--update") == 0
    out = capsys.readouterr().out
    assert "real_a: articles or keys changed" in out and "real_a: claims recall 0.625 -> 0.875" in out
    assert run(root) == 0


def test_a_vanished_set_fails_and_its_removal_needs_a_reason(tree, capsys):
    root, _ = tree
    assert run(root, "--update") == 0
    shutil.move(root / "real_a", root / "real_b")
    assert run(root) == 1
    assert "real_a: in the baseline but no longer under" in capsys.readouterr().out
    assert run(root, "--update") == 1                           # would drop real_a's floors
    assert run(root, "--update", "--allow-lower", "set renamed") == 0
    assert list(json.loads((root / "eval_baseline.json").read_text())["sets"]) == ["real_b"]


def test_unknown_set_and_bad_baseline_are_one_line_errors(tree, capsys):
    root, _ = tree
    assert run(root, "nope") == 2
    assert capsys.readouterr().err.startswith("kit: error: no evaluation set nope")
    (root / "eval_baseline.json").write_text("{}")
    assert run(root) == 2
    assert "not a baseline" in capsys.readouterr().err
