"""kit: load, clean and annotate news about armed conflict — entities, claims and casualty figures as tables.

    >>> import kit
    >>> article = kit.load("seeds/000_fc500a8bbe85a549.txt")
    >>> tables = kit.annotate(article)          # articles, entities, claims, casualties (DataFrames)
"""
from __future__ import annotations

__version__ = "0.1.0"

from .annotate import annotate, annotate_articles  # noqa: E402
from .article import Article, Removed  # noqa: E402
from .articles import Corpus, iter_articles, load, load_corpus  # noqa: E402
from .corpus import CorpusResult, annotate_corpus  # noqa: E402
from .errors import KitError, LoadError, ModelNotFoundError  # noqa: E402
from .nlp import add_entities, load_nlp, resolve_model  # noqa: E402
from .paths import seeds_dir  # noqa: E402
from .tables import COLUMNS, Tables  # noqa: E402

__all__ = [
    "Article", "Removed", "Corpus", "CorpusResult", "Tables", "COLUMNS",
    "KitError", "LoadError", "ModelNotFoundError",
    "load", "load_corpus", "iter_articles", "annotate", "annotate_articles", "annotate_corpus",
    "load_nlp", "add_entities", "resolve_model", "seeds_dir", "__version__",
]
