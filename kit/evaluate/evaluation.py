"""`evaluate(gold, pred)`: the kit's tables (or anyone's, in the contract) against answer keys, as DataFrames.

Micro-averaged like the shared scorer: per table, tp/fp/fn summed over the keys, then precision, recall and F1.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Union

import pandas as pd

from ..errors import KitError
from .keys import GoldSource, doc_id_of, load_keys
from .predictions import Rows, by_doc, read_predictions, rows_from_frames
from .score import TABLES, Tally, score_article

__all__ = ["Evaluation", "evaluate", "score_rows", "SCORE_COLUMNS"]

SCORE_COLUMNS = ["table", "precision", "recall", "f1", "tp", "fp", "fn", "n_articles"]
PER_ARTICLE_COLUMNS = ["doc_id", "table", "tp", "fp", "fn", "precision", "recall", "f1"]
ITEM_COLUMNS = ["doc_id", "table", "item"]
PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Evaluation:
    """Scores per table (`scores`), per article and table (`per_article`), and what was missed or extra
    (`misses`, `extras`: one row per item). `unmatched` lists keys whose article has no row in the tables
    (a doc_id that differs from the article's file name, or an article that could not be annotated)."""

    scores: pd.DataFrame
    per_article: pd.DataFrame
    misses: pd.DataFrame
    extras: pd.DataFrame
    unmatched: tuple[str, ...] = field(default=())

    @property
    def n_articles(self) -> int:
        """How many answer keys were scored."""
        return int(self.scores["n_articles"].iloc[0]) if len(self.scores) else 0

    def figure(self, table: str, measure: str = "f1") -> float:
        """One figure: `evaluation.figure("claims", "recall")`."""
        return float(self.scores.set_index("table").at[table, measure])

    def summary(self, *, verbose: bool = False) -> str:
        """The scores as text, one line per table; with `verbose`, every miss and extra under its table."""
        lines = [f"{self.n_articles} answer keys"]
        if self.unmatched:
            lines.append(f"no predicted article for {len(self.unmatched)} keys: {', '.join(self.unmatched)}")
        for row in self.scores.itertuples(index=False):
            lines.append(f"{row.table:15s} P={row.precision:.3f} R={row.recall:.3f} F1={row.f1:.3f}  "
                         f"(tp={row.tp} fp={row.fp} fn={row.fn})")
            if verbose:
                for kind, frame in (("miss ", self.misses), ("extra", self.extras)):
                    for item in frame[frame["table"] == row.table].itertuples(index=False):
                        lines.append(f"    {kind} {item.doc_id}: {item.item}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Evaluation of {self.n_articles} keys>\n" + self.summary().split("\n", 1)[1]

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        """The shared scorer's JSON layout (`articles`, then per table precision/recall/f1 rounded to 3 places)
        plus tp/fp/fn; with `details`, also per_article, misses and extras as lists of records."""
        out: dict[str, Any] = {"articles": self.n_articles}
        for row in self.scores.itertuples(index=False):
            out[row.table] = {"precision": round(row.precision, 3), "recall": round(row.recall, 3),
                              "f1": round(row.f1, 3), "tp": int(row.tp), "fp": int(row.fp), "fn": int(row.fn)}
        if self.unmatched:
            out["unmatched"] = list(self.unmatched)
        if details:
            for name in ("per_article", "misses", "extras"):
                frame = getattr(self, name)
                out[name] = json.loads(frame.to_json(orient="records", double_precision=6))
        return out

    def to_json(self, *, details: bool = False, indent: int | None = None) -> str:
        """`to_dict` as a JSON string."""
        return json.dumps(self.to_dict(details=details), indent=indent, ensure_ascii=False)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    return Tally(tp=tp, fp=fp, fn=fn).prf()


def score_rows(keys: Iterable[tuple[Any, dict]], rows: Rows) -> Evaluation:
    """Score predicted rows (per table, strings as in a CSV file) against (name, key) pairs."""
    docs = by_doc(rows)
    keys = list(keys)
    totals = {name: Tally() for name in TABLES}
    per_article: list[tuple] = []
    misses: list[tuple] = []
    extras: list[tuple] = []
    unmatched: list[str] = []
    for _, key in keys:
        doc_id = doc_id_of(key)
        if doc_id not in docs or not docs[doc_id].get("articles"):
            unmatched.append(doc_id)
        for name, tally in score_article(key, docs.get(doc_id, {})).items():
            totals[name].add(tally)
            per_article.append((doc_id, name, tally.tp, tally.fp, tally.fn, *tally.prf()))
            misses.extend((doc_id, name, item) for item in tally.misses)
            extras.extend((doc_id, name, item) for item in tally.extras)
    scores = pd.DataFrame([(name, *t.prf(), t.tp, t.fp, t.fn, len(keys)) for name, t in totals.items()],
                          columns=SCORE_COLUMNS)
    return Evaluation(
        scores=scores,
        per_article=pd.DataFrame(per_article, columns=PER_ARTICLE_COLUMNS),
        misses=pd.DataFrame(misses, columns=ITEM_COLUMNS),
        extras=pd.DataFrame(extras, columns=ITEM_COLUMNS),
        unmatched=tuple(unmatched),
    )


def evaluate(gold: GoldSource, pred: Any = None, *, annotate: PathLike | Iterable[PathLike] | None = None,
             model: str | None = None) -> Evaluation:
    """Score predicted tables against answer keys (schema kit-gold/1, docs/GOLD.md).

    `gold`: a folder of keys, an evaluation set's folder (holding `gold/`), a key file, or a list of key files.
    `pred`: a folder `kit annotate` wrote (CSV or Parquet) or a `kit.Tables`; or else `annotate`: articles
    (files, folders, globs) that the kit annotates first, with the spaCy pipeline `model`.
    """
    if (pred is None) == (annotate is None):
        raise KitError("give either predicted tables (pred) or articles to annotate (annotate), not both or neither")
    keys = load_keys(gold)
    if annotate is not None:
        from ..corpus import annotate_corpus

        result = annotate_corpus(annotate, model=model, progress=False)
        rows = rows_from_frames(result.tables)
    elif isinstance(pred, (str, os.PathLike)):
        rows = read_predictions(pred)
    else:
        rows = rows_from_frames(pred)
    return score_rows(keys, rows)
