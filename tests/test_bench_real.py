"""The real-data benchmarks' scorers and readers on made-up inputs (no dataset needed, fast)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import real_aeb  # noqa: E402
import real_polnear  # noqa: E402
import real_re3d  # noqa: E402
from real_text import OffsetMap, contains_either_way, token_f1  # noqa: E402

# --- shingle scorer ---------------------------------------------------------------------------------------------------


def test_shingles_identical_texts():
    assert real_aeb.shingle_counts("one two three four five", "one two three four five") == (1.0, 0.0, 0.0)


def test_shingles_extra_chrome_lowers_precision_only():
    gold = "the mayor opened a new bridge over the river on monday"
    pred = gold + " share this story subscribe now"
    tp, fp, fn = real_aeb.shingle_counts(gold, pred)
    assert fn == 0 and fp > 0
    assert real_aeb.page_recall(tp, fp, fn) == 1.0
    # gold has 8 shingles, the prediction 8 + 5 (every shingle touching the added words is new)
    assert real_aeb.page_precision(tp, fp, fn) == pytest.approx(8 / 13)


def test_shingles_counts_are_a_multiset_and_case_sensitive():
    tp, fp, fn = real_aeb.shingle_counts("a b c d a b c d", "a b c d")  # gold: abcd twice, bcda, cdab, dabc
    assert (tp, fp, fn) == pytest.approx((1 / 5, 0.0, 4 / 5))
    assert real_aeb.shingle_counts("A b c d", "a b c d") == (0.0, 0.5, 0.5)


def test_shingles_short_and_empty_texts():
    assert real_aeb.shingle_counts("two words", "two words") == (1.0, 0.0, 0.0)  # one shingle of all tokens
    assert real_aeb.shingle_counts("", "") == (0.0, 0.0, 0.0)
    tp, fp, fn = real_aeb.shingle_counts("some gold text here", "")
    assert (tp, fp, fn) == (0.0, 0.0, 1.0)
    assert real_aeb.page_recall(tp, fp, fn) == 0.0


def test_summarise_averages_pages_and_skips_empty_predictions_for_precision():
    gold = {"a": "one two three four five", "b": "six seven eight nine ten"}
    result = real_aeb.summarise(gold, {"a": "one two three four five", "b": ""}, n_bootstrap=10)
    assert result["precision"] == 1.0  # page b predicted nothing: left out of the precision average
    assert result["recall"] == 0.5
    assert result["f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert result["accuracy"] == 0.5
    assert result["n"] == 2


def test_paragraph_rows_flag_chrome_and_missed_paragraphs():
    gold = "The council met on Tuesday to discuss the new budget.\n\nThe vote is expected next week."
    pred = "The council met on Tuesday to discuss the new budget.\n\nSign up for our newsletter today"
    rows = real_aeb.paragraph_rows("p1", "", gold, pred)
    assert [(r["kind"], r["paragraph"]) for r in rows] == [
        ("extra", "Sign up for our newsletter today"), ("missed", "The vote is expected next week.")]


# --- BRAT reader and PolNeAR scoring ----------------------------------------------------------------------------------

TEXT = ("Headline here.\n\nThe mayor said the bridge would open in May. "
        "He added that \"costs are under control\", officials noted.")


def _at(part: str, after: int = 0) -> str:
    start = TEXT.index(part, after)
    return f"{start} {start + len(part)}"


_THAT = TEXT.index("that ")
ANN = f"""T1\tSource {_at("The mayor")}\tThe mayor
T2\tCue {_at("said")}\tsaid
T3\tContent {_at("the bridge would open in May")}\tthe bridge would open in May
T4\tAttribution {_at("said")}\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tSource {_at("He", TEXT.index("He added"))}\tHe
T6\tCue {_at("added")}\tadded
T7\tContent {_THAT} {_THAT + 4};{_at('"costs are under control"')}\tthat "costs are under control"
T8\tAttribution {_at("added")}\tadded
E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7
T9\tDiscard {_at("Headline here.")}\tHeadline here.
#1\tAnnotatorNotes T7\ta note
"""


def test_read_brat_ties_parts_and_joins_fragments():
    first, second = real_polnear.read_brat(ANN, TEXT)
    assert (first.source_text, first.cue_text) == ("The mayor", "said")
    assert first.content_text == "the bridge would open in May"
    assert len(second.content[0].fragments) == 2
    assert second.content_text == 'that "costs are under control"'
    assert second.source.start == TEXT.index("He added")


def test_read_brat_without_text_uses_surface_and_skips_other_lines():
    attributions = real_polnear.read_brat(ANN + "a continuation line of a span that held a newline\n")
    assert [a.id for a in attributions] == ["E1", "E2"]
    assert attributions[0].source_text == "The mayor"


def test_choose_annotation_files_takes_first_annotator(tmp_path):
    for name in ("story_ef2d.ann", "story_4b22.ann", "other_d473.ann"):
        (tmp_path / name).write_text("", encoding="utf-8")
    chosen = real_polnear.choose_annotation_files(tmp_path)
    assert {k: v.name for k, v in chosen.items()} == {"story": "story_4b22.ann", "other": "other_d473.ann"}


def test_load_split_refuses_test(tmp_path):
    with pytest.raises(SystemExit, match="reserved"):
        real_polnear.load_split(tmp_path, "test")


def test_reporting_cues():
    assert real_polnear.is_reporting("said in a statement")
    assert real_polnear.is_reporting("According to")
    assert not real_polnear.is_reporting("believes")
    assert not real_polnear.is_reporting("accordingly")


def _doc() -> real_polnear.GoldDoc:
    return real_polnear.GoldDoc("story", Path("story.txt"), TEXT, "4b22", real_polnear.read_brat(ANN, TEXT))


def test_score_found_precision_and_sources():
    doc = _doc()
    claims = [
        real_polnear.Claim("Mayor", "The mayor", "said", "the bridge would open in May"),
        real_polnear.Claim("Jane Roe", "He", "added", "costs are under control"),  # wrong resolution
        real_polnear.Claim("officials", "officials", "noted", "something nobody said at all"),
    ]
    summary, gold_rows, claim_rows = real_polnear.score([doc], {"story": real_polnear.DocPrediction(claims)})
    assert summary["all"]["gold"] == 2 and summary["all"]["found"] == 2
    assert summary["all"]["precision"] == pytest.approx(2 / 3)
    # "The mayor" ~ "Mayor" by words; "He" → antecedent "The mayor", but the claim says "Jane Roe"
    assert [r["right_source"] for r in gold_rows] == [True, False]
    assert gold_rows[1]["antecedent"] == "The mayor"
    assert [r["matched"] for r in claim_rows] == [True, True, False]


def test_pronoun_source_resolved_to_antecedent_is_right():
    doc = _doc()
    claims = [real_polnear.Claim("Mayor Smith", "He", "added", 'that "costs are under control"')]
    _, gold_rows, _ = real_polnear.score([doc], {"story": real_polnear.DocPrediction(claims)})
    assert gold_rows[1]["right_source"] is True and gold_rows[1]["source_match"] == "antecedent words"
    unresolved = [real_polnear.Claim("He", "He", "added", 'that "costs are under control"')]
    summary, gold_rows, _ = real_polnear.score([doc], {"story": real_polnear.DocPrediction(unresolved)})
    assert gold_rows[1]["right_source"] is False and summary["all"]["pronoun_as_written"] == 1


def test_relative_pronoun_antecedent_is_the_words_before_it():
    text = "Intro line.\n\nLater on, Senator Ann Lee, who said the plan would fail, left."
    who = text.index("who")
    content = text.index("the plan would fail")
    ann = (f"T1\tSource {who} {who + 3}\twho\nT2\tCue {who + 4} {who + 8}\tsaid\n"
           f"T3\tContent {content} {content + 19}\tthe plan would fail\nE1\tSource:T1 Cue:T2 Content:T3\n")
    doc = real_polnear.GoldDoc("s", Path("s.txt"), text, "x", real_polnear.read_brat(ann, text))
    assert doc.antecedent(doc.attributions[0]).text == "Later on, Senator Ann Lee,"
    right = [real_polnear.Claim("Ann Lee", "who", "said", "the plan would fail")]
    wrong = [real_polnear.Claim("Bob Ray", "who", "said", "the plan would fail")]
    _, rows, _ = real_polnear.score([doc], {"s": real_polnear.DocPrediction(right)})
    assert rows[0]["right_source"] is True
    _, rows, _ = real_polnear.score([doc], {"s": real_polnear.DocPrediction(wrong)})
    assert rows[0]["right_source"] is False and rows[0]["source_match"] == "pronoun resolved elsewhere"


def test_same_entity_counts_as_right_source():
    doc = _doc()
    claims = [real_polnear.Claim("Ann Lee", "Ann Lee", "said", "the bridge would open in May")]
    mayor = TEXT.index("The mayor")
    names = real_polnear.DocPrediction(claims, lambda start, end: {"Ann Lee"} if start == mayor else set())
    _, gold_rows, _ = real_polnear.score([doc], {"story": names})
    assert gold_rows[0]["right_source"] is True and gold_rows[0]["source_match"] == "entity"



def test_keyed_antecedent_replaces_the_approximation(tmp_path):
    """A pronoun with a keyed antecedent is right when the claim names that antecedent, and wrong when it names
    only the approximation's pick; the approximate count is kept beside it."""
    doc = _doc()
    he = doc.attributions[1].source
    officials = TEXT.index("officials")  # a keyed antecedent that is not the approximation's ("The mayor")
    keyed_file = tmp_path / "antecedents.csv"
    keyed_file.write_text("# offsets only\ndoc_id,source_start,source_end,antecedent_start,antecedent_end\n"
                          f"story,{he.start},{he.end},{officials},{officials + 9}\n", encoding="utf-8")
    keyed = real_polnear.read_keyed_antecedents(keyed_file)
    assert keyed == {"story": {(he.start, he.end): (officials, officials + 9)}}
    doc.keyed_antecedents = keyed["story"]
    assert doc.antecedent(doc.attributions[1]).text == "officials"
    assert doc.antecedent(doc.attributions[1], approximate=True).text == "The mayor"
    named = [real_polnear.Claim("officials", "He", "added", 'that "costs are under control"')]
    summary, rows, _ = real_polnear.score([doc], {"story": real_polnear.DocPrediction(named)})
    assert rows[1]["right_source"] is True and rows[1]["source_match"] == "keyed antecedent words"
    assert summary["all"]["pronoun_keyed"] == 1 and summary["all"]["right_approximate"] == 0
    approximate_pick = [real_polnear.Claim("Mayor Smith", "He", "added", 'that "costs are under control"')]
    summary, rows, _ = real_polnear.score([doc], {"story": real_polnear.DocPrediction(approximate_pick)})
    assert rows[1]["right_source"] is False and summary["all"]["right_approximate"] == 1


def test_pronoun_keyed_as_naming_no_one_is_never_right(tmp_path):
    doc = _doc()
    he = doc.attributions[1].source
    keyed_file = tmp_path / "antecedents.csv"
    keyed_file.write_text(f"doc_id,source_start,source_end,antecedent_start,antecedent_end\nstory,{he.start},{he.end},,\n",
                          encoding="utf-8")
    doc.keyed_antecedents = real_polnear.read_keyed_antecedents(keyed_file)["story"]
    assert doc.antecedent(doc.attributions[1]) is None
    assert doc.antecedent(doc.attributions[1], approximate=True).text == "The mayor"
    claims = [real_polnear.Claim("Mayor Smith", "He", "added", 'that "costs are under control"')]
    _, rows, _ = real_polnear.score([doc], {"story": real_polnear.DocPrediction(claims)})
    assert rows[1]["right_source"] is False


def test_polnear_antecedent_offsets_prefer_the_last_occurrence_before_the_pronoun():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import make_polnear_antecedents as tool

    text = "Ann Lee spoke. Later Ann Lee said no. He added more. ann lee again."
    he = text.index("He added")
    assert tool.locate(text, "Ann Lee", he) == (21, 28)
    assert tool.locate(text, "ANN LEE", he) == (21, 28)  # case-insensitive when no exact match
    assert tool.locate(text, "again", he) == (text.index("again"), text.index("again") + 5)  # only after it
    assert tool.locate(text, "Bob Ray", he) is None

# --- re3d and shared helpers ------------------------------------------------------------------------------------------


def test_re3d_match_by_words_label_and_overlap():
    text = "Yesterday Mayor Jane Roe visited the city of Riverton with officials."
    gold = [real_re3d.GoldEntity(10, 24, "Person", "Mayor Jane Roe"),
            real_re3d.GoldEntity(45, 53, "Location", "Riverton"), real_re3d.GoldEntity(33, 41, "Location", "the city")]
    doc = real_re3d.Re3dDoc("d1", "Wikipedia", text, gold)
    mentions = [real_re3d.Mention(16, 24, "Jane Roe", "PERSON"), real_re3d.Mention(45, 53, "Riverton", "ORG"),
                real_re3d.Mention(59, 68, "officials", "ORG")]
    scores, rows, extras = real_re3d.score([doc], {"d1": mentions})
    assert scores["all"]["Person"]["recall"] == 1.0
    assert scores["all"]["Location"]["found"] == 0 and scores["all"]["Location"]["found_any_label"] == 1
    assert scores["names"]["Location"]["gold"] == 1  # "the city" is not a proper name
    assert scores["all"]["Organisation"]["predicted"] == 2 and scores["all"]["Organisation"]["matched"] == 0
    assert [e["pred_text"] for e in extras] == ["Riverton", "officials"]


def test_re3d_proper_names():
    text = "Fighters left. Later the Army came. Riverton is calm. He said the Riverton road was open."
    def entity(value: str) -> real_re3d.GoldEntity:
        start = text.index(value)
        return real_re3d.GoldEntity(start, start + len(value), "Organisation", value)
    assert not real_re3d.is_proper_name(text, entity("Fighters"))
    assert real_re3d.is_proper_name(text, entity("the Army"))
    assert real_re3d.is_proper_name(text, entity("Riverton"))  # sentence-initial, but capitalised mid-sentence too
    assert not real_re3d.is_proper_name(text, entity("He"))


def test_re3d_refuses_missing_folders(tmp_path):
    with pytest.raises(SystemExit):
        real_re3d.load(tmp_path)


def test_token_f1_and_containment():
    assert token_f1("the bridge would open", "The bridge would open") == 1.0
    assert token_f1("a b", "c d") == 0.0
    assert contains_either_way("The Daily Herald", "Daily Herald")
    assert contains_either_way("Mr. Smith", "John Smith")  # the title is ignored
    assert not contains_either_way("John Smith", "Jane Smith")
    assert contains_either_way("Mr.", "Mr.") is False  # a bare title names nobody


def test_offset_map_round_trip():
    original = "WASHINGTON (AP) — The senator spoke.  Then she left."
    edited = "The senator spoke. Then she left."
    offsets = OffsetMap(original, edited)
    start = original.index("senator")
    mapped = offsets.to_edited(start, start + 7)
    assert edited[mapped[0]:mapped[1]] == "senator"
    back = offsets.to_original(*mapped)
    assert original[back[0]:back[1]] == "senator"
    assert offsets.to_edited(0, 10) is None  # the dateline was cut


def test_offset_map_inside_edited_words():
    original = "The minister’s  office said so."
    edited = "The minister's office said so."
    offsets = OffsetMap(original, edited)
    start = original.index("minister")
    mapped = offsets.to_edited(start, start + len("minister’s"))
    assert edited[mapped[0]:mapped[1]] == "minister's"


def test_a_description_without_name_words_is_right_when_the_speaker_is_the_same_description():
    text = "Intro line.\n\nThe president said the plan would fail."
    src, content = text.index("The president"), text.index("the plan would fail")
    ann = (f"T1\tSource {src} {src + 13}\tThe president\nT2\tCue {src + 14} {src + 18}\tsaid\n"
           f"T3\tContent {content} {content + 19}\tthe plan would fail\nE1\tSource:T1 Cue:T2 Content:T3\n")
    doc = real_polnear.GoldDoc("s", Path("s.txt"), text, "x", real_polnear.read_brat(ann, text))
    same = [real_polnear.Claim("Ann Lee", "the president", "said", "the plan would fail")]
    other = [real_polnear.Claim("Ann Lee", "the minister", "said", "the plan would fail")]
    _, rows, _ = real_polnear.score([doc], {"s": real_polnear.DocPrediction(same)})
    assert rows[0]["right_source"] is True and rows[0]["source_match"] == "same description"
    _, rows, _ = real_polnear.score([doc], {"s": real_polnear.DocPrediction(other)})
    assert rows[0]["right_source"] is False
