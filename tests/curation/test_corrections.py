"""Corrections, as the fact-checkers' codes require: a published claim's wording, speaker or stance
is changed only by someone who may review it (anyone else sends it back to review, off the public
record), and each change of wording, speaker, stance or verdict after publication is shown, dated,
on its public page and in ClaimReview's dateModified."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from claims.curation import workflow
from claims.models import Claim, Correction, Rating
from claims.serve.claimreview import claim_review
from tests.factories import ClaimFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


def member(group: str):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def published():
    return ClaimFactory(
        text="The tolls fell by a third",
        speaker=SpeakerFactory(name="Ada Quill"),
        state=Claim.State.PUBLISHED,
        published_at=timezone.now(),
        reviewed_at=timezone.now(),
        verdict=Rating.objects.get(value=2),
    )


def test_an_editor_who_may_not_review_sends_an_edited_published_claim_back_to_review(client, published):
    workflow.claim_edit(
        claim_id=published.pk, changes={"text": "The tolls fell by a half"}, user=member("Editor")
    )
    published.refresh_from_db()
    assert published.state == Claim.State.ACCEPTED and published.published_at is None
    assert client.get(f"/claims/{published.pk}/").status_code == 404
    assert not published.corrections.exists()
    assert published.events.filter(action="transition", to_state="accepted").exists()


def test_a_reviewers_correction_keeps_it_published_and_is_shown_dated(client, published):
    reviewer = member("Reviewer")
    workflow.claim_edit(claim_id=published.pk, changes={"text": "The tolls fell by a half"}, user=reviewer)
    workflow.claim_set_verdict(
        claim_id=published.pk,
        rating_value=4,
        explanation="Checked against the port's accounts.",
        user=reviewer,
    )
    published.refresh_from_db()
    assert published.state == Claim.State.PUBLISHED
    notes = list(published.corrections.values_list("what", "note"))
    assert notes == [
        (
            "wording",
            "The wording was changed from “The tolls fell by a third” to “The tolls fell by a half”.",
        ),
        (
            "verdict",
            f"The verdict was changed from “{Rating.objects.get(value=2).label}” to “{Rating.objects.get(value=4).label}”.",
        ),
    ]
    page = client.get(f"/claims/{published.pk}/").content.decode()
    assert "Corrections" in page and "The wording was changed from" in page
    assert timezone.now().strftime("%Y-%m-%d") in page
    review = claim_review(Claim.objects.select_related("speaker", "verdict").get(pk=published.pk))
    assert review["dateModified"] == timezone.now().date().isoformat()


def test_nothing_to_correct_before_publication(published):
    draft = ClaimFactory(state=Claim.State.ACCEPTED)
    workflow.claim_edit(
        claim_id=draft.pk, changes={"text": "Reworded before anyone saw it"}, user=member("Editor")
    )
    assert not Correction.objects.exists()
    review = claim_review(Claim.objects.select_related("speaker", "verdict").get(pk=published.pk))
    assert "dateModified" not in review


def test_the_public_page_says_which_date_it_shows(client, published):
    page = client.get(f"/claims/{published.pk}/").content.decode()
    # The factory's appearance-less claim: only the record's own date is known, and the page says so.
    assert "first seen here" in page and "when it was said is not known" in page


def test_the_public_page_shows_when_it_was_said_else_when_its_source_was_published(client, published):
    from datetime import date

    from tests.factories import AppearanceFactory

    AppearanceFactory(claim=published, said_on=None, source__published_on=date(2022, 1, 11))
    page = client.get(f"/claims/{published.pk}/").content.decode()
    assert (
        'published <time datetime="2022-01-11">11 January 2022</time> (when it was said is not known)' in page
    )
    AppearanceFactory(claim=published, said_on=date(2022, 1, 10))
    page = client.get(f"/claims/{published.pk}/").content.decode()
    assert 'said <time datetime="2022-01-10">10 January 2022</time>' in page
