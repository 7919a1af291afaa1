"""The cleaner: general boilerplate rules, header recovery, inline chrome, and nothing lost."""
import re

import pytest

from kit.cleaning import boilerplate_reason, clean_article, looks_like_byline, split_paragraphs

BODY = (
    "Russian shelling killed 12 civilians in Kharkiv on Monday, the regional governor said, as Moscow's forces "
    "pressed their assault on the north-east of Ukraine."
)


@pytest.mark.parametrize(
    "line, category",
    [
        ("Skip to main content", "navigation"),
        ("Sign up for our free daily briefing newsletter", "newsletter"),
        ("Enable push notifications in your browser settings", "notification"),
        ("Please make a donation today", "donation"),
        ("Subscribe now for unlimited digital access", "subscription"),
        ("Thank you for signing up", "registration"),
        ("Please refresh your browser to continue", "refresh"),
        ("We use cookies to improve your experience.", "cookie"),
        ("Read more: What we know about the offensive", "readmore"),
        ("Share this article", "share"),
        ("Photo: Getty Images", "photo_credit"),
        ("Jane Doe is a senior correspondent covering Ukraine.", "author_bio"),
        ("Advertisement", "advert"),
        ("© 2024 Example Media. All rights reserved.", "rights"),
        ("3 hours ago", "timestamp"),
    ],
)
def test_chrome_lines(line, category):
    assert boilerplate_reason(line) == f"boilerplate:{category}"


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "The government said it would open shelters for those who lost their homes.",
        "Activists shared videos of the strike on social media.",
        "He told reporters that Tehran will back the Syrian government and army.",
    ],
)
def test_news_sentences_are_not_chrome(line):
    assert boilerplate_reason(line) is None


def test_long_paragraph_is_never_chrome_whatever_it_mentions():
    long = " ".join([BODY] * 8) + " Read Also subscribe newsletter cookies"
    assert boilerplate_reason(long) is None


def test_outlet_self_promotion_goes_with_reader_address():
    page = "\n\n".join([
        "Strikes hit Kharkiv",
        "The Guardian is on the ground in Ukraine. We believe our reporting should be open to all, so we keep it free.",
        BODY,
        "The governor said 31 people were wounded.",
    ])
    cleaned = clean_article(page)
    assert "The Guardian is on the ground" not in cleaned.text
    assert [r.reason for r in cleaned.removed] == ["boilerplate:promotion"]


def test_reader_addressing_paragraph_between_chrome_goes():
    page = "\n\n".join([
        "Headline about a war",
        "Your support helps us to tell the story",
        "At this moment we need you more than ever to stand with independent reporting on the ground.",
        "Your support makes all the difference.",
        BODY,
        "The governor said 31 people were wounded.",
    ])
    cleaned = clean_article(page)
    assert "we need you" not in cleaned.text and cleaned.text.endswith("31 people were wounded.")


def test_header_recovery_on_a_scraped_page(fixtures):
    cleaned = clean_article((fixtures / "scraped_page.txt").read_text())
    assert cleaned.title == "Shelling kills 12 in Kharkiv as Russian forces press on"
    assert cleaned.standfirst.startswith("Regional officials said")
    assert cleaned.byline == "Jane Doe and John Roe"
    assert cleaned.published == "2023-03-14T10:02:00+00:00"
    assert cleaned.text.startswith(cleaned.title + "\n\n" + cleaned.standfirst)
    assert "Getty" not in cleaned.text and "cookies" not in cleaned.text and "Read more" not in cleaned.text


def test_nothing_is_lost(fixtures):
    source = (fixtures / "scraped_page.txt").read_text()
    cleaned = clean_article(source)
    pieces = [cleaned.text] + [r.text for r in cleaned.removed]
    for line in filter(None, (line.strip() for line in source.splitlines())):
        assert any(line in piece for piece in pieces), line


def test_given_header_values_win_and_title_is_prepended():
    cleaned = clean_article(BODY, title="Shelling in Kharkiv", outlet="Wire", published="2023-03-14")
    assert cleaned.text == "Shelling in Kharkiv\n\n" + BODY
    assert (cleaned.title, cleaned.outlet, cleaned.published) == ("Shelling in Kharkiv", "Wire", "2023-03-14")


def test_title_already_opening_a_record_is_not_repeated():
    text = "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO. Victims of a suspected attack..."
    cleaned = clean_article(text, title="Syria attack symptoms consistent with nerve agent use WHO")
    assert cleaned.text.startswith("Syria attack symptoms") and cleaned.text.count("nerve agent use WHO") == 1
    assert cleaned.published == "2017-04-05"
    assert [r.reason for r in cleaned.removed] == ["dateline"]


def test_inline_chrome_in_one_line_records():
    text = (BODY + " Slideshow (3 Images) The governor said 31 people were wounded. Reporting by Jane Doe; "
            "Editing by John Roe Our Standards:The Trust Principles.")
    cleaned = clean_article(text)
    assert cleaned.text.endswith("31 people were wounded.") and "Slideshow" not in cleaned.text
    assert cleaned.byline == "Jane Doe"
    assert {r.reason for r in cleaned.removed} == {"inline:chrome", "trailer:credit", "trailer:standards"}


@pytest.mark.parametrize(
    "tail, reason",
    [
        (" (Click to enlarge) Read Also", "inline:chrome"),
        (" (Source: Syrian Coalition Media Office) Twitter", "trailer:source"),
        (" Manar al-Frieh/Manal", "trailer:signature"),
    ],
)
def test_trailers(tail, reason):
    cleaned = clean_article(BODY + tail)
    assert cleaned.text == BODY and reason in {r.reason for r in cleaned.removed}


@pytest.mark.parametrize(
    "line, names",
    [("Kareem Chehayeb", "Kareem Chehayeb"), ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
     ("By Abu Bakr al-Amin", "Abu Bakr al-Amin")],
)
def test_byline_shapes(line, names):
    assert looks_like_byline(line) == names


@pytest.mark.parametrize("line", ["Syria sends in reinforcements to halt insurgents", "Thank you.", "Kharkiv, 2023", "Aleppo"])
def test_not_bylines(line):
    assert looks_like_byline(line) is None


def test_hard_wrapped_text_is_rejoined():
    wrapped = "Russian shelling killed 12 civilians in Kharkiv on Monday, the\nregional governor said, as Moscow's forces pressed their assault on\nthe north-east of Ukraine."
    assert split_paragraphs(wrapped) == [re.sub(r"\s*\n", " ", wrapped)]


def test_text_in_capitals_gets_its_usual_case_with_offsets_kept():
    from kit.casing import is_shouted, restore_case

    shouted = ("RIVERTON, 4 MAR 91 (XINHUA) -- [TEXT] GENERAL TOMAS VELARDE, COMMANDER OF THE NATIONAL POLICE, SAID "
               "TODAY THAT THE PRL (POPULAR REVOLUTIONARY LEAGUE) KILLED TWO GUARDS.")
    restored = restore_case(shouted)
    assert len(restored) == len(shouted) and restored.lower() == shouted.lower()
    assert "Tomas Velarde" in restored and "National Police" in restored and "(PRL" not in restored
    assert "said today that" in restored and "killed two guards" in restored
    assert is_shouted(shouted) and not is_shouted(restored)


def test_teleprinter_message_ids_and_datelines_are_cut():
    from kit.cleaning import clean_article

    body = ("TST-LOG-0042 (ACME LTD)\n\nRIVERTON, 4 MAR 91 (XINHUA) -- [REPORT] [PROVINCIAL RADIO] [TEXT] GUNMEN "
            "KILLED TWO GUARDS AT A MINE NEAR THE BORDER, THE PROVINCIAL GOVERNOR SAID TODAY.")
    cleaned = clean_article(body)
    assert cleaned.text.startswith("Gunmen killed two guards")
    assert {r.reason for r in cleaned.removed} >= {"boilerplate:identifier", "dateline"}
    assert cleaned.case_restored == 1


def test_shouted_organisation_names_and_ordinals_get_their_case():
    from kit.casing import restore_case

    text = "TALKS WITH THE NATIONAL WATER COMMISSION AND THE 3RD INFANTRY BRIGADE; THE ARMY AND THE LOCAL POLICE."
    restored = restore_case(text)
    assert len(restored) == len(text)
    assert "the National Water Commission" in restored and "3rd Infantry Brigade" in restored
    assert "the army and the local police" in restored  # a head noun alone, or with a plain adjective, stays common


def test_shouted_ordinals_open_street_and_unit_names_and_party_names_get_their_case():
    from kit.casing import restore_case

    text = "A BOMB ON 9TH WEST AVENUE NEAR THE 2D ARMY BRIGADE; THE LIBERAL PARTY MET ON THE 4TH DAY OF TALKS."
    restored = restore_case(text)
    assert len(restored) == len(text)
    assert "9th West Avenue" in restored and "2d Army Brigade" in restored and "the Liberal Party" in restored
    assert "the 4th day of talks" in restored  # an ordinal before common words stays common


def test_a_shouted_department_named_by_a_place_is_not_an_organisation_name():
    from kit.casing import restore_case

    restored = restore_case("TWO JUDGES WERE SHOT IN THE SOUTHERN DEPARTMENT OF BOLIVAR AND THE NATIONAL COMMISSION MET.")
    assert "department of Bolivar" in restored and "the National Commission" in restored


def test_a_given_name_in_capitals_is_not_taken_for_an_acronym():
    from kit.casing import restore_case
    text = restore_case("TROOPS ON THE SAN SALVADOR - SANTA ANA HIGHWAY CLASHED WITH THE FMLN, THE ICRC SAID.")
    assert "Santa Ana" in text and "FMLN" in text and "ICRC" in text


def test_shouted_spanish_articles_codes_surnames_and_city_names_get_their_case():
    from kit.casing import restore_case

    text = ("ENVOYS FLEW FROM PANAMA CITY TO LA CEIBA TO MEET PRESIDENT ZAPOTERO AND THE M-20 REBELS ABOUT THE "
            "BANCO DE LA REPUBLICA AND THE F-16 SALE. THE CITY WAS CALM; LA LA LAND.")
    restored = restore_case(text)
    assert len(restored) == len(text) and restored.lower() == text.lower()
    assert "Panama City" in restored and "La Ceiba" in restored and "president Zapotero" in restored
    assert "M-20" in restored and "F-16" in restored
    assert "de la Republica" in restored  # an article inside a name, after "de", stays lower case
    assert "The city was calm" in restored  # a common word on its own stays common



def test_shouted_past_tenses_and_participles_of_common_verbs_stay_common():
    from kit.casing import restore_case

    restored = restore_case("THE BISHOP DEPLORED THE RAIDS AND THE MAYOR REASSERTED THAT CREWS WERE REBUILDING THE PORT.")
    assert "deplored" in restored and "reasserted" in restored and "rebuilding" in restored
