"""Docs → the four tables of the contract (CONTRACT.md). Nothing else in the kit builds rows."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import pandas as pd

from .article import Article
from .mentions import mark_figures

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Tables", "COLUMNS", "TABLE_NAMES", "annotation_of", "annotation_rows", "doc_rows", "build_tables", "frame", "articles_table", "removed_table"]

COLUMNS: dict[str, list[str]] = {
    "articles": ["doc_id", "source_path", "title", "outlet", "byline", "published", "url", "text",
                 "n_paragraphs", "n_chars", "removed_chars", "standfirst", "encoding", "replaced_chars", "stripped_chars",
                 "encoding_guessed", "case_restored"],
    "entities": ["doc_id", "start_char", "end_char", "text", "label", "canonical", "sent_id", "kind"],
    "claims": ["doc_id", "start_char", "end_char", "speaker", "speaker_text", "cue", "content", "kind", "status",
               "status_evidence", "speaker_start", "speaker_end", "cue_start", "cue_end", "content_start",
               "content_end", "co_speakers", "sent_id"],
    "casualties": ["doc_id", "start_char", "end_char", "outcome", "low", "best", "high", "qualifier", "victims",
                   "victim_class", "perpetrator", "location", "period", "source", "status", "evidence",
                   "figure_id", "part_of", "cumulative", "sent_id", "mention", "n_mentions", "parts", "scope",
                   "place", "place_kind", "admin1", "country", "latitude", "longitude", "date_start", "date_end",
                   "date_from"],
}
TABLE_NAMES = tuple(COLUMNS)
INTEGER_COLUMNS = {"start_char", "end_char", "n_paragraphs", "n_chars", "removed_chars", "replaced_chars", "stripped_chars",
                   "case_restored", "sent_id",
                   "low", "best", "high", "speaker_start", "speaker_end", "cue_start", "cue_end", "content_start",
                   "content_end", "figure_id", "part_of", "mention", "n_mentions"}
FLOAT_COLUMNS = {"latitude", "longitude"}

BOOLEAN_COLUMNS = {"cumulative", "encoding_guessed"}


@dataclass(frozen=True, repr=False)
class Tables:
    """The four contract tables as DataFrames, sorted by doc_id then start_char."""

    articles: pd.DataFrame
    entities: pd.DataFrame
    claims: pd.DataFrame
    casualties: pd.DataFrame

    def __iter__(self):
        return iter((name, getattr(self, name)) for name in TABLE_NAMES)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return getattr(self, name)

    def __repr__(self) -> str:
        return "Tables(" + ", ".join(f"{name}={len(table):,}" for name, table in self) + " rows)"


def annotation_of(doc: Doc) -> dict[str, list]:
    """What the kit's components found in a Doc, as plain data (cacheable, picklable, JSON-able)."""
    return {
        "sent_starts": [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0],
        "mentions": list(doc._.kit_mentions or []),
        "claims": list(doc._.kit_claims or []),
        "casualties": list(doc._.kit_casualties or []),
    }


def annotation_rows(annotation: dict[str, list], article: Article) -> dict[str, list[dict]]:
    """Rows of all four tables for one article and its annotation."""
    starts = annotation["sent_starts"] or [0]
    sent_of = lambda offset: max(bisect_right(starts, offset) - 1, 0)  # noqa: E731
    doc_id = article.doc_id
    rows: dict[str, list[dict]] = {"articles": [article.as_row()]}
    for table, key in (("entities", "mentions"), ("claims", "claims"), ("casualties", "casualties")):
        rows[table] = [{"doc_id": doc_id, **r, "sent_id": sent_of(r["start_char"])} for r in annotation[key]]
    rows["casualties"] = mark_figures(rows["casualties"], text=article.text, published=article.published_iso,
                                      mentions=rows["entities"])  # figures, not mentions (kit/mentions.py)
    return rows


def doc_rows(doc: Doc, article: Article) -> dict[str, list[dict]]:
    """Rows of all four tables for one annotated article."""
    return annotation_rows(annotation_of(doc), article)


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """One contract table from row dicts: contract columns first, typed, sorted by doc_id then start_char."""
    columns = COLUMNS[name]
    extra = sorted({k for r in rows for k in r} - set(columns))
    frame = pd.DataFrame(rows, columns=columns + extra)
    for column in frame.columns:
        if column in INTEGER_COLUMNS:
            values = frame[column]
            if not _plain_int64s(values.tolist()):  # rows the kit made are; rows read back from files may not be
                values = values.map(_int64)  # a number beyond 64 bits is no offset or count: empty, not a crash
            frame[column] = pd.to_numeric(values, errors="coerce").astype("Int64")
        elif column in FLOAT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Float64")
        elif column in BOOLEAN_COLUMNS:
            values = frame[column].map(lambda v: {"True": True, "False": False, "true": True, "false": False}.get(v, v)
                                       if isinstance(v, str) else v)
            frame[column] = values.astype("boolean")
        else:
            frame[column] = frame[column].astype("string")
    sort = ["doc_id", "start_char"] if "start_char" in frame.columns else ["doc_id"]
    return frame.sort_values(sort, kind="stable").reset_index(drop=True)


def _plain_int64s(values: list) -> bool:
    """Every value is a 64-bit int or missing (None, NaN): nothing for `_int64` to change."""
    return all(v is None or (type(v) is int and -(2**63) <= v < 2**63) or (type(v) is float and v != v) for v in values)


def _int64(value: object) -> object:
    try:
        number = int(value) if isinstance(value, (int, str)) and str(value).strip() else value
    except ValueError:  # not a whole number (or over 4,300 digits): empty, as pd.to_numeric would make it
        return None
    return number if not isinstance(number, int) or -(2**63) <= number < 2**63 else None


def build_tables(rows: Iterable[dict[str, list[dict]]]) -> Tables:
    """Concatenate per-article rows into the four DataFrames (one DataFrame built per table)."""
    merged: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    for part in rows:
        for name in TABLE_NAMES:
            merged[name].extend(part.get(name, []))
    return Tables(**{name: frame(name, merged[name]) for name in TABLE_NAMES})


def articles_table(articles: Iterable[Article]) -> pd.DataFrame:
    """`articles.csv` for loaded (not yet annotated) articles."""
    return frame("articles", [a.as_row() for a in articles])


def removed_table(articles: Iterable[Article]) -> pd.DataFrame:
    """Everything the cleaner cut, one row per piece: doc_id, order, reason, n_chars, text."""
    rows = [
        {"doc_id": a.doc_id, "order": i, "reason": r.reason, "n_chars": len(r.text), "text": r.text}
        for a in articles
        for i, r in enumerate(a.removed)
    ]
    out = pd.DataFrame(rows, columns=["doc_id", "order", "reason", "n_chars", "text"])
    return out.astype({"doc_id": "string", "reason": "string", "text": "string", "order": "Int64", "n_chars": "Int64"})
