"""One permission test per endpoint, for each kind of client: anonymous, a token without rights,
an Editor and a Reviewer."""

import pytest

from claims.models import Claim

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "no_rights", "editor", "reviewer"]


def expect(clients, call, **statuses):
    got = {role: call(clients[role]).status_code for role in ROLES}
    assert got == {role: statuses[role] for role in ROLES}


def test_claims_list(clients, published_claim, new_claim):
    expect(clients, lambda c: c.get("/api/claims/"), anonymous=200, no_rights=200, editor=200, reviewer=200)
    seen = {role: [c["id"] for c in clients[role].get("/api/claims/").json()["results"]] for role in ROLES}
    assert seen["anonymous"] == [published_claim.pk]
    assert sorted(seen["no_rights"]) == sorted([published_claim.pk, new_claim.pk])


def test_claim_detail_of_an_unpublished_claim(clients, new_claim):
    expect(
        clients,
        lambda c: c.get(f"/api/claims/{new_claim.pk}/"),
        anonymous=404,
        no_rights=200,
        editor=200,
        reviewer=200,
    )


@pytest.mark.parametrize("endpoint", ["speakers", "sources", "publishers", "ingest-jobs"])
def test_reading_other_resources_needs_a_token(clients, published_claim, endpoint):
    expect(
        clients, lambda c: c.get(f"/api/{endpoint}/"), anonymous=401, no_rights=200, editor=200, reviewer=200
    )


def test_ratings_are_public(clients):
    expect(clients, lambda c: c.get("/api/ratings/"), anonymous=200, no_rights=200, editor=200, reviewer=200)


def test_submitting_ingest_jobs(clients, settings):
    calls = iter(range(100))

    def submit(client):
        return client.post("/api/ingest-jobs/", {"url": f"https://news.example/{next(calls)}"}, format="json")

    expect(clients, submit, anonymous=401, no_rights=403, editor=202, reviewer=202)


def test_accepting_a_claim(clients, db):
    from tests.factories import ClaimFactory

    def accept(client):
        claim = ClaimFactory(state=Claim.State.NEW)
        return client.post(f"/api/claims/{claim.pk}/transition/", {"state": "accepted"}, format="json")

    expect(clients, accept, anonymous=401, no_rights=403, editor=200, reviewer=200)


def test_rating_a_claim(clients, db):
    from tests.factories import ClaimFactory

    def rate(client):
        claim = ClaimFactory(state=Claim.State.ACCEPTED)
        return client.post(
            f"/api/claims/{claim.pk}/verdict/", {"rating": 1, "explanation": "No."}, format="json"
        )

    expect(clients, rate, anonymous=401, no_rights=403, editor=403, reviewer=200)


def test_publishing_a_claim(clients, db):
    from claims.models import Rating
    from tests.factories import ClaimFactory

    def publish(client):
        claim = ClaimFactory(state=Claim.State.REVIEWED, verdict=Rating.objects.get(value=5))
        return client.post(f"/api/claims/{claim.pk}/transition/", {"state": "published"}, format="json")

    expect(clients, publish, anonymous=401, no_rights=403, editor=403, reviewer=200)


def test_merging_claims(clients, db):
    from tests.factories import AppearanceFactory

    def merge(client):
        target, other = AppearanceFactory().claim, AppearanceFactory().claim
        return client.post(f"/api/claims/{target.pk}/merge/", {"claims": [other.pk]}, format="json")

    expect(clients, merge, anonymous=401, no_rights=403, editor=200, reviewer=200)


def test_claim_review_of_a_published_claim(clients, published_claim):
    expect(
        clients,
        lambda c: c.get(f"/api/claims/{published_claim.pk}/claim-review/"),
        anonymous=200,
        no_rights=200,
        editor=200,
        reviewer=200,
    )


def test_fact_check_search(clients, published_claim):
    expect(
        clients,
        lambda c: c.get("/v1alpha1/claims:search", {"query": "statement"}),
        anonymous=200,
        no_rights=200,
        editor=200,
        reviewer=200,
    )


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_exports(clients, published_claim, new_claim, fmt):
    expect(
        clients,
        lambda c: c.get(f"/api/claims/export.{fmt}"),
        anonymous=200,
        no_rights=200,
        editor=200,
        reviewer=200,
    )


def test_schema_and_docs_are_public(clients):
    expect(clients, lambda c: c.get("/api/schema/"), anonymous=200, no_rights=200, editor=200, reviewer=200)
    expect(clients, lambda c: c.get("/api/docs/"), anonymous=200, no_rights=200, editor=200, reviewer=200)


def test_similar_claims(clients, published_claim, new_claim):
    from claims.store import matching

    matching.index((c.pk, c.text, c.speaker_id) for c in Claim.objects.all())
    text = "Statement number"  # both claims' words; short: found by full-text search

    def similar(client):
        return client.get("/api/claims/similar/", {"text": text})

    expect(clients, similar, anonymous=200, no_rights=200, editor=200, reviewer=200)
    seen = {role: {row["claim"]["id"] for row in similar(clients[role]).json()} for role in ROLES}
    assert seen["anonymous"] == {published_claim.pk}
    assert new_claim.pk in seen["editor"]
