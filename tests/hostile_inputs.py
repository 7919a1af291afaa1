"""One folder holding every hostile input of issue 11 beside good articles, built on the spot.

    python -m tests.hostile_inputs DIR [--full]     # then: kit annotate DIR --out OUT; exit status 1

`--full` uses the issue's sizes (50,000 repeated cues, 20,000 casualty phrases, 100,000 quotation marks, a
text over 1,000,000 characters); the test suite uses smaller ones. Articles are made up.
"""
from __future__ import annotations

import argparse
import codecs
import json
import os
from pathlib import Path

GOOD = {
    "good_one": "Shelling killed four civilians in the northern town on Monday, a local monitoring group said. "
                "The group said two children were among the dead and that rescue teams were still searching.",
    "good_two": "Rebels said on Tuesday they had shot down a drone near the airport. The army denied the claim "
                "and said its air defences had intercepted three rockets fired at the base overnight.",
    "good_three": "At least 12 people were wounded when a car bomb exploded near a market, police said. "
                  "No group has claimed responsibility for the attack, which came a week after a similar blast.",
}
# doc_ids that must be annotated (the good articles, and the readable ones among the odd inputs)
MUST_ANNOTATE = {"good_one", "good_two", "good_three", "sub/good_one", "rec-ok", "page", "utf32", "damaged", "nuls",
                 "big_number", "'=HYPERLINK(\"http://example.org\",\"x\")", "csv-ok"}


def build(folder: Path, *, full: bool = False) -> Path:
    """Write the hostile folder; returns it. Sizes: the issue's with `full`, else about a tenth."""
    n_cues, n_figures, n_quotes = (50_000, 20_000, 100_000) if full else (5_000, 2_000, 20_000)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sub").mkdir(exist_ok=True)
    for name, text in GOOD.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "sub" / "good_one.txt").write_text(GOOD["good_two"], encoding="utf-8")  # a name used twice
    (folder / "README.md").write_text("# Hostile inputs\n", encoding="utf-8")  # documentation: not an input
    # 1. records that break JSON
    (folder / "feed.jsonl").write_text("\n".join([
        json.dumps({"id": "rec-ok", "text": GOOD["good_three"]}),
        '{"id": "huge-int", "text": "x", "n": ' + "9" * 5000 + "}",
        '{"id": "deep", "text": "y", "n": ' + "[" * 1000 + "]" * 1000 + "}",
    ]) + "\n", encoding="utf-8")
    # 2. articles that used to stall the layers or the tokenizer; a FIFO
    (folder / "said.txt").write_text("The monitor " + " ".join(["said"] * n_cues) + " that ten people died.")
    (folder / "figures.txt").write_text("Strikes " + " and ".join(["killed 5 civilians"] * n_figures) + ".")
    (folder / "quotes.txt").write_text('"' * n_quotes)
    (folder / "curly.txt").write_text("“" * (n_quotes // 2), encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.txt")
    # 7. wrong data without a word
    (folder / "utf32.txt").write_bytes(codecs.BOM_UTF32_LE + GOOD["good_one"].encode("utf-32-le"))
    (folder / "damaged.txt").write_bytes("The café’s owner said “no”. ".encode() + b"\x95\x81 " + GOOD["good_two"].encode())
    (folder / "nuls.txt").write_bytes(GOOD["good_three"].encode() * 60 + b"\x00\x00 Tail.")
    (folder / "big_number.txt").write_text(GOOD["good_one"] + " Officials counted " + "7" * 100_000 + " rounds.")
    (folder / "unbalanced.csv").write_text('id,text\ncsv-ok,"Gunmen killed two guards at a checkpoint on Sunday"\n'
                                           'csv-bad,"An open quote\ncsv-lost,runs into this record\n', encoding="utf-8")
    (folder / "arabic.txt").write_text("قتل تسعة مدنيين في غارات جوية على المحافظة، بحسب مجموعة رصد. " * 4, encoding="utf-8")
    (folder / "chinese.txt").write_text("空袭在该省造成九名平民死亡，一个监测组织表示，死亡人数可能还会上升。" * 3, encoding="utf-8")
    (folder / "russian.txt").write_text("Авиаудар унёс жизни девяти мирных жителей, сообщила группа наблюдателей. " * 3,
                                        encoding="utf-8")
    if full:
        (folder / "huge.txt").write_text("Government airstrikes killed four civilians in the town on Monday, "
                                         "rescuers said.\n\n" * 13_000)
    # 9. messages and modes
    (folder / "header_only.csv").write_text("id,text\n")
    (folder / "bad\nname.txt").write_bytes(b"")
    (folder / "formula.csv").write_text('id,text\n"=HYPERLINK(""http://example.org"",""x"")","'
                                        + GOOD["good_one"] + '"\n', encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really a document")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not really a PDF")
    (folder / "page.xhtml").write_text(
        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Strikes hit town</title>'
        f"</head><body><article><h1>Strikes hit town</h1><p>{GOOD['good_two']}</p><p>{GOOD['good_three']}</p>"
        "</article></body></html>", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    return folder


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--full", action="store_true", help="the issue's sizes")
    args = parser.parse_args()
    print(build(args.folder, full=args.full))
