"""Statements from a transcript's turns (claims.extraction.transcripts): each decision is a rule
of the rulebook's TURN_RULES, whose examples are run here, and the transcripts written for the
project (tests/transcripts.py) give each statement to its speaker."""

import re
from pathlib import Path

import pytest

from claims.extraction import transcripts
from claims.extraction.rulebook import TURN_RULES, describe_any
from claims.extraction.types import Stance
from claims.ingest import transcripts as reader
from tests import transcripts as written

MODULE = Path(transcripts.__file__)


def found(raw: str):
    article = reader.parse(raw)
    return article, transcripts.statements(article.text, list(article.turns), published=article.published)


@pytest.mark.parametrize(
    ("rule", "example"), [(rule.name, example) for rule in TURN_RULES.values() for example in rule.examples]
)
def test_each_turn_rules_examples(rule, example):
    _article, claims = found(example)
    if "(no statement)" in TURN_RULES[rule].description:
        assert claims == [], f"{rule}: {claims}"
    elif rule == "quoted-in-turn":
        assert any(c.speaker and c.speaker.text == "The harbour board" for c in claims)
    else:
        assert rule in [claim.rule for claim in claims]


def test_every_turn_rule_the_module_names_is_in_the_rulebook():
    source = MODULE.read_text()
    named = set(re.findall(r'rule="([a-z-]+)"', source)) | set(re.findall(r'# rule "([a-z-]+)"', source))
    assert named == set(TURN_RULES)
    assert describe_any("turn-sentence") == TURN_RULES["turn-sentence"].description


def test_webvtt_council_speakers_time_codes_denial_quotation_and_noise():
    article, claims = found(written.COUNCIL_VTT)
    said = {(c.text, c.speaker.name if c.speaker else None, c.stance, c.timecode) for c in claims}
    assert ("Mayor Tovar, did the harbour tolls rise last year?", "Ana Ruiz", Stance.QUESTIONED, 5.5) in said
    assert (
        "We cut the harbour tolls by 40 percent in 2023.",
        "Riverton City Council",
        Stance.ASSERTED,
        10.0,
    ) in said
    assert ("the ferry service would be closed", "Rafael Tovar", Stance.DENIED, 16.25) in said
    quoted = next(c for c in claims if "double by 2026" in c.text)
    assert quoted.speaker.text == "The harbour board" and quoted.speaker.name != "Ada Quill"
    assert quoted.timecode == 26.0
    assert ("That would hurt 5,000 commuters.", "Ada Quill", Stance.ASSERTED, 26.0) in said
    # The moderator's welcome is no statement, nor the applause, nor the words over cross-talk.
    texts = " ".join(c.text for c in claims)
    assert "welcome" not in texts and "APPLAUSE" not in texts and "how the fares work" not in texts
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.text


def test_subrip_debate_speakers_moderator_and_cues_that_go_on():
    _, claims = found(written.DEBATE_SRT)
    by_text = {c.text: c for c in claims}
    assert by_text["Ms. Quill, how many ferries run today?"].stance == Stance.QUESTIONED
    assert by_text["Ms. Quill, how many ferries run today?"].rule == "moderator-question"
    budget = by_text["The harbour budget fell by $4 million under this mayor."]
    assert (budget.speaker.name, budget.timecode) == ("Quill", 72.0)
    grew = by_text["The harbour budget grew by 12 percent since 2020."]
    assert (grew.speaker.name, grew.speaker.role, grew.timecode) == ("Tovar", "Mayor", 78.5)
    assert all(c.speaker.name in ("Quill", "Tovar", "Ruiz") for c in claims)


def test_plain_text_hearing_moderator_from_the_header_and_a_quotation_in_a_turn():
    article, claims = found(written.HEARING_TXT)
    assert article.published.isoformat() == "2024-03-14"
    brandt = [c for c in claims if c.speaker and c.speaker.name == "Brandt"]
    assert brandt and all(c.stance == Stance.QUESTIONED for c in brandt)
    osei = next(c for c in claims if "212 inspections" in c.text)
    assert (osei.speaker.name, osei.speaker.text, osei.timecode) == ("Osei", "MR. OSEI", None)
    report = next(c for c in claims if "unsafe in winter storms" in c.text)
    assert report.speaker.text == "your own report" and report.speaker.name != "Hale"
    lobbying = next(c for c in claims if "lobbying" in c.text)
    assert lobbying.speaker.name == "Hale"


def test_speaker_lines_above_paragraphs():
    _, claims = found(written.SPEECH_TXT)
    assert [(c.speaker.name, c.text[:20]) for c in claims] == [
        ("Rafael Tovar", "The new bridge will "),
        ("Rafael Tovar", "It cost the city $80"),
        ("Ada Quill", "The bridge budget ro"),
    ]


def test_a_surname_label_is_the_full_name_the_transcript_gives():
    raw = (
        "CHAIR: Mayor Rafael Tovar, the floor is yours. Will the tolls rise?\n\n"
        "TOVAR: The harbour tolls fell by 40 percent in 2023.\n\n"
        "CHAIR: And the ferries? How many run?\n\n"
        "QUILL: Only 3 ferries run today, down from 7 in 2019."
    )
    _, claims = found(raw)
    tolls = next(c for c in claims if "tolls fell" in c.text)
    assert tolls.speaker.name == "Rafael Tovar"
    assert all(c.stance == Stance.QUESTIONED for c in claims if c.speaker.text == "CHAIR")
