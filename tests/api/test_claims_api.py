import csv
import io
import json
from datetime import date

import pytest
from django.utils import timezone
from rest_framework.throttling import AnonRateThrottle

from claims.models import Claim, IngestJob, Rating
from tests.factories import AppearanceFactory, ClaimFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

# Google's ClaimReview fields (required and recommended), from its structured data guidelines.
CLAIM_REVIEW_FIELDS = {
    "@context",
    "@type",
    "claimReviewed",
    "reviewRating",
    "url",
    "author",
    "datePublished",
    "itemReviewed",
}
RATING_FIELDS = {"@type", "ratingValue", "bestRating", "worstRating", "alternateName"}
ITEM_FIELDS = {"@type", "author", "datePublished", "appearance", "firstAppearance"}


def test_unpublished_claims_never_reach_anonymous_clients(anonymous, published_claim, new_claim):
    reviewed = ClaimFactory(
        state=Claim.State.REVIEWED, verdict=Rating.objects.get(value=1), text='"Hidden draft words,"'
    )
    hidden = {new_claim.pk, reviewed.pk}
    assert {c["id"] for c in anonymous.get("/api/claims/").json()["results"]} == {published_claim.pk}
    for claim_id in hidden:
        assert anonymous.get(f"/api/claims/{claim_id}/").status_code == 404
        assert anonymous.get(f"/api/claims/{claim_id}/claim-review/").status_code == 404
    ndjson = [
        json.loads(line)
        for line in b"".join(anonymous.get("/api/claims/export.ndjson").streaming_content).splitlines()
    ]
    assert [row["id"] for row in ndjson] == [published_claim.pk]
    rows = list(
        csv.reader(io.StringIO(b"".join(anonymous.get("/api/claims/export.csv").streaming_content).decode()))
    )
    assert rows[0][0] == "id" and [int(r[0]) for r in rows[1:]] == [published_claim.pk]
    found = anonymous.get("/v1alpha1/claims:search", {"query": "Hidden draft"}).json()["claims"]
    assert found == []


def test_claim_list_makes_the_same_number_of_queries_whatever_the_page_size(
    editor, django_assert_num_queries
):
    for _ in range(3):
        claim = AppearanceFactory().claim
        AppearanceFactory(claim=claim)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    editor.get("/api/ratings/")  # the token's first use is recorded once (last_used_at), not per request
    with CaptureQueriesContext(connection) as small:
        assert len(editor.get("/api/claims/?page_size=2").json()["results"]) == 2
    for _ in range(30):
        AppearanceFactory(claim=AppearanceFactory().claim)
    with CaptureQueriesContext(connection) as large:
        assert len(editor.get("/api/claims/?page_size=30").json()["results"]) == 30
    assert len(small.captured_queries) == len(large.captured_queries)


def test_filters(editor):
    speaker = SpeakerFactory(name="Helena Varga")
    source = SourceFactory()
    wanted = AppearanceFactory(
        claim=ClaimFactory(speaker=speaker, kind="indirect", checkworthiness=0.9),
        source=source,
        said_on=date(2022, 1, 10),
    ).claim
    AppearanceFactory(claim=ClaimFactory(kind="direct", checkworthiness=0.1), said_on=date(2021, 5, 1))

    def ids(**params):
        return [c["id"] for c in editor.get("/api/claims/", params).json()["results"]]

    assert ids(speaker=speaker.pk) == [wanted.pk]
    assert ids(kind="indirect") == [wanted.pk]
    assert ids(source=source.pk) == [wanted.pk]
    assert ids(publisher=source.publisher_id) == [wanted.pk]
    assert ids(said_after="2022-01-01") == [wanted.pk]
    assert ids(checkworthiness_min=0.5) == [wanted.pk]
    assert ids(state="published") == []
    assert len(ids(ordering="checkworthiness")) == 2
    assert ids(ordering="-checkworthiness")[0] == wanted.pk


def test_search_matches_words_and_speaker_names(editor):
    varga = SpeakerFactory(name="Helena Varga")
    fishing = ClaimFactory(text="The fishing quotas will be cut by a third", speaker=varga)
    ClaimFactory(text="Rail fares rise in spring")
    assert [c["id"] for c in editor.get("/api/claims/", {"q": "quotas"}).json()["results"]] == [fishing.pk]
    assert [c["id"] for c in editor.get("/api/claims/", {"q": "Varga"}).json()["results"]] == [fishing.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"checkworthiness_min": "high"},
        {"first_seen_after": "yesterday"},
        {"state": "bogus"},
        {"speaker": "x"},
    ],
)
def test_a_bad_filter_is_a_400_with_a_message(editor, params):
    response = editor.get("/api/claims/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["message"] and error["details"]


def test_a_bad_body_is_a_400_in_the_same_shape(editor, new_claim):
    response = editor.post(f"/api/claims/{new_claim.pk}/transition/", {"state": "new"}, format="json")
    assert response.status_code == 400
    assert "The claim is already new." in response.json()["error"]["message"]
    response = editor.post(f"/api/claims/{new_claim.pk}/transition/", {"state": "bogus"}, format="json")
    assert response.status_code == 400 and "state" in response.json()["error"]["details"]
    response = editor.post("/api/ingest-jobs/", {"url": "https://a.example/", "text": "both"}, format="json")
    assert response.status_code == 400 and response.json()["error"]["details"]


def test_ingest_submission_is_idempotent(editor):
    first = editor.post("/api/ingest-jobs/", {"url": "https://news.example/story"}, format="json")
    assert first.status_code == 202 and first["Location"].endswith(f"/api/ingest-jobs/{first.json()['id']}/")
    again = editor.post("/api/ingest-jobs/", {"url": "https://news.example/story"}, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    keyed = editor.post(
        "/api/ingest-jobs/", {"text": "An article."}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    repeat = editor.post(
        "/api/ingest-jobs/", {"text": "An article."}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert (
        keyed.status_code == 202 and repeat.status_code == 200 and repeat.json()["id"] == keyed.json()["id"]
    )
    assert IngestJob.objects.count() == 2
    followed = editor.get(f"/api/ingest-jobs/{keyed.json()['id']}/")
    assert followed.status_code == 200 and followed.json()["state"] == "queued"


def test_an_idempotency_key_is_each_clients_own(editor):
    """Another client's Idempotency-Key is no key of this one's: the same key from two clients makes
    two jobs, and neither is shown the other's."""
    from django.contrib.auth.models import Group

    from tests.api.conftest import client_for
    from tests.factories import UserFactory

    other = UserFactory(username="other-newsroom")
    other.groups.add(Group.objects.get(name="Editor"))
    theirs = client_for(other).post(
        "/api/ingest-jobs/", {"text": "Their own article."}, format="json", HTTP_IDEMPOTENCY_KEY="batch-1"
    )
    ours = editor.post(
        "/api/ingest-jobs/", {"text": "Our own article."}, format="json", HTTP_IDEMPOTENCY_KEY="batch-1"
    )
    assert theirs.status_code == 202 and ours.status_code == 202, ours.content
    assert ours.json()["id"] != theirs.json()["id"]
    assert bytes(IngestJob.objects.get(pk=ours.json()["id"]).payload) == b"Our own article."
    again = editor.post(
        "/api/ingest-jobs/", {"text": "Our own article."}, format="json", HTTP_IDEMPOTENCY_KEY="batch-1"
    )
    assert again.status_code == 200 and again.json()["id"] == ours.json()["id"]


@pytest.mark.parametrize(
    "second",
    [
        {"text": "Another article altogether."},
        {"text": "Our own article.", "format": "html"},
        {"url": "https://news.example/other"},
        {"text": "Our own article.", "format": "transcript", "media_url": "https://news.example/a.mp3"},
    ],
)
def test_an_idempotency_key_sent_again_with_another_body_is_refused(editor, second):
    """A key names one request: sent again with different material it is a 422 saying so, and
    the material is not silently dropped for the first job."""
    first = editor.post(
        "/api/ingest-jobs/", {"text": "Our own article."}, format="json", HTTP_IDEMPOTENCY_KEY="batch-2"
    )
    assert first.status_code == 202
    again = editor.post("/api/ingest-jobs/", second, format="json", HTTP_IDEMPOTENCY_KEY="batch-2")
    assert again.status_code == 422, again.content
    error = again.json()["error"]
    assert error["status"] == 422 and "Idempotency-Key" in error["message"]
    assert IngestJob.objects.count() == 1
    same = editor.post(
        "/api/ingest-jobs/",
        {"format": "text", "text": "Our own article."},
        format="json",
        HTTP_IDEMPOTENCY_KEY="batch-2",
    )
    assert same.status_code == 200 and same.json()["id"] == first.json()["id"]


def test_a_failed_url_can_be_submitted_again(editor):
    first = editor.post("/api/ingest-jobs/", {"url": "https://news.example/broken"}, format="json").json()
    IngestJob.objects.filter(pk=first["id"]).update(state="failed", error="It broke.")
    again = editor.post("/api/ingest-jobs/", {"url": "https://news.example/broken"}, format="json")
    assert again.status_code == 202 and again.json()["id"] != first["id"]


def test_claim_review_carries_googles_fields(anonymous, published_claim):
    appearance = published_claim.appearances.get()
    appearance.role = "the assistant secretary"
    appearance.said_on = date(2022, 1, 10)
    appearance.save()
    body = anonymous.get(f"/api/claims/{published_claim.pk}/claim-review/").json()
    assert set(body) >= CLAIM_REVIEW_FIELDS
    assert body["@type"] == "ClaimReview" and body["claimReviewed"] == published_claim.text
    assert set(body["reviewRating"]) >= RATING_FIELDS
    assert (body["reviewRating"]["ratingValue"], body["reviewRating"]["alternateName"]) == (2, "Mostly false")
    assert (body["reviewRating"]["worstRating"], body["reviewRating"]["bestRating"]) == (1, 7)
    item = body["itemReviewed"]
    assert set(item) >= ITEM_FIELDS and item["@type"] == "Claim"
    assert item["author"] == {
        "@type": "Person",
        "name": published_claim.speaker.name,
        "jobTitle": "the assistant secretary",
    }
    assert item["datePublished"] == "2022-01-10"
    assert item["firstAppearance"]["@type"] == "CreativeWork"


def test_claim_without_verdict_has_no_review(editor, new_claim):
    response = editor.get(f"/api/claims/{new_claim.pk}/claim-review/")
    assert response.status_code == 404 and "no verdict" in response.json()["error"]["message"]


def test_fact_check_search_pages_with_tokens(anonymous):
    rating = Rating.objects.get(value=1)
    made = []
    for i in range(13):
        claim = AppearanceFactory(
            claim__state=Claim.State.PUBLISHED, claim__text=f'"Harbour figure {i} is wrong,"'
        ).claim
        claim.verdict, claim.published_at = rating, timezone.now()
        claim.save()
        made.append(claim.pk)
    first = anonymous.get("/v1alpha1/claims:search", {"query": "harbour", "pageSize": 10}).json()
    assert len(first["claims"]) == 10 and "nextPageToken" in first
    claim = first["claims"][0]
    assert set(claim) == {"text", "claimant", "claimDate", "claimReview"}
    assert set(claim["claimReview"][0]) == {
        "publisher",
        "url",
        "title",
        "reviewDate",
        "textualRating",
        "languageCode",
    }
    assert claim["claimReview"][0]["textualRating"] == "False"
    second = anonymous.get(
        "/v1alpha1/claims:search", {"query": "harbour", "pageSize": 10, "pageToken": first["nextPageToken"]}
    ).json()
    assert len(second["claims"]) == 3 and "nextPageToken" not in second
    texts = [c["text"] for c in first["claims"] + second["claims"]]
    assert len(set(texts)) == 13


def test_fact_check_search_rejects_bad_parameters(anonymous):
    assert anonymous.get("/v1alpha1/claims:search").status_code == 400  # neither query nor site
    assert (
        anonymous.get("/v1alpha1/claims:search", {"query": "x", "pageToken": "garbage!"}).status_code == 400
    )
    assert anonymous.get("/v1alpha1/claims:search", {"query": "x", "pageSize": 1000}).status_code == 400
    other_site = anonymous.get("/v1alpha1/claims:search", {"reviewPublisherSiteFilter": "elsewhere.example"})
    assert other_site.status_code == 200 and other_site.json()["claims"] == []


def test_throttling_answers_429_with_retry_after(anonymous, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "1000/minute"})
    codes = [anonymous.get("/api/ratings/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    throttled = anonymous.get("/api/ratings/")
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
    assert throttled.json()["error"]["code"] == "throttled"


def test_a_forged_x_forwarded_for_does_not_escape_throttling(anonymous, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "1000/minute"})
    codes = [
        anonymous.get("/api/ratings/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]


def test_behind_a_trusted_proxy_the_client_is_the_address_it_forwarded(anonymous, monkeypatch, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "1000/minute"})
    # The proxy appends the address it saw: what the client wrote before it is not trusted.
    forwarded = [f"198.51.100.7, 203.0.113.{n}" for n in range(4)]
    codes = [anonymous.get("/api/ratings/", HTTP_X_FORWARDED_FOR=value).status_code for value in forwarded]
    assert codes == [200, 200, 200, 200]
    same = [anonymous.get("/api/ratings/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code for _ in range(4)]
    assert same == [200, 200, 200, 429]


def test_cors_allows_configured_origins(anonymous, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://newsroom.example"]
    allowed = anonymous.get("/api/claims/", HTTP_ORIGIN="https://newsroom.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://newsroom.example"
    assert "Access-Control-Allow-Origin" not in anonymous.get(
        "/api/claims/", HTTP_ORIGIN="https://evil.example"
    )


def test_workflow_through_the_api_end_to_end(editor, reviewer, anonymous, new_claim):
    assert (
        editor.post(
            f"/api/claims/{new_claim.pk}/transition/", {"state": "accepted"}, format="json"
        ).status_code
        == 200
    )
    assert (
        reviewer.post(
            f"/api/claims/{new_claim.pk}/verdict/", {"rating": 4, "explanation": "Close."}, format="json"
        ).status_code
        == 200
    )
    assert (
        reviewer.post(
            f"/api/claims/{new_claim.pk}/transition/", {"state": "reviewed"}, format="json"
        ).status_code
        == 200
    )
    published = reviewer.post(
        f"/api/claims/{new_claim.pk}/transition/", {"state": "published"}, format="json"
    )
    assert published.status_code == 200 and published.json()["state"] == "published"
    seen = anonymous.get(f"/api/claims/{new_claim.pk}/").json()
    assert seen["verdict"] == "Missing context" and seen["verdict_explanation"] == "Close."


def test_merge_moves_appearances_and_loses_nothing(editor):
    target = AppearanceFactory().claim
    other = AppearanceFactory().claim
    AppearanceFactory(claim=other)
    before = target.appearances.count() + other.appearances.count()
    refused = editor.post(f"/api/claims/{target.pk}/merge/", {"claims": [other.pk]}, format="json")
    assert refused.status_code == 400 and "different speakers" in str(refused.json())
    assert Claim.objects.filter(pk=other.pk).exists()  # two speakers' claims: only when said so
    response = editor.post(
        f"/api/claims/{target.pk}/merge/", {"claims": [other.pk], "across_speakers": True}, format="json"
    )
    assert response.status_code == 200
    assert len(response.json()["appearances"]) == before == 3
    assert not Claim.objects.filter(pk=other.pk).exists()


def test_ids_beyond_a_bigint_are_a_400_not_a_database_overflow(editor):
    # Found by schemathesis: SQLite raised OverflowError (a 500) for a claim id of 2**63.
    target = ClaimFactory()
    merge = editor.post(f"/api/claims/{target.pk}/merge/", {"claims": [2**63]}, format="json")
    assert merge.status_code == 400 and "claims" in merge.json()["error"]["details"]
    similar = editor.get("/api/claims/similar/", {"text": "the bridge will open", "speaker": 2**63})
    assert similar.status_code == 400


def test_list_queries_never_use_select_distinct(editor):
    """DISTINCT with LIMIT makes PostgreSQL read every matching claim (355 ms at a million claims)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    AppearanceFactory()
    with CaptureQueriesContext(connection) as queries:
        editor.get(
            "/api/claims/", {"state": ["new", "published"], "kind": "direct", "publisher": 1, "q": "x"}
        )
    assert not [q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"]]


def test_date_times_with_offsets_postgresql_refuses_are_taken_as_utc(editor):
    # Found by schemathesis: Python accepts a -20:38 offset, PostgreSQL's timestamptz does not.
    old = ClaimFactory(text="old claim")
    Claim.objects.filter(pk=old.pk).update(first_seen="2020-01-01T00:00:00Z")
    new = ClaimFactory(text="new claim")
    response = editor.get("/api/claims/", {"first_seen_after": "2020-01-01T12:00:00-20:38"})
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["results"]] == [new.pk]
    assert (
        editor.get("/api/claims/", {"first_seen_after": "0360-03-26T05:34:28.0857-20:38"}).status_code == 200
    )
    assert editor.get("/api/claims/", {"first_seen_before": "0001-01-01T00:00:00+20:00"}).status_code == 400


def test_speaker_name_search_is_served_by_an_index_on_postgresql(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only; SQLite scans")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # a table this small would be scanned anyway
        cursor.execute("EXPLAIN SELECT id FROM claims_speaker WHERE UPPER(name::text) LIKE UPPER('%quill%')")
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "claims_speaker_name_trgm" in plan


@pytest.mark.parametrize("ordering", [None, "id", "-first_seen", "checkworthiness", "-checkworthiness"])
def test_cursor_pages_walk_every_claim_once_in_order(editor, ordering):
    made = [ClaimFactory(checkworthiness=round(0.05 + i * 0.1, 2)) for i in range(7)]
    key = {
        None: lambda c: -c.pk,
        "id": lambda c: c.pk,
        "-first_seen": lambda c: (-c.first_seen.timestamp(), -c.pk),
        "checkworthiness": lambda c: c.checkworthiness,
        "-checkworthiness": lambda c: -c.checkworthiness,
    }[ordering]
    url, seen = "/api/claims/", []
    params = {"page_size": 3, **({"ordering": ordering} if ordering else {})}
    while url:
        page = editor.get(url, params).json()
        seen += [c["id"] for c in page["results"]]
        url, params = page["next"], {}
    assert seen == [c.pk for c in sorted(made, key=key)]


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_a_submission_is_still_accepted(monkeypatch, caplog):
    """The job is committed before its message is sent: a broker that is down is logged, and the
    client is answered 202 with the queued job (the sweeper sends it later), in the API's shape.
    Transactional, so that the on-commit callback really runs after the commit."""
    from kombu.exceptions import OperationalError

    from claims.ingest import tasks
    from tests.api.conftest import client_for
    from tests.factories import UserFactory

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks.ingest_job, "delay", broker_down)
    client = client_for(UserFactory(username="desk", is_superuser=True))
    response = client.post("/api/ingest-jobs/", {"url": "https://news.example/down"}, format="json")
    assert response.status_code == 202, response.content[:300]
    body = response.json()
    assert body["state"] == "queued" and body["url"] == "https://news.example/down"
    job = IngestJob.objects.get(pk=body["id"])
    assert job.state == IngestJob.State.QUEUED
    [logged] = [r for r in caplog.records if "on_commit" in r.getMessage()]
    assert "Error calling enqueue in on_commit()" in logged.getMessage()
    assert "Connection refused" in logged.getMessage()


def test_the_exports_keep_each_claims_stance_and_its_statement(anonymous, django_assert_max_num_queries):
    """A denial exported as its bare words beside its speaker and verdict would read as said."""
    published = {
        "speaker": SpeakerFactory(name="Ada Quill"),
        "state": Claim.State.PUBLISHED,
        "verdict": Rating.objects.get(value=2),
        "published_at": timezone.now(),
    }
    denial = ClaimFactory(text="the council had sold the old ferry terminal", stance="denied", **published)
    rejected = ClaimFactory(text="the plan to sell the terminal", stance="characterised", **published)
    AppearanceFactory(claim=rejected, cue="rejected", stance="characterised")
    ndjson = {
        row["id"]: row
        for row in map(
            json.loads,
            b"".join(anonymous.get("/api/claims/export.ndjson").streaming_content).splitlines(),
        )
    }
    assert ndjson[denial.pk]["stance"] == "denied"
    assert (
        ndjson[denial.pk]["statement"] == "Ada Quill denied that the council had sold the old ferry terminal"
    )
    assert ndjson[rejected.pk]["statement"] == "Ada Quill rejected the plan to sell the terminal"
    rows = list(
        csv.reader(io.StringIO(b"".join(anonymous.get("/api/claims/export.csv").streaming_content).decode()))
    )
    header, by_id = rows[0], {int(r[0]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert header[:2] == ["id", "text"] and header[-2:] == ["stance", "statement"]
    assert by_id[denial.pk]["statement"].startswith("Ada Quill denied that")
    # The statements cost no query a row.
    with django_assert_max_num_queries(4):
        b"".join(anonymous.get("/api/claims/export.csv").streaming_content)


@pytest.mark.parametrize("who", ["anonymous", "no_rights"])
def test_only_those_who_may_see_drafts_read_an_articles_whole_text(request, who, editor, published_claim):
    """The article is the publisher's, and holds statements no one reviewed: other readers get its
    metadata and the published claims' sentences, as on the public pages."""
    source = published_claim.appearances.get().source
    reader = request.getfixturevalue(who)
    shown = reader.get(f"/api/sources/{source.pk}/").json()
    assert shown["id"] == source.pk and shown["text"] is None
    assert all(row["text"] is None for row in reader.get("/api/sources/").json()["results"])
    assert editor.get(f"/api/sources/{source.pk}/").json()["text"] == source.text != ""
