"""Every custom attribute the kit sets on spaCy objects, registered once, here.

Values are plain lists of dicts (msgpack-serialisable), so Docs survive `nlp.pipe(n_process=…)`,
`Doc.to_bytes()` and `DocBin`. The span groups the components fill are named here too.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["register_extensions", "SPACY_ENTS", "CLAIM_SPANS", "CASUALTY_SPANS"]

SPACY_ENTS = "spacy_ents"  # doc.spans: the statistical NER's entities, as they were before kit_entities
CLAIM_SPANS = "kit_claims"  # doc.spans: one span per claim, label = status, span._.kit_claim = its record
CASUALTY_SPANS = "kit_casualties"  # doc.spans: one span per figure mention, label = outcome, span._.kit_casualty

DOC_EXTENSIONS = {
    "kit_mentions": None,  # list of {start_char, end_char, text, label, canonical}
    "kit_claims": None,  # list of claim records (see kit.extract.attribution)
    "kit_casualties": None,  # list of casualty records (see kit.extract.casualties)
}


def _span_canonical(span: Span) -> str | None:
    for mention in span.doc._.kit_mentions or ():
        if mention["start_char"] == span.start_char and mention["end_char"] == span.end_char:
            return mention["canonical"]
    return None


def _record(span: Span, records: list[dict] | None) -> dict | None:
    """The record a span of a kit span group stands for: `span.id_` is its index, and it lies in the span."""
    if not records or not span.id_.isdigit() or int(span.id_) >= len(records):
        return None
    record = records[int(span.id_)]
    inside = span.start_char <= record["start_char"] and record["end_char"] <= span.end_char
    return record if inside else None


def _span_claim(span: Span) -> dict | None:
    return _record(span, span.doc._.kit_claims)


def _span_casualty(span: Span) -> dict | None:
    return _record(span, span.doc._.kit_casualties)


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory and every worker process."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, getter in (("canonical", _span_canonical), ("kit_claim", _span_claim),
                         ("kit_casualty", _span_casualty)):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)
