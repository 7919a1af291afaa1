"""dstl/re3d as an entity benchmark: reader (the `UK Government` and `Wikipedia` folders only), scoring, dump rows.

A gold Person / Organisation / Location is *found* when a predicted mention with a label mapped to its type
(PERSON → Person, ORG → Organisation, GPE/LOC/FAC → Location) overlaps its span and the words of one are all among
the words of the other (lower-cased `\\w+`, without articles, the possessive "s" and bare titles): re3d's spans keep
titles ("Foreign Minister Jane Roe" holds "Jane Roe"), so exact match would understate every system.
*Found, any label* accepts any of the mapped labels (found, but maybe as the wrong type; NORP and other labels do
not count). Precision per type = share of predicted mentions of a mapped label that match, in the same way, a gold
entity of that type.

re3d also annotates descriptions and pronouns ("the city", "fighters", "He", "The Foreign Secretary"), which no
name tagger finds. Figures are given for all gold entities and for *proper names* only: a gold entity whose words
include a capitalised word that is neither a determiner or pronoun nor the first word of a sentence — unless that
word is an acronym or is capitalised mid-sentence elsewhere in the document (`is_proper_name`). Precision is
computed against all gold entities in both cases.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from real_text import OffsetMap, name_words

__all__ = ["FOLDERS", "TYPES", "TYPE_OF_LABEL", "GoldEntity", "Re3dDoc", "Mention", "load", "is_proper_name", "score",
           "kit_mentions", "spacy_mentions", "GOLD_COLUMNS", "EXTRA_COLUMNS"]

FOLDERS = ("UK Government", "Wikipedia")  # the other five folders are reserved for the independent check
TYPES = ("Person", "Organisation", "Location")
TYPE_OF_LABEL = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location", "FAC": "Location"}


@dataclass(frozen=True)
class GoldEntity:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Re3dDoc:
    doc_id: str
    folder: str
    text: str
    entities: list[GoldEntity]


@dataclass(frozen=True)
class Mention:
    start: int  # offsets into the document's original text
    end: int
    text: str
    label: str
    canonical: str = ""


_NOT_NAMING = frozenset("the a an this that these those its their our his her my your we he she they it i you"
                        .split())
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(\[]|\n)\s*$")


def is_proper_name(text: str, entity: GoldEntity) -> bool:
    """True when the entity's words include a capitalised word other than a determiner, a pronoun or a
    sentence-initial first word ("Jane Roe", "the Navy", "Interior Ministry"; not "Fighters", "He", "the city").
    A sentence-initial word still counts when it is an acronym or occurs capitalised mid-sentence in the document."""
    for i, match in enumerate(re.finditer(r"[^\W\d_][\w'’-]*", entity.value)):
        word = match.group()
        if not any(part[:1].isupper() for part in word.split("-")) or word.lower() in _NOT_NAMING:  # "al-Qasr"
            continue
        if i == 0 and _SENTENCE_START.search(text[:entity.start + match.start()]) and not (
                (len(word) > 1 and word.isupper()) or _capitalised_mid_sentence(text, word)):
            continue
        return True
    return False


def _capitalised_mid_sentence(text: str, word: str) -> bool:
    """True when `word` occurs capitalised somewhere in the text after a lower-case word or a comma."""
    return re.search(rf"(?:\b[a-z][\w'’-]*|,)[ \t]+{re.escape(word)}\b", text) is not None


def _json_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def load(root: Path, *, limit: int | None = None) -> list[Re3dDoc]:
    """The documents of the allowed folders with their Person/Organisation/Location entities."""
    docs = []
    for folder in FOLDERS:
        base = root / folder
        if not (base / "documents.json").exists():
            raise SystemExit(f"{base}/documents.json not found (is --re3d the re3d checkout?)")
        by_doc: dict[str, list[GoldEntity]] = {}
        for row in _json_lines(base / "entities.json"):
            if row["type"] in TYPES:
                by_doc.setdefault(row["documentId"], []).append(
                    GoldEntity(int(row["begin"]), int(row["end"]), row["type"], row["value"]))
        for row in sorted(_json_lines(base / "documents.json"), key=lambda r: r["_id"]):
            entities = sorted(set(by_doc.get(row["_id"], [])), key=lambda e: (e.start, e.end, e.type))
            docs.append(Re3dDoc(row["_id"], folder, row["text"], entities))
    return docs[:limit] if limit else docs


def _match(gold: GoldEntity, mention: Mention) -> bool:
    if not (mention.start < gold.end and gold.start < mention.end):
        return False
    g, m = name_words(gold.value), name_words(mention.text)
    return bool(g) and bool(m) and (g <= m or m <= g)


def score(docs: Iterable[Re3dDoc], predictions: dict[str, list[Mention]]
          ) -> tuple[dict[str, dict[str, dict]], list[dict], list[dict]]:
    """({"all"|"names": {type or "overall": figures}}, gold rows, rows of unmatched predicted mentions)."""
    keys = (*TYPES, "overall")
    tally = {subset: {t: {"gold": 0, "found": 0, "found_any_label": 0, "predicted": 0, "matched": 0} for t in keys}
             for subset in ("all", "names")}
    gold_rows, extra_rows = [], []
    for doc in docs:
        mentions = predictions.get(doc.doc_id, [])
        for gold in doc.entities:
            overlapping = [m for m in mentions if m.label in TYPE_OF_LABEL and _match(gold, m)]
            same = [m for m in overlapping if TYPE_OF_LABEL.get(m.label) == gold.type]
            name = is_proper_name(doc.text, gold)
            for subset in ("all", "names") if name else ("all",):
                for key in (gold.type, "overall"):
                    tally[subset][key]["gold"] += 1
                    tally[subset][key]["found"] += bool(same)
                    tally[subset][key]["found_any_label"] += bool(overlapping)
            best = (same or overlapping or [None])[0]
            gold_rows.append({"folder": doc.folder, "doc_id": doc.doc_id, "start": gold.start, "end": gold.end,
                              "type": gold.type, "gold": gold.value, "proper_name": name, "found": bool(same),
                              "found_any_label": bool(overlapping),
                              "pred_text": best.text if best else "", "pred_label": best.label if best else "",
                              "pred_canonical": best.canonical if best else "",
                              "context": doc.text[max(0, gold.start - 60):gold.end + 60].replace("\n", " ")})
        for m in mentions:
            kind = TYPE_OF_LABEL.get(m.label)
            if kind is None:
                continue
            hits = [g for g in doc.entities if _match(g, m)]
            ok = any(g.type == kind for g in hits)
            for subset in ("all", "names"):
                for key in (kind, "overall"):
                    tally[subset][key]["predicted"] += 1
                    tally[subset][key]["matched"] += ok
            if not ok:
                extra_rows.append({"folder": doc.folder, "doc_id": doc.doc_id, "start": m.start, "end": m.end,
                                   "pred_text": m.text, "pred_label": m.label, "pred_canonical": m.canonical,
                                   "gold_overlapping": " | ".join(f"{g.value} ({g.type})" for g in hits),
                                   "context": doc.text[max(0, m.start - 60):m.end + 60].replace("\n", " ")})

    def ratio(a: int, b: int) -> float:
        return a / b if b else float("nan")

    out = {subset: {key: {**t, "recall": ratio(t["found"], t["gold"]),
                          "recall_any_label": ratio(t["found_any_label"], t["gold"]),
                          "precision": ratio(t["matched"], t["predicted"])} for key, t in table.items()}
           for subset, table in tally.items()}
    return out, gold_rows, extra_rows


def kit_mentions(docs: list[Re3dDoc], *, nlp=None) -> dict[str, list[Mention]]:
    """The kit's entity mentions (text cleaned as `kit.annotate(str)` does), mapped back to original offsets."""
    import kit
    from kit.annotate import as_article

    nlp = nlp or kit.load_nlp()
    articles = [as_article(d.text, doc_id=d.doc_id) for d in docs]
    tables = kit.annotate_articles(articles, nlp=nlp)
    groups = {k: g for k, g in tables.entities.groupby("doc_id", sort=False)}
    out: dict[str, list[Mention]] = {}
    for doc, article in zip(docs, articles):
        rows = groups.get(doc.doc_id)
        offsets = OffsetMap(doc.text, article.text)
        mentions = []
        for r in ([] if rows is None else rows.itertuples()):
            span = offsets.to_original(int(r.start_char), int(r.end_char))
            if span is not None:
                mentions.append(Mention(span[0], span[1], str(r.text), str(r.label), str(r.canonical)))
        out[doc.doc_id] = mentions
    return out


def spacy_mentions(docs: list[Re3dDoc], *, nlp=None) -> dict[str, list[Mention]]:
    """Plain spaCy NER (the model as shipped, same model as the kit) on the original text."""
    import kit

    nlp = nlp or kit.load_nlp(components=())
    return {d.doc_id: [Mention(e.start_char, e.end_char, e.text, e.label_) for e in parsed.ents]
            for d, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16))}


GOLD_COLUMNS = ["folder", "doc_id", "start", "end", "type", "gold", "proper_name", "found", "found_any_label",
                "pred_text", "pred_label", "pred_canonical", "spacy_found", "spacy_text", "spacy_label", "context"]
EXTRA_COLUMNS = ["folder", "doc_id", "start", "end", "pred_text", "pred_label", "pred_canonical", "gold_overlapping",
                 "context"]
