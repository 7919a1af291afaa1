"""`kit.evaluate`: the matching rules on made-up keys and rows, the Evaluation it returns, and key validation."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.errors import KitError
from kit.evaluate import score_rows, validate_keys
from kit.evaluate.keys import check_key, perfect_rows
from kit.evaluate.score import (Tally, norm, same_speaker, score_body, score_casualties, score_claims,
                                score_entities, with_aliases)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "scoring"


def key(**parts) -> dict:
    base = {"schema": "kit-gold/1", "article": "a1.txt", "notes": "", "metadata": {}, "body": {},
            "entities": [], "claims": [], "casualties": []}
    return {**base, **parts}


def claim(speaker, content, status="reported", **more) -> dict:
    return {"speaker": speaker, "speaker_text": more.pop("speaker_text", speaker), "cue": "said",
            "content": content, "status": status, **more}


def figure(outcome, low, best, high, **more) -> dict:
    base = {"outcome": outcome, "low": low, "best": best, "high": high, "qualifier": None, "victims": "people",
            "victim_class": "unknown", "source": None, "status": "reported", "evidence": ""}
    return {**base, **more}


# --- the rules ----------------------------------------------------------------------------------------------------

def test_names_are_normalised():
    assert norm("The Vessel Authority’s") == "vessel authority"
    assert norm("  an  Example.  ") == "example"
    assert norm(None) == ""


def test_entities_match_by_any_name_and_coarse_label():
    gold = key(entities=[{"canonical": "Tarnow Brigade", "label": "ORG", "mentions": ["Tarnow Brigade"],
                          "aliases": ["TB"]},
                         {"canonical": "Lisk", "label": "GPE", "mentions": ["Lisk"]}],
               tolerated_entities=["Morning Post"])
    rows = [{"text": "TB", "label": "ORG", "canonical": "TB"},
            {"text": "Lisk", "label": "FAC", "canonical": ""},          # FAC and GPE are both places
            {"text": "Morning Post", "label": "ORG", "canonical": ""},  # tolerated
            {"text": "Dunmore", "label": "GPE", "canonical": ""},       # extra, counted once
            {"text": "Dunmore", "label": "LOC", "canonical": ""},
            {"text": "Friday", "label": "DATE", "canonical": ""}]       # not scored
    t = Tally()
    score_entities(gold, rows, t)
    assert (t.tp, t.fp, t.fn) == (2, 1, 0)
    assert t.extras == ["Dunmore [PLACE]"]


def test_an_entity_with_the_wrong_label_is_a_miss_and_an_extra():
    gold = key(entities=[{"canonical": "Ada Vint", "label": "PERSON", "mentions": ["Ada Vint"]}])
    t = Tally()
    score_entities(gold, [{"text": "Ada Vint", "label": "ORG", "canonical": "Ada Vint"}], t)
    assert (t.tp, t.fp, t.fn, t.misses, t.extras) == (0, 1, 1, ["Ada Vint"], ["Ada Vint [ORG]"])


def test_speakers_match_by_word_containment_but_never_as_pronouns():
    assert same_speaker({"Ada Vint"}, {"Vint"})
    assert same_speaker({"Vint"}, {"Colonel Ada Vint"})
    assert not same_speaker({"Ada Vint"}, {"Ada Lorn"})
    assert not same_speaker({"he"}, {"he"})
    gold = key(entities=[{"canonical": "Tarnow Brigade", "label": "ORG", "mentions": ["Tarnow Brigade"],
                          "aliases": ["TB"]}])
    assert same_speaker(with_aliases(gold, {"Tarnow Brigade"}), {"TB"})


def test_claims_need_half_of_the_key_contents_words():
    gold = key(claims=[claim("Ada Vint", "rain closed the bridge at Lisk overnight")])  # 7 words
    for content, hit in [("rain closed the bridge", True), ("the bridge at", False)]:  # 4/7 and 3/7
        t, s = Tally(), Tally()
        score_claims(gold, [{"speaker": "Vint", "speaker_text": "Vint", "content": content, "status": ""}], t, s)
        assert (t.tp, t.fp, t.fn) == ((1, 0, 0) if hit else (0, 1, 1))


def test_optional_claims_cost_nothing_and_status_is_reported_or_weaker():
    gold = key(claims=[claim("Ada Vint", "the bridge was closed", status="unverified"),
                       claim("Ada Vint", "traffic would resume on Monday", optional=True),
                       claim("Bo Lind", "nothing was said", optional=True)])
    rows = [{"speaker": "Ada Vint", "content": "the bridge was closed", "status": "claimed"},
            {"speaker": "Ada Vint", "content": "traffic would resume on Monday", "status": "reported"}]
    t, s = Tally(), Tally()
    score_claims(gold, rows, t, s)
    assert (t.tp, t.fp, t.fn) == (1, 0, 0)
    assert (s.tp, s.fn) == (1, 0)  # unverified vs claimed: both weaker than reported
    t, s = Tally(), Tally()
    score_claims(gold, [{**rows[0], "status": "reported"}], t, s)
    assert (s.tp, s.fn, s.misses) == (0, 1, ["Ada Vint: want unverified, got reported"])


def test_casualties_match_by_outcome_and_number_then_attributes():
    gold = key(claims=[claim("Ada Vint", "nine were killed")],
               casualties=[figure("killed", 9, 9, 9, victim_class="civilians", source="Ada Vint"),
                           figure("wounded", 20, None, 30),
                           figure("displaced", None, None, None, evidence="dozens of families fled", optional=True),
                           figure("missing", None, None, None, evidence="several sailors are missing")])
    rows = [{"outcome": "Killed", "low": "9", "best": "9.0", "high": "9", "victim_class": "unknown",
             "source": "Vint"},
            {"outcome": "wounded", "low": "20", "best": "", "high": "30", "source": "", "victim_class": "unknown"},
            {"outcome": "missing", "low": "", "best": "", "high": "", "source": "", "victim_class": "unknown",
             "evidence": "several sailors missing"},
            {"outcome": "killed", "low": "", "best": "4", "high": "", "source": ""}]
    t, a = Tally(), Tally()
    score_casualties(gold, rows, t, a)
    assert (t.tp, t.fp, t.fn) == (3, 1, 0)
    assert (a.tp, a.fn) == (11, 1)
    assert a.misses == ["killed 9: victim_class want 'civilians' got 'unknown'"]


def test_body_snippets_and_whole_boilerplate_lines():
    gold = key(body={"starts": "First line.", "ends": "Last line.", "must_exclude": ["Share", "Sign up now"]})
    t = Tally()
    score_body(gold, {"text": "First line. Shares rose. Last line."}, t)  # "Share" inside "Shares" is no match
    assert (t.tp, t.fp, t.fn) == (2, 0, 0)
    t = Tally()
    score_body(gold, {"text": "First line. Sign up now!"}, t)
    assert (t.tp, t.fp, t.fn) == (1, 1, 1)
    t = Tally()
    score_body(gold, None, t)
    assert (t.tp, t.fn) == (0, 2)


# --- the Evaluation -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def evaluation() -> kit.Evaluation:
    return kit.evaluate(FIXTURE / "gold", FIXTURE / "pred")


def test_kit_evaluate_is_callable_and_a_module():
    assert callable(kit.evaluate) and kit.evaluate.evaluate is not kit.evaluate
    assert kit.Evaluation is kit.evaluate.Evaluation


def test_the_evaluation_tables(evaluation):
    assert list(evaluation.scores.columns) == ["table", "precision", "recall", "f1", "tp", "fp", "fn", "n_articles"]
    assert list(evaluation.scores["table"]) == list(kit.evaluate.TABLES)
    assert list(evaluation.per_article.columns) == ["doc_id", "table", "tp", "fp", "fn", "precision", "recall", "f1"]
    summed = evaluation.per_article.groupby("table")[["tp", "fp", "fn"]].sum()
    for row in evaluation.scores.itertuples():
        assert tuple(summed.loc[row.table]) == (row.tp, row.fp, row.fn)
    for frame in (evaluation.misses, evaluation.extras):
        assert list(frame.columns) == ["doc_id", "table", "item"]
    assert evaluation.n_articles == 3 and evaluation.unmatched == ("fx3_kaldor",)
    assert evaluation.figure("claims", "recall") == pytest.approx(7 / 8)


def test_repr_json_and_summary(evaluation):
    text = repr(evaluation)
    assert text.splitlines()[0] == "<Evaluation of 3 keys>" and len(text.splitlines()) == 8
    data = json.loads(evaluation.to_json())
    assert data["articles"] == 3 and data["claims"]["tp"] == 7 and data["unmatched"] == ["fx3_kaldor"]
    detailed = json.loads(evaluation.to_json(details=True))
    assert len(detailed["misses"]) == len(evaluation.misses) and detailed["extras"][0]["doc_id"]
    assert "    miss  fx1_veldra: Port Amsel" in evaluation.summary(verbose=True)


def test_rows_of_an_unkeyed_article_are_ignored(evaluation):
    assert "fx9_unkeyed" not in set(evaluation.per_article["doc_id"])


@pytest.mark.parametrize("bad, message", [
    ({"schema": "other/1"}, "not an answer key (schema 'other/1'"),
    ({"article": ""}, "names no article"),
    ({"claims": [{"speaker": "A"}]}, "claim 1 lacks 'cue'"),
    ({"casualties": "none"}, "'casualties' must be a list"),
])
def test_a_bad_key_is_a_one_line_error(tmp_path, bad, message):
    (tmp_path / "k.json").write_text(json.dumps(key(**bad)))
    with pytest.raises(KitError, match=message.replace("(", r"\(")):
        kit.evaluate(tmp_path, FIXTURE / "pred")


def test_bad_arguments_are_errors(tmp_path):
    with pytest.raises(KitError, match="either"):
        kit.evaluate(FIXTURE / "gold")
    with pytest.raises(KitError, match="either"):
        kit.evaluate(FIXTURE / "gold", FIXTURE / "pred", annotate=FIXTURE / "articles")
    with pytest.raises(KitError, match="no such file or folder"):
        kit.evaluate(tmp_path / "nothing", FIXTURE / "pred")
    with pytest.raises(KitError, match="no answer keys"):
        kit.evaluate(tmp_path, FIXTURE / "pred")
    (tmp_path / "entities.csv").write_text("doc_id\n")
    with pytest.raises(KitError, match="tables missing: articles, claims, casualties"):
        kit.evaluate(FIXTURE / "gold", tmp_path)
    with pytest.raises(KitError, match="no claims DataFrame"):
        kit.evaluate(FIXTURE / "gold", {"articles": pd.DataFrame(), "entities": pd.DataFrame()})


def test_score_rows_takes_plain_rows():
    gold = key(entities=[{"canonical": "Lisk", "label": "GPE", "mentions": ["Lisk"]}])
    rows = {"articles": [{"doc_id": "a1", "text": ""}], "entities": [{"doc_id": "a1", "text": "Lisk", "label": "GPE"}],
            "claims": [], "casualties": []}
    assert score_rows([("k", gold)], rows).figure("entities") == 1.0


# --- key validation -------------------------------------------------------------------------------------------------

ARTICLE = "Rain fell on Lisk.\n\nAda\u00a0Vint said nine people were killed in Lisk. Bo Lind denied it.\n"


def good_key() -> dict:
    return key(body={"starts": "Ada Vint said", "ends": "Bo Lind denied it.", "must_exclude": []},
               entities=[{"canonical": "Lisk", "label": "GPE", "mentions": ["Lisk"]},
                         {"canonical": "Ada Vint", "label": "PERSON", "mentions": ["Ada Vint"]}],
               claims=[claim("Ada Vint", "nine people were killed in Lisk", speaker_text="Ada Vint")],
               casualties=[figure("killed", 9, 9, 9, source="Ada Vint", evidence="nine people were killed")])


def write_set(folder: Path, gold: dict, text: str = ARTICLE) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "gold").mkdir()
    (folder / "articles" / "a1.txt").write_text(text, encoding="utf-8")
    (folder / "gold" / "a1.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_a_sound_key_passes(tmp_path):
    folder = write_set(tmp_path, good_key())
    assert validate_keys(folder / "gold") == []
    assert validate_keys(folder) == []                                   # the set's folder
    assert validate_keys([folder / "gold" / "a1.json"]) == []            # a key file
    assert validate_keys(folder / "gold", folder / "articles") == []


@pytest.mark.parametrize("change, expected", [
    (lambda k: k["entities"][0]["mentions"].append("Lisky"), "mention of 'Lisk' not in the article: 'Lisky'"),
    (lambda k: k["claims"][0].update(content="nine were killed"), "claim content not in the article"),
    (lambda k: k["casualties"][0].update(low=10), "breaks low <= best <= high"),
    (lambda k: k["casualties"][0].update(outcome="dead"), "outcome 'dead'"),
    (lambda k: k["casualties"][0].update(victim_class="people"), "victim_class 'people'"),
    (lambda k: k["casualties"][0].update(source="Bo Lind"), "which is no claim's speaker"),
    (lambda k: k["casualties"][0].update(status="claimed"), "but 'Ada Vint''s claims are reported"),
    (lambda k: k["casualties"][0].update(source=None, status="denied"), "has no source but status 'denied'"),
    (lambda k: k["claims"][0].update(status="rumoured"), "claim status 'rumoured'"),
    (lambda k: k["entities"][0].update(label="NORP"), "has label 'NORP'"),
    (lambda k: k["body"].update(must_exclude=["Subscribe"]), "body.must_exclude line not in the article"),
    (lambda k: k["entities"].append({"canonical": "Lisk", "label": "GPE", "mentions": ["Lisk"]}), "listed twice"),
    (lambda k: k.update(not_casualties=["ten boats"]), "not_casualties entry not in the article"),
])
def test_each_check_finds_its_fault(tmp_path, change, expected):
    gold = good_key()
    change(gold)
    problems = validate_keys(write_set(tmp_path, gold) / "gold")
    assert any(expected in p for p in problems), problems


def test_keys_the_scorer_cannot_tell_apart_are_reported(tmp_path):
    gold = good_key()
    gold["entities"].append({"canonical": "Lisk town", "label": "GPE", "mentions": ["Lisk"]})  # one name, two keys
    problems = validate_keys(write_set(tmp_path, gold) / "gold")
    assert any("even a perfect prediction scores entities below 1.000" in p for p in problems), problems


def test_articles_and_keys_must_pair(tmp_path):
    folder = write_set(tmp_path, good_key())
    (folder / "articles" / "a2.txt").write_text("Another article.\n")
    (folder / "articles" / "NOTES.md").write_text("notes are not articles\n")
    other = {**good_key(), "article": "a3.txt"}
    (folder / "gold" / "b.json").write_text(json.dumps(other))
    problems = validate_keys(folder / "gold")
    assert "a2.txt: this article has no answer key" in problems
    assert "b.json: its article 'a3.txt' is not in " + str(folder / "articles") in problems
    assert not any("NOTES" in p for p in problems)


def test_check_key_reads_no_break_spaces_as_spaces():
    assert check_key(good_key(), ARTICLE.replace("\u00a0", " ")) == []
    assert perfect_rows(good_key(), ARTICLE)["articles"][0]["doc_id"] == "a1"


def test_the_sets_in_the_repository_have_sound_keys():
    from kit.evaluate.baseline import discover_sets

    sets = discover_sets(Path(__file__).resolve().parent)
    assert len(sets) >= 4
    for name, folder in sets.items():
        assert validate_keys(folder) == [], name
    assert validate_keys(FIXTURE / "gold") == []
