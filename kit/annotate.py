"""Articles → annotated Docs → tables: the kit's main entry point for one article or a few."""
from __future__ import annotations

from typing import Iterable

from spacy.language import Language

from .article import Article
from .articles import article_from_record
from .nlp import load_nlp
from .readers import RawRecord
from .readers.decode import normalise_text
from .pieces import annotate_long
from .tables import Tables, annotation_rows, build_tables, doc_rows

__all__ = ["annotate", "annotate_articles", "as_article"]


def as_article(item: Article | str, *, doc_id: str = "text") -> Article:
    """An Article as it is, or a string cleaned like a scraped page."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return article_from_record(RawRecord(doc_id=doc_id, body=normalise_text(item), source_path=""))
    raise TypeError(f"annotate() takes an Article or a str, not {type(item).__name__}")


def annotate_articles(
    articles: Iterable[Article], *, nlp: Language | None = None, model: str | None = None, batch_size: int = 16
) -> Tables:
    """The four tables for several articles, through `nlp.pipe`."""
    nlp = nlp or load_nlp(model)
    articles = list(articles)
    if any(len(a.text) > nlp.max_length for a in articles):  # spaCy refuses those whole: in pieces (kit.pieces)
        return build_tables(annotation_rows(annotate_long(nlp, a.text), a) for a in articles)
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    return build_tables(doc_rows(doc, article) for doc, article in zip(docs, articles))


def annotate(item: Article | str, *, nlp: Language | None = None, model: str | None = None, doc_id: str = "text") -> Tables:
    """The four tables (articles, entities, claims, casualties) for one article or one text."""
    return annotate_articles([as_article(item, doc_id=doc_id)], nlp=nlp, model=model)
