"""Hostile inputs (issue 11): every input accounted for, no article that stalls a run, results replaced whole.

Each numbered failure of the issue is a test here; every case is built by the test itself (no large files are
committed). Articles are made up. Slow cases (subprocesses, Dask) are few and kept small.
"""
from __future__ import annotations

import codecs
import errno
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.cli import main

from .hostile_inputs import GOOD

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; FIFOs")


def write_good(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return sorted(GOOD)


def cli(args: list[str], capsys) -> tuple[int, list[str]]:
    code = main(["annotate", *map(str, args)])
    return code, capsys.readouterr().err.splitlines()


def table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# 1. One bad record kills the run ---------------------------------------------------------------------------
def test_jsonl_records_that_break_json_are_rows_and_the_rest_loads(tmp_path, capsys):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "ok1", "text": GOOD["good_one"]}),
             '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
             "[" * 1000 + "]" * 1000,
             '{"id": "deep", "text": "y", "nested": ' + '{"a": ' * 2000 + "1" + "}" * 2000 + "}",
             json.dumps({"id": "ok2", "text": GOOD["good_two"]})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = kit.load_corpus(path)
    assert [a.doc_id for a in corpus.articles] == ["ok1", "ok2"]
    assert list(corpus.errors["reason"]) == ["record 2: not valid JSON (a number too long to read)",
                                             "record 3: not valid JSON (nested too deeply)",
                                             "record 4: not valid JSON (nested too deeply)"]
    assert kit.annotate_corpus(path, progress=False).n_articles == 2
    code, err = cli([path, "--out", tmp_path / "out", "--quiet"], capsys)
    assert code == 1 and len(err) == 3 and all(line.startswith(f"kit: skipped {path}: record ") for line in err)


# 2. Single articles stall the run (the layers at N = 50,000 are in test_invariants.py) ----------------------
def test_long_runs_of_quotation_marks_are_tokenized_in_bounded_time(nlp):
    for text in ('"' * 100_000, "“" * 50_000, "(" * 20_000 + " x " + "”" * 20_000):
        start = time.perf_counter()
        doc = nlp.tokenizer(text)
        assert doc.text == text and time.perf_counter() - start < 10


@LINUX
def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done: dict = {}
    worker = threading.Thread(target=lambda: done.update(corpus=kit.load_corpus([fifo])), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert "corpus" in done, "reading a FIFO blocked"
    assert list(done["corpus"].errors["reason"]) == ["not a regular file (a named pipe (FIFO))"]
    assert kit.load_corpus(tmp_path).errors["reason"].tolist() == ["not a regular file (a named pipe (FIFO))"]


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_article_over_the_time_limit_is_one_error_row(tmp_path, monkeypatch, n_process):
    from kit import engines

    real = engines.annotation_of

    def slow(doc):
        end = time.perf_counter() + 30
        while "stalls" in doc.text and time.perf_counter() < end:  # a stall in Python code, as in the layers
            pass
        return real(doc)

    monkeypatch.setattr(engines, "annotation_of", slow)
    names = write_good(tmp_path / "in")
    (tmp_path / "in" / "stuck.txt").write_text("This article stalls the pipeline on purpose. " * 3, encoding="utf-8")
    start = time.perf_counter()
    result = kit.annotate_corpus(tmp_path / "in", progress=False, n_process=n_process, article_timeout=2,
                                 batch_size=8)
    assert time.perf_counter() - start < 25
    assert sorted(result.tables.articles["doc_id"]) == names
    assert result.errors.to_dict("records") == [
        {"source_path": str(tmp_path / "in" / "stuck.txt"), "doc_id": "stuck", "reason": "timed out after 2 s"}]


# 3. Rows that cannot be told apart -------------------------------------------------------------------------
def test_doc_ids_are_unique_and_unchanged_where_they_already_were(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "x.txt").write_text(GOOD["good_one"], encoding="utf-8")
    (root / "sub" / "x.txt").write_text(GOOD["good_two"], encoding="utf-8")
    (root / "y.txt").write_text(GOOD["good_three"], encoding="utf-8")
    (root / "c.csv").write_text(f'id,text\nx,"{GOOD["good_three"]}"\ny,"{GOOD["good_one"]}"\n', encoding="utf-8")
    corpus = kit.load_corpus(root)
    ids = [a.doc_id for a in corpus.articles]
    assert len(ids) == 5 and len(set(ids)) == 5
    assert ids == ["x", "y", "sub/x", "x-2", "y-2"]  # c.csv's records come first; the files' names collide
    assert corpus.articles[3].metadata["duplicate_id"] == "x" and corpus.articles[3].source_path.endswith("x.txt")
    assert [a.doc_id for a in kit.load_corpus([root / "y.txt"]).articles] == ["y"]  # a unique stem stays the id


def test_formula_ids_are_defused(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(f'id,text\n"=HYPERLINK(""http://x"",""y"")","{GOOD["good_one"]}"\n-7,"{GOOD["good_two"]}"\n',
                    encoding="utf-8")
    articles = kit.load_corpus(path).articles
    assert [a.doc_id for a in articles] == ["'=HYPERLINK(\"http://x\",\"y\")", "-7"]
    assert articles[0].metadata["id_as_given"].startswith("=HYPERLINK")


# 4. Results not replaced as a whole ------------------------------------------------------------------------
def test_disk_full_during_the_merge_leaves_the_old_tables_whole(tmp_path, capsys, monkeypatch):
    from kit.sink import FileSink

    write_good(tmp_path / "in")
    out = tmp_path / "out"
    assert cli([tmp_path / "in", "--out", out, "--quiet"], capsys)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (tmp_path / "in" / "good_one.txt").write_text("Gunmen killed two guards at a checkpoint, officials said.")
    real = FileSink._write_csv

    def full(self, name):
        if name == "entities":
            raise OSError(errno.ENOSPC, "No space left on device", str(self._stage / "entities.csv"))
        return real(self, name)

    monkeypatch.setattr(FileSink, "_write_csv", full)
    code, err = cli([tmp_path / "in", "--out", out, "--quiet"], capsys)
    assert code == 2 and err == [f"kit: error: cannot write {out / 'entities.csv'}: no space left on the device (disk full)"]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]  # no staging folder, no lock file


def test_a_second_run_on_the_same_out_fails_clearly(tmp_path, capsys):
    from kit.outdir import OutputFolder

    write_good(tmp_path / "in")
    out = tmp_path / "out"
    with OutputFolder(out):  # another run holds the folder
        code, err = cli([tmp_path / "in", "--out", out, "--quiet"], capsys)
    assert code == 2 and len(err) == 1
    assert err[0].startswith(f"kit: error: cannot write {out}: another kit run (process {os.getpid()}) is writing")
    assert cli([tmp_path / "in", "--out", out, "--quiet"], capsys)[0] == 0  # the lock went with its holder


def test_stale_parts_and_staging_folders_are_removed(tmp_path, capsys):
    write_good(tmp_path / "in")
    out = tmp_path / "out"
    (out / ".kit-parts-abc").mkdir(parents=True)
    (out / ".kit-parts-abc" / "articles.000000.csv").write_text("doc_id\n")
    (tmp_path / ".out.kit-new-99999-xyz").mkdir()
    assert cli([tmp_path / "in", "--out", out, "--quiet"], capsys)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]
    assert not [p for p in out.iterdir() if p.name.startswith(".kit-parts")]


def test_out_and_cache_inside_the_input_are_never_read_back(tmp_path, capsys):
    names = write_good(tmp_path / "in")
    args = [tmp_path / "in", "--out", tmp_path / "in" / "tables", "--cache", tmp_path / "in" / "cache", "--quiet"]
    assert cli(args, capsys)[0] == 0
    assert cli(args, capsys)[0] == 0
    assert sorted(table(tmp_path / "in" / "tables", "articles")["doc_id"]) == names
    other = tmp_path / "elsewhere"  # a later run with another --out still skips the marked output folder
    assert cli([tmp_path / "in", "--out", other, "--quiet"], capsys)[0] == 0
    assert sorted(table(other, "articles")["doc_id"]) == names


# 5. Cache trust ---------------------------------------------------------------------------------------------
@pytest.fixture()
def cached_run(tmp_path):
    write_good(tmp_path / "in")
    cache = tmp_path / "cache"
    fresh = kit.annotate_corpus(tmp_path / "in", progress=False, cache_dir=cache)
    return tmp_path / "in", cache, fresh


def assert_same_tables(a: kit.Tables, b: kit.Tables) -> None:
    for name, frame in a:
        pd.testing.assert_frame_equal(frame, b[name])


def _entries(cache: Path) -> list[tuple[str, bytes]]:
    """(key, stored bytes) of every entry in a cache folder's SQLite store."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(cache / "kit-cache.sqlite")) as db:
        return db.execute("SELECT key, data FROM entries ORDER BY key").fetchall()


def _n_entries(cache: Path) -> int:
    """Entries stored so far by a run in progress (0 before its store has its tables)."""
    import sqlite3

    if not (cache / "kit-cache.sqlite").exists():  # (connecting would create it)
        return 0
    try:
        return len(_entries(cache))
    except sqlite3.Error:  # the file made, its tables not yet
        return 0


def _rewrite(cache: Path, data: dict[str, bytes]) -> None:
    import sqlite3
    import zlib
    from contextlib import closing

    with closing(sqlite3.connect(cache / "kit-cache.sqlite")) as db, db:
        db.executemany("UPDATE entries SET data = ? WHERE key = ?", [(zlib.compress(v), k) for k, v in data.items()])


def test_a_cache_entry_holding_nothing_is_a_miss(cached_run):
    folder, cache, fresh = cached_run
    entries = _entries(cache)
    _rewrite(cache, {key: b"{}" for key, _ in entries})
    again = kit.annotate_corpus(folder, progress=False, cache_dir=cache)
    assert again.cache_hits == 0 and again.errors.empty
    assert_same_tables(fresh.tables, again.tables)
    # rewritten: two entries per article (its annotation and its finished rows), one hit per article
    assert kit.annotate_corpus(folder, progress=False, cache_dir=cache).cache_hits == len(entries) // 2 == 3


def test_a_cache_entry_with_valid_but_wrong_content_is_a_miss(cached_run):
    from kit.cache import decode_entry, encode_entry

    folder, cache, fresh = cached_run
    import zlib

    entries = _entries(cache)
    swapped = [zlib.decompress(data) for _, data in entries]
    # each entry now holds another article's annotation, checksum and all
    _rewrite(cache, {key: data for (key, _), data in zip(entries, swapped[1:] + swapped[:1])})
    again = kit.annotate_corpus(folder, progress=False, cache_dir=cache)
    assert again.cache_hits == 0
    assert_same_tables(fresh.tables, again.tables)
    # even re-signed for the right key, an annotation whose spans do not fit the text is refused
    text = fresh.tables.articles["text"][0]
    other = {"sent_starts": [0], "mentions": [{"start_char": 0, "end_char": 5, "text": "Gunme"}], "claims": [],
             "casualties": []}
    assert decode_entry("k", encode_entry("k", other), text) is None


def test_a_full_cache_disk_turns_the_cache_off_with_one_warning(tmp_path, capsys, monkeypatch):
    import sqlite3

    connect = sqlite3.connect

    def on_a_full_disk(*args, **kwargs):  # SQLite's own "database or disk is full" once the first entry is written
        db = connect(*args, **kwargs)
        db.execute("PRAGMA max_page_count = 1")  # no room for more pages than it has
        return db

    monkeypatch.setattr(sqlite3, "connect", on_a_full_disk)
    names = write_good(tmp_path / "in")
    code, err = cli([tmp_path / "in", "--out", tmp_path / "out", "--cache", tmp_path / "cache", "--quiet"], capsys)
    assert code == 0 and len(err) == 1
    assert err[0].startswith("kit: warning: cache turned off for this run: cannot use ")
    assert err[0].endswith("no space left on the device (disk full); annotating without it")
    assert sorted(table(tmp_path / "out", "articles")["doc_id"]) == names


# 6. Processes left behind ----------------------------------------------------------------------------------
def _start(args: list, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kit", "annotate", *map(str, args)], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _corpus(tmp_path: Path, copies: int = 1) -> Path:
    """The bundled 50-article FA-KES sample, `copies` times over (each copy's texts made distinct)."""
    import csv

    from .conftest import ROOT

    with (ROOT / "seeds" / "fa-kes-sample.csv").open(encoding="latin-1", newline="") as f:
        rows = list(csv.reader(f))
    text = rows[0].index("article_content")
    path = tmp_path / "corpus.csv"
    with path.open("w", encoding="latin-1", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(rows[0])
        for copy in range(copies):
            for row in rows[1:]:
                row = list(row)
                row[0], row[text] = f"{row[0]}-{copy}", row[text] + ("" if copy == 0 else f" (Copy {copy}.)")
                writer.writerow(row)
    return path


@LINUX
def test_kill_9_leaves_no_process_and_no_stale_folder_and_the_rerun_is_exact(tmp_path, capsys):
    corpus = _corpus(tmp_path, copies=2)
    out, cache = tmp_path / "out", tmp_path / "cache"
    run = _start([corpus, "--out", out, "--jobs", "2", "--cache", cache, "--batch-size", "2", "--quiet"], tmp_path)
    try:
        assert _wait_for(lambda: _n_entries(cache) >= 2, 120), "the run never got going"
        family = children(run.pid)
        assert len(family) >= 3  # two workers and the janitor
    finally:
        run.kill()
        run.wait()
    assert _wait_for(lambda: not any(alive(pid) for pid in family), 10), "processes outlived the run"
    assert _wait_for(lambda: sorted(p.name for p in tmp_path.iterdir()) == ["cache", corpus.name], 40), \
        sorted(p.name for p in tmp_path.iterdir())
    assert cli([corpus, "--out", out, "--jobs", "2", "--cache", cache, "--quiet"], capsys)[0] == 0
    assert cli([corpus, "--out", tmp_path / "ref", "--quiet"], capsys)[0] == 0  # uninterrupted, one process
    for name in ("articles", "entities", "claims", "casualties", "errors"):
        assert (out / f"{name}.csv").read_bytes() == (tmp_path / "ref" / f"{name}.csv").read_bytes(), name


@LINUX
def test_sigterm_stops_the_workers_and_leaves_the_old_tables(tmp_path):
    corpus = _corpus(tmp_path, copies=3)
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.csv").write_text("doc_id\nold\n")
    run = _start([corpus, "--out", out, "--jobs", "2", "--batch-size", "2", "--quiet"], tmp_path)
    try:
        assert _wait_for(lambda: len(children(run.pid)) >= 3, 60), "no workers started"
        family = children(run.pid)
        time.sleep(1)
        run.send_signal(signal.SIGTERM)
        _, err = run.communicate(timeout=60)
    finally:
        run.kill()
    assert run.returncode == 143 and err.strip().splitlines() == ["kit: terminated; the output folder was left as it was"]
    assert _wait_for(lambda: not any(alive(pid) for pid in family), 10)
    assert sorted(p.name for p in tmp_path.iterdir()) == [corpus.name, "out"]
    assert (out / "articles.csv").read_text() == "doc_id\nold\n"


# 7. Wrong data without a word ------------------------------------------------------------------------------
@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be"])
def test_utf32_with_a_bom_is_utf32(tmp_path, codec):
    path = tmp_path / "a.txt"
    bom = codecs.BOM_UTF32_BE if codec.endswith("be") else b""
    path.write_bytes(bom + GOOD["good_one"].encode(codec))
    article = kit.load(path)
    assert article.text.startswith("Shelling killed four") and (article.encoding, article.replaced_chars) == ("utf-32", 0)


def test_a_few_bad_bytes_in_utf8_are_counted_not_a_cp1252_guess(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("The café’s owner said “no”. ".encode() + b"\x95\x81\xfe more text. " * 2 + b"End.")
    article = kit.load(path)
    assert (article.encoding, article.replaced_chars, article.encoding_guessed) == ("utf-8", 6, False)
    assert "café’s" in article.text and "“no”" in article.text
    legacy = tmp_path / "b.txt"
    legacy.write_bytes("The café owner said no. ".encode("cp1252") * 3)
    assert (kit.load(legacy).encoding, kit.load(legacy).encoding_guessed) == ("cp1252", True)


def test_nuls_after_the_first_8_kib_are_stripped_and_counted(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_bytes(GOOD["good_one"].encode() * 50 + b"\x00\x00\x01 Tail text.\x00")
    article = kit.load(path)
    assert "\x00" not in article.text and "\x01" not in article.text and article.stripped_chars == 4
    assert cli([path, "--out", tmp_path / "out", "--quiet"], capsys)[0] == 0
    row = table(tmp_path / "out", "articles").iloc[0]
    assert "\x00" not in row["text"] and row["stripped_chars"] == "4"


def test_an_unbalanced_csv_quote_is_reported_not_merged(tmp_path):
    path = tmp_path / "c.csv"
    plain = "Gunmen killed two guards at a checkpoint on Sunday and fled towards the border"  # no comma
    path.write_text(f'id,text\n1,"{plain}\n2,{plain}\n3,"ok" then more\n4,{plain}\n5,"tail",extra\n', encoding="utf-8")
    corpus = kit.load_corpus(path)
    assert [a.doc_id for a in corpus.articles] == ["4"]
    assert list(corpus.errors["reason"]) == [
        "record 1: a quoted field runs across records (lines 2–4; an unbalanced '\"'), skipped",
        "record 3: 3 fields where the header has 2 (line 6)"]


def test_a_100000_digit_number_does_not_lose_the_article(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(GOOD["good_one"] + " Officials counted " + "7" * 100_000 + " rounds.", encoding="utf-8")
    assert cli([path, "--out", tmp_path / "out", "--quiet"], capsys)[0] == 0
    assert table(tmp_path / "out", "casualties")["best"].tolist() == ["4", "2"]


def test_a_text_over_the_pipeline_limit_is_annotated_in_pieces(tmp_path, monkeypatch):
    from kit import engines

    nlp = kit.load_nlp()
    monkeypatch.setattr(nlp, "max_length", 3_000)
    monkeypatch.setattr(engines, "ALONE_CHARS", 1_000)
    paragraphs = [f"In the town of Homs, shelling killed {n} civilians on Monday, the monitor said." for n in range(3, 200)]
    article = kit.Article(doc_id="long", text="\n\n".join(paragraphs))
    result = kit.annotate_corpus([article], progress=False)
    assert result.errors.empty and len(article.text) > 3 * nlp.max_length
    figures, claims = result.tables.casualties, result.tables.claims
    assert figures["best"].tolist() == list(range(3, 200)) and figures["figure_id"].tolist() == list(range(197))
    for row in figures.itertuples():
        assert article.text[row.start_char : row.end_char] in row.evidence
    assert all(article.text[r.cue_start : r.cue_end] == r.cue for r in claims.itertuples()) and len(claims) == 197
    assert result.tables.entities["sent_id"].max() > 190


@pytest.mark.parametrize("text, language", [
    ("قتل تسعة مدنيين في غارات جوية على محافظة إدلب، بحسب مجموعة رصد مقرها في بريطانيا. " * 3, "Arabic script"),
    ("空袭在该省造成九名平民死亡，一个监测组织表示，死亡人数可能还会上升。" * 3, "Chinese characters"),
    ("Серия авиаударов унесла жизни девяти мирных жителей в провинции, сообщила наблюдательная группа. " * 3,
     "Cyrillic script"),
    ("Los ataques aéreos mataron a nueve civiles en la provincia, según un grupo de vigilancia con sede en el "
     "extranjero que cuenta con una red de fuentes sobre el terreno. El balance podría aumentar todavía, añadió "
     "el grupo, que no dio más detalles sobre las víctimas ni sobre los autores del ataque.",
     "a Latin-script language other than English"),
])
def test_articles_not_in_english_are_flagged_not_silently_empty(tmp_path, capsys, text, language):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "foreign.txt").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "english.txt").write_text(GOOD["good_one"], encoding="utf-8")
    code, err = cli([tmp_path / "in", "--out", tmp_path / "out", "--quiet"], capsys)
    assert code == 1 and err == [f"kit: skipped {tmp_path / 'in' / 'foreign.txt'} [foreign]: not annotated: the text "
                                 f"looks like {language}, not English (the kit's pipeline reads English)"]
    assert table(tmp_path / "out", "articles")["doc_id"].tolist() == ["english"]


# 9. Messages and modes --------------------------------------------------------------------------------------
def test_a_read_only_disk_is_named_with_the_path(tmp_path, capsys, monkeypatch):
    from kit import outdir

    def read_only(path, *, prefix):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(outdir, "make_dir", read_only)
    write_good(tmp_path / "in")
    code, err = cli([tmp_path / "in", "--out", tmp_path / "out", "--quiet"], capsys)
    assert code == 2 and err == [f"kit: error: cannot write {tmp_path}: read-only file system"]


def test_an_out_path_that_is_a_file_is_named(tmp_path, capsys):
    write_good(tmp_path / "in")
    (tmp_path / "out").write_text("mine")
    code, err = cli([tmp_path / "in", "--out", tmp_path / "out", "--quiet"], capsys)
    assert code == 2 and err == [f"kit: error: cannot write {tmp_path / 'out'}: it is a file, not a folder "
                                 "(choose a folder for --out)"]
    assert (tmp_path / "out").read_text() == "mine"


def test_files_the_kit_did_not_write_stay_in_out_across_runs(tmp_path, capsys):
    write_good(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with (out / "err").open("w") as log:  # a log the shell sends into --out, still open while the kit runs
        for _ in range(2):
            code, _err = cli([tmp_path / "in", "--out", out, "--quiet"], capsys)
            assert code == 0
        log.write("after the runs\n")
    assert (out / "notes.txt").read_text() == "mine" and (out / "err").read_text() == "after the runs\n"
    assert len(table(out, "articles")) == len(GOOD)


def test_a_header_only_csv_says_so(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("id,text\n")
    code, err = cli([path, "--out", tmp_path / "out", "--quiet"], capsys)
    assert code == 2 and err == [f"kit: skipped {path}: no records (the CSV file has a header and no rows)"]


def test_a_newline_in_a_file_name_stays_on_one_line(tmp_path, capsys):
    write_good(tmp_path / "in")
    (tmp_path / "in" / "bad\nname.txt").write_bytes(b"")
    code, err = cli([tmp_path / "in", "--out", tmp_path / "out", "--quiet"], capsys)
    assert code == 1 and err == [f"kit: skipped {tmp_path / 'in'}/bad\\nname.txt: empty file"]


def test_an_empty_path_does_not_scan_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_good(tmp_path)
    corpus = kit.load_corpus("")
    assert corpus.articles == [] and corpus.errors.to_dict("records") == [
        {"source_path": "", "doc_id": None, "reason": "empty path (name a file or folder)"}]


@pytest.mark.parametrize("mask", [0o022, 0o002])
def test_files_get_the_umask_s_mode(tmp_path, capsys, mask):
    from kit import io

    io._umask.cache_clear()
    old = os.umask(mask)
    try:
        write_good(tmp_path / "in")
        assert cli([tmp_path / "in", "--out", tmp_path / "out", "--cache", tmp_path / "cache", "--quiet"], capsys)[0] == 0
    finally:
        os.umask(old)
        io._umask.cache_clear()
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o777 & ~mask
    for path in [*(tmp_path / "out").iterdir(), *(tmp_path / "cache").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path


def test_unsupported_files_in_a_folder_are_listed_and_xhtml_is_read(tmp_path, capsys):
    folder = tmp_path / "in"
    write_good(folder)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "README.md").write_text("# about this folder")
    (folder / "page.xhtml").write_text(
        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Strikes hit town</title></head>'
        f"<body><article><h1>Strikes hit town</h1><p>{GOOD['good_two']}</p><p>{GOOD['good_three']}</p></article>"
        "</body></html>", encoding="utf-8")
    code, err = cli([folder, "--out", tmp_path / "out", "--quiet"], capsys)
    assert code == 1 and [line.split(": unknown")[0] for line in err] == [f"kit: skipped {folder / 'notes.docx'}",
                                                                          f"kit: skipped {folder / 'scan.pdf'}"]
    assert all("unknown file type" in line for line in err)
    assert sorted(table(tmp_path / "out", "articles")["doc_id"]) == sorted([*GOOD, "page"])


def test_quiet_dask_runs_print_nothing_but_skipped_inputs(tmp_path):
    pytest.importorskip("dask.distributed")
    write_good(tmp_path / "in")
    (tmp_path / "in" / "slow.txt").write_text('"' * 100_000)  # ~20 s of spaCy: over a 3 s limit
    done = subprocess.run([sys.executable, "-m", "kit", "annotate", "in", "--out", "out", "--engine", "dask",
                           "--jobs", "1", "--quiet", "--article-timeout", "3"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [f"kit: skipped {Path('in') / 'slow.txt'} [slow]: timed out after 3 s"]


# Done when: one folder holding all of the above and good articles ------------------------------------------
def test_a_folder_of_every_hostile_input_ends_in_bounded_time_with_every_good_article(tmp_path, capsys):
    from .hostile_inputs import MUST_ANNOTATE, build

    folder = build(tmp_path / "in")
    inputs = {str(p) for p in folder.rglob("*") if not p.is_dir() and p.suffix != ".md"}
    start = time.perf_counter()
    code, err = cli([folder, "--out", folder / "out", "--cache", folder / "cache", "--jobs", "2", "--quiet"], capsys)
    elapsed = time.perf_counter() - start
    assert code == 1 and elapsed < 150, elapsed
    articles, errors = table(folder / "out", "articles"), table(folder / "out", "errors")
    assert MUST_ANNOTATE <= set(articles["doc_id"]), MUST_ANNOTATE - set(articles["doc_id"])
    assert set(articles["source_path"]) | set(errors["source_path"]) == inputs  # every input accounted for
    assert len(err) == len(errors) and all(line.startswith("kit: skipped ") for line in err)
    assert articles["doc_id"].is_unique


def test_xml_entities_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-7781")
    laughs = "".join(f'<!ENTITY lol{n} "{("&lol%d;" % (n - 1)) * 10}">' for n in range(1, 10))
    page = tmp_path / "page.xhtml"
    page.write_text(f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY secret SYSTEM "file://{secret}">'
                    f'<!ENTITY lol0 "lol">{laughs}]><html><head><title>Strikes hit town</title></head><body><article>'
                    f"<h1>Strikes hit town</h1><p>{GOOD['good_two']} &secret; &lol9;</p><p>{GOOD['good_three']}</p>"
                    "</article></body></html>", encoding="utf-8")
    start = time.perf_counter()
    corpus = kit.load_corpus([page])
    assert time.perf_counter() - start < 20
    for article in corpus.articles:
        assert "TOPSECRET" not in article.text and "lollol" not in article.text and len(article.text) < 2_000
