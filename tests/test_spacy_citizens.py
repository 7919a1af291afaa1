"""The kit's components behave as spaCy components: their results on the Doc's own structures (`doc.ents`,
span groups), in a pipeline the kit did not build, and through `nlp.to_disk()` / `spacy.load()`."""
from __future__ import annotations

import spacy

import kit

TEXT = ("Government airstrikes killed four civilians in Idlib on Monday, the Syrian Observatory for Human Rights "
        "said.\n\nThe ministry denied the report. Fighters of the Quds Brigade shelled Zaytoun village, killing "
        "two children, residents said.")
MINE = ("canonical,label,aliases,kind,country,lat,lon,source\n"
        "Qaryat al-Zaytoun,GPE,Zaytoun|al-Zaytoun,village,SY,35.1,36.2,field notes\n"
        "Liwa al-Quds,ORG,Quds Brigade,militia,SY,,,field notes\n")


def tables_of(nlp) -> dict:
    tables = kit.annotate(TEXT, nlp=nlp)
    return {name: getattr(tables, name).to_dict("records") for name in ("entities", "claims", "casualties")}


def test_doc_ents_are_the_kits_entities_and_spacys_are_kept(nlp):
    doc = nlp(TEXT)
    ents = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert ("Idlib", "GPE", "Idlib") in ents
    assert ("Syrian Observatory for Human Rights", "ORG", "Syrian Observatory for Human Rights") in ents
    assert {e.label_ for e in doc.ents} <= {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}  # no CARDINAL, DATE
    assert [(m["text"], m["canonical"]) for m in doc._.kit_mentions] == [(e.text, e.kb_id_) for e in doc.ents]
    assert all(e._.canonical == e.kb_id_ for e in doc.ents)
    spacy_own = {(e.text, e.label_) for e in doc.spans["spacy_ents"]}
    assert ("four", "CARDINAL") in spacy_own and ("Monday", "DATE") in spacy_own


def test_claims_and_casualties_are_span_groups_with_their_records(nlp):
    doc = nlp(TEXT)
    claims = doc.spans["kit_claims"]
    assert len(claims) == len(doc._.kit_claims) >= 2
    for span, record in zip(claims, doc._.kit_claims):
        assert span._.kit_claim is record and span.label_ == record["status"]
        assert span.start_char <= record["start_char"] < record["end_char"] <= span.end_char
    assert {(s._.kit_claim["speaker"], s.label_) for s in claims} >= {("Syrian Observatory for Human Rights", "disputed"),
                                                                      ("ministry", "denied")}
    figures = doc.spans["kit_casualties"]
    assert [(s.text, s.label_, s._.kit_casualty["best"]) for s in figures][:1] == [("killed four civilians", "killed", 4)]
    assert figures[0]._.kit_casualty["source"] == "Syrian Observatory for Human Rights"
    assert figures[0]._.kit_claim is None  # a span of one group does not read as a record of the other


def test_span_groups_survive_doc_serialisation(nlp):
    doc = nlp(TEXT)
    again = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.text, s._.kit_claim["speaker"]) for s in again.spans["kit_claims"]] == \
        [(s.text, s._.kit_claim["speaker"]) for s in doc.spans["kit_claims"]]
    assert [(e.text, e.kb_id_) for e in again.ents] == [(e.text, e.kb_id_) for e in doc.ents]


def test_all_three_layers_in_a_foreign_english_pipeline(nlp):
    model = spacy.load(kit.resolve_model())
    foreign = spacy.blank("en")
    for name in ("tok2vec", "tagger", "parser", "attribute_ruler", "ner"):
        foreign.add_pipe(name, source=model)
    foreign.add_pipe("kit_paragraphs", before="parser")
    for name in ("kit_entities", "kit_claims", "kit_casualties"):
        foreign.add_pipe(name)
    doc = foreign(TEXT)
    assert "Syrian Observatory for Human Rights" in {e.kb_id_ for e in doc.ents}
    assert len(doc.spans["kit_claims"]) >= 2 and len(doc.spans["kit_casualties"]) >= 1
    assert tables_of(foreign) == tables_of(nlp)  # the same rows as the kit's own pipeline


def test_to_disk_and_spacy_load_keep_a_users_gazetteer(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text(MINE)
    pipeline = kit.load_nlp(entity_files=[str(mine)])
    before = tables_of(pipeline)
    assert {"Liwa al-Quds", "Qaryat al-Zaytoun"} <= {row["canonical"] for row in before["entities"]}
    pipeline.to_disk(tmp_path / "pipeline")
    mine.unlink()  # the saved pipeline holds the entries, not the file's path
    loaded = spacy.load(tmp_path / "pipeline")
    assert [p for p in loaded.pipe_names if p.startswith("kit_")] == [p for p in pipeline.pipe_names if p.startswith("kit_")]
    assert [e.canonical for e in loaded.get_pipe("kit_entities").user_entries] == ["Qaryat al-Zaytoun", "Liwa al-Quds"]
    assert loaded.get_pipe("kit_pos").by_tag == pipeline.get_pipe("kit_pos").by_tag
    assert tables_of(loaded) == before


def test_to_bytes_round_trip_of_the_entity_layer(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text(MINE)
    pipeline = kit.load_nlp(components=("kit_paragraphs", "kit_entities"), entity_files=[str(mine)])
    fresh = spacy.blank("en").add_pipe("kit_entities")
    assert fresh.user_entries == []
    fresh.from_bytes(pipeline.get_pipe("kit_entities").to_bytes())
    assert fresh.user_entries == pipeline.get_pipe("kit_entities").user_entries
