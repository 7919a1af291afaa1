"""Measure the kit on answer keys: `kit.evaluate(gold, pred)` → an Evaluation of DataFrames (docs/GOLD.md).

    >>> import kit
    >>> ev = kit.evaluate("tests/dev/gold", annotate="tests/dev/articles")   # or pred="out/" from `kit annotate`
    >>> ev.scores                      # table, precision, recall, f1, tp, fp, fn, n_articles
    >>> ev.misses[ev.misses.table == "claims"]
    >>> kit.evaluate.validate_keys("my_set/gold")      # [] when every key quotes its article exactly

`kit.evaluate` is this module and can be called as the function `evaluate`; its parts stay reachable as
`kit.evaluate.score` (the matching rules), `kit.evaluate.keys` (reading and checking keys) and, once imported,
`kit.evaluate.baseline` (the evaluation gate). Nothing here imports spaCy unless articles are annotated.
"""
from __future__ import annotations

import sys
import types

from .evaluation import SCORE_COLUMNS, Evaluation, evaluate, score_rows
from .keys import SCHEMA, check_key, load_keys, read_key, validate_keys
from .predictions import read_predictions, rows_from_frames
from .score import TABLES

__all__ = ["evaluate", "Evaluation", "score_rows", "validate_keys", "check_key", "read_key", "load_keys",
           "read_predictions", "rows_from_frames", "TABLES", "SCHEMA", "SCORE_COLUMNS"]


class _CallableModule(types.ModuleType):
    """`kit.evaluate(...)` calls `evaluate`; `kit.evaluate.validate_keys` etc. stay attributes of the module."""

    def __call__(self, *args, **kwargs) -> Evaluation:
        return evaluate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
