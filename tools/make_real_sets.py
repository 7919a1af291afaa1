"""Pick the real articles that are keyed by hand for evaluation, deterministically, and write them as files.

Usage:
    python tools/make_real_sets.py --fakes FA-KES.csv --muc3 MUC3_GIT_DIR --set real_a --out tests/real_a/articles

Selection (fixed before any article was read, so no one picks the easy ones):
* FA-KES (CC BY 4.0): rows with a unique `unit_id`, 300 to 4,000 characters of text, not in the development
  set, not in `seeds/fa-kes-sample.csv`, and not among the ten articles reserved for the independent check;
  ordered by SHA-256 of `kit-real:<unit_id>`; sets take consecutive slices of that order.
* MUC-3 (public domain, `dstl/muc3` `dev/` only): messages of 600 to 3,500 characters whose text names a
  casualty (KILL, DEAD, WOUND, INJUR, KIDNAP, MURDER, MASSACR); ordered by SHA-256 of `kit-real:<id>`.

FA-KES files get the development set's header block (`title:`, `outlet:`, `date:`, `url:`, blank line, the
CSV's `article_content` unchanged). MUC-3 files get `date:` from `DC.date`, then the message's paragraphs as
they stand (the message id line and the wire dateline included: they are chrome the kit has to cut).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import re
import subprocess
from pathlib import Path

from lxml import etree

RESERVED = frozenset(  # the independent check's articles: never opened, keyed, run or tuned on
    line.strip() for line in (Path(__file__).resolve().parent.parent / "benchmarks" / "reserved_fakes.txt").read_text()
    .splitlines() if line.strip() and not line.startswith("#"))
DEVELOPMENT = {  # ../shared/dev
    "1918398779", "1923102890", "1924058218", "1926478960", "1926479016", "1926479025", "1926479120", "1965495335",
}
SETS = {  # name: (FA-KES slice, MUC-3 slice)
    "real_a": (slice(0, 40), slice(0, 10)),
    "real_b": (slice(40, 60), slice(10, 16)),
    "real_c": (slice(60, 80), slice(16, 22)),
    "real_d": (slice(80, 100), slice(22, 28)),
    "real_e": (slice(100, 120), slice(28, 34)),
    "real_f": (slice(120, 140), slice(34, 40)),
    "real_g": (slice(140, 160), slice(40, 46)),
    "real_h": (slice(160, 180), slice(46, 52)),
    "real_i": (slice(180, 200), slice(52, 58)),
    "real_j": (slice(200, 220), slice(58, 64)),
    "real_k": (slice(220, 240), slice(64, 70)),
    "real_l": (slice(240, 260), slice(70, 76)),
    "real_m": (slice(260, 280), slice(76, 82)),
    "real_n": (slice(280, 300), slice(82, 88)),
    "real_o": (slice(300, 320), slice(88, 94)),
    "real_p": (slice(320, 340), slice(94, 100)),
    "real_q": (slice(340, 360), slice(100, 106)),
}
CASUALTY = re.compile(r"KILL|DEAD|WOUND|INJUR|KIDNAP|MURDER|MASSACR")
ROOT = Path(__file__).resolve().parent.parent


def _order(key: str) -> str:
    return hashlib.sha256(f"kit-real:{key}".encode()).hexdigest()


def fakes_rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(2**31 - 1)
    with path.open(encoding="latin-1", newline="") as f:
        rows = list(csv.DictReader(f))
    with (ROOT / "seeds" / "fa-kes-sample.csv").open(encoding="latin-1", newline="") as f:
        sample = {r["unit_id"] for r in csv.DictReader(f)}
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["unit_id"]] = counts.get(row["unit_id"], 0) + 1
    usable = [r for r in rows if counts[r["unit_id"]] == 1 and 300 <= len(r["article_content"].strip()) <= 4000
              and r["unit_id"] not in RESERVED | DEVELOPMENT | sample]
    return sorted(usable, key=lambda r: _order(r["unit_id"]))


def muc3_messages(git_dir: Path) -> list[tuple[str, str, list[str]]]:
    names = subprocess.run(["git", "-C", str(git_dir), "ls-tree", "--name-only", "HEAD", "dev/"],
                           capture_output=True, text=True, check=True).stdout.split()
    found = []
    for name in names:
        data = subprocess.run(["git", "-C", str(git_dir), "show", f"HEAD:{name}"], capture_output=True, check=True).stdout
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        ns = {"h": "http://www.w3.org/1999/xhtml"}
        date = root.xpath("string(//h:meta[@name='DC.date']/@content)", namespaces=ns)
        paragraphs = [" ".join("".join(p.itertext()).split()) for p in root.xpath("//h:body/h:p", namespaces=ns)]
        text = "\n\n".join(paragraphs)
        if 600 <= len(text) <= 3500 and CASUALTY.search(text):
            found.append((Path(name).stem, date, paragraphs))
    return sorted(found, key=lambda m: _order(m[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fakes", type=Path, required=True)
    parser.add_argument("--muc3", type=Path, required=True, help="a git directory of dstl/muc3")
    parser.add_argument("--set", choices=sorted(SETS), required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    fakes_slice, muc_slice = SETS[args.set]
    args.out.mkdir(parents=True, exist_ok=True)
    for row in fakes_rows(args.fakes)[fakes_slice]:
        header = f"title: {row['article_title']}\noutlet: {row['source']}\ndate: {row['date']}\nurl:\n\n"
        (args.out / f"fakes-{row['unit_id']}.txt").write_text(header + row["article_content"] + "\n", encoding="utf-8")
    for ident, date, paragraphs in muc3_messages(args.muc3)[muc_slice]:
        body = "\n\n".join(paragraphs)
        (args.out / f"muc3-{ident.lower().replace('-muc3', '')}.txt").write_text(f"date: {date}\n\n{body}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
