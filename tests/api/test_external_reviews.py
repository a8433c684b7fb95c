"""Other fact-checkers' reviews in the API (/api/external-reviews/, filterable, and on each claim),
on the admin claim page (confirm or remove a link) and on public pages ("also checked by"). A
link to a claim not published is never shown to those who may not see drafts."""

import pytest
from django.urls import reverse

from claims.models import Claim, ExternalReview, ExternalReviewLink, Rating
from tests.factories import AppearanceFactory

pytestmark = pytest.mark.django_db


def review(n: int, **fields) -> ExternalReview:
    values = {
        "url": f"https://checkers.example/{n}",
        "publisher": "Harbour Checkers",
        "claim_reviewed": f"The toll rose by {n} percent",
        "rating_text": "False",
        "document": {},
        **fields,
    }
    return ExternalReview.objects.create(**values)


@pytest.fixture
def linked(db):
    published = AppearanceFactory(
        claim__state=Claim.State.PUBLISHED, claim__verdict=Rating.objects.get(value=2)
    ).claim
    draft = AppearanceFactory(claim__state=Claim.State.ACCEPTED).claim
    first, second = review(1), review(2, publisher="Bridge Watch", rating_text="True", language="fr")
    for claim, item in ((published, first), (draft, second)):
        ExternalReviewLink.objects.create(
            claim=claim, review=item, state="confirmed", score=0.9, reason="test"
        )
    ExternalReviewLink.objects.create(
        claim=published, review=second, state="suggested", score=0.6, reason="test"
    )
    return {"published": published, "draft": draft, "first": first, "second": second}


def test_the_list_is_public_and_filterable(clients, linked):
    body = clients["anonymous"].get("/api/external-reviews/").json()
    assert [r["url"] for r in body["results"]] == ["https://checkers.example/2", "https://checkers.example/1"]
    by_publisher = clients["anonymous"].get("/api/external-reviews/", {"publisher": "bridge watch"}).json()
    assert [r["publisher"] for r in by_publisher["results"]] == ["Bridge Watch"]
    by_rating = clients["anonymous"].get("/api/external-reviews/", {"rating": "false"}).json()
    assert [r["url"] for r in by_rating["results"]] == ["https://checkers.example/1"]
    by_claim = clients["anonymous"].get("/api/external-reviews/", {"claim": linked["published"].pk}).json()
    assert [r["url"] for r in by_claim["results"]] == ["https://checkers.example/1"]  # confirmed links only


def test_links_to_drafts_are_shown_only_to_those_who_may_see_them(clients, linked):
    def claims_of(client, n):
        return client.get(f"/api/external-reviews/{linked[n].pk}/").json()["claims"]

    assert claims_of(clients["anonymous"], "second") == []
    assert claims_of(clients["editor"], "second") == [linked["draft"].pk]
    assert claims_of(clients["anonymous"], "first") == [linked["published"].pk]
    on_draft = clients["anonymous"].get(f"/api/claims/{linked['draft'].pk}/external-reviews/")
    assert on_draft.status_code == 404
    on_published = clients["anonymous"].get(f"/api/claims/{linked['published'].pk}/external-reviews/").json()
    assert [r["publisher"] for r in on_published] == ["Harbour Checkers"]


def test_the_public_page_says_who_else_checked_it(client, linked):
    html = client.get(reverse("public:claim", args=[linked["published"].pk])).content.decode()
    assert "Also checked by" in html and "Harbour Checkers" in html
    assert "Bridge Watch" not in html  # only suggested for this claim: not shown


def test_an_editor_confirms_or_removes_a_link_on_the_claim_page(editor_user, linked, client):
    client.force_login(editor_user)
    page = client.get(reverse("admin:claims_claim_change", args=[linked["published"].pk])).content.decode()
    assert "also checked by" in page.lower() and "Bridge Watch" in page
    suggested = ExternalReviewLink.objects.get(state="suggested")
    url = reverse("admin:claims_externalreview_decide", args=[suggested.pk])
    client.post(url, {"decision": "confirm"})
    suggested.refresh_from_db()
    assert suggested.state == "confirmed" and suggested.decided_by == editor_user and not suggested.automatic
    client.post(url, {"decision": "remove"})
    suggested.refresh_from_db()
    assert suggested.state == "removed"


def test_someone_who_may_not_curate_cannot_decide_a_link(linked, client):
    from tests.factories import UserFactory

    viewer = UserFactory(username="viewer", is_staff=True)
    client.force_login(viewer)
    link = ExternalReviewLink.objects.get(state="suggested")
    client.post(reverse("admin:claims_externalreview_decide", args=[link.pk]), {"decision": "confirm"})
    link.refresh_from_db()
    assert link.state == "suggested"


def test_the_review_page_says_who_else_checked_each_claim(editor_user, linked, client):
    client.force_login(editor_user)
    source = linked["published"].appearances.get().source
    html = client.get(reverse("admin:claims_source_review", args=[source.pk])).content.decode()
    assert "Also checked by" in html and "Harbour Checkers" in html and "(confirmed)" in html
