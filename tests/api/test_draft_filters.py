"""Every filter or endpoint that names a claim, a speaker, a source or a publisher reaches only what
the client may see: a client who may not see drafts (anonymous, or a token or session whose user
lacks claims.view_claim) learns nothing of a draft, of a speaker or source known only through
drafts, or of the external reviews linked to a draft. As on the public pages, a speaker, a source
or a publisher is public only through a published claim."""

import pytest

from claims.models import Claim, ExternalReview, ExternalReviewLink, Rating
from tests.factories import AppearanceFactory

pytestmark = pytest.mark.django_db
BLIND = ["anonymous", "no_rights", "signed_in"]  # may not see drafts
SIGHTED = ["editor", "reviewer"]


@pytest.fixture
def record(db):
    """A published claim and a draft, each with its own speaker, source and publisher, and an
    external review linked (confirmed) to the draft only."""
    published = AppearanceFactory(
        claim__state=Claim.State.PUBLISHED, claim__verdict=Rating.objects.get(value=2)
    )
    draft = AppearanceFactory(
        claim__state=Claim.State.ACCEPTED,
        claim__verdict=Rating.objects.get(value=1),
        claim__text="The harbour will close in secret next spring",
        claim__speaker__name="Dora Draftonly",
        source__title="A story with only drafts",
        source__publisher__name="Drafts Gazette",
    )
    review = ExternalReview.objects.create(
        url="https://checkers.example/harbour",
        publisher="Harbour Checkers",
        claim_reviewed="The harbour will close",
        rating_text="False",
        document={},
    )
    ExternalReviewLink.objects.create(
        claim=draft.claim, review=review, state="confirmed", score=0.9, reason="test"
    )
    return {"published": published, "draft": draft, "review": review}


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    body = response.json()
    return sorted(row["id"] for row in (body["results"] if isinstance(body, dict) else body))


@pytest.mark.parametrize("role", BLIND + SIGHTED)
def test_external_reviews_filtered_by_a_draft_claim(clients, record, role):
    found = ids(clients[role].get("/api/external-reviews/", {"claim": record["draft"].claim_id}))
    assert found == ([] if role in BLIND else [record["review"].pk])


@pytest.mark.parametrize("role", BLIND + SIGHTED)
@pytest.mark.parametrize(
    "param, value",
    [
        ("speaker", lambda a: a.claim.speaker_id),
        ("source", lambda a: a.source_id),
        ("publisher", lambda a: a.source.publisher_id),
    ],
)
def test_claims_filtered_by_a_speaker_source_or_publisher_of_drafts(clients, record, role, param, value):
    found = ids(clients[role].get("/api/claims/", {param: value(record["draft"])}))
    assert found == ([] if role in BLIND else [record["draft"].claim_id])


RESOURCES = [
    ("speakers", lambda a: a.claim.speaker_id),
    ("sources", lambda a: a.source_id),
    ("publishers", lambda a: a.source.publisher_id),
]


@pytest.mark.parametrize("role", BLIND + SIGHTED)
@pytest.mark.parametrize("endpoint, of", RESOURCES)
def test_speakers_sources_and_publishers_are_public_only_through_a_published_claim(
    clients, record, role, endpoint, of
):
    client = clients[role]
    shown, hidden = of(record["published"]), of(record["draft"])
    listed = ids(client.get(f"/api/{endpoint}/"))
    assert listed == (sorted([shown]) if role in BLIND else sorted([shown, hidden]))
    assert client.get(f"/api/{endpoint}/{shown}/").status_code == 200
    assert client.get(f"/api/{endpoint}/{hidden}/").status_code == (404 if role in BLIND else 200)


@pytest.mark.parametrize("role", BLIND)
def test_nothing_of_a_draft_reaches_a_client_who_may_not_see_drafts(clients, record, role):
    """The draft's words, its speaker's name and its source's title appear in no answer."""
    client = clients[role]
    draft = record["draft"]
    answers = [
        client.get("/api/claims/"),
        client.get("/api/claims/", {"q": "harbour close secret"}),
        client.get("/api/claims/similar/", {"text": "The harbour will close in secret next spring"}),
        client.get("/api/claims/export.ndjson"),
        client.get("/api/claims/export.csv"),
        client.get("/api/speakers/"),
        client.get("/api/sources/"),
        client.get("/api/publishers/"),
        client.get("/api/external-reviews/"),
        client.get(f"/api/external-reviews/{record['review'].pk}/"),
    ]
    for response in answers:
        assert response.status_code == 200
        text = b"".join(response.streaming_content) if response.streaming else response.content
        for secret in (
            "in secret next spring",
            "Dora Draftonly",
            "A story with only drafts",
            "Drafts Gazette",
        ):
            assert secret.encode() not in text, (response.wsgi_request.get_full_path(), secret)
    for path in (
        f"/api/claims/{draft.claim_id}/",
        f"/api/claims/{draft.claim_id}/claim-review/",
        f"/api/claims/{draft.claim_id}/external-reviews/",
    ):
        assert client.get(path).status_code == 404, path
