"""Evaluation gate (trafilatura-style): scores on the seed and the development set may not fall below the
stored baseline (tests/eval_baseline.json) nor below the issues' acceptance thresholds."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import kit

from .conftest import shared_path

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text())
TOLERANCE = 0.005
THRESHOLDS = {
    "seed": {"body": 1.0, "entities": 0.95, "claims": 0.90, "casualties": 1.0, "casualty_attrs": 0.90},
    "dev": {"body": 1.0, "entities": 0.85, "claims": 0.80, "casualties": 0.85},
    "heldout": {"entities": 0.85, "claims": 0.80, "casualties": 0.85},
    "blind": {"entities": 0.85, "claims": 0.80, "casualties": 0.85},
}
HELDOUT = Path(__file__).parent / "heldout"
BLIND = Path(__file__).parent / "blind"
SETS = {"seed": ("seeds", "gold"), "dev": ("dev/articles", "dev/gold"), "heldout": (HELDOUT / "articles", HELDOUT / "gold"),
        "blind": (BLIND / "articles", BLIND / "gold")}


def _path(part):
    return part if isinstance(part, Path) else shared_path(*part.split("/"))


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    out = {}
    for name, (articles, gold) in SETS.items():
        folder = _path(articles)
        pred = tmp_path_factory.mktemp(name)
        kit.annotate_corpus(sorted(folder.glob("*.txt")), out_dir=pred, progress=False)
        done = subprocess.run([sys.executable, str(shared_path("eval", "score.py")), "--gold",
                               str(_path(gold)), "--pred", str(pred), "--json"],
                              capture_output=True, text=True, check=True)
        out[name] = json.loads(done.stdout)
    return out


@pytest.mark.parametrize("name", list(SETS))
def test_no_regression_against_the_baseline(scores, name):
    for table, base in BASELINE[name].items():
        assert scores[name][table]["f1"] >= base["f1"] - TOLERANCE, (name, table, scores[name][table], base)


@pytest.mark.parametrize("name", list(SETS))
def test_acceptance_thresholds(scores, name):
    for table, minimum in THRESHOLDS[name].items():
        assert scores[name][table]["f1"] >= minimum, (name, table, scores[name][table])
    if name == "seed":
        assert scores[name]["claim_status"]["recall"] == 1.0
