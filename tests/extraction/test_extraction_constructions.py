"""One test per construction the engine must read, on sentences written for these tests."""

from datetime import date

import pytest

from claims.extraction import KnownSpeaker, extract, mentions
from claims.extraction.tokens import Word, Words


def only(claims, kind=None):
    """The one claim of `kind` (of any attribution kind when None; author assertions aside)."""
    chosen = [c for c in claims if (c.kind == kind if kind else c.kind != "assertion")]
    assert len(chosen) == 1, [c.as_contract() for c in claims]
    return chosen[0]


def test_quote_then_speaker_then_cue():
    text = 'Helena Varga spoke first.\n\n"We came with a serious offer," Varga said.'
    claim = only(extract(text))
    assert claim.text == '"We came with a serious offer,"'
    assert claim.kind == "direct"
    assert claim.speaker.text == "Varga"
    assert claim.speaker.name == "Helena Varga"
    assert claim.cue == "said"


def test_quote_then_bare_lowercase_title_and_name():
    text = '"We will cut the tolls by a third," port chairman Anders Holm said on Monday.'
    claim = only(extract(text))
    assert claim.text == '"We will cut the tolls by a third,"'
    assert claim.speaker.name == "Anders Holm"
    assert claim.speaker.role == "port chairman"


def test_a_question_quoted_then_attributed_in_what_the_splitter_calls_the_next_sentence():
    text = "“Why did you leave the party so early?” reporter Jackie Nespral asked him."
    claim = only(extract(text))
    assert claim.text == "“Why did you leave the party so early?”"
    assert (claim.speaker.name, claim.speaker.role, claim.cue) == ("Jackie Nespral", "reporter", "asked")


@pytest.mark.parametrize("cue", ["shot back", "fired back", "pointed out"])
def test_two_word_cues(cue):
    claim = only(extract(f'"The budget will not survive the winter session," Ruth Okafor {cue}.'))
    assert (claim.cue, claim.speaker.name) == (cue, "Ruth Okafor")


def test_as_opening_the_sentence_is_not_part_of_the_name():
    text = 'As Ruth Okafor pointed out on Monday, "the budget will not survive the winter session."'
    claim = only(extract(text))
    assert claim.speaker.name == "Ruth Okafor"


def test_shot_alone_is_no_cue():
    text = '"The budget will not survive the winter session," the report said. Police shot a fleeing man.'
    assert all(c.cue != "shot" for c in extract(text))


def test_a_dateline_is_not_part_of_what_was_reported():
    text = "PORT ELLEN, May 2 - Harbour tolls will be cut by a third from July, the transport ministry said."
    claim = only(extract(text))
    assert claim.text == "Harbour tolls will be cut by a third from July"
    assert claim.speaker.text == "the transport ministry"


def test_quote_then_words_that_are_no_title_are_not_a_role():
    text = '"We will cut the tolls by a third," the bill passed as Anders Holm said.'
    assert all(
        c.speaker is None or c.speaker.name != "Anders Holm" or c.kind == "assertion" for c in extract(text)
    )


def test_speaker_cue_colon_quote():
    text = 'The minister, Omar Haddad, said: "The ceasefire holds in every district."'
    claim = only(extract(text))
    assert claim.text == '"The ceasefire holds in every district."'
    assert claim.speaker.name == "Omar Haddad"
    assert claim.speaker.role == "The minister"


def test_inverted_cue_with_apposition_role():
    text = '"The numbers do not add up," said Wendy Sherman, the assistant US secretary of state.'
    claim = only(extract(text))
    assert claim.speaker.text == "Wendy Sherman"
    assert claim.speaker.role == "the assistant US secretary of state"


def test_quote_interrupted_by_attribution_is_one_claim_in_two_parts():
    text = '"We will be there," she said, "whatever the weather."'
    claims = extract(text, known_speakers=())
    # No earlier name: the pronoun stays unresolved, but the statement is still one claim.
    claim = only(claims)
    assert claim.start == 0 and claim.end == len(text)
    first, second = claim.parts
    assert text[first[0] : first[1]] == '"We will be there,"'
    assert text[second[0] : second[1]] == '"whatever the weather."'
    assert claim.speaker.text == "she" and claim.speaker.name is None


def test_pronoun_resolves_to_the_last_person_named():
    text = 'Ruth Okafor opened the debate.\n\n"This chamber can still do its job," she said.'
    assert only(extract(text)).speaker.name == "Ruth Okafor"


def test_title_and_surname_resolve_to_the_full_name():
    text = (
        "Russian President Vladimir Putin arrived in the capital on Monday.\n\n"
        '"We are not planning any attack," Mr Putin told reporters.'
    )
    claim = only(extract(text))
    assert claim.speaker.text == "Mr Putin"
    assert claim.speaker.name == "Vladimir Putin"


def test_title_before_name_becomes_the_role():
    text = 'Treasury Secretary Amal Rahimi said: "Nobody should wonder whether their cheque will arrive."'
    claim = only(extract(text))
    assert claim.speaker.name == "Amal Rahimi"
    assert claim.speaker.role == "Treasury Secretary"


def test_quotation_running_over_two_paragraphs():
    text = (
        'Helena Varga spoke to fishermen.\n\n"Our fishermen cannot wait another season.\n\n'
        '"If the talks resume, we will be there," she added.'
    )
    claim = only(extract(text))
    assert claim.text.startswith('"Our fishermen') and claim.text.endswith('we will be there,"')
    assert len(claim.parts) == 2
    assert claim.speaker.name == "Helena Varga"


def test_floating_quotation_paragraph_goes_to_the_speaker_before_it():
    text = (
        '"The talks were difficult," said Tomas Brenner, the chief negotiator.\n\n'
        '"What they call a compromise is a surrender."'
    )
    claims = extract(text)
    assert len(claims) == 2
    floating = claims[1]
    assert floating.text == '"What they call a compromise is a surrender."'
    assert floating.speaker.name == "Tomas Brenner"
    assert floating.cue is None


def test_reported_speech_with_that():
    text = "Tomas Brenner said on Monday that the proposal would halve the fleet's quota."
    claim = only(extract(text, published=date(2022, 1, 11)))
    assert claim.kind == "indirect"
    assert claim.text == "that the proposal would halve the fleet's quota"
    assert claim.speaker.name == "Tomas Brenner"
    assert claim.said_on == date(2022, 1, 10)  # the Monday before Tuesday 11 January


def test_reported_speech_with_content_first():
    text = "The proposal would have halved the fleet's quota, the chief negotiator said."
    claim = only(extract(text))
    assert claim.text == "The proposal would have halved the fleet's quota"
    assert claim.speaker.text == "the chief negotiator"
    assert claim.speaker.role == "the chief negotiator"


def test_according_to():
    text = "According to the Alden Fishermen's Association, more than 2,000 jobs depend on the harbour."
    claim = only(extract(text))
    assert claim.text == "more than 2,000 jobs depend on the harbour"
    assert claim.speaker.kind == "organisation"
    assert claim.cue == "According to"


def test_told_reporters_skips_the_audience():
    text = "Ukraine's SBU security service told reporters that the suspects had been detained."
    claim = only(extract(text))
    assert claim.text == "that the suspects had been detained"
    assert claim.speaker.text == "Ukraine's SBU security service"
    assert claim.speaker.kind == "organisation"


def test_reported_speech_containing_a_quotation_is_mixed():
    text = 'Senate leader Ruth Okafor said the vote showed that "this chamber can still do its job."'
    claim = only(extract(text))
    assert claim.kind == "mixed"
    assert claim.text.startswith("the vote showed")


def test_said_yesterday_is_the_day_before_publication():
    text = "The department said yesterday that a shutdown would have delayed pension payments."
    assert only(extract(text, published=date(2023, 3, 15))).said_on == date(2023, 3, 14)


def test_abbreviations_do_not_end_sentences():
    text = 'Sen. Ted Marsh of the U.S. Senate met Gov. Ana Ruiz on Jan. 5.\n\n"It went well," Marsh said.'
    claim = only(extract(text))
    assert claim.speaker.name == "Ted Marsh"


def test_known_speaker_alias_resolves_to_its_canonical_name():
    text = '"Prices will fall by spring," said Bob Lindqvist.'
    known = (KnownSpeaker(name="Robert Lindqvist", aliases=("Bob Lindqvist",)),)
    assert only(extract(text, known_speakers=known)).speaker.name == "Robert Lindqvist"


def test_single_quoted_word_is_not_a_claim():
    assert extract('The talks were described as "difficult" by observers.') == []


def test_doubled_apostrophes_are_quotation_marks():
    text = "''We will not back down,'' Mr. Haddad said."
    claim = only(extract(text))
    assert claim.kind == "direct"
    assert claim.text == "''We will not back down,''"
    assert claim.speaker.text == "Mr. Haddad"


def test_quotation_after_the_attribution_sentence_continues_the_claim():
    text = '"We came with an offer," Varga said. "Eastmark has not moved."'
    claim = only(extract(text))
    assert len(claim.parts) == 2
    assert text[slice(*claim.parts[1])] == '"Eastmark has not moved."'


def test_a_lead_in_before_the_quotation_is_part_of_the_statement():
    text = 'On trade, "we will not sign this deal," Okafor said.'
    claim = only(extract(text))
    assert claim.kind == "mixed"
    assert claim.text.startswith("On trade,")


def test_a_full_stop_before_the_closing_mark_ends_the_sentence():
    text = 'Brenner said the fleet "would be halved." He said talks would resume in May.'
    claims = extract(text, assertions=False)
    assert [c.text for c in claims] == [
        'the fleet "would be halved."',
        "talks would resume in May",
    ]


def test_parenthetical_attribution_splits_the_statement_in_two_parts():
    text = "The new quotas, the minister said, would protect the smallest harbours first."
    claim = only(extract(text))
    first, second = claim.parts
    assert text[slice(*first)] == "The new quotas"
    assert text[slice(*second)] == "would protect the smallest harbours first"
    assert claim.speaker.text == "the minister"


def test_participle_cue_takes_the_subject_of_its_sentence():
    text = "PORT ALDEN (Example Wire) - Helena Varga rejected the plan on Monday, saying it would ruin the fleet."
    rejected, saying = extract(text, assertions=False)
    assert (rejected.cue, rejected.text) == ("rejected", "the plan on Monday")
    assert (saying.cue, saying.text) == ("saying", "it would ruin the fleet")
    assert rejected.speaker.name == saying.speaker.name == "Helena Varga"


def test_participle_after_a_comma_speaks_for_the_subject():
    text = "In Salem, New Hampshire, Donald Trump went after his rivals, calling them weak on trade."
    claim = only(extract(text))
    assert claim.cue == "calling"
    assert claim.speaker.text == "Donald Trump"


def test_adding_after_a_quotation_is_a_second_claim_by_the_same_speaker():
    text = (
        '"He stands for the middle class," Anderson said, adding that the senator is "the most trustworthy."'
    )
    direct, mixed = extract(text, assertions=False)
    assert direct.kind == "direct" and mixed.kind == "mixed"
    assert mixed.text.startswith("that the senator")
    assert mixed.speaker.text == "Anderson"


def test_name_and_colon_attribute_what_follows():
    text = 'Tomas Brenner: "What they call a compromise is a surrender."'
    claim = only(extract(text))
    assert claim.speaker.name == "Tomas Brenner"
    assert claim.cue == ":"


def test_a_that_clause_attributes_beliefs():
    text = "Harbour officials fear that the dispute will empty the port by winter."
    claim = only(extract(text))
    assert claim.text == "that the dispute will empty the port by winter"
    assert claim.cue == "fear"


def test_any_verb_closing_a_quotation_attributes_it():
    text = '"France will always be France," an angry Hollande retaliated.'
    claim = only(extract(text))
    assert claim.speaker.text == "an angry Hollande"
    assert claim.cue == "retaliated"


def test_cue_words_inside_a_quotation_do_not_attribute_it():
    text = '"Our friends no longer think we have their back," former governor Jeb Bush said.'
    claim = only(extract(text))
    assert claim.speaker.text == "former governor Jeb Bush"
    assert claim.cue == "said"


def test_according_to_in_mid_sentence_keeps_both_halves():
    text = "One decision, according to a person close to the talks, is to delay the vote until June."
    claim = only(extract(text))
    assert len(claim.parts) == 2
    assert text[slice(*claim.parts[1])] == "is to delay the vote until June"


def test_united_states_is_not_a_cue():
    assert extract("The United States will host the summit in the spring.", assertions=False) == []


def test_author_assertions_with_figures_are_claims_of_their_own():
    text = (
        "The number of licensed vessels fell from 410 in 2015 to 265 last year.\n\n"
        "It was a grey morning in the harbour.\n\n"
        "Will the fleet survive another decade?"
    )
    claims = extract(text, published=date(2022, 1, 11))
    assertion = only(claims, kind="assertion")
    assert assertion.text == "The number of licensed vessels fell from 410 in 2015 to 265 last year"
    assert assertion.speaker is None
    assert assertion.said_on == date(2022, 1, 11)
    assert assertion.checkworthiness >= 0.5
    assert extract(text, assertions=False) == []


def test_checkworthiness_ranks_figures_above_opinions():
    from claims.extraction import checkworthiness

    factual = checkworthiness.score("Unemployment rose to 7.2 percent in 2023, the highest level since 2009.")
    opinion = checkworthiness.score("I think we should all be kinder to each other.")
    assert 0.0 <= opinion < 0.5 < factual <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", '"', '""', "said said said"])
def test_degenerate_inputs_give_nothing(text):
    assert extract(text) == []


# --- quotations no cue list reaches (engine 0.3) ----------------------------------------------
def test_a_verb_no_list_names_before_a_colon():
    text = (
        "The minister took the stage late.\n\n"
        "Halvorsen sighed: “We have waited eleven years for a harbour that the town was promised.”"
    )
    claim = only(extract(text, assertions=False))
    assert claim.kind == "direct"
    assert claim.text.startswith("“We have waited")
    assert claim.speaker.text == "Halvorsen"
    assert claim.cue == "sighed"  # the verb before the colon, though no list names it (engine 0.8)


def test_a_verb_no_list_names_after_the_quotation():
    text = "“This is the best harbour deal the island has seen in a generation!” beamed Ingrid Sollie."
    claim = only(extract(text, assertions=False))
    assert claim.speaker.name == "Ingrid Sollie"


def test_a_sung_line_is_attributed_to_the_singer():
    text = 'At the close, Maren Dahl sings, "We will keep the lighthouse burning for every boat at sea."'
    claim = only(extract(text, assertions=False))
    assert claim.speaker.name == "Maren Dahl"


def test_a_short_quoted_title_is_not_a_quotation():
    text = "Ferry traffic grew after the show “Harbour Lights” was filmed on the island."
    assert [c for c in extract(text, assertions=False) if c.kind == "direct"] == []


def test_a_long_quotation_with_nobody_to_name_is_left_out():
    text = "¶\n\n“The harbour will be rebuilt before the winter storms arrive on the western coast.”"
    assert [c for c in extract(text, assertions=False) if c.kind == "direct"] == []


def test_a_second_verb_characterising_speech_shares_the_subject():
    text = "Ruth Okafor took the stage in Port Ellen and called the harbour plan “a gift to the ferry lobby.”"
    claim = only(extract(text, assertions=False))
    assert claim.kind == "mixed"
    assert claim.text == "the harbour plan “a gift to the ferry lobby.”"
    assert (claim.speaker.name, claim.cue) == ("Ruth Okafor", "called")


def test_a_second_verb_of_another_kind_does_not_borrow_the_subject():
    text = "Ruth Okafor took the stage in Port Ellen and opposes the harbour plan that the council approved."
    assert [c for c in extract(text, assertions=False) if c.cue == "opposes"] == []


def test_a_short_quotation_opening_its_sentence_is_a_statement_not_a_title():
    # Four words or fewer, then an attribution that runs on: a title (`On "This Week," X said
    # ...`) only when words lead into the quotation.
    text = '"We will win," Ruth Okafor said and added that the fleet would be renewed by the spring.'
    claims = extract(text, assertions=False)
    assert [(c.kind, c.text, c.speaker.name, c.cue) for c in claims] == [
        ("direct", '"We will win,"', "Ruth Okafor", "said"),
        ("indirect", "the fleet would be renewed by the spring", "Ruth Okafor", "added"),
    ]


def test_and_said_after_a_quotation_is_a_second_statement_by_the_same_speaker():
    text = "Okafor declared “What a night for the island!” and said that the ferry would run all winter."
    claims = extract(text, assertions=False)
    assert [(c.kind, c.speaker.text, c.cue) for c in claims] == [
        ("direct", "Okafor", "declared"),
        ("indirect", "Okafor", "said"),
    ]
    assert claims[1].text == "the ferry would run all winter"


def test_an_apposition_between_dashes():
    text = "Ingrid Sollie — a ferry captain from Port Ellen — says the winter timetable cannot hold."
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.name, claim.speaker.role) == ("Ingrid Sollie", "a ferry captain from Port Ellen")
    assert claim.text == "the winter timetable cannot hold"


def test_a_day_between_the_apposition_and_the_cue():
    text = "Helena Varga, the foreign minister, on Monday said the talks had failed after two days."
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.name, claim.speaker.role, claim.cue) == (
        "Helena Varga",
        "the foreign minister",
        "said",
    )


@pytest.mark.parametrize("cue", ["decried", "denounced", "lamented", "hailed"])
def test_verbs_that_characterise_what_was_said(cue):
    text = f"Ruth Okafor {cue} the harbour plan as “a gift to the ferry lobby” at the council meeting."
    claim = only(extract(text, assertions=False))
    assert (claim.kind, claim.speaker.name, claim.cue) == ("mixed", "Ruth Okafor", cue)


def test_by_saying_has_the_sentence_subject():
    text = "Okafor angered the council last week by saying that the harbour plan would ruin the fleet."
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.text, claim.cue) == ("Okafor", "saying")
    assert claim.text == "that the harbour plan would ruin the fleet"


def test_a_subject_pronoun_after_a_time_adverbial():
    text = "At a council meeting this week she said the harbour plan would ruin the fleet."
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.text, claim.cue) == ("she", "said")


def test_one_statement_in_two_parts_around_a_long_apposition():
    text = (
        '"This used to be the island\'s harbour," said Ingrid Sollie, director of the Port Ellen '
        'Ferry Company and a former captain of the night boat, "but it is the council\'s car park now."'
    )
    claim = only(extract(text, assertions=False))
    assert claim.speaker.name == "Ingrid Sollie"
    assert len(claim.parts) == 2 and claim.text.endswith('car park now."')


def test_said_opening_the_sentence_before_the_speaker():
    text = "Said Ingrid Sollie, who grew up on the island, “We were all so proud of the old harbour.”"
    claim = only(extract(text, assertions=False))
    assert (claim.kind, claim.speaker.name, claim.cue) == ("direct", "Ingrid Sollie", "Said")
    text = 'Said Sollie, "The council should be ashamed of what it did to the harbour."'
    assert only(extract(text, assertions=False)).speaker.name == "Sollie"  # not "Said Sollie"


def test_a_short_characterisation_in_quotation_marks():
    # Three words are too few for a statement, unless some are the speaker's own, quoted.
    claim = only(extract("On Monday, Ruth Okafor called the plan “reckless.”", assertions=False))
    assert (claim.kind, claim.text, claim.speaker.name, claim.cue) == (
        "mixed",
        "the plan “reckless.”",
        "Ruth Okafor",
        "called",
    )
    assert extract("On Monday, Ruth Okafor called the plan reckless.", assertions=False) == []


def test_a_progressive_verb_of_characterising():
    text = "Ruth Okafor, for her part, is labeling the harbour plan “a gift to the ferry lobby.”"
    claim = only(extract(text, assertions=False))
    assert (claim.kind, claim.speaker.name, claim.cue) == ("mixed", "Ruth Okafor", "labeling")


def test_a_passive_is_not_read_as_the_subject_speaking():
    assert (
        extract("Okafor was told that the harbour would close in the winter months.", assertions=False) == []
    )


def test_read_attributes_a_written_quotation_only():
    text = '"The harbour must stay open all winter," the council\'s letter read.'
    claim = only(extract(text, assertions=False))
    assert (claim.kind, claim.speaker.text, claim.cue) == ("direct", "the council's letter", "read")
    assert extract("Okafor read the report on the harbour before the meeting began.", assertions=False) == []


def test_a_plural_possessive_in_the_apposition():
    text = "Tad Marsh, Jones' harbour adviser, said the council is engaged in “mischief.”"
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.name, claim.speaker.role) == ("Tad Marsh", "Jones' harbour adviser")


def test_a_quotation_the_statement_runs_on_after_is_mixed():
    text = "Okafor said “it makes me furious” every time the ferry is cancelled without notice."
    claim = only(extract(text, assertions=False))
    assert claim.kind == "mixed"
    assert claim.text == "“it makes me furious” every time the ferry is cancelled without notice"


def test_a_participle_after_a_comma_inside_the_quotation_marks():
    text = "Okafor said, “It makes me furious,” adding that the ferry must run all winter."
    claims = extract(text, assertions=False)
    assert [(c.kind, c.cue) for c in claims] == [("direct", "said"), ("indirect", "adding")]


def test_a_one_word_answer_attributed_right_after_it():
    claim = only(
        extract('"Absolutely," Okafor said when a reporter asked about the ferry.', assertions=False)
    )
    assert (claim.kind, claim.text, claim.speaker.text) == ("direct", '"Absolutely,"', "Okafor")
    claim = only(extract('"Quiet!" she demanded, as the councillors kept talking.', assertions=False))
    assert (claim.text, claim.cue) == ('"Quiet!"', "demanded")
    assert extract('The word "sovereignty" appears twice in the harbour treaty.', assertions=False) == []


@pytest.mark.parametrize(
    ("verb", "rest"),
    [
        ("insisting", "that the ferry will run “every single day” this winter."),
        ("praising", "the harbour master as “the best the island has had.”"),
        ("promising", "to rebuild the pier “before the first storm.”"),
    ],
)
def test_live_blog_present_progressive(verb, rest):
    claim = only(extract(f"Council leader Ruth Okafor is {verb} {rest}", assertions=False))
    assert (claim.kind, claim.speaker.name, claim.cue) == ("mixed", "Ruth Okafor", verb)


def test_a_relative_clause_speaker_is_its_antecedent():
    text = "The plan drew a reply from council leader Ruth Okafor, who called the harbour deal “a disgrace.”"
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.text, claim.speaker.name, claim.cue) == ("who", "Ruth Okafor", "called")
    assert claim.text == "the harbour deal “a disgrace.”"


def test_an_inverted_attribution_with_a_bare_title():
    text = (
        '"We will keep the ferry running," said retired harbour master Ingrid Sollie, who ran it for years.'
    )
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.name, claim.speaker.role) == ("Ingrid Sollie", "retired harbour master")


def test_where_it_was_said_after_the_cue_is_not_the_content():
    text = "The ferry will run “every single day” this winter, Okafor said in a video message to islanders."
    claim = only(extract(text, assertions=False))
    assert claim.text.startswith("The ferry will run")
    assert (claim.speaker.text, claim.cue) == ("Okafor", "said")


@pytest.mark.parametrize(
    ("mention", "name", "role"),
    [
        (
            "Harbour Committee Ranking Member Ingrid Sollie",
            "Ingrid Sollie",
            "Harbour Committee Ranking Member",
        ),
        ("Martin Luther King Jr.", "Martin Luther King Jr", None),
        ("King Abdullah II", "Abdullah II", "King"),
    ],
)
def test_names_inside_long_runs_of_capitalised_words(mention, name, role):
    claim = only(extract(f"{mention} said the harbour plan would fail within a year.", assertions=False))
    assert (claim.speaker.name, claim.speaker.role) == (name, role)


def test_a_speaker_noun_with_a_complement_without_a_determiner():
    text = '"The facts have not changed," a spokesman for committee Democrats said.'
    claim = only(extract(text))
    assert claim.speaker.text == "a spokesman for committee Democrats"
    assert claim.text == '"The facts have not changed,"'


def test_a_programme_name_in_quotation_marks_does_not_split_a_statement_in_two_parts():
    text = (
        '"We are doing what we need to do," Mayor Ruth Okafor said on Radio Delta\'s "Morning Call" '
        'on Sunday. "The canal will be dredged by spring."'
    )
    claim = only(extract(text))
    assert [text[s:e] for s, e in claim.parts] == [
        '"We are doing what we need to do,"',
        '"The canal will be dredged by spring."',
    ]
    assert claim.speaker.name == "Ruth Okafor"


def test_a_quotation_that_is_a_sentence_of_its_own_after_the_attribution_is_not_a_title():
    text = '"We will fight," she said at the rally. "Every single vote counts in this county."'
    claim = only(extract(text))
    assert len(claim.parts) == 2


def test_a_show_is_no_cue_but_polls_that_show_are():
    assert not extract('Ana Ruiz hosts the radio show "Harbour Talk" on weekday mornings.')
    assert not extract('One voter showed up in the "green scarf" of the fishermen\'s union.')
    claim = only(extract('New polls show the mayor "well ahead" in the race.'))
    assert (claim.kind, claim.speaker.text, claim.cue) == ("mixed", "New polls", "show")


def test_a_programme_title_in_an_opening_phrase_is_not_what_was_said():
    text = 'On Channel 4\'s "Morning Call," Mayor Ruth Okafor said that the canal would be dredged by spring.'
    claim = only(extract(text))
    assert claim.text == "that the canal would be dredged by spring"
    assert (claim.kind, claim.speaker.name) == ("indirect", "Ruth Okafor")


def test_a_second_statement_after_but_with_its_own_verb():
    text = (
        "Mayor Ruth Okafor said she did not buy the ferries to polish her image, "
        'but agreed that they had "promotional value."'
    )
    first, second = sorted((c for c in extract(text) if c.kind != "assertion"), key=lambda c: c.start)
    assert (first.text, first.kind, first.cue) == (
        "she did not buy the ferries to polish her image",
        "indirect",
        "said",
    )
    assert (second.text, second.kind, second.cue) == ('they had "promotional value."', "mixed", "agreed")
    assert first.speaker.name == second.speaker.name == "Ruth Okafor"


def test_as_someone_put_it():
    claim = only(extract('As the harbour master put it, the new pier is "a gift to the smugglers."'))
    assert (claim.text, claim.kind) == ('the new pier is "a gift to the smugglers."', "mixed")
    assert (claim.speaker.text, claim.cue) == ("the harbour master", "put it")
    assert not extract("He put it on the table before the meeting began.")


def test_more_verbs_that_characterise_what_was_said():
    claim = only(extract('Councillor Ida Berg railed against what she calls the "harbour cartel."'))
    assert (claim.cue, claim.speaker.name, claim.kind) == ("railed", "Ida Berg", "mixed")


def test_against_after_the_cue_is_not_the_adverb_again():
    claim = only(extract('The mayor warned against "a rush to judgment" on the pier.'))
    assert claim.text == 'against "a rush to judgment" on the pier'


def test_adverbs_between_the_speaker_and_the_cue():
    claim = only(extract('Governor Ann Lee has also broadly called for "boots on the ground."'))
    assert (claim.speaker.name, claim.cue) == ("Ann Lee", "called")
    claim = only(extract('The family said the plan was "dead on arrival."'))
    assert claim.speaker.text == "The family"


def test_a_quotation_whose_sentence_runs_on_after_the_attribution():
    text = '"It is our bad luck," the imam said, that both men had prayed at this little mosque.'
    claim = only(extract(text))
    assert claim.kind == "mixed"
    assert [text[s:e] for s, e in claim.parts] == [
        '"It is our bad luck,"',
        "that both men had prayed at this little mosque",
    ]
    # An apposition after the speaker is no such run-on.
    claim = only(extract('"We will win," said Ana Ruiz, the mayor of the city.'))
    assert (claim.kind, claim.text) == ("direct", '"We will win,"')


def test_two_characterisations_joined_by_and_are_two_statements():
    text = 'The mayor called the vote "shameful" and called on leaders "not to feed that dark impulse."'
    first, second = sorted((c for c in extract(text) if c.kind != "assertion"), key=lambda c: c.start)
    assert first.text == 'the vote "shameful"'
    assert second.text == 'on leaders "not to feed that dark impulse."'
    assert first.speaker.text == second.speaker.text == "The mayor"


def test_quotation_sentences_continue_a_partly_quoted_statement_attributed_after_it():
    text = (
        'The party is the "textbook definition" of a machine, Brock said. "There is no better foil for her."'
    )
    claim = only(extract(text))
    assert claim.kind == "mixed" and claim.speaker.text == "Brock"
    assert [text[s:e] for s, e in claim.parts] == [
        'The party is the "textbook definition" of a machine',
        '"There is no better foil for her."',
    ]


def test_terms_and_titles_that_end_the_attribution_do_not_split_the_statement():
    text = (
        '"Everything is on the table," Ida Berg told the paper after hinting that "staff changes" '
        'could come. "Every single thing is."'
    )
    claim = only(extract(text))
    assert len(claim.parts) == 2 and text[slice(*claim.parts[1])] == '"Every single thing is."'
    text = '"I expect to be vetted," Ida Berg said on "Harbour Hour." "But this is different."'
    claim = only(extract(text))
    assert len(claim.parts) == 2 and text[slice(*claim.parts[1])] == '"But this is different."'


def test_titles_of_programmes_and_books_are_not_quotations():
    text = (
        '"Of course he is fair game," Ida Berg told "Harbour Morning Live," reminding viewers of his record.'
    )
    claim = only(extract(text))
    assert claim.text == '"Of course he is fair game,"'
    text = '"We lost the pier," Ann Lee said.\n\n"Crippled Harbour: How the Smugglers Took Over Port Alden"'
    claim = only(extract(text))
    assert claim.text == '"We lost the pier,"'


def test_a_day_and_a_programme_after_the_cue_are_where_it_was_said():
    text = (
        'The mayor was for the plan all along, he said Wednesday morning on Channel Four\'s "Morning Talk."'
    )
    claim = only(extract(text))
    assert (claim.text, claim.kind) == ("The mayor was for the plan all along", "indirect")


def test_an_aside_ending_in_a_day_between_commas_before_the_cue():
    text = 'Ida Berg, in a statement released by the council on Thursday, said she "welcomed the decision."'
    claim = only(extract(text))
    assert (claim.speaker.name, claim.text) == ("Ida Berg", 'she "welcomed the decision."')


@pytest.mark.parametrize("who", ["Many", "Several", "Most"])
def test_a_quantifier_is_a_speaker(who):
    claim = only(extract(f'{who} said they were "very worried" about the pier.'))
    assert claim.speaker.text == who


def test_a_one_word_answer_after_the_attribution():
    claim = only(extract('Asked whether she would sell the pier, Ida Berg said, "Probably."'))
    assert (claim.text, claim.speaker.name) == ('"Probably."', "Ida Berg")


def test_a_quotation_inside_a_participle_opening_is_not_what_was_said():
    text = (
        'Walking into the hall to chants of "Ida! Ida!," the senator said her campaign was "closing strong."'
    )
    claim = only(extract(text))
    assert claim.text == 'her campaign was "closing strong."'


def test_the_subject_of_a_participle_ends_before_its_verb():
    claim = only(extract('The mayor won the vote on Tuesday, saying it was "another super Tuesday."'))
    assert claim.speaker.text == "The mayor"
    claim = only(extract('The head of the agency resigned, saying the plan was "a disaster."'))
    assert claim.speaker.text == "The head of the agency"


def test_an_aside_between_commas_after_a_speaker_without_a_name():
    claim = only(extract('The chief negotiator, speaking on Monday, said the talks were "difficult."'))
    assert (claim.speaker.text, claim.text) == ("The chief negotiator", 'the talks were "difficult."')


def test_now_between_speaker_and_cue_and_a_party_tag_before_an_apposition():
    claim = only(extract('"This is your movement," the banner now says.'))
    assert claim.speaker.text == "the banner"
    text = 'Sen. Ida Berg (D-Ore.), the top Democrat, called it a "starting point for our talks."'
    claim = only(extract(text))
    assert claim.speaker.name == "Ida Berg"


def test_but_with_a_pronoun_and_its_own_verb_is_a_second_statement_by_the_same_speaker():
    text = (
        "Director Ann Lee recommended that no charges be filed over the emails, "
        'but she called his actions "extremely careless."'
    )
    first, second = sorted((c for c in extract(text) if c.kind != "assertion"), key=lambda c: c.start)
    assert (first.cue, first.speaker.name) == ("recommended", "Ann Lee")
    assert (second.text, second.cue, second.speaker.text) == (
        'his actions "extremely careless."',
        "called",
        "she",
    )
    assert second.speaker.name == "Ann Lee"
    claim = only(extract('The mayor bragged that the pier was "the finest on the coast."'))
    assert claim.cue == "bragged"


def test_and_admit_that_is_a_second_statement():
    text = "Harbour sources believe that the mayor has joined the rival camp, and admit that the council is powerless."
    first, second = sorted((c for c in extract(text) if c.kind != "assertion"), key=lambda c: c.start)
    assert (first.cue, second.cue) == ("believe", "admit")
    assert second.text == "the council is powerless"


def test_said_he_followed_by_a_verb_is_no_inverted_attribution():
    text = 'Tom Berg, a pilot who calls the mayor a "menace," said he does not believe the plan needs an alternative.'
    assert not [c for c in extract(text) if c.speaker and c.speaker.text == "he" and c.cue == "said"]
    claim = only(extract('"We will win," said he.'))
    assert claim.speaker.text == "he"


def test_who_said_after_an_inverted_attribution_is_a_second_statement():
    text = (
        '"It is not normal for a campaign," said Ann Weaver, who said owners often fail to see '
        'that there are "no secrets in politics."'
    )
    first, second = sorted((c for c in extract(text) if c.kind != "assertion"), key=lambda c: c.start)
    assert (first.speaker.name, first.kind) == ("Ann Weaver", "direct")
    assert (second.speaker.text, second.speaker.name, second.kind) == ("who", "Ann Weaver", "mixed")


@pytest.mark.parametrize("title", ["campaign manager", "political scientist", "senior strategist"])
def test_a_bare_title_of_any_trade_before_the_name_after_a_quotation(title):
    text = f'"We will win the vote in the end," {title} Robby Mook said. "Half the delegates are chosen by March."'
    claim = only(extract(text))
    assert (claim.cue, claim.speaker.name, claim.speaker.role, len(claim.parts)) == (
        "said",
        "Robby Mook",
        title,
        2,
    )


def test_a_speaker_noun_with_a_place_after_it():
    claim = only(extract('"We will stand up to the lobby," a voice-over in the ad states.'))
    assert claim.speaker.text == "a voice-over in the ad"
    claim = only(extract('An official at the ministry said the talks were "difficult."'))
    assert claim.speaker.text == "An official at the ministry"


def test_content_before_the_cue_and_a_participle_after_it():
    text = 'The mayor\'s "excesses" are sickening, Berg said Tuesday in Paris, noting the mayor "makes you want to retch."'
    first, second = sorted((c for c in extract(text) if c.kind != "assertion"), key=lambda c: c.start)
    assert (first.text, first.cue) == ('The mayor\'s "excesses" are sickening', "said")
    assert (second.text, second.cue) == ('the mayor "makes you want to retch."', "noting")


def test_a_closing_mark_typed_to_open_a_paragraph_opens_the_quotation():
    text = "Viewers answered.\n\n\u202a”The storm will pass and the pier will stand. Thanks, Sarah!” wrote Pete Hidal."
    claim = only(extract(text))
    assert claim.text == "”The storm will pass and the pier will stand. Thanks, Sarah!”"
    assert (claim.speaker.name, claim.cue) == ("Pete Hidal", "wrote")


def test_a_name_after_a_role_no_list_knows():
    text = "Coastal county delegate Mara Quint, wrapped in a flag, said the vote could be a failure."
    claim = only(extract(text))
    assert (claim.speaker.name, claim.speaker.role) == ("Mara Quint", "Coastal county delegate")
    assert claim.text == "the vote could be a failure"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('"We are pleased with the count," Harbour Board spokeswoman Hope Lindqvist said.', "Hope Lindqvist"),
        ('"We are pleased with the count," said Hope Lindqvist, a spokeswoman.', "Hope Lindqvist"),
        ('Ferry chief Tomas Read spoke at noon.\n\n"The fares stay as they are," Read said.', "Tomas Read"),
    ],
)
def test_a_name_that_is_also_a_cue(text, name):
    claim = only(extract(text))
    assert claim.kind == "direct"
    assert claim.speaker.name == name


@pytest.mark.parametrize("cue", ["chanting", "shouting", "yelling"])
def test_a_crowd_chanting_a_quotation(cue):
    text = f'Hundreds of dock workers marched along the quay on Monday, {cue} "No tolls, no boats!"'
    claim = only(extract(text))
    assert (claim.kind, claim.cue, claim.text) == ("direct", cue, '"No tolls, no boats!"')
    assert claim.speaker.text.startswith("Hundreds")


@pytest.mark.parametrize(
    "text",
    [
        '"The tolls stay," Ruth Okafor, D-Wash., said.',
        "Ruth Okafor, D-Wash., said the tolls would stay for another year.",
        "Ruth Okafor, of Port Angeles, Wash., said the tolls would stay for another year.",
    ],
)
def test_a_party_tag_or_a_home_town_between_commas_before_the_cue(text):
    claim = only(extract(text))
    assert (claim.speaker.name, claim.cue) == ("Ruth Okafor", "said")
    assert "tolls" in claim.text


def test_a_quotation_with_its_own_attribution_does_not_continue_the_one_before():
    text = (
        '"The count was slow," Okafor said, but despite the long night, '
        '"the result will stand," said Tomas Vell, the returning officer.'
    )
    first, second = [c for c in extract(text) if c.kind != "assertion"]
    assert (first.text, first.speaker.text) == ('"The count was slow,"', "Okafor")
    assert (second.text, second.speaker.name) == ('"the result will stand,"', "Tomas Vell")


def test_a_stray_comma_after_a_party_tag():
    claim = only(extract("Sen. Ruth Okafor (D-Wash.), said on Tuesday that the tolls would stay."))
    assert (claim.speaker.name, claim.text) == ("Ruth Okafor", "that the tolls would stay")


@pytest.mark.parametrize("cue", ["agrees", "tweeted", "quipped", "countered", "wondered"])
def test_less_common_cues_inverted_after_a_quotation(cue):
    claim = only(
        extract(f'"The ferry will not run on time this winter," {cue} Ruth Okafor, a harbour pilot.')
    )
    assert (claim.kind, claim.cue, claim.speaker.name) == ("direct", cue, "Ruth Okafor")
    assert claim.speaker.role == "a harbour pilot"


def test_a_dash_and_a_name_sign_a_quoted_paragraph():
    text = (
        "The mayor spoke at noon.\n\n"
        '"Almost all new income is going to the top 1 percent."\n\n'
        "- Ruth Okafor.\n\n"
        "The figure she used is ten years old."
    )
    claim = only(extract(text))
    assert (claim.kind, claim.speaker.name, claim.cue) == ("direct", "Ruth Okafor", "-")
    assert claim.text == '"Almost all new income is going to the top 1 percent."'


def test_a_signature_on_the_quotation_line_with_a_role():
    claim = only(extract('"The fares stay as they are." ― Tomas Vell, the harbour master'))
    assert (claim.speaker.name, claim.cue) == ("Tomas Vell", "―")


def test_a_dashed_subheading_after_a_quotation_is_no_signature():
    text = 'The mayor spoke.\n\n"The fares stay as they are."\n\n– Ready for the winter –\n\nBoats ran late.'
    assert all(c.cue != "–" for c in extract(text))


def test_a_second_speaker_with_a_cue_between_two_quotations():
    text = '"There is a young man with problems," Okafor said as the heckler yelled: "You are wrong!"'
    first, second = [c for c in extract(text) if c.kind != "assertion"]
    assert (first.text, first.speaker.text) == ('"There is a young man with problems,"', "Okafor")
    assert (second.text, second.speaker.text, second.cue) == ('"You are wrong!"', "the heckler", "yelled")


def test_a_participle_between_two_quotations_opens_a_second_statement_read_once():
    text = '"We came with an offer," Okafor said, adding, "and we leave with a deal."'
    first, second = [c for c in extract(text) if c.kind != "assertion"]
    assert (first.text, first.cue) == ('"We came with an offer,"', "said")
    assert (second.text, second.cue, second.kind) == ('"and we leave with a deal."', "adding", "direct")
    assert second.speaker.text == "Okafor"


def test_and_a_new_name_with_its_own_verb_is_another_speakers_statement():
    text = 'Okafor said the tolls would "sink the ferries," for instance, and Vell vowed to "fight them to the end."'
    first, second = [c for c in extract(text) if c.kind != "assertion"]
    assert (first.speaker.text, first.text) == ("Okafor", 'the tolls would "sink the ferries," for instance')
    assert (second.speaker.text, second.cue, second.text) == ("Vell", "vowed", 'to "fight them to the end."')


@pytest.mark.parametrize("when", ["last week", "yesterday", "earlier this month"])
def test_a_time_between_an_aside_and_the_cue(when):
    claim = only(extract(f"Sen. Ruth Okafor (D-Wash.) {when} said the tolls would stay for another year."))
    assert (claim.speaker.text, claim.speaker.name) == ("Sen. Ruth Okafor", "Ruth Okafor")
    assert claim.text == "the tolls would stay for another year"


def test_a_quotation_inside_the_speakers_apposition_is_not_the_statement():
    text = 'Ann Weaver, a pilot who calls the new rules "a disgrace," said the airline would lose its crews.'
    claim = only(extract(text))
    assert (claim.speaker.name, claim.cue, claim.text) == (
        "Ann Weaver",
        "said",
        "the airline would lose its crews",
    )


def test_a_quotation_that_opens_the_sentence_is_still_what_was_said():
    claim = only(
        extract('"In the case of the port, the train has left the station," wrote the Harbour Gazette.')
    )
    assert claim.kind == "direct"
    assert claim.speaker.text == "the Harbour Gazette"


def test_a_cue_word_used_as_a_noun_after_a_describing_word():
    claim = only(extract("Moments earlier, in his opening remarks, Vell said he was suited to the post."))
    assert (claim.speaker.text, claim.cue, claim.text) == ("Vell", "said", "he was suited to the post")


@pytest.mark.parametrize("share", ["74 percent", "Nearly three in five", "59 percent of voters", "six of 10"])
def test_a_share_of_those_polled_is_the_speaker(share):
    claim = only(extract(f"Among island voters, {share} said they would keep the ferry tolls as they are."))
    assert (claim.speaker.text, claim.speaker.name) == (share, None)
    assert claim.text == "they would keep the ferry tolls as they are"


def test_a_relative_who_said_and_the_main_cue_are_two_statements():
    text = "Vell, who said he usually backs the council, said the tolls were a mistake this time."
    first, second = [c for c in extract(text) if c.kind != "assertion"]
    assert (first.speaker.text, first.speaker.name, first.text) == (
        "who",
        "Vell",
        "he usually backs the council",
    )
    assert (second.speaker.text, second.text) == ("Vell", "the tolls were a mistake this time")


def test_an_object_then_and_said_gives_the_second_statement_alone():
    claim = only(extract("Gov. Ruth Okafor blasted Congress and said the state had set aside $26 million."))
    assert (claim.cue, claim.text) == ("said", "the state had set aside $26 million")


def test_a_cue_inside_an_opening_phrase_is_not_the_sentences_attribution():
    claim = only(extract("In a statement defending the mayor, the council said the tolls will stay."))
    assert (claim.speaker.text, claim.text) == ("the council", "the tolls will stay")


def test_a_participle_opening_before_the_speaker_and_a_colon():
    text = 'Watching the vote on Tuesday night, Vell said: "I was struck that they were doing smart things."'
    claim = only(extract(text))
    assert (claim.kind, claim.speaker.text) == ("direct", "Vell")
    assert claim.text == '"I was struck that they were doing smart things."'


def test_a_participle_inside_the_quotation_does_not_split_the_statement():
    text = 'Vell said the council "was doing smart things, saying the right things about the ferry."'
    claim = only(extract(text))
    assert claim.text == 'the council "was doing smart things, saying the right things about the ferry."'
    assert claim.cue == "said"


def test_a_programme_told_right_after_the_cue_is_not_a_quotation():
    text = '"The ferry is fair game," Okafor told "Fox and Friends," reminding the hosts of the vote.'
    claim = only(extract(text))
    assert claim.text == '"The ferry is fair game,"'


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Another said the ferry would be late again this winter.", "another"),
        ('"The ferry will be late again," tweeted another.', "another"),
        ('"The ferry is late! The council is to blame," read one.', "one"),
    ],
)
def test_another_or_one_of_those_just_described_is_a_speaker(text, who):
    claim = only(extract(text))
    assert claim.speaker.text.lower() == who


@pytest.mark.parametrize(("lead", "cue"), [("Vell demurred", "demurred"), ("Vell could only quip", "quip")])
def test_a_verb_no_list_names_before_a_colon_and_a_quotation(lead, cue):
    claim = only(extract(f'{lead}: "I guess the ferry was booked."'))
    assert (claim.kind, claim.cue, claim.speaker.text) == ("direct", cue, "Vell")


def test_a_colon_after_a_verb_without_a_named_speaker_is_no_attribution():
    assert [
        c for c in extract('The rules are clear: "No phones in the chamber."') if c.kind != "assertion"
    ] == []


def test_a_semicolon_then_a_second_speaker_and_cue_is_a_second_statement():
    text = (
        "Most island voters said they follow the ferry debate closely; "
        "26 percent of voters say they have not followed it at all."
    )
    first, second = [c for c in extract(text) if c.kind != "assertion"]
    assert (first.speaker.text, first.text) == ("Most island voters", "they follow the ferry debate closely")
    assert (second.speaker.text, second.text) == ("26 percent of voters", "they have not followed it at all")


def test_while_then_a_second_speaker_and_cue_is_a_second_statement():
    text = "Most islanders said they would keep the ferry as it is, while only 49 percent of pilots say the tolls must go."
    first, second = [c for c in extract(text) if c.kind != "assertion"]
    assert first.text == "they would keep the ferry as it is"
    assert (second.speaker.text, second.text) == ("only 49 percent of pilots", "the tolls must go")


@pytest.mark.parametrize(
    "source",
    [
        'her "toll-free" plan',
        "early results of exit polls conducted for the Harbour Gazette by Vell Research",
    ],
)
def test_according_to_a_source_no_noun_phrase_reading_covers(source):
    claim = only(extract(f"According to {source}, ferry operators must repay every subsidy they received."))
    assert (claim.cue, claim.speaker.text) == ("According to", source)
    assert (claim.speaker.name, claim.speaker.kind) == (None, None)
    assert claim.text == "ferry operators must repay every subsidy they received"


@pytest.mark.parametrize("source", ["exit polls", "harbour officials", "data from the Alden Port Authority"])
def test_according_to_at_the_end_with_a_source_no_noun_phrase_reading_covers(source):
    claim = only(extract(f"Ferry fares rose by a third last year, according to {source}.", assertions=False))
    assert (claim.cue, claim.speaker.text) == ("according to", source)
    assert claim.text == "Ferry fares rose by a third last year"


def test_according_to_in_mid_sentence_with_a_bare_plural_source():
    text = "The ferry, according to exit polls, was the issue that decided the vote."
    claim = only(extract(text, assertions=False))
    assert claim.speaker.text == "exit polls"
    assert [text[slice(*part)] for part in claim.parts] == [
        "The ferry",
        "was the issue that decided the vote",
    ]


def test_according_to_plan_is_no_attribution():
    assert extract("Everything on the island went according to plan.", assertions=False) == []


@pytest.mark.parametrize("opening", ["He's", "He’s"])
def test_a_contracted_pronoun_is_the_pronoun(opening):
    text = f"Tom Reyes spoke to the council on Monday. {opening} suggesting that the islands should buy the ferry."
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.text, claim.speaker.name) == ("He", "Tom Reyes")
    assert claim.text == "that the islands should buy the ferry"


@pytest.mark.parametrize("group", ["Officials", "Democrats", "Polls", "Others"])
def test_a_common_noun_opening_the_sentence_names_no_speaker(group):
    claim = only(extract(f"{group} said the ferry would stop running by June.", assertions=False))
    assert claim.speaker.text == group
    assert (claim.speaker.name, claim.speaker.role) == (None, group)


@pytest.mark.parametrize(
    ("name", "names_no_one"),
    [
        ("Officials", True),
        ("Hours", True),
        ("Clinton’s", True),
        ("Reyes's", True),
        ("Jones", False),
        ("Sessions", False),
        ("Jo Reyes", False),
        ("The Times", False),
    ],
)
def test_never_a_name(name, names_no_one):
    assert mentions.never_a_name(name) is names_no_one


@pytest.mark.parametrize("opening", ["Hours later, ", "Two weeks ago, ", ""])
def test_telling_someone_leaves_the_audience_out_and_a_time_opening_is_no_subject(opening):
    text = (
        f"{opening}Jo Reyes returned the compliment, telling the Harbour Gazette that the ferry would stay."
    )
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.text, claim.cue) == ("Jo Reyes", "telling")
    assert claim.text == "that the ferry would stay"


def test_a_participle_followed_by_a_quotation_alone_is_a_direct_quotation():
    text = 'Jo Reyes returned the compliment, telling reporters, "The ferry stays as long as I am mayor."'
    claim = only(extract(text, assertions=False))
    assert (claim.kind, claim.speaker.text) == ("direct", "Jo Reyes")
    assert claim.text == '"The ferry stays as long as I am mayor."'


@pytest.mark.parametrize(
    "speakers", ["political experts", "senior party officials", "donors", "campaign strategists"]
)
def test_content_then_a_plural_speaker_noun_with_its_modifiers(speakers):
    claim = only(
        extract(
            f"The ferry subsidy has hurt the mayor among island voters, {speakers} said.", assertions=False
        )
    )
    assert (claim.speaker.text, claim.speaker.name) == (speakers, None)
    assert claim.text == "The ferry subsidy has hurt the mayor among island voters"


@pytest.mark.parametrize("opener", ["If", "When", "Because"])
def test_a_subordinate_clause_inside_a_statement_the_attribution_closes(opener):
    text = f"{opener} the ferry stops, the island will lose half its visitors, Weaver said."
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.text, claim.cue) == ("Weaver", "said")
    assert claim.text == f"{opener} the ferry stops, the island will lose half its visitors"


def test_asked_then_the_attribution_is_still_no_statement():
    text = "Asked about the ferry, the bridge and the winter timetable, Weaver said."
    assert [c for c in extract(text, assertions=False) if c.text.startswith("Asked")] == []


def test_a_headline_in_title_case_has_its_cue_capitalised():
    text = "Alden Mayor Jo Reyes Says Ferry Will Stay Until 2030\n\nThe ferry will keep running, the mayor said on Monday."
    headline = extract(text, assertions=False)[0]
    assert (headline.speaker.name, headline.cue) == ("Jo Reyes", "Says")
    assert headline.text == "Ferry Will Stay Until 2030"


def test_a_capitalised_cue_in_running_text_is_part_of_a_name():
    text = (
        "Volunteers for the Says Who campaign handed out leaflets about the ferry timetable at the harbour."
    )
    assert extract(text, assertions=False) == []


@pytest.mark.parametrize(
    "source", ["a Harbour Gazette poll released on Monday", "a Harbour Gazette survey reported on Monday"]
)
def test_a_poll_in_an_opening_phrase_is_the_source(source):
    claim = only(extract(f"In {source}, the mayor led her rival by 12 points.", assertions=False))
    assert (claim.speaker.text, claim.speaker.name, claim.cue) == (source, None, "In")
    assert claim.text == "the mayor led her rival by 12 points"


@pytest.mark.parametrize("opening", ["In June", "In Alden", "In the harbour office"])
def test_an_opening_phrase_without_a_poll_is_no_source(opening):
    assert extract(f"{opening}, the ferry carried more passengers than ever before.", assertions=False) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Harbour Secretary Jo Reyes released a statement saying that the ferry would stay until 2030.",
            "Harbour Secretary Jo Reyes",
        ),
        (
            "Later that week, she revised her statement explaining that the ferry would stay until 2030.",
            "she",
        ),
    ],
)
def test_whoever_puts_out_a_statement_says_what_it_says(text, speaker):
    claim = only(extract(text, assertions=False))
    assert claim.speaker.text == speaker
    assert claim.text == "that the ferry would stay until 2030"


@pytest.mark.parametrize("verb", ["appears", "seemed"])
def test_a_verb_of_seeming_has_no_speaker(verb):
    text = f"The harbour's ferry traffic {verb} to have fallen by a third since the new bridge opened."
    claims = extract(text, assertions=False)
    assert claims, "the hedged statement is still a claim"
    assert all(claim.speaker is None for claim in claims)


@pytest.mark.parametrize("marks", [("“", "”"), ('"', '"')])
def test_a_quotation_after_an_abbreviation_continues_the_statement(marks):
    o, c = marks
    text = (
        f"{o}Mayor Reyes's role in the ferry deal is not a good record,{c} Weaver said at a rally in Alden, Maine, "
        f"U.S. {o}Her office worked to sell the ferry to the highest bidder.{c}"
    )
    claim = only(extract(text, assertions=False))
    assert claim.speaker.text == "Weaver"
    assert [text[slice(*part)] for part in claim.parts][
        -1
    ] == f"{o}Her office worked to sell the ferry to the highest bidder.{c}"


def test_a_name_inside_another_quotation_is_never_the_speaker():
    # The second quotation has no attribution of its own; the only name near it is inside the first.
    text = (
        "The vote was close.\n\n"
        '"Mayor Reyes has not said a word about the ferry," Weaver said; '
        '"We will ask again tomorrow and the day after that."'
    )
    claims = extract(text, assertions=False)
    assert all(c.speaker is None or c.speaker.text != "Mayor Reyes" for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor has won six states including Maine as well as the island of Alden.",
        "Large majorities of voters across nine states have negative feelings about the ferry.",
        "There were a series of questions about how the ferry would be paid for.",
    ],
)
def test_a_noun_after_a_number_or_a_preposition_is_no_cue(text):
    assert extract(text, assertions=False) == []


def test_states_as_a_verb_is_still_a_cue():
    claim = only(
        extract(
            "The harbour report states that the ferry lost money in every month of 2023.", assertions=False
        )
    )
    assert (claim.cue, claim.text) == ("states", "that the ferry lost money in every month of 2023")


def test_a_number_and_a_word_before_a_noun_or_verb_make_it_a_noun():
    text = "The mayor has bought advertising time in at least four island towns and two swing states, according to media buyers."
    claim = only(extract(text, assertions=False))
    assert (claim.cue, claim.speaker.text) == ("according to", "media buyers")


def test_according_to_a_long_source_up_to_twenty_words():
    source = "early results of the exit poll conducted by Vell Research for the Harbour Gazette and island television networks"
    assert 15 < len(source.split()) <= 20
    claim = only(
        extract(f"According to {source}, the mayor led in both towns by a wide margin.", assertions=False)
    )
    assert (claim.speaker.text, claim.text) == (source, "the mayor led in both towns by a wide margin")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("A person close to the mayor said the ferry would stay until 2030.", "A person close to the mayor"),
        (
            "Officials with knowledge of the talks said the ferry would stay until 2030.",
            "Officials with knowledge of the talks",
        ),
        (
            '"The ferry will stay until 2030," said a person familiar with the talks.',
            "a person familiar with the talks",
        ),
        (
            "The ferry will stay until 2030, according to an aide close to the mayor.",
            "an aide close to the mayor",
        ),
    ],
)
def test_an_unnamed_source_is_not_whoever_they_are_close_to(text, source):
    # The mayor, named earlier, must not be given what an unnamed source said.
    claims = extract(f"Mayor Jo Reyes opened the new pier on Monday.\n\n{text}", assertions=False)
    claim = only(claims)
    assert (claim.speaker.text, claim.speaker.name) == (source, None)


@pytest.mark.parametrize(
    ("first_sentence", "later", "name"),
    [
        ("Jo Reyes's plan for the ferry was published on Monday.", "Reyes", "Jo Reyes"),
        ("But Jo Reyes kept the ferry running all winter.", "Reyes", "Jo Reyes"),
        ("Despite Ann Weaver's doubts, the pier opened on time.", "Weaver", "Ann Weaver"),
        ("Beto O'Malley opened the pier on Monday.", "O'Malley", "Beto O'Malley"),
        ("Ada Jennings' visit to the island was short.", "Jennings", "Ada Jennings"),
    ],
)
def test_a_surname_resolves_to_the_full_name_without_what_surrounds_it(first_sentence, later, name):
    claim = only(
        extract(f"{first_sentence}\n\n{later} said the ferry would stay until 2030.", assertions=False)
    )
    assert claim.speaker.name == name


@pytest.mark.parametrize(
    "speaker",
    ["An aide to Senator Jo Reyes", "A lawyer for Jo Reyes", "The wife of Jo Reyes", "Friends of Jo Reyes"],
)
def test_someone_who_speaks_for_a_person_is_not_that_person(speaker):
    claim = only(extract(f"{speaker} said the ferry would stay until 2030.", assertions=False))
    assert (claim.speaker.text, claim.speaker.name) == (speaker, None)


@pytest.mark.parametrize(
    ("opening", "name"),
    [
        ("A spokeswoman for Mayor Jo Reyes", None),
        ("A spokeswoman for Mayor Jo Reyes, Ann Weaver,", "Ann Weaver"),
        ("An adviser to Treasury Secretary Jo Reyes", None),
    ],
)
def test_a_spokeswoman_is_not_the_person_she_speaks_for(opening, name):
    claim = only(extract(f"{opening} said the ferry would stay until 2030.", assertions=False))
    assert claim.speaker.name == name
    assert claim.text == "the ferry would stay until 2030"


@pytest.mark.parametrize(
    ("after", "speaker"),
    [("said the ferry would stay until 2030.", None), ("said the mayor in a statement.", "the mayor")],
)
def test_said_then_a_noun_phrase_with_its_own_verb_is_no_inverted_speaker(after, speaker):
    text = f"The timetable holds, {after}"
    cue = text.index("said")
    phrase = mentions.after_cue(Words(text), Word(cue, cue + 4, "said"), len(text))
    assert (phrase.text if phrase else None) == speaker


@pytest.mark.parametrize("verb", ["criticized", "praised", "told"])
def test_an_object_who_said_something_is_its_speaker(verb):
    text = f"Ann Weaver spoke after Mayor Jo Reyes.\n\nWeaver {verb} Reyes, who said the ferry would stay until 2030."
    claim = only(extract(text, assertions=False))
    assert (claim.speaker.text, claim.speaker.name) == ("who", "Jo Reyes")
    assert claim.text == "the ferry would stay until 2030"
