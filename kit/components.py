"""The kit's spaCy components, registered as factories (`nlp.add_pipe("kit_entities")` in any pipeline).

Each is a thin shell: the work is done by pure functions in `kit.extract`. What they leave on the Doc:

* `doc.ents`: the kit's entities, one label each and the canonical name as `kb_id_` (and `span._.canonical`);
  spaCy's own entities, as the statistical NER found them, stay in `doc.spans["spacy_ents"]`;
* `doc.spans["kit_claims"]`: one span per claim, labelled with its status, the record in `span._.kit_claim`;
* `doc.spans["kit_casualties"]`: one span per casualty figure mention, labelled with its outcome, the record
  in `span._.kit_casualty`;
* the same records as lists of dicts in `doc._.kit_mentions`, `doc._.kit_claims`, `doc._.kit_casualties`.

Components with state (`kit_entities`: the user's gazetteer entries; `kit_pos`: its tag map) serialise it with
`to_disk`/`from_disk` (and `to_bytes`/`from_bytes`), so `nlp.to_disk()` then `spacy.load()` keeps it.
"""
from __future__ import annotations

import dataclasses
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Self

import srsly
from spacy import util
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import CASUALTY_SPANS, CLAIM_SPANS, SPACY_ENTS, register_extensions
from .extract.attribution import extract_claims
from .extract.casualties import casualty_lexicon, extract_casualties
from .extract.entities import ENTITY_LABELS, EntityResolver
from .gazetteer import Entry, Gazetteer, read_entity_file, shipped_gazetteer
from .lexicons import cue_lexicon

__all__ = ["paragraph_boundaries", "TagToPos", "EntityLayer", "ClaimLayer", "CasualtyLayer"]

# A run of tokens with no sentence-final mark and no line break is cut into sentences of at most this many
# tokens. The longest such run in FA-KES and the test sets is 108 tokens; only hostile or broken text (a word
# repeated 50,000 times) reaches the bound, which keeps every per-sentence step of the layers bounded.
MAX_RUN_TOKENS = 300
_FINAL_MARKS = (".", "!", "?")
_OPENING_BRACKET = re.compile(r"[\[(]")
_CLOSERS = ('"', "”", "'", "’", ":", ";")  # a quotation or a colon may end a sentence without a final mark


@Language.component("kit_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break always starts a sentence (headlines and standfirsts have no final stop); an opening
    bracket right after a word never does ("the PRL [Popular Revolutionary League] said": the small parser
    otherwise often cuts there); a run of more than MAX_RUN_TOKENS tokens without a full stop or line break is
    cut, so no sentence is unbounded.

    The starts are written in one array (`token.is_sent_start = True` rescans the whole Doc on every call)."""
    array = doc.to_array([SENT_START])
    starts = array.view("int64")  # 1 starts a sentence, -1 never does, 0 leaves it to the parser
    changed, run = False, 0
    brackets = {span.start for m in _OPENING_BRACKET.finditer(doc.text)  # few per article: found in the text
                if (span := doc.char_span(m.start(), m.end())) is not None}
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
            elif token.i + 1 in brackets and not token.is_space and not text.endswith(_CLOSERS):
                starts[token.i + 1], changed = -1, True
    if changed:
        doc.from_array([SENT_START], array.reshape(-1, 1))
    return doc


class _SavedData:
    """spaCy's serialisation protocol (`to_bytes`/`from_bytes`/`to_disk`/`from_disk`) for a component whose data
    is one JSON value: `_data()` gives it, `_set_data()` takes it back, under `_data_key` in bytes and in the file
    `_data_file` on disk (JSON unless `_write`/`_read` say otherwise)."""

    _data_key: str
    _data_file: str

    def _data(self) -> Any:
        raise NotImplementedError

    def _set_data(self, data: Any) -> None:
        raise NotImplementedError

    @staticmethod
    def _write(path: Path, data: Any) -> None:
        srsly.write_json(path, data)

    @staticmethod
    def _read(path: Path) -> Any:
        return srsly.read_json(path)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return util.to_bytes({self._data_key: lambda: srsly.json_dumps(self._data())}, exclude)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Self:
        util.from_bytes(data, {self._data_key: lambda b: self._set_data(srsly.json_loads(b))}, exclude)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        util.to_disk(util.ensure_path(path), {self._data_file: lambda p: self._write(p, self._data())}, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Self:
        util.from_disk(util.ensure_path(path), {self._data_file: lambda p: self._set_data(self._read(p))}, exclude)
        return self


class TagToPos(_SavedData):
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

    # The map is read from the attribute_ruler's patterns when the component is made; a loaded pipeline makes
    # its components before it loads their data, so the map travels with the component.
    _data_key, _data_file = "map", "map.json"

    def _data(self) -> dict:
        return {"by_tag": self.by_tag, "by_word": [[lower, tag, pos] for (lower, tag), pos in self.by_word.items()]}

    def _set_data(self, data: dict) -> None:
        self.by_tag = dict(data["by_tag"])
        self.by_word = {(lower, tag): pos for lower, tag, pos in data["by_word"]}


class EntityLayer(_SavedData):
    """Entity mentions with canonical names and one label per entity (`doc.ents`, `Doc._.kit_mentions`).

    Layered on the statistical NER: gazetteer names, known places, alias patterns, definite
    descriptions and surnames (see `kit.extract.entities`). `entity_files` adds the user's gazetteers;
    their entries are part of the component's data (`to_disk`), so a saved pipeline keeps them.
    """

    def __init__(self, nlp: Language, name: str, *, entity_files: list[str] | tuple[str, ...] = (),
                 use_cities: bool = True) -> None:
        register_extensions()
        self.name = name
        self._vocab = nlp.vocab
        self._make_doc = nlp.make_doc
        self.use_cities = use_cities
        self.user_entries: list[Entry] = [e for path in entity_files for e in read_entity_file(path)]
        self._gazetteer: Gazetteer | None = None
        self._resolver: EntityResolver | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The shipped gazetteer with the user's entries in front (built on first use)."""
        if self._gazetteer is None:
            self._gazetteer = shipped_gazetteer()
            if self.user_entries:
                self._gazetteer.add(self.user_entries)
            self._gazetteer.use_cities = self.use_cities
        return self._gazetteer

    @property
    def resolver(self) -> EntityResolver:
        """The matchers over the gazetteer (built on first use: a pipeline loaded from disk gets its entries
        after it is made)."""
        if self._resolver is None:
            self._resolver = EntityResolver(self._vocab, self.gazetteer, self._make_doc)
        return self._resolver

    def add_entries(self, entries: Iterable[Entry]) -> int:
        """Put gazetteer entries in front of the ones already there (their names win). Returns how many."""
        entries = list(entries)
        self.user_entries[:0] = entries
        if self._gazetteer is not None:
            self._gazetteer.add(entries)
        if self._resolver is not None:
            self._resolver.refresh(self._vocab)
        return len(entries)

    def add_entities(self, path: str | os.PathLike[str]) -> int:
        """Add a user gazetteer CSV (canonical,label,aliases,…); its names win. Returns rows added."""
        return self.add_entries(read_entity_file(path))

    def __call__(self, doc: Doc) -> Doc:
        found = self.resolver(doc)
        doc._.kit_mentions = [
            {"start_char": doc[c.start].idx, "end_char": doc[c.end - 1].idx + len(doc[c.end - 1]),
             "text": doc[c.start : c.end].text, "label": c.label, "canonical": c.canonical,
             "kind": c.entry.kind if c.entry is not None and c.entry.canonical == c.canonical else None}
            for c in found
        ]
        doc.spans[SPACY_ENTS] = list(doc.ents)
        doc.ents = [Span(doc, c.start, c.end, label=c.label, kb_id=c.canonical) for c in found]
        return doc

    # -- serialisation: the user's entries (the shipped data is the package's) ----------------------------
    _data_key, _data_file = "entities", "entities.jsonl"

    def _data(self) -> list[dict]:
        return [dataclasses.asdict(e) for e in self.user_entries]

    def _set_data(self, rows: Iterable[dict]) -> None:
        self.user_entries = [Entry(**{**row, "aliases": tuple(row.get("aliases") or ())}) for row in rows]
        self._gazetteer = self._resolver = None

    @staticmethod
    def _write(path: Path, rows: list[dict]) -> None:
        srsly.write_jsonl(path, rows)  # one entry per line

    @staticmethod
    def _read(path: Path) -> Iterable[dict]:
        return srsly.read_jsonl(path) if path.exists() else ()


@contextmanager
def _rule_view(doc: Doc) -> Iterator[None]:
    """While the claim and casualty rules run, `doc.ents` also shows spaCy's entities of the labels the kit
    does not give (DATE, TIME, CARDINAL, …) where they do not overlap the kit's: the rules read them from
    `token.ent_type_` ("on Monday" is not a claim's content). Afterwards `doc.ents` is the kit's again."""
    spacy_ents = doc.spans.get(SPACY_ENTS)
    if spacy_ents is None:  # no kit_entities before this component: doc.ents is whatever the pipeline made
        yield
        return
    kit_ents = list(doc.ents)
    taken = {i for e in kit_ents for i in range(e.start, e.end)}
    others = [e for e in spacy_ents if e.label_ not in ENTITY_LABELS and not taken.intersection(range(e.start, e.end))]
    doc.ents = sorted(kit_ents + others, key=lambda s: s.start)
    try:
        yield
    finally:
        doc.ents = kit_ents


def _record_spans(doc: Doc, records: list[dict], label_key: str) -> list[Span]:
    """One span per record (its `start_char`/`end_char`), labelled with `record[label_key]`; `span.id_` is the
    record's index in its list, which `span._.kit_claim` / `span._.kit_casualty` read."""
    spans = []
    for index, record in enumerate(records):
        span = doc.char_span(record["start_char"], record["end_char"], alignment_mode="expand")
        if span is not None:
            spans.append(Span(doc, span.start, span.end, label=record.get(label_key) or "", span_id=str(index)))
    return spans


class ClaimLayer:
    """Attributed statements: speaker, cue, content, kind and status (`doc.spans["kit_claims"]`,
    `Doc._.kit_claims`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.lexicon = cue_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        with _rule_view(doc):
            claims = extract_claims(doc, doc._.kit_mentions or [], self.lexicon)
        doc._.kit_claims = [c.record() for c in claims]
        doc.spans[CLAIM_SPANS] = _record_spans(doc, doc._.kit_claims, "status")
        return doc


class CasualtyLayer:
    """Casualty figures: outcome, low/best/high, victims, perpetrator, place, period, and the source and status
    of the claim that reports them (`doc.spans["kit_casualties"]`, `Doc._.kit_casualties`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.lexicon = casualty_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        with _rule_view(doc):
            records = extract_casualties(doc, doc._.kit_mentions or [], doc._.kit_claims or [], self.lexicon)
        doc._.kit_casualties = records
        doc.spans[CASUALTY_SPANS] = _record_spans(doc, records, "outcome")
        return doc


@Language.factory("kit_pos", requires=["token.tag"], assigns=["token.pos"])
def make_tag_to_pos(nlp: Language, name: str) -> TagToPos:
    return TagToPos(nlp, name)


@Language.factory(
    "kit_entities",
    default_config={"entity_files": [], "use_cities": True},
    requires=["doc.ents"],
    assigns=["doc.ents", "doc.spans", "doc._.kit_mentions"],
)
def make_entity_layer(nlp: Language, name: str, entity_files: list[str], use_cities: bool) -> EntityLayer:
    return EntityLayer(nlp, name, entity_files=entity_files, use_cities=use_cities)


@Language.factory("kit_claims", requires=["doc._.kit_mentions"], assigns=["doc.spans", "doc._.kit_claims"])
def make_claim_layer(nlp: Language, name: str) -> ClaimLayer:
    return ClaimLayer(nlp, name)


@Language.factory("kit_casualties", requires=["doc._.kit_mentions", "doc._.kit_claims"],
                  assigns=["doc.spans", "doc._.kit_casualties"])
def make_casualty_layer(nlp: Language, name: str) -> CasualtyLayer:
    return CasualtyLayer(nlp, name)
