"""Fast paths that must answer exactly as the slow ones: token scans by array (kit/extract/scan.py), the status
patterns' one-expression pre-check (kit/extract/status.py), and the memoised name keys (kit/gazetteer.py)."""
import spacy

from kit.extract import status
from kit.extract.scan import positions_of
from kit.gazetteer import name_key, skeleton_key


def test_positions_of_finds_every_case_form():
    nlp = spacy.blank("en")
    doc = nlp("According to the Observatory, OBSERVATORY staff and the observatory's head were quoted.")
    assert positions_of(doc, {"observatory", "according"}) == [i for i, t in enumerate(doc)
                                                                 if t.lower_ in {"observatory", "according"}]
    assert positions_of(doc, {"no-such-word-anywhere"}) == []
    assert positions_of(nlp(""), {"observatory"}) == []


def _slow_evidence(text, categories):
    for category, pattern in status.status_patterns():
        if category in categories:
            match = pattern.search(text)
            if match:
                return category, match.group().strip(" ,.;")
    return None


def test_status_pre_check_changes_no_answer():
    sentences = [
        "The group said it had killed ten soldiers, without providing evidence.",
        "The figures could not be independently verified.",
        "There was no immediate confirmation from the ministry.",
        "The army dismissed the claims as propaganda.",
        "Officials rejected them as false; the toll remains unverified.",
        "Reports disputed by the government said 40 died.",
        "The mayor said the market reopened on Monday.",
        "",
    ]
    for categories in ({"unverified", "unconfirmed"}, {"disputed"}, {"unverified"}, {"unconfirmed"}):
        for sentence in sentences:
            assert status._evidence(sentence, categories) == _slow_evidence(sentence, categories), sentence


def test_name_keys_are_the_same_memoised():
    for name in ("Hay'at Tahrir al-Sham", "Bāb al-Hawa", "U.N.", "the White Helmets", "Deir ez-Zor"):
        assert name_key(name) == name_key.__wrapped__(name)
        assert skeleton_key(name) == skeleton_key.__wrapped__(name)
