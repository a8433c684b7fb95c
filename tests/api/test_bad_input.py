"""Every write the API takes, and every header it reads, answers bad input with a 400 (or a 401)
in its error shape, stores nothing, and never answers a server error: a NUL character (a
DataError on PostgreSQL), a number past the database's, a value outside a field's choices."""

import pytest
from rest_framework.test import APIClient

from claims.models import Claim, ClaimEvent, IngestJob, Speaker

pytestmark = pytest.mark.django_db

NUL = "\x00"
ARTICLE = "Councillor Ada Quill said on Monday that the school meals budget would double next year."

WRITES = [
    ("/api/ingest-jobs/", {"text": ARTICLE + NUL}),
    ("/api/ingest-jobs/", {"text": ARTICLE, "format": NUL}),
    ("/api/ingest-jobs/", {"url": f"https://news.example/{NUL}"}),
    ("/api/ingest-jobs/", {"url": "https://news.example/" + "a" * 3000}),
    ("/api/claims/{claim}/verdict/", {"rating": 1, "explanation": f"wrong{NUL}"}),
    ("/api/claims/{claim}/verdict/", {"rating": 2**70, "explanation": "wrong"}),
    ("/api/claims/{claim}/verdict/", {"rating": -1}),
    ("/api/claims/{claim}/verdict/", {"rating": "NaN"}),
    ("/api/claims/{claim}/merge/", {"claims": [2**70]}),
    ("/api/claims/{claim}/merge/", {"claims": [NUL]}),
    ("/api/claims/{claim}/merge/", {"claims": [1.5]}),
    ("/api/claims/{claim}/transition/", {"state": NUL}),
    ("/api/claims/{claim}/transition/", {"state": "bogus"}),
]


def stored() -> tuple:
    return (
        list(
            Claim.objects.order_by("pk").values_list(
                "pk", "text", "state", "verdict_id", "verdict_explanation"
            )
        ),
        IngestJob.objects.count(),
        ClaimEvent.objects.count(),
        Speaker.objects.count(),
    )


@pytest.mark.parametrize(("path", "body"), WRITES, ids=lambda v: repr(v)[:40])
def test_a_bad_write_is_a_400_in_the_error_shape_and_stores_nothing(reviewer, new_claim, path, body):
    new_claim.state = Claim.State.ACCEPTED
    new_claim.save()
    before = stored()
    response = reviewer.post(path.format(claim=new_claim.pk), body, format="json")
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["status"] == 400 and error["message"]
    assert stored() == before


@pytest.mark.parametrize("key", [f"key{NUL}", "key\x01", "key\x7f", "ke\ny"])
def test_an_idempotency_key_with_a_control_character_is_refused(editor, key):
    response = editor.post(
        "/api/ingest-jobs/", {"url": "https://news.example/story"}, format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["message"]
    assert not IngestJob.objects.exists()


@pytest.mark.parametrize("key", [f"abc{NUL}def", "abc\x01def", "é" * 10, "x" * 5000])
def test_a_token_that_is_no_key_is_refused_like_a_wrong_one(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/claims/")
    assert response.status_code == 401
    assert "token" in response.json()["error"]["message"].lower()


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/claims/", {"q": NUL}),
        ("/api/claims/", {"kind": NUL}),
        ("/api/claims/", {"speaker": "9" * 30}),
        ("/api/claims/", {"checkworthiness_min": "1e400"}),
        ("/api/claims/export.csv", {"q": f"a{NUL}"}),
        ("/api/claims/similar/", {"text": NUL}),
        ("/api/external-reviews/", {"publisher": NUL}),
        ("/v1alpha1/claims:search", {"query": NUL}),
        ("/v1alpha1/claims:search", {"pageSize": "9" * 30}),
    ],
)
def test_a_bad_query_parameter_is_a_400_in_the_error_shape(reviewer, path, query):
    response = reviewer.get(path, query)
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


@pytest.mark.parametrize(
    "body",
    [
        {"url": "http://user:pass@example.invalid/"},
        {"url": "https://user@news.example/story"},
        {"url": "https://:secret@news.example/story"},
        {
            "text": "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ada>Hello.",
            "format": "transcript",
            "media_url": "https://user:pass@media.example/a.mp3",
        },
    ],
)
def test_a_url_holding_credentials_is_refused_and_not_stored(editor, body):
    response = editor.post("/api/ingest-jobs/", body, format="json")
    assert response.status_code == 400, response.content
    assert "user name or password" in str(response.json()["error"])
    assert not IngestJob.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/api/speakers/abc/",
        "/api/speakers/-1/",
        "/api/claims/1e3/",
        "/api/claims/1/bogus/",
        "/api/sources/99999999999999999999/",
        "/api/no-such-thing/",
    ],
)
def test_an_address_the_api_does_not_have_is_a_404_in_its_error_shape(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == 404 and error["code"] == "not_found" and error["message"]


def test_an_api_address_without_its_slash_is_still_redirected_to_it(anonymous, published_claim):
    response = anonymous.get(f"/api/claims/{published_claim.pk}")
    assert response.status_code == 301 and response["Location"].endswith(f"/api/claims/{published_claim.pk}/")


@pytest.mark.parametrize(
    "query",
    [
        {"speaker": "1.5"},
        {"publisher": "2.5"},
        {"source": "1e3"},
        {"verdict": "1.5"},
        {"ordering": "bogus"},
        {"ordering": "id,bogus"},
        {"ordering": "text"},
        {"ordering": NUL},
    ],
)
def test_a_filter_or_ordering_the_claims_list_does_not_take_is_a_400_naming_it(anonymous, query):
    response = anonymous.get("/api/claims/", query)
    assert response.status_code == 400, response.content
    [name] = query
    assert name in response.json()["error"]["details"]


def test_a_claim_review_filter_by_a_claim_takes_whole_numbers_only(anonymous):
    assert anonymous.get("/api/external-reviews/", {"claim": "1.5"}).status_code == 400


@pytest.mark.parametrize("ordering", ["id", "-first_seen", "checkworthiness,id", " -id"])
def test_the_orderings_the_list_offers_are_taken(anonymous, ordering):
    assert anonymous.get("/api/claims/", {"ordering": ordering}).status_code == 200
