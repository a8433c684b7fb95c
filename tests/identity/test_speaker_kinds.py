"""Speakers as what they are: countries speaking as states and bodies known by their initials are
organisations, not people, and one organisation is one speaker however it is written ("Ukraine's
SBU security service", "the SBU", "SBU"). Articles written for the project."""

import pytest

from claims.extraction import extract
from claims.ingest import articles, pipeline
from claims.models import Speaker

ARTICLE = """Agents detained in Kharkiv

Ukraine’s SBU security service said it had detained two men who were planning attacks on the city.

The SBU said the men had been held in Kharkiv on Monday after a month of surveillance.

Russia said it had no knowledge of the men and called the arrests a provocation by Kyiv.

The United States said it was following the case closely with its partners in the region.

The White House said the talks in Geneva would go ahead as planned next week.

SBU officers later said the two men had confessed to planning the attacks.
"""


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("Russia said it had no plans to attack its neighbour this winter.", "Russia", "organisation"),
        (
            "The United States said the talks would continue next week in Geneva.",
            "United States",
            "organisation",
        ),
        ("NATO said its ships would stay in the Black Sea through the winter.", "NATO", "organisation"),
        ("Ukraine’s SBU security service said it had detained two agents.", "SBU", "organisation"),
        ("The White House said the talks had been useful for both sides.", "White House", "organisation"),
        # As often a person's name as a country's: left a person.
        ("Jordan said the team would win the title again next season.", "Jordan", "person"),
        # A transcript's speaker in capitals is a person.
        ("TAPPER said the senator had not answered the question about the vote.", "TAPPER", "person"),
        # Capitalised words beside the initials are part of the name.
        (
            "NY Daily News said the mayor would not run for a second term in office.",
            "NY Daily News",
            "organisation",
        ),
    ],
)
def test_states_and_bodies_speak_as_organisations(sentence, name, kind):
    [claim] = extract(sentence)
    assert (claim.speaker.name, claim.speaker.kind) == (name, kind)


def test_a_country_that_is_a_surname_read_in_full_is_that_person():
    [_, claim] = extract(
        "Rep. Steve Israel said the vote would be close, and that the party had to win the suburbs.\n\n"
        "Israel said the party's candidates would campaign in every county of the state."
    )
    assert (claim.speaker.name, claim.speaker.kind) == ("Steve Israel", "person")


@pytest.mark.django_db
def test_one_organisation_is_one_speaker_however_it_is_written():
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    kinds = dict(Speaker.objects.values_list("name", "kind"))
    assert kinds["SBU"] == "organisation"
    assert not any("SBU" in name and name != "SBU" for name in kinds)
    assert kinds["Russia"] == kinds["United States"] == kinds["White House"] == "organisation"
    assert Speaker.objects.get(name="SBU").claims.count() >= 2


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Officials said the talks would resume in Geneva next week.", "group"),
        ("White House officials said the talks would resume in Geneva.", "group"),
        ("They said the talks would resume in Geneva next week.", "group"),
        ("The minister said the talks would resume in Geneva next week.", "person"),
    ],
)
def test_unnamed_people_are_a_group_or_a_person_never_a_name(sentence, kind):
    [claim] = extract(sentence)
    assert claim.speaker.name is None and claim.speaker.kind == kind


@pytest.mark.django_db
def test_each_appearance_keeps_what_its_speaker_mention_is():
    from claims.models import Appearance

    article = "Talks to resume\n\nOfficials said the talks would resume in Geneva next week.\n\nRussia said it would send a delegation of ten to Geneva.\n"
    pipeline.store_article(articles.parse_text(article), raw=article)
    kinds = dict(Appearance.objects.values_list("speaker_mention", "speaker_kind"))
    assert kinds == {"Officials": "group", "Russia": "organisation"}
