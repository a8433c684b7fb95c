"""One test per construction the engine must read, on sentences written for these tests."""

from datetime import date

import pytest

from claims.extraction import KnownSpeaker, extract


def only(claims, kind=None):
    chosen = [c for c in claims if kind is None or c.kind == kind]
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


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", '"', '""', "said said said"])
def test_degenerate_inputs_give_nothing(text):
    assert extract(text) == []
