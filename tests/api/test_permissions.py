"""One permission test per endpoint, for each kind of client: anonymous, a token without rights, a
staff member with no group signed in (a session), an Editor and a Reviewer. A client acts with its
user's rights: one whose user may not see drafts reads what an anonymous client reads."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Permission

from claims.models import Claim, IngestJob, Rating
from tests.api.conftest import client_for
from tests.factories import AppearanceFactory, ClaimFactory, IngestJobFactory, UserFactory

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "no_rights", "signed_in", "editor", "reviewer"]
SEES_DRAFTS = {"anonymous": False, "no_rights": False, "signed_in": False, "editor": True, "reviewer": True}


def expect(clients, call, **statuses):
    got = {role: call(clients[role]).status_code for role in ROLES}
    assert got == {role: statuses[role] for role in ROLES}


def test_claims_list(clients, published_claim, new_claim):
    expect(
        clients,
        lambda c: c.get("/api/claims/"),
        anonymous=200,
        no_rights=200,
        signed_in=200,
        editor=200,
        reviewer=200,
    )
    for role in ROLES:
        seen = sorted(c["id"] for c in clients[role].get("/api/claims/").json()["results"])
        assert seen == (
            sorted([published_claim.pk, new_claim.pk]) if SEES_DRAFTS[role] else [published_claim.pk]
        )


def test_claim_detail_of_an_unpublished_claim(clients, new_claim):
    expect(
        clients,
        lambda c: c.get(f"/api/claims/{new_claim.pk}/"),
        anonymous=404,
        no_rights=404,
        signed_in=404,
        editor=200,
        reviewer=200,
    )


@pytest.mark.parametrize("endpoint", ["speakers", "sources", "publishers"])
def test_speakers_sources_and_publishers_of_published_claims_are_public(clients, published_claim, endpoint):
    expect(
        clients,
        lambda c: c.get(f"/api/{endpoint}/"),
        anonymous=200,
        no_rights=200,
        signed_in=200,
        editor=200,
        reviewer=200,
    )


def test_ratings_are_public(clients):
    expect(
        clients,
        lambda c: c.get("/api/ratings/"),
        anonymous=200,
        no_rights=200,
        signed_in=200,
        editor=200,
        reviewer=200,
    )


def test_submitting_ingest_jobs(clients, settings):
    calls = iter(range(100))

    def submit(client):
        return client.post("/api/ingest-jobs/", {"url": f"https://news.example/{next(calls)}"}, format="json")

    expect(clients, submit, anonymous=401, no_rights=403, signed_in=403, editor=202, reviewer=202)


def test_ingest_job_list_and_detail(clients):
    """Jobs are read by those who may view ingest jobs; anyone else signed in reads only the jobs
    they submitted (none here)."""
    job = IngestJobFactory()
    expect(
        clients,
        lambda c: c.get("/api/ingest-jobs/"),
        anonymous=401,
        no_rights=200,
        signed_in=200,
        editor=200,
        reviewer=200,
    )
    for role in ROLES[1:]:
        listed = [j["id"] for j in clients[role].get("/api/ingest-jobs/").json()["results"]]
        assert listed == ([job.pk] if SEES_DRAFTS[role] else [])
    expect(
        clients,
        lambda c: c.get(f"/api/ingest-jobs/{job.pk}/"),
        anonymous=401,
        no_rights=404,
        signed_in=404,
        editor=200,
        reviewer=200,
    )


def test_a_submitter_who_may_not_view_jobs_reads_only_their_own(db):
    """Allowed to submit (claims.add_ingestjob) but not to view ingest jobs: their own jobs only."""
    submitter = UserFactory(username="cms")
    submitter.user_permissions.add(Permission.objects.get(codename="add_ingestjob"))
    client = client_for(submitter)
    others = IngestJobFactory()
    mine = client.post("/api/ingest-jobs/", {"text": "An article of ours."}, format="json").json()
    listed = [j["id"] for j in client.get("/api/ingest-jobs/").json()["results"]]
    assert listed == [mine["id"]]
    assert client.get(f"/api/ingest-jobs/{mine['id']}/").status_code == 200
    assert client.get(f"/api/ingest-jobs/{others.pk}/").status_code == 404
    assert IngestJob.objects.get(pk=mine["id"]).submitted_by == submitter


def test_accepting_a_claim(clients, db):
    def accept(client):
        claim = ClaimFactory(state=Claim.State.NEW)
        return client.post(f"/api/claims/{claim.pk}/transition/", {"state": "accepted"}, format="json")

    # A draft is not found by those who may not see it.
    expect(clients, accept, anonymous=401, no_rights=404, signed_in=404, editor=200, reviewer=200)


def test_unpublishing_a_claim(clients, db):
    def unpublish(client):
        claim = ClaimFactory(state=Claim.State.PUBLISHED, verdict=Rating.objects.get(value=5))
        return client.post(f"/api/claims/{claim.pk}/transition/", {"state": "reviewed"}, format="json")

    expect(clients, unpublish, anonymous=401, no_rights=403, signed_in=403, editor=403, reviewer=200)


def test_rating_a_claim(clients, db):
    def rate(client):
        claim = ClaimFactory(state=Claim.State.ACCEPTED)
        return client.post(
            f"/api/claims/{claim.pk}/verdict/", {"rating": 1, "explanation": "No."}, format="json"
        )

    expect(clients, rate, anonymous=401, no_rights=404, signed_in=404, editor=403, reviewer=200)


def test_publishing_a_claim(clients, db):
    def publish(client):
        claim = ClaimFactory(state=Claim.State.REVIEWED, verdict=Rating.objects.get(value=5))
        return client.post(f"/api/claims/{claim.pk}/transition/", {"state": "published"}, format="json")

    expect(clients, publish, anonymous=401, no_rights=404, signed_in=404, editor=403, reviewer=200)


def test_merging_claims(clients, db):
    def merge(client):
        target = AppearanceFactory().claim
        other = AppearanceFactory(claim__speaker=target.speaker).claim
        return client.post(f"/api/claims/{target.pk}/merge/", {"claims": [other.pk]}, format="json")

    expect(clients, merge, anonymous=401, no_rights=404, signed_in=404, editor=200, reviewer=200)


def test_claim_review_of_a_published_claim(clients, published_claim):
    expect(
        clients,
        lambda c: c.get(f"/api/claims/{published_claim.pk}/claim-review/"),
        anonymous=200,
        no_rights=200,
        signed_in=200,
        editor=200,
        reviewer=200,
    )


def test_claim_review_of_a_draft(clients, new_claim):
    new_claim.verdict = Rating.objects.get(value=1)
    new_claim.save()
    expect(
        clients,
        lambda c: c.get(f"/api/claims/{new_claim.pk}/claim-review/"),
        anonymous=404,
        no_rights=404,
        signed_in=404,
        editor=200,
        reviewer=200,
    )


def test_external_reviews_of_a_claim(clients, published_claim, new_claim):
    for claim, blind in ((published_claim, 200), (new_claim, 404)):
        expect(
            clients,
            lambda c, claim=claim: c.get(f"/api/claims/{claim.pk}/external-reviews/"),
            anonymous=blind,
            no_rights=blind,
            signed_in=blind,
            editor=200,
            reviewer=200,
        )


def test_fact_check_search(clients, published_claim):
    expect(
        clients,
        lambda c: c.get("/v1alpha1/claims:search", {"query": "statement"}),
        anonymous=200,
        no_rights=200,
        signed_in=200,
        editor=200,
        reviewer=200,
    )


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_exports(clients, published_claim, new_claim, fmt):
    def export(client):
        return client.get(f"/api/claims/export.{fmt}")

    expect(clients, export, anonymous=200, no_rights=200, signed_in=200, editor=200, reviewer=200)
    for role in ROLES:
        text = b"".join(export(clients[role]).streaming_content).decode()
        if fmt == "ndjson":
            exported = {json.loads(line)["id"] for line in text.splitlines()}
        else:
            exported = {int(row["id"]) for row in csv.DictReader(io.StringIO(text))}
        assert exported == ({published_claim.pk, new_claim.pk} if SEES_DRAFTS[role] else {published_claim.pk})


def test_schema_and_docs_are_public(clients):
    for path in ("/api/schema/", "/api/docs/"):
        expect(
            clients,
            lambda c, path=path: c.get(path),
            anonymous=200,
            no_rights=200,
            signed_in=200,
            editor=200,
            reviewer=200,
        )


def test_similar_claims(clients, published_claim, new_claim):
    from claims.store import matching

    matching.index((c.pk, c.text, c.speaker_id) for c in Claim.objects.all())
    text = "Statement number"  # both claims' words; short: found by full-text search

    def similar(client):
        return client.get("/api/claims/similar/", {"text": text})

    expect(clients, similar, anonymous=200, no_rights=200, signed_in=200, editor=200, reviewer=200)
    for role in ROLES:
        seen = {row["claim"]["id"] for row in similar(clients[role]).json()}
        assert seen == ({published_claim.pk, new_claim.pk} if SEES_DRAFTS[role] else {published_claim.pk})


def test_a_text_search_of_claims(clients, published_claim, new_claim):
    for role in ROLES:
        found = {
            c["id"] for c in clients[role].get("/api/claims/", {"q": "statement number"}).json()["results"]
        }
        assert found == ({published_claim.pk, new_claim.pk} if SEES_DRAFTS[role] else {published_claim.pk})
