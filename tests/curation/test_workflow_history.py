"""Every workflow change leaves an event: who, what, when; a refused change leaves none."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from claims.curation import workflow
from claims.models import Claim, ClaimEvent
from tests.factories import AppearanceFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def member(group: str, **extra):
    user = UserFactory(username=group.lower(), **extra)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_transitions_verdicts_and_merges_are_recorded():
    editor, reviewer = member("Editor"), member("Reviewer")
    claim = AppearanceFactory(claim__state=Claim.State.NEW).claim
    other = AppearanceFactory(claim__speaker=claim.speaker).claim  # the same speaker's
    workflow.claim_transition(claim_id=claim.pk, to_state=Claim.State.ACCEPTED, user=editor)
    workflow.claim_set_verdict(
        claim_id=claim.pk, rating_value=2, explanation="The figures say otherwise.", user=reviewer
    )
    workflow.claim_merge(target_id=claim.pk, other_ids=[other.pk], user=editor)
    merge, verdict, accepted = ClaimEvent.objects.filter(claim=claim)  # newest first
    assert (accepted.action, accepted.user, accepted.from_state, accepted.to_state) == (
        "transition",
        editor,
        "new",
        "accepted",
    )
    assert (verdict.action, verdict.user, verdict.details["rating"], verdict.details["previous_rating"]) == (
        "verdict",
        reviewer,
        2,
        None,
    )
    assert (merge.action, merge.details["merged"], merge.details["appearances_moved"]) == (
        "merge",
        [other.pk],
        1,
    )
    assert merge.details["texts"][str(other.pk)] == other.text


def test_a_refused_change_leaves_no_event():
    editor = member("Editor")
    claim = ClaimFactory(state=Claim.State.NEW)
    with pytest.raises(ValidationError):
        workflow.claim_transition(claim_id=claim.pk, to_state=Claim.State.NEW, user=editor)
    with pytest.raises(PermissionDenied):
        workflow.claim_set_verdict(claim_id=claim.pk, rating_value=1, explanation="", user=editor)
    assert not ClaimEvent.objects.exists()


def test_editors_see_the_history_on_the_claim_page():
    editor = member("Editor", is_staff=True)
    claim = ClaimFactory(state=Claim.State.NEW)
    workflow.claim_transition(claim_id=claim.pk, to_state=Claim.State.ACCEPTED, user=editor)
    client = Client()
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "State changed" in page and "editor" in page


@pytest.mark.django_db
def test_a_claim_is_curated_once_an_editor_has_touched_it():
    untouched = ClaimFactory(state=Claim.State.NEW)
    assigned = ClaimFactory(state=Claim.State.NEW)
    ClaimEvent.record(claim=assigned, user=None, action=ClaimEvent.Action.ASSIGN)
    accepted = ClaimFactory(state=Claim.State.ACCEPTED)
    curated = set(Claim.objects.curated().values_list("pk", flat=True))
    assert curated == {assigned.pk, accepted.pk} and untouched.pk not in curated
