"""Scrapinghub article-extraction benchmark (scrapinghub/article-extraction-benchmark, MIT): shingle scorer,
page reader, the kit's and trafilatura's article bodies, and per-page/per-paragraph dump rows.

The scorer re-implements the method of the benchmark's `evaluate.py` (written anew from its description):
* tokens are `\\w+` runs (case kept); shingles are runs of 4 consecutive tokens, counted as a multiset (a text
  shorter than 4 tokens is one shingle of all its tokens; an empty text has none);
* per page, tp = shared shingles (min of counts), fp = predicted surplus, fn = gold surplus, then divided by
  tp + fp + fn so that every page weighs the same;
* per page precision = tp / (tp + fp) and recall = tp / (tp + fn), 1.0 when fp = fn = 0; precision is averaged
  over pages with tp + fp > 0 and recall over pages with tp + fn > 0; F1 = harmonic mean of the two averages;
* accuracy = share of pages whose token list equals the gold's exactly;
* ± = standard deviation over 1,000 bootstrap resamples of the pages (fixed seed here, so runs are repeatable).
"""
from __future__ import annotations

import gzip
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

__all__ = ["shingle_counts", "page_precision", "page_recall", "summarise", "tokens", "load_ground_truth",
           "read_pages", "kit_bodies", "trafilatura_bodies", "trafilatura_bodies_in", "paragraph_rows",
           "PAGE_COLUMNS", "PARAGRAPH_COLUMNS"]

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def _shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def shingle_counts(true: str | None, pred: str | None, n: int = SHINGLE) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1 (all zero when both texts are empty)."""
    gold, guess = _shingles(true, n), _shingles(pred, n)
    tp = float(sum((gold & guess).values()))
    fp = float(sum((guess - gold).values()))
    fn = float(sum((gold - guess).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def _metrics(counts: list[tuple[float, float, float]], accuracies: list[float]) -> dict[str, float]:
    precisions = [page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [page_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r,
            "accuracy": statistics.mean(accuracies) if accuracies else 0.0}


def summarise(gold: dict[str, str], predicted: dict[str, str | None], *, n_bootstrap: int = 1000,
              seed: int = 0) -> dict[str, float]:
    """F1, precision, recall, accuracy over all gold pages, with bootstrap standard deviations (`*_std`)."""
    keys = sorted(gold)
    counts = [shingle_counts(gold[k], predicted.get(k)) for k in keys]
    accuracies = [float(tokens(gold[k]) == tokens(predicted.get(k))) for k in keys]
    out = _metrics(counts, accuracies)
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {name: [] for name in out}
    for _ in range(n_bootstrap):
        idx = [rng.randrange(len(keys)) for _ in keys]
        for name, value in _metrics([counts[i] for i in idx], [accuracies[i] for i in idx]).items():
            samples[name].append(value)
    for name, values in samples.items():
        out[f"{name}_std"] = statistics.stdev(values) if len(values) > 1 else 0.0
    out["n"] = len(keys)
    return out


def load_ground_truth(root: Path, *, limit: int | None = None) -> dict[str, dict[str, str]]:
    """Page id → {"articleBody", "url"} from `ground-truth.json`."""
    path = root / "ground-truth.json"
    if not path.exists():
        raise SystemExit(f"{path} not found (is --aeb the article-extraction-benchmark checkout?)")
    data = json.loads(path.read_text(encoding="utf-8"))
    keys = sorted(data)[:limit] if limit else sorted(data)
    return {k: data[k] for k in keys}


def read_pages(root: Path, ids: list[str]) -> dict[str, str]:
    """Page id → HTML (the benchmark's pages are gzip-compressed UTF-8)."""
    out = {}
    for key in ids:
        path = root / "html" / f"{key}.html.gz"
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            out[key] = handle.read()
    return out


def _strip_leading(text: str, part: str | None) -> str:
    """`text` without a leading paragraph equal to `part` (whitespace-insensitive)."""
    if not part:
        return text
    paragraphs = text.split("\n\n")
    if paragraphs and " ".join(paragraphs[0].split()) == " ".join(part.split()):
        return "\n\n".join(paragraphs[1:]).lstrip("\n")
    return text


def kit_bodies(pages: dict[str, str]) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Per page: the kit's article text ("text"), minus its headline ("no_headline"), minus headline and
    standfirst ("no_headline_standfirst"); pages kit.load could not read go to the second dict (id → reason)."""
    import kit

    out, errors = {}, {}
    with tempfile.TemporaryDirectory(prefix="kit-aeb-") as tmp:
        for key, html in pages.items():
            path = Path(tmp) / f"{key}.html"
            path.write_text(html, encoding="utf-8")
            try:
                article = kit.load(path)
            except kit.LoadError as exc:
                errors[key] = str(exc)
                out[key] = {"text": "", "no_headline": "", "no_headline_standfirst": "", "title": ""}
                continue
            no_headline = _strip_leading(article.text, article.title)
            out[key] = {"text": article.text, "no_headline": no_headline,
                        "no_headline_standfirst": _strip_leading(no_headline, article.standfirst),
                        "title": article.title or ""}
    return out, errors


def trafilatura_bodies(pages: dict[str, str]) -> tuple[dict[str, str], str]:
    """trafilatura's body per page, called as the benchmark's own runner calls it; (bodies, version)."""
    import trafilatura

    return {k: trafilatura.extract(html, include_comments=False) or "" for k, html in pages.items()}, \
        trafilatura.__version__


def trafilatura_bodies_in(python: str, root: Path, ids: list[str]) -> tuple[dict[str, str], str]:
    """The same, run by another interpreter (e.g. a throwaway venv holding another trafilatura version)."""
    with tempfile.TemporaryDirectory(prefix="kit-aeb-") as tmp:
        ids_path, out_path = Path(tmp) / "ids.json", Path(tmp) / "out.json"
        ids_path.write_text(json.dumps(ids), encoding="utf-8")
        helper = Path(__file__).with_name("real_aeb_trafilatura.py")
        result = subprocess.run([python, str(helper), str(root), str(ids_path), str(out_path)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            print(f"note: {python} could not run trafilatura: {result.stderr.strip().splitlines()[-1:]}",
                  file=sys.stderr)
            return {}, ""
        data = json.loads(out_path.read_text(encoding="utf-8"))
        return data["output"], data["version"]


def _paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if p.strip()]


def _inside(part: list[str], whole_shingles: Counter, whole_joined: str) -> float:
    """Share of a paragraph's shingles found in another text (1.0/0.0 for paragraphs under 4 tokens)."""
    if len(part) < SHINGLE:
        return float(f" {' '.join(part)} " in whole_joined)
    mine = [tuple(part[i:i + SHINGLE]) for i in range(len(part) - SHINGLE + 1)]
    return sum(1 for s in mine if s in whole_shingles) / len(mine)


def paragraph_rows(key: str, url: str, gold: str, predicted: str, *, threshold: float = 0.5) -> list[dict]:
    """Predicted paragraphs mostly absent from the gold body ("extra": chrome that survived) and gold paragraphs
    mostly absent from the prediction ("missed"), with the share of their shingles found on the other side."""
    rows = []
    for kind, part_text, other in (("extra", predicted, gold), ("missed", gold, predicted)):
        other_tokens = tokens(other)
        other_shingles = _shingles(other)
        joined = f" {' '.join(other_tokens)} "
        for position, paragraph in enumerate(_paragraphs(part_text)):
            toks = tokens(paragraph)
            if not toks:
                continue
            share = _inside(toks, other_shingles, joined)
            if share < threshold:
                rows.append({"page": key, "url": url, "kind": kind, "position": position, "n_tokens": len(toks),
                             "share_in_other": round(share, 3), "paragraph": paragraph[:500]})
    return rows


PAGE_COLUMNS = ["page", "url", "kit_f1", "kit_precision", "kit_recall", "trafilatura_f1", "trafilatura_precision",
                "trafilatura_recall", "kit_extra_paragraphs", "kit_missed_paragraphs", "kit_title", "kit_error"]
PARAGRAPH_COLUMNS = ["page", "url", "kind", "position", "n_tokens", "share_in_other", "paragraph"]
