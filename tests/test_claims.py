"""The claim layer: each structure, speakers, pronouns, several speakers, every status, odd quotes."""
import pytest


def claims(nlp, text):
    return nlp(text)._.kit_claims


def one(nlp, text):
    found = claims(nlp, text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, speaker, content", [
    ("The Karam Observatory said that 12 people died in the strike.", "Karam Observatory", "12 people died in the strike"),
    ("Twelve people died in the strike, the Karam Observatory said.", "Karam Observatory", "Twelve people died in the strike"),
    ("Twelve people died in the strike, said Colonel Yusuf Karimov.", "Yusuf Karimov", "Twelve people died in the strike"),
    ("Yusuf Karimov told reporters that the army had withdrawn from the town.", "Yusuf Karimov", "the army had withdrawn from the town"),
    ("According to the Karam Observatory, the army withdrew from the town.", "Karam Observatory", "the army withdrew from the town"),
    ("The army withdrew from the town, according to the Karam Observatory.", "Karam Observatory", "The army withdrew from the town"),
    ("The Desert Hawks Brigade claimed to have captured the airport.", "Desert Hawks Brigade", "to have captured the airport"),
    ("The Karam Observatory reported heavy clashes near the airport.", "Karam Observatory", "heavy clashes near the airport"),
    ("The army withdrew from the town, citing the Karam Observatory.", "Karam Observatory", "The army withdrew from the town"),
    # made-up sentences for classes seen on real text (issue 10)
    ("Nine people died in the shelling the Karam Observatory said in an updated toll.", "Karam Observatory",
     "Nine people died in the shelling"),
    ("The provincial police put the death toll at 16.", "provincial police", "the death toll at 16"),
])
def test_structures(nlp, text, speaker, content):
    claim = one(nlp, text)
    assert speaker in claim["speaker"] and content in claim["content"]
    assert claim["kind"] == "indirect" and claim["status"] in {"reported", "claimed"}
    assert text[claim["start_char"] : claim["end_char"]].find(claim["content"]) >= 0


def test_direct_quote_after_and_before(nlp):
    after = one(nlp, "“We will not leave this town,” said Yusuf Karimov.")
    before = one(nlp, "Yusuf Karimov said: “We will not leave this town.”")
    for claim in (after, before):
        assert claim["speaker"] == "Yusuf Karimov" and claim["kind"] == "direct"
        assert claim["content"].startswith("We will not leave this town")


def test_split_quote(nlp):
    claim = one(nlp, "“We will not leave,” Yusuf Karimov said, “whatever the cost to our fighters.”")
    assert claim["kind"] == "direct" and "whatever the cost" in claim["content"] and "We will not leave" in claim["content"]


def test_mixed_quote(nlp):
    claim = one(nlp, "Yusuf Karimov said the army would “defend every street of the city” against attackers.")
    assert claim["kind"] == "mixed"


def test_unbalanced_quotes_are_not_fatal(nlp):
    found = claims(nlp, "Yusuf Karimov said: “We will not leave this town.\n\nThe army said it had withdrawn from the hills.")
    assert any(c["speaker"] == "Yusuf Karimov" for c in found)


def test_pronouns_resolve_to_the_nearest_compatible_subject(nlp):
    text = ("Interior Minister Farouk Haddadin visited the border on Sunday. He told reporters that the crossing "
            "would reopen. The Karam Observatory said that shelling continued. It said three people died.")
    found = claims(nlp, text)
    speakers = [(c["speaker_text"], c["speaker"]) for c in found]
    assert ("He", "Farouk Haddadin") in speakers and ("It", "Karam Observatory") in speakers


def test_several_speakers_on_one_cue(nlp):
    claim = one(nlp, "The Karam Observatory and the Desert Hawks Brigade reported heavy clashes near the airport.")
    assert claim["speaker"] == "Karam Observatory" and claim["co_speakers"] == "Desert Hawks Brigade"


def test_definite_description_speaker(nlp):
    text = ("A source at the Aleppo Police Command told SANA that rockets hit the old city. "
            "The source added that the attack damaged houses.")
    found = claims(nlp, text)
    assert [c["speaker"] for c in found] == ["Aleppo Police Command", "Aleppo Police Command"]


@pytest.mark.parametrize("text, status", [
    ("The Karam Observatory said that 12 people died.", "reported"),
    ("The Desert Hawks Brigade claimed that 12 soldiers died.", "claimed"),
    ("The Desert Hawks Brigade alleged that 12 soldiers died.", "claimed"),
    ("State television said government forces killed 100 insurgents, without providing evidence.", "unverified"),
    ("The brigade said it killed 100 soldiers. The claim could not be independently verified.", "unverified"),
    ("The governor said witnesses, whom he did not identify, saw the convoy leave at dawn.", "unverified"),
    ("The ministry said the rebels had fired first but did not provide any evidence.", "unverified"),
    ("The brigade said it captured the town. There was no independent confirmation of the claim.", "unconfirmed"),
    ("The army denied that its forces had shelled the market.", "denied"),
    ("The brigade said it shot down a jet. The army dismissed the claims as propaganda.", "disputed"),
])
def test_every_status(nlp, text, status):
    found = claims(nlp, text)
    assert found[0]["status"] == status
    if status != "reported":
        assert found[0]["status_evidence"]


def test_not_claims(nlp):
    assert claims(nlp, "The attack claimed the lives of 12 people.") == []
    assert claims(nlp, "Residents were told to leave the town.") == []
    assert claims(nlp, "State television did not specify the nature of the attack.") == []


def test_seed_claims_and_statuses():
    import kit

    from .conftest import SEED_ARTICLE

    tables = kit.annotate(kit.load(SEED_ARTICLE))
    claims_ = tables.claims
    status = dict(zip(claims_["speaker"] + " " + claims_["cue"], claims_["status"]))
    assert status["Syrian state television claimed"] == "unverified"
    assert status["Hayat Tahrir al-Sham claimed"] == "unconfirmed"
    text = tables.articles.loc[0, "text"]
    for row in claims_.itertuples():
        assert row.content in text[row.start_char : row.end_char]


def test_quote_over_two_paragraphs(nlp):
    text = ("Yusuf Karimov said: “We will not leave this town. Our families are here.\n\n"
            "“We have nowhere else to go, whatever the army does.”")
    claim = [c for c in claims(nlp, text) if c["speaker"] == "Yusuf Karimov"][0]
    assert claim["kind"] == "direct" and "nowhere else to go" in claim["content"]


def test_acts_and_adjuncts_are_not_claims(nlp):
    assert claims(nlp, "The rebels declared a three-day truce in the valley.") == []
    found = claims(nlp, "Shells fell all night, one resident said, speaking on condition of anonymity.")
    assert [c["content"] for c in found] == ["Shells fell all night"]
    assert found[0]["speaker"] == "resident"


# -- issue 10: classes seen on real text, in made-up sentences ------------------------------------------------------

@pytest.mark.parametrize("text, speaker, content", [
    # a participle clause speaks for the subject of whatever verb it hangs on
    ("The governor vetoed the bill on Friday, saying that it would empty the pension fund.", "governor",
     "it would empty the pension fund"),
    ("The mayor echoed those worries, saying the city could not afford another closure.", "mayor",
     "the city could not afford another closure"),
    # a statement or letter "saying" speaks for who issued it
    ("The Karam Observatory issued a statement on Tuesday saying the dam had been shelled.", "Karam Observatory",
     "the dam had been shelled"),
    ("She asked whether the council would delay the vote until spring.", None, "the council would delay the vote"),
])
def test_participles_and_new_cues(nlp, text, speaker, content):
    found = claims(nlp, "Maria Kowalski chaired the meeting. " + text)
    claim = next(c for c in found if content in c["content"])
    assert speaker is None or speaker in claim["speaker"]
    assert claim["speaker"] != "city"


def test_content_stops_at_a_clause_coordinated_with_the_cue(nlp):
    found = claims(nlp, "Yusuf Karimov said the deal was dead and he would vote against it, but aides said he "
                        "might change his mind.")
    first = next(c for c in found if c["speaker"] == "Yusuf Karimov")
    assert first["content"].endswith("vote against it") and "aides" not in first["content"]
    assert any(c["speaker_text"] == "aides" and "change his mind" in c["content"] for c in found)


def test_split_quote_over_a_sentence_end_and_a_long_cue_clause(nlp):
    text = ("“We will stay in the valley,” said Yusuf Karimov, a farmer from a village north of the dam. "
            "“Our fields are all we have left.”")
    claim = one(nlp, text)
    assert claim["speaker"] == "Yusuf Karimov" and claim["kind"] == "direct"
    assert claim["content"].startswith("We will stay") and claim["content"].endswith("all we have left.")


def test_a_second_quote_of_another_speaker_is_not_joined(nlp):
    found = claims(nlp, "“The bridge is open,” Yusuf Karimov said. “It is not,” the police chief replied.")
    karimov = next(c for c in found if c["speaker"] == "Yusuf Karimov")
    assert "It is not" not in karimov["content"]


def test_doubled_apostrophes_are_quotation_marks(nlp):
    claim = one(nlp, "''We will not back down from this fight,'' Yusuf Karimov said. ''The town is with us.''")
    assert claim["speaker"] == "Yusuf Karimov" and claim["kind"] == "direct"
    assert claim["content"].startswith("We will not back down") and "The town is with us" in claim["content"]


def test_pronoun_resolution_agrees_in_sex_and_sees_every_pass(nlp):
    text = ("Maria Kowalski met Peter Karimov in the capital on Monday. Karimov said the talks had failed. "
            "“We expected more from this meeting,” she said.")
    quote = next(c for c in claims(nlp, text) if c["content"].startswith("We expected"))
    assert quote["speaker"] == "Maria Kowalski" and quote["speaker_text"] == "she"


def test_title_tells_the_sex_of_a_mention(nlp):
    text = ("Mrs. Hadley spoke after Mr. Okafor. Mr. Okafor said the plan was sound. "
            "“It will not survive the winter,” she said.")
    quote = next(c for c in claims(nlp, text) if c["content"].startswith("It will not"))
    assert "Okafor" not in quote["speaker"]


def test_a_denial_by_another_party_disputes_the_claim(nlp):
    found = claims(nlp, "The army said it had killed 40 fighters near the dam. The rebels denied that any fighters "
                        "had died.")
    army = next(c for c in found if c["speaker"] == "army")
    assert army["status"] == "disputed" and army["status_evidence"] == "denied"
    assert next(c for c in found if c["speaker"] == "rebels")["status"] == "denied"
    unrelated = claims(nlp, "The army said it had killed 40 fighters near the dam. The rebels denied shelling the "
                            "market.")
    assert next(c for c in unrelated if c["speaker"] == "army")["status"] == "reported"


def test_rejecting_an_act_does_not_dispute_an_earlier_claim(nlp):
    found = claims(nlp, "The ruling party said it regretted the decision. The rebels rejected the peace agreements "
                        "signed in the capital.")
    assert next(c for c in found if "regretted" in c["content"])["status"] == "reported"


def test_a_full_name_outside_the_gazetteer_without_its_apposition(nlp):
    claim = one(nlp, "Dorota Wyszynska, a nurse at the district clinic, told reporters that the wards were full.")
    assert claim["speaker"] == "Dorota Wyszynska" and claim["speaker_text"].startswith("Dorota Wyszynska, a nurse")


@pytest.mark.parametrize("text, speaker, content", [
    ("Air strikes on the town killed at least 12 civilians said the Syrian Observatory for Human Rights.",
     "Syrian Observatory for Human Rights", "Air strikes on the town killed at least 12 civilians"),
    ("The army took three villages while clashes raged in the east said the observatory which tracks the war.",
     "observatory", "The army took three villages while clashes raged in the east"),
    ("The minister said the army had withdrawn from the town.", "minister", "the army had withdrawn from the town"),
])
def test_a_cue_without_its_comma_still_finds_the_speaker_after_it(text, speaker, content):
    import kit

    claims = kit.annotate(text).claims
    assert len(claims) == 1
    assert claims.loc[0, "speaker"].lower() == speaker.lower() and claims.loc[0, "content"] == content


@pytest.mark.parametrize("text, content, not_content", [
    # scraped copy that lost its commas: the statement comes before the speaker in the middle of the sentence
    ("Eleven people were wounded in the raid on the market the Karam Observatory said on Sunday near the bridge.",
     "Eleven people were wounded in the raid on the market", "near the bridge"),
    ("BEIRUT Eleven people were wounded in the raid on the market the Karam Observatory said a district near the bridge.",
     "Eleven people were wounded in the raid on the market", "a district near the bridge"),
])
def test_a_statement_before_a_commaless_speaker(nlp, text, content, not_content):
    claim = one(nlp, text)
    assert "Karam Observatory" in claim["speaker"]
    assert content in claim["content"] and not_content not in claim["content"]


def test_a_commaless_speaker_after_an_opening_clause_speaks_what_follows(nlp):
    claim = one(nlp, "When the raid began on Sunday the Karam Observatory said eleven people were wounded near the bridge.")
    assert "eleven people were wounded" in claim["content"]


def test_descriptions_of_a_body_stand_for_the_body_named(nlp):
    text = ("Eleven people were killed in the raid, a rights group said on Sunday. The Karam Observatory for Human Rights said "
            "the raid hit a market. The group said the toll could rise. The Lotus Relief Foundation, a charity, sent "
            "two trucks to the town. The humanitarian organisation said more help was needed.")
    found = {c["content"][:20]: c["speaker"] for c in claims(nlp, text)}
    speakers = list(found.values())
    assert speakers.count("Karam Observatory for Human Rights") == 3, found
    assert speakers[-1] == "Lotus Relief Foundation", found


def test_an_indefinite_description_needs_one_body_of_its_kind(nlp):
    text = ("Eleven people were killed in the raid, an NGO said on Sunday. The Karam Observatory for Human Rights "
            "counted the dead. The Lotus Relief Foundation sent two trucks to the town.")
    assert one(nlp, text)["speaker"] == "NGO"  # a monitor and an aid body: either could be meant


def test_a_speaker_with_its_acronym_in_parentheses(nlp):
    claim = one(nlp, "The toll has risen to 11, including nine civilians, the Karam Relief Centre (KRC) said on Tuesday.")
    assert claim["speaker"] == "Karam Relief Centre"
    assert "risen to 11" in claim["content"]


def test_a_commaless_adding_takes_the_speaker_of_the_cue_before_it(nlp):
    found = claims(nlp, "The Karam Observatory said three children and two women were among the dead adding that the "
                        "raids were carried out by unknown warplanes.")
    adding = [c for c in found if c["cue"].startswith("adding")]
    assert adding and adding[0]["speaker"] == "Karam Observatory", found



@pytest.mark.parametrize("text, content", [
    ("State television quoted Governor Omar Haddad as saying that 12 people died in the blast.",
     "12 people died in the blast"),
    ("Channel 9 quoted Defence Minister Omar Haddad as telling reporters that the army had used gas.",
     "the army had used gas"),
])
def test_quoted_as_saying_gives_the_words_to_who_is_quoted(nlp, text, content):
    claim = one(nlp, text)
    assert claim["speaker"] == "Omar Haddad" and content in claim["content"]


def test_a_title_alone_stands_for_the_person_last_named_with_it(nlp):
    found = claims(nlp, "President Ada Vint visited the town on Monday. The president said the army would stay. "
                        "Sen. Omar Haddad disagreed. The senator said the army must leave.")
    assert [c["speaker"] for c in found] == ["Ada Vint", "Omar Haddad"], found
    assert [c["speaker_text"] for c in found] == ["The president", "The senator"]


def test_according_to_a_source_described_after_it(nlp):
    claim = one(nlp, "Clashes in Karam raged on Thursday according to the Karam Observatory which has counted the "
                     "shells since July.")
    assert "Clashes in Karam raged on Thursday" in claim["content"] and "counted" not in claim["content"]


@pytest.mark.parametrize("text", [
    "Russia maintains the huge airbase near the coast.",
    "Government troops maintained their positions outside the town.",
])
def test_maintain_without_a_clause_is_no_claim(nlp, text):
    assert claims(nlp, text) == []


def test_maintain_with_a_clause_is_a_claim(nlp):
    assert one(nlp, "The ministry maintained that the convoy was never hit.")["speaker"] == "ministry"


def test_an_expanded_acronym_in_brackets_does_not_cut_the_sentence(nlp):
    found = claims(nlp, "According to the border guards, the PRL [Popular Revolutionary League] moved two columns "
                        "towards the coast last week.")
    assert len(found) == 1 and found[0]["speaker_text"] == "the border guards", found
    assert found[0]["content"].startswith("the PRL [Popular Revolutionary League] moved"), found


def test_an_impersonal_passive_cue_gives_the_words_to_its_agent(nlp):
    found = claims(nlp, "A magistrate died in an ambush on the coast road, it was announced on Tuesday by the "
                        "regional police.")
    assert len(found) == 1 and found[0]["speaker_text"] == "the regional police", found
    assert found[0]["content"] == "A magistrate died in an ambush on the coast road", found


def test_claiming_lives_is_a_toll_not_a_cue_that_cuts_the_content(nlp):
    found = claims(nlp, "The governor told the radio that gunmen opened fire on a wedding party claiming the lives "
                        "of an elderly couple and wounding a guest.")
    assert len(found) == 1 and found[0]["content"].endswith("wounding a guest"), found


def test_a_headline_glued_before_the_speaker_is_not_the_speaker(nlp):
    found = claims(nlp, "The bridge was reopened on Friday. Two drivers hurt on coast road near Karam Later harbour "
                        "officials told the radio that two lorries had collided in the fog.")
    told = [c for c in found if c["cue"] == "told"]
    assert len(told) == 1 and told[0]["speaker_text"] == "harbour officials", found


def test_they_after_a_claim_is_the_speaker_not_a_subject_inside_what_was_said(nlp):
    found = claims(nlp, "Union leaders announced on Friday that dock workers blocked the harbour gates. They said the "
                        "strike would last until the talks resumed.")
    said = [c for c in found if c["cue"] == "said"]
    assert len(said) == 1 and said[0]["speaker"] == "Union leaders", found


@pytest.mark.parametrize("text, cue, speakers", [
    # "by telling Y that …": the one who tells, not the listener
    ("The governor opened the session by bluntly telling the farmers that the canal would be closed.", "telling",
     ["governor"]),
    # a name inside quoted words is not what a later pronoun refers to
    ("Senator Paul Graves spoke on Monday. Graves said, “We cannot win like this.” He continued, “I believe "
     "Tom Reyes is wrecking the party.” He added, “The vote will be close.”", "added", ["Paul Graves"]),
    # the main-clause subject of an earlier sentence outranks a subject of a clause inside it
    ("Mark Dunne took his son to the museum to show him who Fadi Karam was. "
     "He said the visit had changed how the boy saw the war.", "said", ["Mark Dunne"]),
])
def test_who_speaks_a_pronoun_or_participle_cue(nlp, text, cue, speakers):
    assert [c["speaker"] for c in claims(nlp, text) if c["cue"] == cue] == speakers


@pytest.mark.parametrize("text, listener", [
    ("The party's press account stayed busy, re-tweeting several hostile remarks about the budget.", "remarks"),
    ("The minister's first instinct is to tell the farmers that the canal is safe.", "farmers"),
])
def test_the_noun_after_a_participle_or_infinitive_cue_never_speaks(nlp, text, listener):
    assert not any(listener in (c["speaker"] or "") for c in claims(nlp, text))


def test_it_does_not_refer_to_a_name_that_modifies_a_plural_subject(nlp):
    text = ("A monitoring group said the base fell at dawn. Then the Karam Brigade gunmen burned the depot. "
            "It added that 35 fighters died in the clashes.")
    assert [c["speaker"] for c in claims(nlp, text)] == ["monitoring group"] * 2


def test_a_day_between_a_cue_and_its_participle_does_not_speak(nlp):
    text = "The car carried a second man whose role was unclear KHRO reported Friday adding that the blast wounded four guards."
    assert [(c["speaker"], c["cue"]) for c in claims(nlp, text)][-1] == ("KHRO", "adding")


def test_a_speaker_inside_a_subordinate_clause_yields_to_the_main_subject(nlp):
    text = ("Dr. Omar Haddad turned the story back on the paper, pointing out that its reporter Tom Reyes had "
            "reported in June that the campaign was failing. He hoped, he said, that the paper would apologise.")
    assert [c["speaker"] for c in claims(nlp, text) if c["cue"] == "said"] == ["Omar Haddad"]


@pytest.mark.parametrize("text, cue, speaker", [
    # an age or a description between commas sits between the speaker and the cue; the one told never speaks
    ("“The road to the coast is closed,” Lena Haddad, 41, told the radio station on Monday.", "told", "Lena Haddad"),
    ("“We will rebuild the school,” Omar Saleh, head of the farmers' union, tells the local paper.", "tells",
     "Omar Saleh"),
    # copy without commas: the statement and its speaker parsed as one phrase
    ("A roadside bomb killed at least four soldiers and wounded two others near the town of Qaryatain on Tuesday "
     "state media said.", "said", "state media"),
])
def test_speaker_of_a_cue_the_parser_left_without_its_subject(nlp, text, cue, speaker):
    assert [c["speaker"] for c in claims(nlp, text) if c["cue"] == cue] == [speaker]


def test_commaless_speaker_starts_after_the_last_place_of_the_statement(nlp):
    text = ("Warplanes struck a fuel depot in the province of Idlib local media reported Tuesday. The strikes "
            "destroyed four trucks the regional agency said. Residents fled the town after the raid.")
    assert [c["speaker_text"] for c in claims(nlp, text)] == ["local media", "the regional agency"]


def test_a_relative_clause_after_a_cue_is_not_what_was_said(nlp):
    text = "The gunmen have lost the hills to the army the governor said which explains the bombings in the city."
    assert [c["content"] for c in claims(nlp, text)] == ["The gunmen have lost the hills to the army"]


def test_content_that_opens_a_quotation_runs_to_where_it_closes(nlp):
    text = ('The mayor said in a radio interview on Sunday that "the bridge over the river is gone. We cannot reach '
            'the villages by road." Rain fell all week.')
    [claim] = claims(nlp, text)
    assert claim["content"].endswith("We cannot reach the villages by road.")


def test_a_quoted_fragment_inside_a_longer_clause_keeps_the_clause(nlp):
    text = ('The envoy stressed that "the talks have stalled over the prisoners" in the north, not to mention that '
            'the border "will stay closed" for the winter.')
    [claim] = claims(nlp, text)
    assert claim["content"].endswith("for the winter") and claim["kind"] == "mixed"


def test_they_never_stands_for_one_person(nlp):
    text = ("Mayor Paul Graves met the striking dockers on Monday. They said the port would stay shut until "
            "the wages were paid.")
    assert not any(c["speaker"] == "Paul Graves" for c in claims(nlp, text))


@pytest.mark.parametrize("text, speaker, content", [
    ("The navy was quoted as saying that the frigate had reached the port before dawn.", "navy",
     "the frigate had reached the port before dawn"),
    ('"The convoy reached the camp. The road is open again," a senior aid official was quoted by the radio as '
     'saying.', "senior aid official", "The convoy reached the camp. The road is open again,"),
])
def test_the_one_quoted_as_saying_speaks_once(nlp, text, speaker, content):
    found = claims(nlp, text)
    assert [(c["speaker"], c["cue"], c["content"]) for c in found] == [(speaker, "saying", content)]


@pytest.mark.parametrize("text", [
    "The city columnist Jane Roe has been critical of the mayor but on Tuesday wrote that she agreed with him "
    "that the bridge must close.",
    "The Karam Museum in Leeds issued a report this month charging the militia with crimes in the valley.",
])
def test_a_day_never_speaks(nlp, text):
    speakers = [c["speaker"] for c in claims(nlp, text)]
    assert not any(s in {"Tuesday", "month"} for s in speakers), speakers
    assert speakers in ([], ["Jane Roe"])


def test_a_passive_cue_s_agent_is_never_what_was_said(nlp):
    rows = claims(nlp, "The proposal was rejected by the hardline factions which refused to attend.")
    assert not [c for c in rows if c["content"].startswith("by ")], rows
    rows = claims(nlp, "It was announced by the ministry that the talks would resume.")
    assert [(c["speaker"], c["content"]) for c in rows] == [("ministry", "the talks would resume")], rows


def test_a_pronoun_finds_a_subject_the_parse_hides(nlp):
    # "a worker named X" hung by the parser as an apposition to the place before it: X is the main clause's subject
    text = ("Ines Bauer, a union leader, said pay had fallen. ''We are losing,'' she said. Carl Ruiz said plants moved "
            "south.\n\nOutside the plant on Galeana Street in the suburb of Santa Rosa, a worker named Tomas Ferreira has "
            "nothing but good things to say about his job, much like his colleagues up north. ''The pay is fair, a calm "
            "place,'' he said.")
    rows = [c for c in claims(nlp, text) if c["speaker_text"] == "he"]
    assert [c["speaker"] for c in rows] == ["Tomas Ferreira"], claims(nlp, text)
