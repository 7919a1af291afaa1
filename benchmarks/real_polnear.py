"""PolNeAR (networkdynamics/PolNeAR) as a claims benchmark: BRAT reader, gold attributions, scoring, dump rows.

Gold: one annotator file per article — of the `<article>_<annotator>.ann` files, the one whose annotator id sorts
first (most articles have exactly one). Each `E` line ties an Attribution (or Attribution-no-source) to its Source,
Cue and Content (plus Content2 for a second content span); discontinuous spans (`S E;S E`) are joined with a space.
Attributions without a Content span are left out (they cannot be matched by content).

Scoring (per article, no one-to-one constraint):
* a gold attribution is *found* when some predicted claim's content has token F1 >= 0.5 with its content
  (lower-cased `\\w+` tokens, bag of words); its best claim is the one with the highest F1;
* *precision* = share of predicted claims whose content has F1 >= 0.5 with some gold attribution's content;
* *right source* (among found attributions that have a Source span) — see `right_source`. For `dev`, the
  antecedents of the reporting-cue attributions whose Source is a pronoun were keyed by hand
  (`polnear_dev_antecedents.csv`: character offsets only, no text); elsewhere a pronoun's antecedent is
  approximated (`GoldDoc.antecedent`).
The "reporting cue" subset keeps gold attributions whose cue holds a word of `reporting_cues.txt`, and for
precision the predicted claims whose own cue holds one.

Only `train` and `dev` may be read here: `test` is reserved for an independent check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from real_text import OffsetMap, contains_either_way, name_words, shares_words, token_f1, words

__all__ = ["Span", "GoldAttribution", "GoldDoc", "Claim", "DocPrediction", "read_brat", "choose_annotation_files",
           "load_split", "is_reporting", "is_pronoun", "right_source", "score", "kit_predictions",
           "textacy_predictions", "SPLITS", "MATCH_F1", "REPORTING_CUES", "REPORTING_PHRASES", "GOLD_COLUMNS",
           "CLAIM_COLUMNS", "KEYED_ANTECEDENTS", "read_keyed_antecedents"]

SPLITS = ("train", "dev")  # "test" is reserved for the independent check: never read it
MATCH_F1 = 0.5
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
RELATIVE_WINDOW = 8  # words before a relative pronoun that may hold its antecedent
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")
KEYED_ANTECEDENTS = Path(__file__).resolve().parent / "polnear_dev_antecedents.csv"
PRONOUNS = frozenset("i me my we us our he him his she her they them their it its you your who whom whose which that "
                     "this these those one".split())


def _reporting_list() -> tuple[frozenset[str], tuple[str, ...]]:
    single, phrases = set(), []
    for line in (Path(__file__).with_name("reporting_cues.txt")).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if not line:
            continue
        if line == "according to":
            phrases.append(line)
        else:
            single.update(line.split())
    return frozenset(single), tuple(phrases)


REPORTING_CUES, REPORTING_PHRASES = _reporting_list()


def is_reporting(cue: str | None) -> bool:
    """True when a cue holds a reporting word form or phrase of `reporting_cues.txt`."""
    tokens = words(cue)
    joined = " " + " ".join(tokens) + " "
    return any(t in REPORTING_CUES for t in tokens) or any(f" {p} " in joined for p in REPORTING_PHRASES)


def is_pronoun(text: str | None) -> bool:
    """True when every word of a source is a pronoun ("he", "They", "who")."""
    tokens = words(text)
    return bool(tokens) and all(t in PRONOUNS for t in tokens)


@dataclass(frozen=True)
class Span:
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return min(s for s, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)


@dataclass(frozen=True)
class GoldAttribution:
    id: str
    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]

    @property
    def content_text(self) -> str:
        return " ".join(c.text for c in sorted(self.content, key=lambda c: c.start))

    @property
    def cue_text(self) -> str:
        return self.cue.text if self.cue else ""

    @property
    def source_text(self) -> str:
        return self.source.text if self.source else ""


_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


def read_brat(ann: str, text: str | None = None) -> list[GoldAttribution]:
    """Attributions of one BRAT standoff file; span texts are cut from `text` when given (else the surface)."""
    spans: dict[str, Span] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        if m := _T_LINE.match(line):
            fragments = tuple((int(s), int(e)) for s, e in (f.split() for f in m.group(3).split(";")))
            surface = " ".join(text[s:e] for s, e in fragments) if text is not None else m.group(4)
            spans[m.group(1)] = Span(m.group(2), fragments, " ".join(surface.split()))
        elif m := _E_LINE.match(line):
            roles = [tuple(part.split(":", 1)) for part in m.group(2).split() if ":" in part]
            events.append((m.group(1), roles))  # type: ignore[arg-type]
    out = []
    for event_id, roles in events:
        role = {name: spans.get(ref) for name, ref in roles}
        content = tuple(s for name, s in role.items() if name.startswith("Content") and s is not None)
        out.append(GoldAttribution(event_id, role.get("Source"), role.get("Cue"), content))
    return sorted(out, key=lambda a: (a.content[0].start if a.content else -1, a.id))


def choose_annotation_files(attributions_dir: Path) -> dict[str, Path]:
    """Article stem → its annotator file whose annotator id sorts first (deterministic, one per article)."""
    chosen: dict[str, Path] = {}
    for path in sorted(attributions_dir.glob("*.ann")):
        stem, _, _annotator = path.stem.rpartition("_")
        chosen.setdefault(stem, path)
    return chosen


@dataclass
class GoldDoc:
    doc_id: str
    text_path: Path
    text: str
    annotator: str
    attributions: list[GoldAttribution]
    n_without_content: int = 0
    n_annotator_files: int = 1
    # (source start, end) → the keyed antecedent's (start, end), or None where the pronoun names no one
    keyed_antecedents: dict[tuple[int, int], tuple[int, int] | None] = field(default_factory=dict)

    def is_keyed(self, attribution: GoldAttribution) -> bool:
        source = attribution.source
        return source is not None and (source.start, source.end) in self.keyed_antecedents

    def antecedent(self, attribution: GoldAttribution, *, approximate: bool = False) -> Span | None:
        """What a pronoun source refers to: the keyed antecedent where there is one (unless `approximate`), else
        an approximation (PolNeAR has no coreference annotation): for a relative pronoun ("who", "which",
        "that"), the words just before it in its sentence (at most `RELATIVE_WINDOW`: "Smith, a former aide, who
        said"); for any other pronoun, the nearest preceding gold Source of this article that is not a pronoun."""
        if attribution.source is None:
            return None
        source = attribution.source
        if not approximate and self.is_keyed(attribution):
            keyed = self.keyed_antecedents[(source.start, source.end)]
            return Span("Antecedent", (keyed,), self.text[keyed[0]:keyed[1]]) if keyed is not None else None
        if words(source.text)[:1] and words(source.text)[0] in RELATIVE_PRONOUNS:
            sentence = _SENTENCE_END.split(self.text[:source.start])[-1]
            window = list(re.finditer(r"\S+", sentence))[-RELATIVE_WINDOW:]
            if not window:
                return None
            offset = source.start - len(sentence)
            start, end = offset + window[0].start(), offset + window[-1].end()
            return Span("Context", ((start, end),), self.text[start:end])
        before = [a.source for a in self.attributions if a.source is not None and not is_pronoun(a.source.text)
                  and a.source.start < attribution.source.start]
        return max(before, key=lambda s: s.start) if before else None


def read_keyed_antecedents(path: Path = KEYED_ANTECEDENTS) -> dict[str, dict[tuple[int, int], tuple[int, int] | None]]:
    """doc_id → {(pronoun source start, end): (antecedent start, end), or None where the pronoun names no one}.

    The file (`tools/make_polnear_antecedents.py`) holds offsets into the articles of `dev`, never their text."""
    import csv

    keyed: dict[str, dict[tuple[int, int], tuple[int, int] | None]] = {}
    if not path.exists():
        return keyed
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            span = (int(row["antecedent_start"]), int(row["antecedent_end"])) if row["antecedent_start"] else None
            keyed.setdefault(row["doc_id"], {})[(int(row["source_start"]), int(row["source_end"]))] = span
    return keyed


def load_split(root: Path, split: str, *, limit: int | None = None, keyed: bool = True) -> list[GoldDoc]:
    """The gold articles of a split (`root` is the PolNeAR checkout, or its `data` folder); `dev` with its keyed
    pronoun antecedents unless `keyed=False`."""
    if split not in SPLITS:
        raise SystemExit(f"PolNeAR split {split!r} is not available here (only {', '.join(SPLITS)}; test is reserved)")
    data = root / "data" if (root / "data").is_dir() else root
    base = data / split
    if not (base / "text").is_dir() or not (base / "attributions").is_dir():
        raise SystemExit(f"{base} has no text/ and attributions/ folders (is --polnear the PolNeAR checkout?)")
    antecedents = read_keyed_antecedents() if keyed and split == "dev" else {}
    docs = []
    for stem, ann_path in sorted(choose_annotation_files(base / "attributions").items()):
        text_path = base / "text" / f"{stem}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        attributions = read_brat(ann_path.read_text(encoding="utf-8"), text)
        kept = [a for a in attributions if a.content]
        docs.append(GoldDoc(stem, text_path, text, ann_path.stem.rpartition("_")[2], kept,
                            len(attributions) - len(kept), len(list(base.glob(f"attributions/{stem}_*.ann"))),
                            antecedents.get(stem, {})))
        if limit and len(docs) >= limit:
            break
    return docs


@dataclass(frozen=True)
class Claim:
    speaker: str
    speaker_text: str
    cue: str
    content: str
    extra: dict[str, object] = field(default_factory=dict, hash=False, compare=False)  # kind, status… for dumps


@dataclass
class DocPrediction:
    claims: list[Claim]
    # canonical names of the system's entity mentions overlapping a span of the original text (None: no entities)
    names_at: Callable[[int, int], set[str]] | None = None


def right_source(doc: GoldDoc, gold: GoldAttribution, claim: Claim,
                 names_at: Callable[[int, int], set[str]] | None, *, approximate: bool = False) -> tuple[bool, str]:
    """Whether the claim names the gold source, and how.

    * a non-pronoun source: right when the claim's speaker or speaker_text contains all the name words of the
      source or vice versa ("The Daily Herald" ~ "Daily Herald"), or when the claim's speaker is the canonical
      name of one of the system's entity mentions at the gold source's span ("Mrs. Roe" → "Jane Roe"); a source
      with no name words ("the president", "the senator"): when the speaker or speaker_text is the same
      description (articles aside) — the claim was matched to this attribution by its content;
    * a pronoun source ("he", "they", "who"): right only when the claim's resolved speaker (not itself a pronoun)
      shares a name word with the antecedent (`GoldDoc.antecedent`: the words just before a relative pronoun, else
      the nearest preceding non-pronoun gold Source) or is the canonical name of an entity mention there. A claim
      whose speaker is still the same pronoun is not a right source (counted apart as `pronoun_as_written`);
    * a pronoun source with a keyed antecedent (`dev`; not when `approximate`): right as for a non-pronoun source,
      with the keyed antecedent ("Ann Lee", "the harbour master") in place of the pronoun; a pronoun keyed
      as naming no one (an author's "I", a generic "you") is never a right source.
    """
    source = gold.source
    if source is None:
        return False, ""
    names = [n for n in (claim.speaker, claim.speaker_text) if n and n.strip()]
    if is_pronoun(source.text):
        antecedent = doc.antecedent(gold, approximate=approximate)
        resolved = [n for n in names if not is_pronoun(n)]
        if antecedent is not None and not approximate and doc.is_keyed(gold):
            right, how = _names_source(antecedent, resolved, claim, names_at)
            if right:
                return True, "keyed antecedent " + how
        elif antecedent is not None:
            if any(shares_words(n, antecedent.text) for n in resolved):
                return True, "antecedent words"
            if names_at is not None and claim.speaker in names_at(antecedent.start, antecedent.end):
                return True, "antecedent entity"
        if not resolved and any(words(n) == words(source.text) for n in names):
            return False, "pronoun_as_written"
        return False, "pronoun resolved elsewhere" if resolved else ""
    return _names_source(source, names, claim, names_at)


def _names_source(source: Span, names: list[str], claim: Claim,
                  names_at: Callable[[int, int], set[str]] | None) -> tuple[bool, str]:
    """Whether one of the claim's names is the (non-pronoun) source, and how."""
    if any(contains_either_way(n, source.text) for n in names):
        return True, "words"
    if not name_words(source.text) and any(_description(n) == _description(source.text) for n in names):
        return True, "same description"  # "the president" as the speaker of "the president said"
    if names_at is not None and claim.speaker and claim.speaker in names_at(source.start, source.end):
        return True, "entity"
    return False, ""


def _description(text: str) -> list[str]:
    """The words of a description without its article ("The president" → ["president"])."""
    return [w for w in words(text) if w not in {"the", "a", "an"}]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    matched: int = 0
    with_source: int = 0
    right: int = 0
    pronoun_sources: int = 0
    pronoun_right: int = 0
    pronoun_as_written: int = 0
    pronoun_keyed: int = 0  # pronoun sources scored against a keyed antecedent
    right_approximate: int = 0  # right sources had every pronoun's antecedent been approximated

    def row(self) -> dict[str, float | int]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else float("nan")

        return {"gold": self.gold, "found": self.found, "found_rate": ratio(self.found, self.gold),
                "predicted": self.predicted, "matched": self.matched, "precision": ratio(self.matched, self.predicted),
                "with_source": self.with_source, "right": self.right, "right_rate": ratio(self.right, self.with_source),
                "pronoun_sources": self.pronoun_sources, "pronoun_right": self.pronoun_right,
                "pronoun_as_written": self.pronoun_as_written, "pronoun_keyed": self.pronoun_keyed,
                "right_approximate": self.right_approximate,
                "right_approximate_rate": ratio(self.right_approximate, self.with_source)}


def score(docs: Iterable[GoldDoc], predictions: dict[str, DocPrediction]
          ) -> tuple[dict[str, dict], list[dict], list[dict]]:
    """({"all"|"reporting": tally row}, gold rows, predicted-claim rows) over the given articles."""
    tallies = {"all": Tally(), "reporting": Tally()}
    gold_rows: list[dict] = []
    claim_rows: list[dict] = []
    for doc in docs:
        prediction = predictions.get(doc.doc_id, DocPrediction([]))
        claim_words = [words(c.content) for c in prediction.claims]
        gold_words = [words(g.content_text) for g in doc.attributions]
        for gold, gw in zip(doc.attributions, gold_words):
            reporting = is_reporting(gold.cue_text)
            f1s = [token_f1(gw, cw) for cw in claim_words]
            best = max(range(len(f1s)), key=lambda i: (f1s[i], -i)) if f1s else None
            found = best is not None and f1s[best] >= MATCH_F1
            right, how = (right_source(doc, gold, prediction.claims[best], prediction.names_at)
                          if found and best is not None else (False, ""))
            pronoun = gold.source is not None and is_pronoun(gold.source.text)
            keyed = pronoun and doc.is_keyed(gold)
            right_approximate = (right_source(doc, gold, prediction.claims[best], prediction.names_at,
                                              approximate=True)[0] if keyed and found and best is not None else right)
            for name in ("all", "reporting") if reporting else ("all",):
                t = tallies[name]
                t.gold += 1
                t.found += found
                if found and gold.source is not None:
                    t.with_source += 1
                    t.right += right
                    t.pronoun_sources += pronoun
                    t.pronoun_right += pronoun and right
                    t.pronoun_as_written += how == "pronoun_as_written"
                    t.pronoun_keyed += keyed
                    t.right_approximate += right_approximate
            claim = prediction.claims[best] if best is not None else None
            antecedent = doc.antecedent(gold) if pronoun else None
            gold_rows.append({
                "doc_id": doc.doc_id, "annotator": doc.annotator, "attribution": gold.id,
                "gold_start": gold.content[0].start, "reporting_cue": reporting,
                "gold_source": gold.source_text, "source_is_pronoun": pronoun,
                "antecedent": antecedent.text if antecedent else "", "gold_cue": gold.cue_text,
                "gold_content": gold.content_text, "found": found,
                "best_f1": round(f1s[best], 3) if best is not None else 0.0,
                "right_source": right if found and gold.source is not None else "", "source_match": how,
                "pred_speaker": claim.speaker if claim else "",
                "pred_speaker_text": claim.speaker_text if claim else "",
                "pred_cue": claim.cue if claim else "", "pred_content": claim.content if claim else "",
            })
        for claim, cw in zip(prediction.claims, claim_words):
            f1s = [token_f1(gw, cw) for gw in gold_words]
            best = max(range(len(f1s)), key=lambda i: (f1s[i], -i)) if f1s else None
            matched = best is not None and f1s[best] >= MATCH_F1
            reporting = is_reporting(claim.cue)
            for name in ("all", "reporting") if reporting else ("all",):
                tallies[name].predicted += 1
                tallies[name].matched += matched
            gold = doc.attributions[best] if best is not None else None
            claim_rows.append({
                "doc_id": doc.doc_id, "speaker": claim.speaker, "speaker_text": claim.speaker_text, "cue": claim.cue,
                "reporting_cue": reporting, **claim.extra, "content": claim.content, "matched": matched,
                "best_f1": round(f1s[best], 3) if best is not None else 0.0,
                "best_gold_source": gold.source_text if gold else "", "best_gold_cue": gold.cue_text if gold else "",
                "best_gold_content": gold.content_text if gold else "",
            })
    return {name: t.row() for name, t in tallies.items()}, gold_rows, claim_rows


GOLD_COLUMNS = ["doc_id", "annotator", "attribution", "gold_start", "reporting_cue", "gold_source",
                "source_is_pronoun", "antecedent", "gold_cue", "gold_content", "found", "best_f1", "right_source",
                "source_match", "pred_speaker", "pred_speaker_text", "pred_cue", "pred_content"]
CLAIM_COLUMNS = ["doc_id", "speaker", "speaker_text", "cue", "reporting_cue", "kind", "status", "content", "matched",
                 "best_f1", "best_gold_source", "best_gold_cue", "best_gold_content"]


def kit_predictions(docs: list[GoldDoc], *, nlp=None) -> tuple[dict[str, DocPrediction], int]:
    """The kit's claims for each article, read with `kit.load` (cleaning included); (predictions, load errors)."""
    import kit

    nlp = nlp or kit.load_nlp()
    loaded, errors = [], 0
    for doc in docs:
        try:
            loaded.append((doc, kit.load(doc.text_path)))
        except kit.LoadError:
            errors += 1
    tables = kit.annotate_articles([a for _, a in loaded], nlp=nlp)
    claims = {k: g for k, g in tables.claims.groupby("doc_id", sort=False)}
    entities = {k: g for k, g in tables.entities.groupby("doc_id", sort=False)}
    out: dict[str, DocPrediction] = {}
    for doc, article in loaded:
        rows = claims.get(article.doc_id)
        mentions = entities.get(article.doc_id)
        items = [] if rows is None else [
            Claim(_cell(r.speaker), _cell(r.speaker_text), _cell(r.cue), _cell(r.content),
                  {"kind": _cell(r.kind), "status": _cell(r.status)})
            for r in rows.itertuples()]
        out[doc.doc_id] = DocPrediction(items, _names_at(doc.text, article.text, mentions))
    return out, errors


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _names_at(original: str, cleaned: str, mentions) -> Callable[[int, int], set[str]]:
    """Canonical names of the kit's entity mentions overlapping a span of the original text."""
    spans = [] if mentions is None else list(zip(mentions["start_char"], mentions["end_char"], mentions["canonical"]))
    cache: dict[str, OffsetMap] = {}

    def names_at(start: int, end: int) -> set[str]:
        if "map" not in cache:
            cache["map"] = OffsetMap(original, cleaned)
        mapped = cache["map"].to_edited(start, end)
        if mapped is None:
            return set()
        return {str(c) for s, e, c in spans if s < mapped[1] and mapped[0] < e and isinstance(c, str)}

    return names_at


def textacy_predictions(docs: list[GoldDoc], *, nlp=None) -> tuple[dict[str, DocPrediction], int]:
    """textacy's `direct_quotations` on the model as shipped, on the original text; (predictions, articles that raised).

    textacy raises on some articles (unbalanced quotation marks); the quotations it yielded before are kept.
    """
    import kit
    from textacy.extract.triples import direct_quotations

    nlp = nlp or kit.load_nlp(components=())
    out: dict[str, DocPrediction] = {}
    errors = 0
    for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        items: list[Claim] = []
        try:
            for triple in direct_quotations(parsed):
                speaker = " ".join(t.text for t in triple.speaker)
                items.append(Claim(speaker, speaker, " ".join(t.text for t in triple.cue), triple.content.text,
                                   {"kind": "direct", "status": ""}))
        except Exception:  # noqa: BLE001 - what we measure: textacy raises on unbalanced quotation marks
            errors += 1
        out[doc.doc_id] = DocPrediction(items, None)
    return out, errors
