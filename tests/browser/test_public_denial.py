"""The public page of a rated denial, in a real browser: it says who denied what, and the words
denied never stand alone as the claim (a screenshot is kept)."""

import pytest
from django.utils import timezone

from claims.ingest import articles, pipeline
from claims.models import Claim, Rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = """Navy and harbour at odds over closure

The deputy defence minister, Ada Quill, met harbour officials on Monday.

Quill denied that the navy had plans to close the harbour to fishing boats.
"""


def test_the_public_page_of_a_denial_shows_the_denial(page, live_server, screenshot):
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    denial = Claim.objects.get(text__contains="plans to close")
    Claim.objects.filter(pk=denial.pk).update(
        state="published",
        published_at=timezone.now(),
        reviewed_at=timezone.now(),
        verdict=Rating.objects.get(value=1),
    )
    page.goto(f"{live_server.url}/claims/{denial.pk}/")
    statement = page.locator(".stance-statement")
    assert statement.locator(".stance").inner_text().strip().lower() == "denied"
    assert (
        statement.inner_text()
        .strip()
        .endswith("Ada Quill denied that the navy had plans to close the harbour to fishing boats")
    )
    assert page.locator("blockquote").count() == 0
    assert "Ada Quill denied" in page.title()
    screenshot("denial")
