"""kit: load, clean and annotate news about armed conflict — entities, claims and casualty figures as tables.

    >>> import kit
    >>> article = kit.load("seeds/000_fc500a8bbe85a549.txt")
    >>> tables = kit.annotate(article)          # articles, entities, claims, casualties (DataFrames)
    >>> kit.evaluate("my_set/gold", tables)     # precision, recall, F1 against answer keys
    >>> kit.figures(tables)                     # one row per figure, not per mention
    >>> kit.incidents(kit.annotate_corpus("corpus/").tables)   # figures of many articles grouped by event

Names are imported on first use, so `import kit` (and `kit evaluate` on tables already written) does not load
spaCy until something needs it.
"""
from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:  # one version, pyproject.toml's, read from the installed package's metadata
    __version__ = version("kit")
except PackageNotFoundError:  # a source tree on sys.path that was never installed
    __version__ = "0+unknown"

_EXPORTS = {
    "annotate": ".annotate", "annotate_articles": ".annotate",
    "Article": ".article", "Removed": ".article",
    "Corpus": ".articles", "iter_articles": ".articles", "load": ".articles", "load_corpus": ".articles",
    "CorpusResult": ".corpus", "annotate_corpus": ".corpus",
    "KitError": ".errors", "LoadError": ".errors", "ModelNotFoundError": ".errors",
    "add_entities": ".nlp", "load_nlp": ".nlp", "resolve_model": ".nlp",
    "seeds_dir": ".paths",
    "COLUMNS": ".tables", "Tables": ".tables",
    "Evaluation": ".evaluate",
    "figures": ".mentions",
    "IncidentTables": ".reconcile", "incident_tables": ".reconcile", "incidents": ".reconcile",
    "incident_reports": ".reconcile",
    "tolls": ".running_tolls", "incident_tolls": ".running_tolls",
    "to_ged": ".exports", "to_acled": ".exports",
}

__all__ = [
    "Article", "Removed", "Corpus", "CorpusResult", "Tables", "COLUMNS",
    "KitError", "LoadError", "ModelNotFoundError",
    "load", "load_corpus", "iter_articles", "annotate", "annotate_articles", "annotate_corpus",
    "load_nlp", "add_entities", "resolve_model", "seeds_dir", "evaluate", "Evaluation", "__version__",
    "figures", "incidents", "incident_reports", "incident_tables", "IncidentTables", "tolls", "incident_tolls", "to_ged",
    "to_acled",
]


def __getattr__(name: str) -> Any:
    if name == "evaluate":  # the subpackage, callable as the function (kit/evaluate/__init__.py)
        return importlib.import_module(".evaluate", __name__)
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kit' has no attribute {name!r}")
    where = _EXPORTS[name]
    module = importlib.import_module(where, __name__)
    for export, home in _EXPORTS.items():  # every name of that module, over the submodule the import bound
        if home == where:                  # ("kit.annotate" is the function, not kit/annotate.py)
            globals()[export] = getattr(module, export)
    return globals()[name]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
