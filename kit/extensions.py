"""Every custom attribute the kit sets on spaCy objects, registered once, here.

Values are plain lists of dicts (msgpack-serialisable), so Docs survive `nlp.pipe(n_process=…)`,
`Doc.to_bytes()` and `DocBin`.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["register_extensions"]

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


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory and every worker process."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("canonical"):
        Span.set_extension("canonical", getter=_span_canonical)
