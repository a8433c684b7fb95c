"""The ClaimReview an external review was read from (`document`, up to 256 KB each) is never loaded
by a page that lists reviews: the API's list and detail, a claim's reviews, the public claim
page, the admin's list and a claim's page, the review desk. Only the review's own admin page
shows it, collapsed and cut short."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, ExternalReview, ExternalReviewLink, Rating
from tests.factories import AppearanceFactory

pytestmark = pytest.mark.django_db

DOCUMENT_COLUMN = re.compile(r"\"claims_externalreview\"\.\"document\"")


def heavy_review(n: int) -> ExternalReview:
    return ExternalReview.objects.create(
        url=f"https://checkers.example/{n}",
        publisher="Harbour Checkers",
        claim_reviewed=f"The toll rose by {n} percent",
        rating_text="False",
        document={"@type": "ClaimReview", "reviewBody": f"review {n} " + "x" * 200_000},
    )


@pytest.fixture
def published(db) -> Claim:
    claim = AppearanceFactory(
        claim__state=Claim.State.PUBLISHED, claim__verdict=Rating.objects.get(value=2)
    ).claim
    for n in range(1, 4):
        ExternalReviewLink.objects.create(
            claim=claim, review=heavy_review(n), state="confirmed", score=0.9, reason="test"
        )
    return claim


def selecting_documents(fetch) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries if DOCUMENT_COLUMN.search(q["sql"])]


def test_the_api_never_loads_documents(clients, published):
    anonymous = clients["anonymous"]
    review = ExternalReview.objects.order_by("pk").first()
    body = anonymous.get("/api/external-reviews/").json()
    assert len(body["results"]) == 3 and "document" not in body["results"][0]
    assert selecting_documents(lambda: anonymous.get("/api/external-reviews/")) == []
    assert selecting_documents(lambda: anonymous.get(f"/api/external-reviews/{review.pk}/")) == []
    assert selecting_documents(lambda: anonymous.get(f"/api/claims/{published.pk}/external-reviews/")) == []


def test_the_public_claim_page_never_loads_documents(client, published):
    url = reverse("public:claim", args=[published.pk])
    assert "Harbour Checkers" in client.get(url).content.decode()
    assert selecting_documents(lambda: client.get(url)) == []


def test_the_admin_lists_never_load_documents(admin_client, published):
    changelist = reverse("admin:claims_externalreview_changelist")
    assert "The toll rose by 2 percent" in admin_client.get(changelist).content.decode()
    assert selecting_documents(lambda: admin_client.get(changelist)) == []
    claim_page = reverse("admin:claims_claim_change", args=[published.pk])
    assert "Harbour Checkers" in admin_client.get(claim_page).content.decode()
    assert selecting_documents(lambda: admin_client.get(claim_page)) == []
    source = published.appearances.get().source
    desk = reverse("admin:claims_source_review", args=[source.pk])
    assert selecting_documents(lambda: admin_client.get(desk)) == []


def test_the_review_page_shows_the_document_collapsed_and_cut_short(admin_client, published):
    review = ExternalReview.objects.get(url="https://checkers.example/2")
    html = admin_client.get(reverse("admin:claims_externalreview_change", args=[review.pk])).content.decode()
    [shown] = re.findall(r"<details>.*?</details>", html, re.S)
    assert "review 2 " in shown and "200,0" in shown  # its length, in characters
    assert "x" * 5000 in shown and "x" * 20_000 not in shown
    assert "x" * 20_000 not in html
