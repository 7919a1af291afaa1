"""The shipped gazetteers are well-formed, and users can extend them."""
import csv
from collections import Counter
from importlib import resources

import pytest

import kit
from kit.gazetteer import ACTOR_LABELS, PLACE_LABELS, name_key, read_entity_file, shipped_gazetteer, skeleton_key


def rows(name):
    text = resources.files("kit").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_actor_gazetteer_is_large_sourced_and_labelled():
    actors = rows("actors.csv")
    assert len(actors) >= 300
    assert all(r["source"] and r["canonical"] and r["label"] in {"ORG", "PERSON"} for r in actors)
    conflicts = Counter(r["country"] for r in actors)
    for country in ("SY", "UA", "RU", "IL", "PS", "SD", "YE", "MM", "CD", "ML", "LB"):
        assert conflicts[country] > 0, country


def test_every_row_cites_a_reference_page_of_its_own():
    """kit/data/SOURCES.md: rows come from systematic sources; "wire usage" alone is no reference."""
    for name, key in (("actors.csv", "canonical"), ("places.csv", "name")):
        unsourced = [r[key] for r in rows(name) if not r["source"].startswith(("Wikipedia:", "GeoNames", "organisation's own site"))]
        assert not unsourced, (name, unsourced)


def test_places_have_coordinates_and_sources():
    places = rows("places.csv")
    assert len(places) >= 300
    for r in places:
        assert r["label"] in PLACE_LABELS and r["source"]
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180


def test_no_name_belongs_to_two_entries():
    seen = {}
    for name in ("actors.csv", "places.csv"):
        for r in rows(name):
            for alias in [r.get("canonical") or r["name"], *filter(None, r["aliases"].split("|"))]:
                key = alias if alias.isupper() else name_key(alias)
                assert seen.setdefault(key, r.get("canonical") or r["name"]) == (r.get("canonical") or r["name"]), alias


def test_keys():
    assert name_key("Hay'at Tahrir al-Sham") == name_key("Hayat Tahrir al Sham") == "hayat tahrir al sham"
    assert name_key("the Syrian Observatory") == "syrian observatory"
    assert skeleton_key("al-Hamadanyiah") == skeleton_key("Hamdaniyah")
    assert skeleton_key("Khan Shaykhun") == skeleton_key("Khan Sheikhoun")


def test_lookups():
    gazetteer = shipped_gazetteer()
    assert gazetteer.lookup("HTS").canonical == "Hayat Tahrir al-Sham"
    assert gazetteer.lookup("White Helmets").canonical == gazetteer.lookup("Syrian Civil Defense").canonical
    assert gazetteer.lookup("Hama province").canonical == "Hama"  # a province and its capital are one entity
    assert gazetteer.lookup("Britain").canonical == "United Kingdom"
    assert gazetteer.lookup("us") is None and gazetteer.lookup("US").canonical == "United States"
    assert gazetteer.city("Hama", countries={"SY"}) is not None


def test_descriptions_are_not_matched_in_running_text():
    gazetteer = shipped_gazetteer()
    names = {name for _, name, _ in gazetteer.patterns()}
    assert "Syrian army" not in names and "Hayat Tahrir al-Sham" in names


def test_user_file_extends_and_wins(tmp_path, nlp):
    path = tmp_path / "mine.csv"
    path.write_text("canonical,label,aliases,kind,country,lat,lon,source\n"
                    "Qaryat al-Zaytoun,GPE,Zaytoun|al-Zaytoun,village,SY,35.1,36.2,field notes\n"
                    "Liwa al-Quds,ORG,Quds Brigade,militia,SY,,,field notes\n")
    pipeline = kit.load_nlp(entity_files=[str(path)])
    assert pipeline is not nlp
    doc = pipeline("Fighters of the Quds Brigade shelled Zaytoun village on Monday, residents said.")
    found = {(m["canonical"], m["label"]) for m in doc._.kit_mentions}
    assert {("Liwa al-Quds", "ORG"), ("Qaryat al-Zaytoun", "GPE")} <= found


def test_add_entities_to_a_pipeline(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("canonical,label,aliases\nKhirbet Ghazaleh Brigade,ORG,KGB Unit\n")
    pipeline = kit.load_nlp(components=("kit_paragraphs", "kit_entities"), entity_files=())
    assert kit.add_entities(pipeline, path) == 1
    doc = pipeline("The KGB Unit said it had withdrawn.")
    assert [m["canonical"] for m in doc._.kit_mentions if m["label"] == "ORG"] == ["Khirbet Ghazaleh Brigade"]


@pytest.mark.parametrize("content, message", [
    ("name,label\nX,WEAPON\n", "line 2"), ("", "no entities"), ("canonical,label\n,ORG\n", "line 2")])
def test_bad_user_files(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(kit.KitError, match=message):
        read_entity_file(path)


def test_labels_are_known():
    assert ACTOR_LABELS | PLACE_LABELS == {"ORG", "PERSON", "NORP", "GPE", "LOC", "FAC"}
