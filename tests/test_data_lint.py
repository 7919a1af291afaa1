"""The shipped data files are clean: no duplicate rows or words, known categories, every gazetteer row sourced."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "kit" / "data"
OUTCOMES = {"killed", "wounded", "killed_or_wounded", "missing", "detained", "displaced"}
VICTIM_CLASSES = {"civilians", "combatants", "children", "women", "journalists", "aid workers", "unknown"}
STATUSES = {"reported", "claimed", "unverified", "unconfirmed", "denied", "disputed"}
LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def words(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [w for line in lines if not line.startswith("#") for w in line.split()]


def duplicates(values) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


@pytest.mark.parametrize("name, key", [("actors.csv", "canonical"), ("places.csv", "name"), ("countries.csv", "iso"),
                                       ("outlets.csv", "name"), ("cues.csv", "cue"), ("outcomes.csv", "word"),
                                       ("victims.csv", "noun"), ("titles.csv", "word"),
                                       ("nominal_outcomes.csv", "noun")])
def test_no_duplicate_rows(name, key):
    assert not duplicates(r[key].lower() for r in rows(name)), name


@pytest.mark.parametrize("name", ["not_victims.txt", "org_heads.txt", "org_openers.txt", "headline_verbs.txt", "given_names.txt"])
def test_no_duplicate_words(name):
    assert not duplicates(w.lower() for w in words(name)), name


def test_categories_are_known():
    assert {r["outcome"] for r in rows("outcomes.csv")} <= OUTCOMES
    assert {r["class"] for r in rows("victims.csv")} <= VICTIM_CLASSES
    assert {r["status"] for r in rows("cues.csv")} <= STATUSES
    assert {r["kind"] for r in rows("cues.csv")} <= {"verb", "phrase"}
    assert {r["outcome"] for r in rows("nominal_outcomes.csv")} <= OUTCOMES
    assert all(r["title"] in {"yes", "no"} and r["rank"] in {"yes", "no"} and "yes" in (r["title"], r["rank"])
               for r in rows("titles.csv"))
    assert {r["label"] for r in rows("actors.csv")} | {r["label"] for r in rows("places.csv")} <= LABELS
    for name in ("boilerplate.tsv", "status.tsv"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                category, _, pattern = line.partition("\t")
                assert re.fullmatch(r"[a-z_]+", category.strip()) and pattern.strip(), (name, line)
                re.compile(pattern.strip())
    assert {line.partition("\t")[0] for line in (DATA / "status.tsv").read_text().splitlines()
            if line.strip() and not line.startswith("#")} <= STATUSES


def test_every_gazetteer_row_is_sourced():
    for name in ("actors.csv", "places.csv", "countries.csv", "outlets.csv"):
        assert all(r["source"].strip() for r in rows(name)), name


def test_every_data_file_is_described_in_sources():
    described = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    for path in DATA.iterdir():
        if path.is_file() and path.suffix in {".csv", ".tsv", ".txt", ".gz"}:
            assert f"`{path.name}`" in described, path.name
