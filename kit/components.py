"""The kit's spaCy components, registered as factories (`nlp.add_pipe("kit_entities")` in any pipeline).

Each is a thin shell: the work is done by pure functions in `kit.extract`.
"""
from __future__ import annotations

import os

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import register_extensions
from .extract.attribution import extract_claims
from .extract.casualties import casualty_lexicon, extract_casualties
from .extract.entities import ENTITY_LABELS, EntityResolver
from .gazetteer import read_entity_file, shipped_gazetteer
from .lexicons import cue_lexicon

__all__ = ["paragraph_boundaries", "TagToPos", "EntityLayer", "ClaimLayer", "CasualtyLayer"]

# A run of tokens with no sentence-final mark and no line break is cut into sentences of at most this many
# tokens. The longest such run in FA-KES and the test sets is 108 tokens; only hostile or broken text (a word
# repeated 50,000 times) reaches the bound, which keeps every per-sentence step of the layers bounded.
MAX_RUN_TOKENS = 300
_FINAL_MARKS = (".", "!", "?")


@Language.component("kit_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break always starts a sentence (headlines and standfirsts have no final stop); a run of
    more than MAX_RUN_TOKENS tokens without a full stop or line break is cut, so no sentence is unbounded.

    The starts are written in one array (`token.is_sent_start = True` rescans the whole Doc on every call)."""
    starts = doc.to_array([SENT_START])
    changed, run = False, 0
    for token in doc[:-1]:
        text = token.text
        if token.is_space and "\n" in text:
            starts[token.i + 1], changed, run = 1, True, 0
        elif text.endswith(_FINAL_MARKS):
            run = 0
        else:
            run += 1
            if run >= MAX_RUN_TOKENS:
                starts[token.i + 1], changed, run = 1, True, 0
    if changed:
        doc.from_array([SENT_START], starts.reshape(-1, 1))
    return doc


class TagToPos:
    """Coarse POS from the fine-grained tag, as the model's attribute_ruler maps it, at a fraction of its cost.

    The kit's pipeline runs this instead of `attribute_ruler` + `lemmatizer` (the kit reads `pos_` and looks
    lemmas up itself, see `kit.extract.lemmas`): skipping work spaCy does not need to do for the kit.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.by_tag: dict[str, str] = {}
        self.by_word: dict[tuple[str, str], str] = {}
        ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.component_names else None
        for rule in (ruler.patterns if ruler is not None else []):
            pos = rule["attrs"].get("POS")
            if not pos:
                continue
            for pattern in rule["patterns"]:
                if len(pattern) != 1:
                    continue
                keys, tag, lower = set(pattern[0]), pattern[0].get("TAG"), pattern[0].get("LOWER")
                if not isinstance(tag, str) or not (lower is None or isinstance(lower, str)):
                    continue  # set-valued patterns ({"IN": [...]}) are rare exceptions: the tag map covers them
                if keys == {"TAG"}:
                    self.by_tag.setdefault(tag, pos)
                elif keys == {"TAG", "LOWER"}:
                    self.by_word.setdefault((lower, tag), pos)

    def __call__(self, doc: Doc) -> Doc:
        by_tag, by_word = self.by_tag, self.by_word
        for token in doc:
            tag = token.tag_
            pos = by_word.get((token.lower_, tag)) or by_tag.get(tag)
            if pos:
                token.pos_ = pos
        return doc


class EntityLayer:
    """Entity mentions with canonical names and one label per entity (`Doc._.kit_mentions`, `doc.ents`).

    Layered on the statistical NER: gazetteer names, known places, alias patterns, definite
    descriptions and surnames (see `kit.extract.entities`). `entity_files` adds the user's gazetteers.
    """

    def __init__(self, nlp: Language, name: str, *, entity_files: list[str] | tuple[str, ...] = (),
                 use_cities: bool = True) -> None:
        register_extensions()
        self.name = name
        self._vocab = nlp.vocab
        self.gazetteer = shipped_gazetteer(entity_files)
        self.gazetteer.use_cities = use_cities
        self.resolver = EntityResolver(nlp.vocab, self.gazetteer, nlp.make_doc)

    def add_entities(self, path: str | os.PathLike[str]) -> int:
        """Add a user gazetteer CSV (canonical,label,aliases,…); its names win. Returns rows added."""
        entries = read_entity_file(path)
        self.gazetteer.add(entries)
        self.resolver.refresh(self._vocab)
        return len(entries)

    def __call__(self, doc: Doc) -> Doc:
        found = self.resolver(doc)
        doc._.kit_mentions = [
            {"start_char": doc[c.start].idx, "end_char": doc[c.end - 1].idx + len(doc[c.end - 1]),
             "text": doc[c.start : c.end].text, "label": c.label, "canonical": c.canonical,
             "kind": c.entry.kind if c.entry is not None and c.entry.canonical == c.canonical else None}
            for c in found
        ]
        spans = [Span(doc, c.start, c.end, label=c.label) for c in found]
        taken = {i for c in found for i in range(c.start, c.end)}
        others = [e for e in doc.ents if e.label_ not in ENTITY_LABELS and not taken.intersection(range(e.start, e.end))]
        doc.ents = sorted(spans + others, key=lambda s: s.start)
        return doc


class ClaimLayer:
    """Attributed statements (`Doc._.kit_claims`): speaker, cue, content, kind and status."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.lexicon = cue_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        claims = extract_claims(doc, doc._.kit_mentions or [], self.lexicon)
        doc._.kit_claims = [c.record() for c in claims]
        return doc


class CasualtyLayer:
    """Casualty figures (`Doc._.kit_casualties`): outcome, low/best/high, victims, perpetrator, place,
    period, and the source and status of the claim that reports them."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.lexicon = casualty_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.kit_casualties = extract_casualties(doc, doc._.kit_mentions or [], doc._.kit_claims or [], self.lexicon)
        return doc


@Language.factory("kit_pos", requires=["token.tag"], assigns=["token.pos"])
def make_tag_to_pos(nlp: Language, name: str) -> TagToPos:
    return TagToPos(nlp, name)


@Language.factory(
    "kit_entities",
    default_config={"entity_files": [], "use_cities": True},
    requires=["doc.ents"],
    assigns=["doc.ents", "doc._.kit_mentions"],
)
def make_entity_layer(nlp: Language, name: str, entity_files: list[str], use_cities: bool) -> EntityLayer:
    return EntityLayer(nlp, name, entity_files=entity_files, use_cities=use_cities)


@Language.factory("kit_claims", requires=["doc._.kit_mentions"], assigns=["doc._.kit_claims"])
def make_claim_layer(nlp: Language, name: str) -> ClaimLayer:
    return ClaimLayer(nlp, name)


@Language.factory("kit_casualties", requires=["doc._.kit_mentions", "doc._.kit_claims"],
                  assigns=["doc._.kit_casualties"])
def make_casualty_layer(nlp: Language, name: str) -> CasualtyLayer:
    return CasualtyLayer(nlp, name)
