"""What crawlers read: /robots.txt naming the sitemap, and ClaimReview with the address of the
page a claim appeared on (its canonical link, for a page sent as it is) and its language."""

import pytest
from django.utils import timezone

from claims.ingest import jobs, submission
from claims.models import Claim, Rating, Source
from claims.serve.claimreview import claim_review
from tests.factories import AppearanceFactory, SourceFactory

pytestmark = pytest.mark.django_db

PAGE = """<!doctype html><html lang="en-GB"><head><title>Ferry fares</title>
<link rel="canonical" href="/news/2026/ferry-fares?ref=home">
</head><body><article><h1>Ferry fares</h1>
<p>Councillor Ada Quill said on Monday that the ferry fares had doubled since last winter.</p>
<p>"Every family on the island pays twice what it paid a year ago," Quill said.</p>
<p>The harbour board said the fares had risen by a tenth.</p>
</article></body></html>"""


def test_robots_txt_names_the_sitemap(client, settings):
    answer = client.get("/robots.txt")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/plain")
    lines = answer.content.decode().splitlines()
    assert f"Sitemap: {settings.CLAIMS_PUBLIC_BASE_URL}/sitemap.xml" in lines
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert client.get("/sitemap.xml").status_code == 200


def test_a_page_sent_as_it_is_is_known_by_its_canonical_link_and_language(settings):
    job, _ = submission.submit_request(
        text=PAGE.replace('href="/news', 'href="https://islandnews.example/news'), html=True
    )
    assert jobs.run_job(job.pk).state == "done"
    source = Source.objects.get()
    assert source.url == "https://islandnews.example/news/2026/ferry-fares?ref=home"
    assert source.language == "en"  # stored as its ISO 639-1 code (claims.store.language)
    claim = Claim.objects.filter(appearances__source=source).first()
    assert claim is not None
    claim.verdict, claim.state, claim.published_at = Rating.objects.get(value=2), "published", timezone.now()
    claim.save()
    review = claim_review(Claim.objects.select_related("speaker", "verdict").get(pk=claim.pk))
    assert review["inLanguage"] == "en"
    assert review["itemReviewed"]["firstAppearance"]["url"] == source.url
    assert [a["url"] for a in review["itemReviewed"]["appearance"]] == [source.url]


def test_a_relative_canonical_link_with_nothing_to_resolve_it_is_not_an_address():
    job, _ = submission.submit_request(text=PAGE, html=True)
    assert jobs.run_job(job.pk).state == "done"
    assert Source.objects.get().url is None


def test_without_a_source_language_the_review_is_in_the_sites(settings):
    settings.LANGUAGE_CODE = "pt-br"
    appearance = AppearanceFactory(source=SourceFactory(language=""))
    claim = appearance.claim
    claim.verdict = Rating.objects.get(value=2)
    claim.save()
    assert claim_review(claim)["inLanguage"] == "pt-BR"
