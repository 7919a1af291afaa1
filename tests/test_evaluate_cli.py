"""`kit evaluate`: scores, misses and extras, JSON, CSV output, key checks, one-line errors, no spaCy without
--annotate."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from kit.cli import main

TESTS = Path(__file__).resolve().parent
FIXTURE = TESTS / "fixtures" / "scoring"


def test_scores_per_table(capsys):
    assert main(["evaluate", str(FIXTURE / "gold"), "--pred", str(FIXTURE / "pred")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "3 answer keys"
    assert lines[1] == "no predicted article for 1 keys: fx3_kaldor"
    assert lines[2].startswith("body            P=0.750 R=0.500 F1=0.600  (tp=3 fp=1 fn=3)")
    assert len(lines) == 8


def test_verbose_lists_misses_and_extras(capsys):
    assert main(["evaluate", str(FIXTURE), "--pred", str(FIXTURE / "pred"), "-v"]) == 0
    out = capsys.readouterr().out
    assert "    miss  fx1_veldra: Port Amsel" in out
    assert "    extra fx1_veldra: Port Amsel [ORG]" in out


def test_json_and_out(tmp_path, capsys):
    assert main(["evaluate", str(FIXTURE / "gold"), "--pred", str(FIXTURE / "pred"), "--json",
                 "--out", str(tmp_path / "ev")]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["articles"] == 3 and data["entities"] == {"precision": 0.6, "recall": 0.6, "f1": 0.6, "tp": 6,
                                                           "fp": 4, "fn": 4}
    assert sorted(p.name for p in (tmp_path / "ev").iterdir()) == ["extras.csv", "misses.csv", "per_article.csv",
                                                                   "scores.csv"]
    assert list(pd.read_csv(tmp_path / "ev" / "scores.csv")["table"])[0] == "body"
    assert "written to" in captured.err


def test_check_keys(tmp_path, capsys):
    assert main(["evaluate", str(FIXTURE / "gold"), "--check-keys"]) == 0
    assert capsys.readouterr().out.strip() == "OK: 3 answer keys"
    gold = tmp_path / "gold"
    shutil.copytree(FIXTURE / "gold", gold)
    key = json.loads((FIXTURE / "gold" / "fx2_osterby.json").read_text())
    key["casualties"][0]["evidence"] = "Three sailors are missing"
    (gold / "fx2_osterby.json").write_text(json.dumps(key))
    assert main(["evaluate", str(gold), "--check-keys", str(FIXTURE / "articles")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["fx2_osterby.json: casualty evidence not in the article: 'Three sailors are missing'",
                   "1 problems in 3 answer keys"]


def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "k.json").write_text(json.dumps({"schema": "kit-gold/0", "article": "a.txt"}))
    empty = tmp_path / "empty"
    empty.mkdir()
    cases = [
        (["evaluate", str(tmp_path / "missing"), "--pred", str(FIXTURE / "pred")], "no such file or folder"),
        (["evaluate", str(wrong), "--pred", str(FIXTURE / "pred")], "not an answer key (schema 'kit-gold/0'"),
        (["evaluate", str(FIXTURE / "gold"), "--pred", str(empty)], "tables missing: articles, entities"),
        (["evaluate", str(FIXTURE / "gold"), "--pred", str(tmp_path / "none")], "no such folder of predicted"),
        (["evaluate", str(FIXTURE / "gold"), "--pred", str(FIXTURE / "pred"), "--model", "x"], "--model needs"),
        (["evaluate", str(FIXTURE / "gold"), "--check-keys", str(tmp_path / "none")], "no such folder of articles"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("kit: error: ") and message in err[0], (argv, err)


def test_annotate_then_score(capsys):
    seed = TESTS / "seed"
    assert main(["evaluate", str(seed / "gold"), "--annotate", str(seed / "articles")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "1 answer keys"


def test_scoring_written_tables_does_not_load_spacy():
    code = ("import sys; from kit.cli import main; "
            f"main(['evaluate', {str(FIXTURE / 'gold')!r}, '--pred', {str(FIXTURE / 'pred')!r}, '--json']); "
            "print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("False")


def test_the_worked_example_of_docs_gold_md(tmp_path, capsys):
    doc = (TESTS.parent / "docs" / "GOLD.md").read_text(encoding="utf-8")
    example = doc[doc.index("## A worked example"):]
    blocks = re.findall(r"```(\w+)\n(.*?)```", example, flags=re.S)
    article, key, output = blocks[0][1], json.loads(blocks[1][1]), blocks[2][1]
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles" / "harrow-0412.txt").write_text(article, encoding="utf-8")
    (tmp_path / "gold" / "harrow-0412.json").write_text(json.dumps(key), encoding="utf-8")
    assert main(["evaluate", str(tmp_path / "gold"), "--check-keys"]) == 0
    doc_id = "harrow-0412"
    body = article.split("\n\n", 1)[1].replace("Read more: Ceasefire talks resume in Tamsk\n", "")
    rows = {
        "articles": [{"text": "Drone strike on Harrow Ridge market kills five\n\n" + body}],
        "entities": [{"text": "Harrow Ridge", "label": "GPE", "canonical": "Harrow Ridge"},
                     {"text": "Nadia Orlov", "label": "ORG", "canonical": "Nadia Orlov"},
                     {"text": "Valley Guard", "label": "ORG", "canonical": "Valley Guard"}],
        "claims": [{"speaker": "Nadia Orlov", "speaker_text": "provincial health director Nadia Orlov", "cue": "said",
                    "content": "A drone strike on a market in Harrow Ridge killed five people", "status": "reported"},
                   {"speaker": "Valley Guard", "speaker_text": "The Valley Guard", "cue": "denied",
                    "content": "any role in the attack", "status": "reported"}],
        "casualties": [{"outcome": "killed", "low": 5, "best": 5, "high": 5, "victim_class": "unknown",
                        "source": "Nadia Orlov", "evidence": "killed five people"},
                       {"outcome": "wounded", "low": 17, "best": 17, "high": None, "victim_class": "unknown",
                        "source": None, "evidence": "At least 17 others were wounded"},
                       {"outcome": "killed", "low": None, "best": 12, "high": None, "victim_class": "unknown",
                        "source": None, "evidence": "dozens of families"}],
    }
    pred = tmp_path / "out"
    pred.mkdir()
    for name, table in rows.items():
        pd.DataFrame([{"doc_id": doc_id, **row} for row in table]).astype({"doc_id": "string"}).to_csv(
            pred / f"{name}.csv", index=False)
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "gold"), "--pred", str(pred), "-v"]) == 0
    assert capsys.readouterr().out == output
