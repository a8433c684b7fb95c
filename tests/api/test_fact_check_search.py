"""GET /v1alpha1/claims:search as clients of Google's Fact Check Tools API use it: `offset`, every
publisher's confirmed reviews of a claim (ours and other fact-checkers'), reviewPublisherSiteFilter
for another site, and our own answer read back by import_claimreview. Records written for the
project."""

import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.utils import timezone

from claims.ingest import claimreview
from claims.models import Claim, ExternalReview, ExternalReviewLink, Rating
from tests.factories import AppearanceFactory

pytestmark = pytest.mark.django_db
SEARCH = "/v1alpha1/claims:search"


def published(text: str, minutes_ago: int) -> Claim:
    claim = AppearanceFactory(claim__state=Claim.State.PUBLISHED, claim__text=text).claim
    claim.verdict = Rating.objects.get(value=1)
    claim.published_at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    claim.save()
    return claim


def external(url: str, publisher: str, **fields) -> ExternalReview:
    values = {
        "claim_reviewed": "The ferry fares doubled",
        "rating_text": "Misleading",
        "headline": "Did ferry fares double?",
        "published_on": dt.date(2026, 10, 5),
        "language": "en",
        "document": {},
        **fields,
    }
    return ExternalReview.objects.create(url=url, publisher=publisher, **values)


def link(claim: Claim, review: ExternalReview, state: str = "confirmed") -> None:
    ExternalReviewLink.objects.create(claim=claim, review=review, state=state, score=0.9, reason="test")


def test_offset_skips_results_when_there_is_no_page_token(anonymous):
    made = [published(f'"Ferry sailing {n} was cut,"', minutes_ago=n) for n in range(5)]
    page = anonymous.get(SEARCH, {"query": "ferry", "pageSize": 2, "offset": 2}).json()
    urls = [c["claimReview"][0]["url"] for c in page["claims"]]
    assert [url.rsplit("/", 2)[1] for url in urls] == [str(made[n].pk) for n in (2, 3)]
    rest = anonymous.get(SEARCH, {"query": "ferry", "pageSize": 2, "pageToken": page["nextPageToken"]}).json()
    assert [c["claimReview"][0]["url"].rsplit("/", 2)[1] for c in rest["claims"]] == [str(made[4].pk)]
    assert anonymous.get(SEARCH, {"query": "ferry", "offset": -1}).status_code == 400


def test_other_fact_checkers_confirmed_reviews_are_listed_and_filterable_by_site(anonymous):
    ferry = published('"Ferry fares doubled last winter,"', minutes_ago=1)
    pier = published('"The pier closed for a ferry refit,"', minutes_ago=2)
    lantern = external("https://www.lantern.example/checks/ferry-fares", "Lantern Check")
    harbour = external(
        "https://harbour.example/f/1",
        "Harbour Checkers",
        publisher_url="https://harbour.example/",
        language="",
        published_on=dt.date(2026, 10, 1),
    )
    suggested = external("https://quay.example/checks/2", "Quay Facts")
    link(ferry, lantern)
    link(ferry, harbour)
    link(ferry, suggested, state="suggested")  # not confirmed: not listed
    removed = external("https://lantern.example/checks/pier", "Lantern Check")
    link(pier, removed, state="removed")

    found = anonymous.get(SEARCH, {"query": "ferry"}).json()["claims"]
    by_claim = {c["text"]: c["claimReview"] for c in found}
    ferry_reviews = by_claim[next(t for t in by_claim if "doubled" in t)]
    assert [r["publisher"] for r in ferry_reviews[1:]] == [
        {"name": "Lantern Check", "site": "lantern.example"},
        {"name": "Harbour Checkers", "site": "harbour.example"},
    ]
    assert ferry_reviews[1] == {
        "publisher": {"name": "Lantern Check", "site": "lantern.example"},
        "url": "https://www.lantern.example/checks/ferry-fares",
        "title": "Did ferry fares double?",
        "reviewDate": "2026-10-05T00:00:00Z",
        "textualRating": "Misleading",
        "languageCode": "en",
    }
    assert "languageCode" not in ferry_reviews[2]
    assert len(by_claim[next(t for t in by_claim if "pier" in t)]) == 1  # ours alone

    for site in ("lantern.example", "www.lantern.example", "https://lantern.example/"):
        only = anonymous.get(SEARCH, {"reviewPublisherSiteFilter": site}).json()["claims"]
        assert [[r["url"] for r in c["claimReview"]] for c in only] == [
            ["https://www.lantern.example/checks/ferry-fares"]
        ]
    assert anonymous.get(SEARCH, {"reviewPublisherSiteFilter": "quay.example"}).json()["claims"] == []
    ours = anonymous.get(SEARCH, {"reviewPublisherSiteFilter": "testserver", "query": "ferry"})
    assert ours.status_code == 200


def test_our_own_answer_reads_back_as_reviews(anonymous):
    published('"Ferry fares doubled last winter,"', minutes_ago=1)
    published('"The pier closed for a ferry refit,"', minutes_ago=2)
    answer = anonymous.get(SEARCH, {"query": "ferry"}).content
    found = [
        r for _, r in claimreview.records(lambda: io.BytesIO(answer)) if isinstance(r, claimreview.Review)
    ]
    shown = json.loads(answer)["claims"]
    assert [r.url for r in found] == [c["claimReview"][0]["url"] for c in shown]
    assert [r.claim_reviewed for r in found] == [c["text"] for c in shown]
    assert {(r.rating_text, r.publisher) for r in found} == {("False", settings.CLAIMS_ORGANISATION_NAME)}
    imported = claimreview.import_reviews(iter([("line 1", r) for r in found]))
    assert imported.created == 2
