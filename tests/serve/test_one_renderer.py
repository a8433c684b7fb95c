"""One statement renderer (claims.serve.statements) for every surface: a denial reads as a denial
wherever a claim is shown or sent — the admin list, the review, verdict and assign pages, the
public claim page and its "Where it appeared", claims:search (text and title), the API, the
inbox and its email, webhooks — and a characterisation says the same verb in the admin list as
in the API. Articles written for the project."""

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from claims.curation import workflow
from claims.ingest import articles, pipeline
from claims.models import Appearance, Claim, Notification, Rating
from claims.notify import payloads
from claims.retrieval import service as retrieval
from claims.serve import statements
from tests.factories import AppearanceFactory

ARTICLE = """date 2024-03-04
Navy and harbour at odds over closure

PORT ELLEN, March 4 - The deputy defence minister, Ada Quill, met harbour officials on Monday.

Quill denied that the navy had plans to close the harbour to fishing boats.

Bo Hale, who chairs the harbour board, said the ferry would sail twice a day from June.
"""
SAID = "Ada Quill denied that the navy had plans to close the harbour to fishing boats"
BARE = "the navy had plans to close the harbour to fishing boats"


@pytest.fixture
def denial(db):
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    claim = Claim.objects.select_related("speaker").get(speaker__name="Ada Quill", text__contains="plans")
    assert claim.stance == "denied"
    return claim


def _publish(claim: Claim) -> None:
    retrieval.index_claims(claim_ids=[claim.pk])
    Claim.objects.filter(pk=claim.pk).update(
        state="published", published_at=timezone.now(), verdict=Rating.objects.get(value=1)
    )


def test_the_renderer_keeps_the_stance_and_reads_as_english():
    assert statements.checkable(text=BARE, stance="denied", speaker="Ada Quill") == SAID
    # A thing denied, not a clause: no "that" before it.
    assert (
        statements.checkable(
            text="plans to make the talks public", stance="denied", speaker="The harbour board"
        )
        == "The harbour board denied plans to make the talks public"
    )
    assert (
        statements.checkable(text="The tolls will double", stance="predicted", speaker="Bo Hale")
        == "Bo Hale predicted that the tolls will double"
    )
    # Reported speech kept with its "that" reads as said by its speaker, never as a bare clause
    # whose "she" is no one.
    assert (
        statements.checkable(
            text='that she was "firm in pushing back" on the toll plan',
            stance="asserted",
            speaker="Ada Quill",
        )
        == 'Ada Quill said that she was "firm in pushing back" on the toll plan'
    )


@pytest.mark.django_db
def test_a_denial_reads_as_a_denial_on_every_surface(
    denial, editor_user, reviewer_user, client, django_capture_on_commit_callbacks
):
    # The admin: list, review page, verdict and assign forms.
    client.force_login(editor_user)
    listing = client.get("/admin/claims/claim/").content.decode()
    assert SAID in listing
    source = Appearance.objects.get(claim=denial).source_id
    review = client.get(f"/admin/claims/source/{source}/review/?focus={denial.pk}").content.decode()
    assert SAID in review
    assign = client.post(
        "/admin/claims/claim/",
        {"action": "assign_to", "_selected_action": [denial.pk]},
    ).content.decode()
    assert SAID in assign
    workflow.claim_transition(claim_id=denial.pk, to_state="accepted", user=editor_user)
    client.force_login(reviewer_user)
    verdict = client.get(f"/admin/claims/claim/{denial.pk}/verdict/").content.decode()
    assert SAID in verdict and f"<strong>{BARE}</strong>" not in verdict

    # The inbox and its email.
    with django_capture_on_commit_callbacks(execute=True):
        workflow.claim_assign(claim_ids=[denial.pk], assignee=reviewer_user, user=editor_user)
    assert SAID in Notification.objects.get(user=reviewer_user).message
    assert SAID in mail.outbox[-1].body or SAID in mail.outbox[-1].subject
    # Webhooks.
    assert payloads.claim_data(denial)["statement"] == SAID

    # Published: the public page's "Where it appeared", the API, claims:search text and title.
    workflow.claim_set_verdict(claim_id=denial.pk, rating_value=1, explanation="", user=reviewer_user)
    _publish(denial)
    page = client.get(f"/claims/{denial.pk}/").content.decode()
    where = page.split("Where it appeared", 1)[1]
    assert SAID in where and f"<q>{BARE}</q>" not in where
    anonymous = APIClient()
    assert anonymous.get(f"/api/claims/{denial.pk}/").json()["statement"] == SAID
    found = anonymous.get("/v1alpha1/claims:search", {"query": "navy harbour fishing"}).json()["claims"]
    assert found[0]["text"] == SAID
    assert found[0]["claimReview"][0]["title"] == SAID


@pytest.mark.django_db
def test_the_admin_list_and_the_api_say_the_same_verb(admin_client):
    claim = AppearanceFactory(
        cue="rejected", stance="characterised", claim__stance="characterised", claim__text="the tolls plan"
    ).claim
    Claim.objects.filter(pk=claim.pk).update(state="published", published_at=timezone.now())
    shown = f"{claim.speaker.name} rejected the tolls plan"
    assert statements.statement(Claim.objects.select_related("speaker").get(pk=claim.pk)) == shown
    assert shown in admin_client.get("/admin/claims/claim/").content.decode()
    assert APIClient().get(f"/api/claims/{claim.pk}/").json()["statement"] == shown
