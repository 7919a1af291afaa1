"""Answer keys (schema `kit-gold/1`, docs/GOLD.md): finding and reading them, and checking one against its article.

`read_key` is what evaluation needs (the fields the scorer reads, or a one-line error); `check_key` is what a key's
author needs (every quoted snippet is in the article, numbers and classes are valid, sources are speakers).
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Union

from ..errors import KitError
from .score import TABLES, score_article

__all__ = ["SCHEMA", "OUTCOMES", "VICTIM_CLASSES", "STATUSES", "LABELS", "GoldSource", "key_files", "read_key",
           "load_keys", "doc_id_of", "article_text", "check_key", "perfect_rows", "validate_keys"]

SCHEMA = "kit-gold/1"
OUTCOMES = ("killed", "wounded", "killed_or_wounded", "missing", "detained", "displaced")
VICTIM_CLASSES = ("civilians", "combatants", "children", "women", "journalists", "aid workers", "medical workers",
                  "unknown")
STATUSES = ("reported", "claimed", "unverified", "unconfirmed", "denied", "disputed")
LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")
CLAIM_FIELDS = ("speaker", "speaker_text", "cue", "content", "status")
CASUALTY_FIELDS = ("outcome", "low", "best", "high", "qualifier", "victims", "victim_class", "source", "status",
                   "evidence")
GoldSource = Union[str, "os.PathLike[str]", Iterable[Union[str, "os.PathLike[str]"]]]


def key_files(gold: GoldSource) -> list[Path]:
    """The key files named by `gold`: a folder of `*.json` keys, an evaluation set's folder (with `gold/`),
    one key file, or a list of key files and folders. Sorted by name within each folder, like the shared scorer."""
    items = [gold] if isinstance(gold, (str, os.PathLike)) else list(gold)
    files: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            folder = path / "gold" if (path / "gold").is_dir() else path
            found = sorted(folder.glob("*.json"))
            if not found:
                raise KitError(f"{folder}: no answer keys (*.json) in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise KitError(f"{path}: no such file or folder of answer keys")
    if not files:
        raise KitError("no answer keys given")
    return files


def _require(where: str, record: object, fields: Iterable[str], what: str) -> None:
    if not isinstance(record, dict):
        raise KitError(f"{where}: {what} is not a JSON object")
    for name in fields:
        if name not in record:
            raise KitError(f"{where}: {what} lacks {name!r}")


def read_key(path: str | os.PathLike[str]) -> dict:
    """One answer key, checked for what scoring reads: schema `kit-gold/1`, `article`, and the fields of every
    entity, claim and casualty figure. Anything else is a one-line KitError naming the file."""
    path = Path(path)
    try:
        key = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KitError(f"{path}: cannot read the key ({exc})") from None
    except ValueError as exc:
        raise KitError(f"{path}: not JSON ({exc})") from None
    if not isinstance(key, dict) or key.get("schema") != SCHEMA:
        found = key.get("schema") if isinstance(key, dict) else None
        raise KitError(f"{path}: not an answer key (schema {found!r}, expected {SCHEMA!r}; see docs/GOLD.md)")
    if not isinstance(key.get("article"), str) or not key["article"]:
        raise KitError(f"{path}: the key names no article (field 'article')")
    for table in ("entities", "claims", "casualties"):
        if not isinstance(key.get(table), list):
            raise KitError(f"{path}: {table!r} must be a list")
    for i, e in enumerate(key["entities"], 1):
        _require(str(path), e, ("canonical", "label"), f"entity {i}")
    for i, c in enumerate(key["claims"], 1):
        _require(str(path), c, ("speaker", "cue", "content"), f"claim {i}")
    for i, f in enumerate(key["casualties"], 1):
        _require(str(path), f, ("outcome", "low", "best", "high", "victims", "victim_class", "source"),
                 f"casualty figure {i}")
    if not isinstance(key.get("body", {}), dict):
        raise KitError(f"{path}: 'body' must be an object")
    return key


def load_keys(gold: GoldSource) -> list[tuple[Path, dict]]:
    """Every key named by `gold` (see key_files), read and checked (see read_key)."""
    return [(path, read_key(path)) for path in key_files(gold)]


def doc_id_of(key: dict) -> str:
    """The doc_id the key scores: its article's file name without the extension (as `kit annotate` names it)."""
    return Path(key["article"]).stem


def article_text(path: str | os.PathLike[str]) -> str:
    """An article file as keys quote it: UTF-8, with each no-break space (U+00A0) read as a plain space."""
    return Path(path).read_text(encoding="utf-8").replace("\u00a0", " ")


def check_key(key: dict, text: str, *, name: str = "key") -> list[str]:
    """Problems of one key against its article's text (see article_text), one line each; [] when it is sound.

    Every mention, content, speaker_text, status_evidence, evidence, body snippet, must_exclude line and
    not_casualties entry must be an exact substring of the text; labels, outcomes, victim classes and statuses
    must be valid; low <= best <= high; a figure's source must be the speaker of a claim with the same status.
    """
    problems: list[str] = []

    def quoted(value: object, what: str) -> None:
        if value and (not isinstance(value, str) or value not in text):
            problems.append(f"{name}: {what} not in the article: {value!r}")

    if key.get("schema") != SCHEMA:
        problems.append(f"{name}: schema must be {SCHEMA!r}")
    for field in ("article", "notes", "metadata", "body", "entities", "claims", "casualties"):
        if field not in key:
            problems.append(f"{name}: missing {field!r}")
    body = key.get("body") or {}
    quoted(body.get("starts"), "body.starts")
    quoted(body.get("ends"), "body.ends")
    for line in body.get("must_exclude", []):
        quoted(line, "body.must_exclude line")
    seen: set[str] = set()
    for e in key.get("entities", []):
        canonical = e.get("canonical")
        if e.get("label") not in LABELS:
            problems.append(f"{name}: entity {canonical!r} has label {e.get('label')!r} (expected one of "
                            f"{', '.join(LABELS)})")
        if canonical in seen:
            problems.append(f"{name}: entity {canonical!r} listed twice")
        seen.add(canonical)
        if not e.get("mentions"):
            problems.append(f"{name}: entity {canonical!r} has no mentions")
        for mention in e.get("mentions", []):
            quoted(mention, f"mention of {canonical!r}")
    statuses: dict[str, set] = {}
    for c in key.get("claims", []):
        for field in CLAIM_FIELDS:
            if field not in c:
                problems.append(f"{name}: claim {str(c.get('content', ''))[:40]!r} lacks {field!r}")
        quoted(c.get("speaker_text"), "claim speaker_text")
        quoted(c.get("content"), "claim content")
        quoted(c.get("status_evidence"), "claim status_evidence")
        if c.get("status") not in STATUSES:
            problems.append(f"{name}: claim status {c.get('status')!r} (expected one of {', '.join(STATUSES)})")
        statuses.setdefault(c.get("speaker"), set()).add(c.get("status"))
    for f in key.get("casualties", []):
        where = f"casualty {f.get('evidence')!r}"
        for field in CASUALTY_FIELDS:
            if field not in f:
                problems.append(f"{name}: {where} lacks {field!r}")
        quoted(f.get("evidence"), "casualty evidence")
        if f.get("outcome") not in OUTCOMES:
            problems.append(f"{name}: {where} has outcome {f.get('outcome')!r} (expected one of {', '.join(OUTCOMES)})")
        if f.get("victim_class") not in VICTIM_CLASSES:
            problems.append(f"{name}: {where} has victim_class {f.get('victim_class')!r} (expected one of "
                            f"{', '.join(VICTIM_CLASSES)})")
        numbers = [f.get(k) for k in ("low", "best", "high") if f.get(k) is not None]
        if not all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers):
            problems.append(f"{name}: {where} has a low/best/high that is not a number or null")
        elif numbers != sorted(numbers):
            problems.append(f"{name}: {where} breaks low <= best <= high")
        source = f.get("source")
        if source and source not in statuses:
            problems.append(f"{name}: {where} has source {source!r}, which is no claim's speaker")
        elif source and f.get("status") not in statuses[source]:
            problems.append(f"{name}: {where} has status {f.get('status')!r}, but {source!r}'s claims are "
                            f"{', '.join(sorted(map(str, statuses[source])))}")
        if not source and f.get("status") not in (None, "reported"):
            problems.append(f"{name}: {where} has no source but status {f.get('status')!r} (expected reported)")
    for value in key.get("not_casualties", []):
        quoted(value, "not_casualties entry")
    return problems


def perfect_rows(key: dict, text: str) -> dict[str, list[dict]]:
    """The rows a perfect kit would write for this key: what validation scores to find keys the scorer cannot
    tell apart (two entities sharing a name, claims whose contents overlap so much that one takes the other's row)."""
    for line in (key.get("body") or {}).get("must_exclude", []):
        text = text.replace(line, " ")
    doc_id = doc_id_of(key)
    empty = lambda v: "" if v is None else str(v)  # noqa: E731 - as a CSV cell
    rows: dict[str, list[dict]] = {"articles": [{"doc_id": doc_id, "text": text}], "entities": [], "claims": [],
                                   "casualties": []}
    for e in key.get("entities", []):
        for mention in e.get("mentions", []):
            rows["entities"].append({"doc_id": doc_id, "text": mention, "label": e["label"],
                                     "canonical": e["canonical"]})
    for c in key.get("claims", []):
        rows["claims"].append({"doc_id": doc_id, **{k: empty(c.get(k)) for k in CLAIM_FIELDS}})
    for f in key.get("casualties", []):
        rows["casualties"].append({"doc_id": doc_id, **{k: empty(f.get(k)) for k in CASUALTY_FIELDS}})
    return rows


def _articles_folder(gold: GoldSource, articles: str | os.PathLike[str] | None) -> Path:
    if articles is not None:
        folder = Path(articles)
    else:
        first = Path(gold if isinstance(gold, (str, os.PathLike)) else next(iter(gold)))
        base = first if first.is_dir() and (first / "articles").is_dir() else (
            first.parent if first.is_dir() else first.parent.parent)
        folder = base / "articles"
    if not folder.is_dir():
        raise KitError(f"{folder}: no such folder of articles (give the articles' folder)")
    return folder


def validate_keys(gold: GoldSource, articles: str | os.PathLike[str] | None = None) -> list[str]:
    """Check answer keys against their articles; one line per problem, [] when every key is sound.

    `gold` as for evaluation (a folder of keys, a set's folder, key files); `articles` is the folder holding
    each key's `article` file, by default the `articles/` folder beside the keys' folder. Besides check_key's
    checks: every key names an article of that folder, the key's file is named after it, no two keys share an
    article, every article has a key (when a whole folder is checked), and a perfect prediction built from the
    keys scores 1.000 on every table.
    """
    folder = _articles_folder(gold, articles)
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in key_files(gold):
        try:
            key = read_key(path)
        except KitError as exc:
            problems.append(str(exc))
            continue
        article = folder / key["article"]
        if not article.is_file():
            problems.append(f"{path.name}: its article {key['article']!r} is not in {folder}")
            continue
        if path.stem != article.stem:
            problems.append(f"{path.name}: a key file is named after its article ({article.stem}.json)")
        if article.name in seen:
            problems.append(f"{path.name}: {article.name} is keyed twice (also by {seen[article.name]})")
        seen[article.name] = path.name
        try:
            text = article_text(article)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path.name}: cannot read {article} as UTF-8 ({exc})")
            continue
        found = check_key(key, text, name=path.name)
        problems.extend(found)
        if not found:
            tallies = score_article(key, perfect_rows(key, text))
            for table in TABLES:
                tally = tallies[table]
                if tally.fp or tally.fn:
                    lost = "; ".join([*tally.misses, *tally.extras][:3])
                    problems.append(f"{path.name}: even a perfect prediction scores {table} below 1.000 "
                                    f"(fp={tally.fp} fn={tally.fn}: {lost})")
    if not (isinstance(gold, (str, os.PathLike)) and Path(gold).is_dir()):
        return problems  # a few keys were named: the folder's other articles need no key
    keyed = {Path(name).stem for name in seen}
    for article in sorted(folder.iterdir()):
        if article.is_file() and not article.name.startswith(".") and article.suffix.lower() != ".md" \
                and article.stem not in keyed:
            problems.append(f"{article.name}: this article has no answer key")
    return problems
