"""No rule or comment in kit/ quotes an evaluation or fixture article (issue 9: no rule from an evaluation sentence).

A run of six words shared by any article under tests/ or seeds/ and any code or data file in kit/ fails the test.
Gazetteer name files are left out: a place or an organisation's name may of course appear in an article.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml", ".csv", ".jsonl", ".json"}
NAME_FILES = {"actors.csv", "places.csv", "countries.csv", "outlets.csv"}
RUN = 6


def word_runs(text: str, n: int = RUN) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def article_files() -> list[Path]:
    tests = [p for p in (ROOT / "tests").rglob("*") if p.is_file() and p.suffix in ARTICLE_SUFFIXES
             and ("articles" in p.parts or "fixtures" in p.parts)
             and "pred" not in p.parts]  # predicted tables (tests/fixtures/scoring/pred) are not articles
    return tests + [p for p in (ROOT / "seeds").iterdir() if p.suffix in ARTICLE_SUFFIXES]


def kit_files() -> list[Path]:
    code = list((ROOT / "kit").rglob("*.py"))
    data = [p for p in (ROOT / "kit" / "data").iterdir() if p.is_file() and p.name not in NAME_FILES]
    return code + data


def test_the_word_run_reader_sees_runs():
    assert word_runs("One two three four five six seven") == {"one two three four five six", "two three four five six seven"}


def test_no_six_word_run_of_an_article_in_kit():
    articles: dict[str, str] = {}
    for path in article_files():
        for run in word_runs(path.read_text(encoding="utf-8", errors="ignore")):
            articles.setdefault(run, path.name)
    assert len(articles) > 10_000  # the articles were found
    lifted = [f"{path.relative_to(ROOT)}: {run!r} (from {articles[run]})"
              for path in kit_files() for run in sorted(word_runs(path.read_text(encoding="utf-8", errors="ignore")))
              if run in articles]
    assert not lifted, "phrases of evaluation/fixture articles in kit/:\n" + "\n".join(lifted)
