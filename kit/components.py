"""The kit's spaCy components, registered as factories (`nlp.add_pipe("kit_entities")` in any pipeline).

Each is a thin shell: the work is done by pure functions in `kit.extract`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions

__all__ = ["paragraph_boundaries", "EntityLayer", "ClaimLayer", "CasualtyLayer"]

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")


@Language.component("kit_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break always starts a sentence (headlines and standfirsts have no final stop)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


class EntityLayer:
    """Entity mentions with canonical names (`Doc._.kit_mentions`), from the statistical NER."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.kit_mentions = [
            {"start_char": e.start_char, "end_char": e.end_char, "text": e.text, "label": e.label_, "canonical": e.text}
            for e in doc.ents
            if e.label_ in ENTITY_LABELS
        ]
        return doc


class ClaimLayer:
    """Attributed statements (`Doc._.kit_claims`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.kit_claims = []
        return doc


class CasualtyLayer:
    """Casualty figures (`Doc._.kit_casualties`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.kit_casualties = []
        return doc


@Language.factory("kit_entities", requires=["doc.ents"], assigns=["doc.ents", "doc._.kit_mentions"])
def make_entity_layer(nlp: Language, name: str) -> EntityLayer:
    return EntityLayer(nlp, name)


@Language.factory("kit_claims", assigns=["doc._.kit_claims"])
def make_claim_layer(nlp: Language, name: str) -> ClaimLayer:
    return ClaimLayer(nlp, name)


@Language.factory("kit_casualties", assigns=["doc._.kit_casualties"])
def make_casualty_layer(nlp: Language, name: str) -> CasualtyLayer:
    return CasualtyLayer(nlp, name)
