"""Predicted tables as the scorer reads them: row dicts of strings per table, grouped by doc_id.

From a folder `kit annotate` wrote (CSV read with the csv module, exactly as the shared scorer reads it; or Parquet)
or from DataFrames (a `kit.Tables`): every cell becomes the string a CSV file would hold, missing values "".
"""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any, Mapping

from ..errors import KitError

__all__ = ["PRED_TABLES", "Rows", "read_predictions", "rows_from_frames", "by_doc"]

PRED_TABLES = ("articles", "entities", "claims", "casualties")
Rows = dict[str, list[dict[str, str]]]


def _read_csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(2**31 - 1)  # article texts can be long
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _cell(value: Any) -> str:
    import pandas as pd

    try:
        missing = pd.isna(value)
    except (TypeError, ValueError):
        missing = False
    return "" if missing is True else str(value)


def _frame_rows(frame) -> list[dict[str, str]]:
    columns = [str(c) for c in frame.columns]
    return [dict(zip(columns, map(_cell, values))) for values in frame.itertuples(index=False, name=None)]


def read_predictions(folder: str | os.PathLike[str]) -> Rows:
    """The four tables from a folder of `<table>.csv` or `<table>.parquet` files (CSV first when both exist)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise KitError(f"{folder}: no such folder of predicted tables")
    rows: Rows = {}
    missing = []
    for name in PRED_TABLES:
        path_csv, path_parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
        try:
            if path_csv.is_file():
                rows[name] = _read_csv(path_csv)
            elif path_parquet.is_file():
                import pandas as pd

                rows[name] = _frame_rows(pd.read_parquet(path_parquet))
            else:
                missing.append(name)
        except (OSError, ValueError, csv.Error) as exc:  # pyarrow's errors are ValueErrors or OSErrors
            raise KitError(f"{folder}: cannot read the {name} table ({exc})") from None
    if missing:
        raise KitError(f"{folder}: tables missing: {', '.join(missing)} (expected <table>.csv or <table>.parquet, "
                       "as `kit annotate ... --out DIR` writes them)")
    for name, table in rows.items():
        if table and "doc_id" not in table[0]:
            raise KitError(f"{folder}: the {name} table has no doc_id column")
    return rows


def rows_from_frames(tables: Any) -> Rows:
    """The four tables from a `kit.Tables` or any object or mapping holding the four DataFrames."""
    rows: Rows = {}
    for name in PRED_TABLES:
        frame = tables.get(name) if isinstance(tables, Mapping) else getattr(tables, name, None)
        if frame is None or not hasattr(frame, "itertuples"):
            raise KitError(f"the predicted tables have no {name} DataFrame")
        if len(frame) and "doc_id" not in frame.columns:
            raise KitError(f"the predicted {name} table has no doc_id column")
        rows[name] = _frame_rows(frame)
    return rows


def by_doc(rows: Rows) -> dict[str, Rows]:
    """Rows per doc_id, then per table, in their original order."""
    out: dict[str, Rows] = {}
    for name, table in rows.items():
        for row in table:
            out.setdefault(row.get("doc_id", ""), {}).setdefault(name, []).append(row)
    return out
