"""Invariants of the tables, on generated text (hypothesis, 500 examples each), and bounded layers at N = 50,000.

For every row: `text[start:end]` is the span each column claims (mention text, speaker, cue, content), the
figure's span lies inside its evidence, and low <= best <= high. The readers, the number reader, the tokenizer
guard, the piece splitter and the cache's verification never raise and keep their promises on any input.
Examples are derandomized (the same in every run) and nothing is written to a hypothesis database.
"""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.cache import decode_entry, encode_entry, text_key
from kit.extract.numbers import read_quantity
from kit.pieces import BoundedTokenizer, merge_annotations, split_pieces
from kit.readers.decode import REPLACEMENT, decode_bytes

EXAMPLES = settings(max_examples=500, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Made-up conflict-news fragments, combined in any order with odd punctuation, quotes and line breaks.
NAMES = ["Ahmed Saleh", "the monitor", "Syrian state TV", "He", "She", "They", "rebels", "the army", "UN officials",
         "the Syrian Observatory for Human Rights", "a local official", "Hama", "Idlib", "the ministry", "police"]
CUES = ["said", "told reporters", "claimed", "denied", "reported", "called on", "called for", "added", "warned",
        "according to", "citing", "quoted by", "said on Monday", "says", "announced"]
NUMBERS = ["4", "12", "1,000", "nearly 1,000", "at least 12", "about 20", "between 10 and 15", "dozens", "four",
           "fifty-four", "a dozen", "hundreds of", "more than 300", "7" * 30, "2.5 million", "one"]
NOUNS = ["civilians", "people", "children", "fighters", "soldiers", "women", "others", "journalists", "aid workers"]
OUTCOMES = ["were killed", "were wounded", "died", "killed", "wounding", "including", "were missing", "fled",
            "were detained", "dead", "injured"]
MARKS = [",", ".", ";", ":", '"', "“", "”", "'", "(", ")", "—", "-", "\n", "\n\n", "?", "!"]
WORDS = st.one_of(st.sampled_from(NAMES), st.sampled_from(CUES), st.sampled_from(NUMBERS),
                  st.sampled_from(NOUNS), st.sampled_from(OUTCOMES), st.sampled_from(MARKS),
                  st.sampled_from(["in", "on", "the", "that", "a", "and", "by", "airstrikes", "shelling", "Monday",
                                   "overnight", "the town of", "near", "since 2011", "the death toll rose to"]),
                  st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6))
CLAUSES = st.tuples(st.sampled_from(NUMBERS), st.sampled_from(NOUNS), st.sampled_from(OUTCOMES),
                    st.sampled_from(NAMES), st.sampled_from(CUES), st.sampled_from(MARKS)).map(
    lambda p: f"{p[0]} {p[1]} {p[2]} in Homs{p[5]} {p[3]} {p[4]}")
TEXTS = st.lists(st.one_of(WORDS, CLAUSES), min_size=1, max_size=40).map(" ".join)


@pytest.fixture(scope="module")
def pipeline():
    return kit.load_nlp()


@EXAMPLES
@given(TEXTS)
def test_every_span_column_is_its_span_of_the_text(pipeline, raw):
    tables = kit.annotate(raw, nlp=pipeline)
    if tables.articles.empty:
        return
    text = tables.articles["text"][0]
    n = len(text)
    for row in tables.entities.itertuples():
        assert 0 <= row.start_char <= row.end_char <= n and text[row.start_char : row.end_char] == row.text
    for row in tables.claims.itertuples():
        assert text[row.speaker_start : row.speaker_end] == row.speaker_text
        assert text[row.cue_start : row.cue_end] == row.cue
        assert text[row.content_start : row.content_end] == row.content
        assert row.start_char == min(row.speaker_start, row.cue_start, row.content_start)
        assert row.end_char == max(row.speaker_end, row.cue_end, row.content_end)
    for row in tables.casualties.itertuples():
        assert 0 <= row.start_char < row.end_char <= n
        assert text[row.start_char : row.end_char] in row.evidence and row.evidence in text
        bounds = [v for v in (row.low, row.best, row.high) if v is not None and v is not pd_na()]
        assert bounds == sorted(bounds)


def pd_na():
    import pandas as pd

    return pd.NA


@EXAMPLES
@given(st.lists(st.one_of(st.sampled_from(NUMBERS), st.sampled_from(["and", "to", "-", "between", "some", "over"]),
                          st.from_regex(r"\d{1,25}(,\d{3}){0,3}", fullmatch=True)), min_size=1, max_size=6).map(" ".join))
def test_the_number_reader_keeps_low_best_high_in_order(written):
    quantity = read_quantity(written)  # Quantity itself refuses an order that does not hold
    if quantity is not None:
        values = [v for v in (quantity.low, quantity.best, quantity.high) if v is not None]
        assert values == sorted(values) and all(0 <= v <= 10**12 for v in values)


@EXAMPLES
@given(st.binary(max_size=400))
def test_decoding_never_raises_and_counts_what_it_replaced(data):
    decoded = decode_bytes(data)
    assert decoded.replaced == decoded.text.count(REPLACEMENT)
    assert not any(c in decoded.text for c in "\x00\x01\x02\x1b\x7f")


@EXAMPLES
@given(st.text(alphabet=st.sampled_from(list('"“”«»()[]-—\'.,: \nab1')), max_size=3000))
def test_the_tokenizer_guard_keeps_the_text(pipeline, text):
    guard = pipeline.tokenizer if isinstance(pipeline.tokenizer, BoundedTokenizer) else BoundedTokenizer(pipeline.tokenizer)
    assert guard(text).text == text


@EXAMPLES
@given(st.text(alphabet=st.sampled_from(list("ab. \n")), max_size=2000), st.integers(min_value=10, max_value=300))
def test_pieces_cover_the_text_and_offsets_come_back(text, limit):
    pieces = split_pieces(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= limit for _, piece in pieces) and [o for o, _ in pieces] == sorted({o for o, _ in pieces})
    parts = [(offset, {"sent_starts": [0], "mentions": [{"start_char": 0, "end_char": len(piece), "text": piece}],
                       "claims": [], "casualties": [{"start_char": 0, "end_char": 1, "figure_id": 0, "part_of": None}]})
             for offset, piece in pieces]
    merged = merge_annotations(parts)
    assert all(text[m["start_char"] : m["end_char"]] == m["text"] for m in merged["mentions"])
    assert [c["figure_id"] for c in merged["casualties"]] == list(range(len(pieces)))


@EXAMPLES
@given(st.text(min_size=5, max_size=200), st.binary(max_size=64), st.integers(min_value=0, max_value=400))
def test_the_cache_returns_only_what_was_stored_for_that_text(text, noise, cut):
    annotation = {"sent_starts": [0], "mentions": [{"start_char": 0, "end_char": 3, "text": text[:3]}], "claims": [],
                  "casualties": []}
    key = text_key(text)
    entry = encode_entry(key, annotation)
    assert decode_entry(key, entry, text) == annotation
    assert decode_entry(text_key(text + "x"), entry, text + "x") is None  # another text's key
    damaged = entry[:cut] + noise + entry[cut + len(noise):]
    assert damaged == entry or decode_entry(key, damaged, text) is None


# Bounded layers: N = 50,000 cues in a run, N = 50,000 casualty figures ---------------------------------------
LAYERS = ("kit_entities", "kit_claims", "kit_casualties")


def _replicated(nlp, unit: str, copies: int):
    """A Doc of `copies` parsed copies of `unit` (the statistical parse of one copy, repeated: the layers see
    N cues or figures without paying spaCy's networks N times)."""
    from spacy.tokens import Doc

    with nlp.select_pipes(disable=list(LAYERS)):
        doc = nlp(unit)
    return Doc.from_docs([doc] * copies)


def _layers_time(nlp, doc) -> float:
    start = time.perf_counter()
    for name in LAYERS:
        doc = nlp.get_pipe(name)(doc)
    return time.perf_counter() - start


@pytest.mark.parametrize("unit, per_copy", [
    ("The monitor " + " ".join(["said"] * 1000) + " that ten people died.\n\n", 1000),
    ("Strikes " + " and ".join(["killed 5 civilians"] * 1000) + ".\n\n", 1000),
])
def test_the_layers_are_linear_at_n_50000(pipeline, unit, per_copy):
    small, large = _replicated(pipeline, unit, 5), _replicated(pipeline, unit, 50)  # N = 5,000 and 50,000
    t_small, t_large = _layers_time(pipeline, small), _layers_time(pipeline, large)
    assert t_large < 60, t_large
    assert t_large < 25 * max(t_small, 0.05), (t_small, t_large)  # linear: ~10x; quadratic would be ~100x


def test_a_run_of_50000_cue_words_is_cut_into_bounded_sentences(pipeline):
    from kit.components import MAX_RUN_TOKENS, paragraph_boundaries

    doc = paragraph_boundaries(pipeline.make_doc("The monitor " + " ".join(["said"] * 50_000) + " that ten died."))
    starts = [t.i for t in doc if t.is_sent_start] + [len(doc)]
    assert max(b - a for a, b in zip(starts, starts[1:])) <= MAX_RUN_TOKENS


def test_pronoun_speakers_are_linear(pipeline):
    unit = "Ahmed Saleh arrived. " + "He said that rebels killed 4 people in Homs. " * 100 + "\n\n"
    t_small = _layers_time(pipeline, _replicated(pipeline, unit, 5))
    t_large = _layers_time(pipeline, _replicated(pipeline, unit, 50))
    assert t_large < 25 * max(t_small, 0.05), (t_small, t_large)
