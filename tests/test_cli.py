"""`kit annotate`: the contract's four tables, one-line errors, exit codes, no tracebacks."""
import subprocess
import sys

import pandas as pd
import pytest

from kit.cli import main
from kit.tables import COLUMNS

CONTRACT = {
    "articles": ["doc_id", "source_path", "title", "outlet", "byline", "published", "url", "text", "n_paragraphs",
                 "n_chars", "removed_chars"],
    "entities": ["doc_id", "start_char", "end_char", "text", "label", "canonical", "sent_id"],
    "claims": ["doc_id", "start_char", "end_char", "speaker", "speaker_text", "cue", "content", "kind", "status",
               "status_evidence"],
    "casualties": ["doc_id", "start_char", "end_char", "outcome", "low", "best", "high", "qualifier", "victims",
                   "victim_class", "perpetrator", "location", "period", "source", "status", "evidence"],
}


def test_contract_columns_come_first_in_order():
    for name, columns in CONTRACT.items():
        assert COLUMNS[name][: len(columns)] == columns


def test_annotate_writes_the_four_tables(tmp_path, fixtures, capsys):
    out = tmp_path / "out"
    assert main(["annotate", str(fixtures / "header_article.txt"), str(fixtures / "page.html"), "--out", str(out), "--quiet"]) == 0
    for name, columns in CONTRACT.items():
        frame = pd.read_csv(out / f"{name}.csv", keep_default_na=False)
        assert list(frame.columns[: len(columns)]) == columns
    articles = pd.read_csv(out / "articles.csv")
    assert list(articles["doc_id"]) == ["header_article", "page"]
    entities = pd.read_csv(out / "entities.csv")
    texts = dict(zip(articles["doc_id"], articles["text"]))
    assert len(entities) > 0
    for row in entities.itertuples():
        assert texts[row.doc_id][row.start_char : row.end_char] == row.text
    assert list(entities.sort_values(["doc_id", "start_char"], kind="stable").index) == list(entities.index)


def test_annotate_parquet(tmp_path, fixtures):
    out = tmp_path / "out"
    assert main(["annotate", str(fixtures / "header_article.txt"), "--out", str(out), "--format", "parquet", "--quiet"]) == 0
    frame = pd.read_parquet(out / "entities.parquet")
    assert list(frame.columns[:7]) == CONTRACT["entities"]


def test_glob_and_folder_inputs(tmp_path, fixtures):
    out = tmp_path / "out"
    assert main(["annotate", str(fixtures / "header_*.txt"), "--out", str(out), "--quiet"]) == 0
    assert list(pd.read_csv(out / "articles.csv")["doc_id"]) == ["header_article"]


@pytest.mark.parametrize("content, reason", [(b"", "empty file"), (b"\x00\x01\x02\x03", "binary file, not text")])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    assert main(["annotate", str(bad), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"kit: skipped {bad}: {reason}"]


def test_some_bad_inputs_exit_1_and_write_the_rest(tmp_path, fixtures, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    assert main(["annotate", str(bad), str(fixtures / "header_article.txt"), "--out", str(out), "--quiet"]) == 1
    assert list(pd.read_csv(out / "articles.csv")["doc_id"]) == ["header_article"]
    assert list(pd.read_csv(out / "errors.csv")["reason"]) == ["empty file"]


def test_empty_folder_is_an_error_line(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert main(["annotate", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kit: error: ") and "no articles found" in err[0]


def test_console_script_has_no_traceback(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"PK")
    done = subprocess.run([sys.executable, "-m", "kit", "annotate", str(bad), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "unknown file type" in done.stderr


def test_csv_without_text_column_via_cli(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("a,b\n1,2\n")
    assert main(["annotate", str(path), "--out", str(tmp_path / "o"), "--quiet"]) == 2
    assert "no text column" in capsys.readouterr().err


def test_the_command_says_everything_before_its_quick_exit(tmp_path, fixtures):
    """`kit` leaves with os._exit (no teardown of the model's objects): its last line still reaches a pipe, its
    exit code is main's, and the tables are complete."""
    done = subprocess.run([sys.executable, "-m", "kit", "annotate", str(fixtures / "header_article.txt"),
                           "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("kit: 1 articles annotated")
    assert {p.name for p in (tmp_path / "o").iterdir()} >= {"articles.csv", "entities.csv", "incidents.csv"}
    assert len(pd.read_csv(tmp_path / "o" / "articles.csv")) == 1
