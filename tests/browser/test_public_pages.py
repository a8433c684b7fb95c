"""Every kind of public page, in a real browser: it renders, links lead on, scripts in article
content do not run, and a screenshot of each is kept."""

import datetime as dt

import pytest
from django.utils import timezone

from claims.models import Claim, Rating
from tests.factories import AppearanceFactory, ClaimFactory, SourceFactory, SpeakerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = (
    "Ministers met on Tuesday. <script>window.pwned = true</script>\n\n"
    '"Harbour tolls will fall by a third this year," the transport minister, Ada Quill, said. '
    '<img src="x" onerror="window.pwned = true">\n\n'
    '"Rail fares are frozen until 2027," Quill added.'
)


@pytest.fixture
def published(db):
    speaker = SpeakerFactory(name="Ada Quill", description="Transport minister")
    source = SourceFactory(title="Budget day at the harbour", text=ARTICLE, content_hash="b" * 64)
    claims = []
    now = timezone.now()
    for months_ago, (quote, verdict) in enumerate(
        [("Harbour tolls will fall by a third this year,", 2), ("Rail fares are frozen until 2027,", 5)]
    ):
        claim = ClaimFactory(
            text=quote,
            speaker=speaker,
            state=Claim.State.PUBLISHED,
            verdict=Rating.objects.get(value=verdict),
            verdict_explanation="Checked against the budget papers.",
            published_at=now,
        )
        Claim.objects.filter(pk=claim.pk).update(first_seen=now - dt.timedelta(days=40 * months_ago))
        start = ARTICLE.index(quote)
        AppearanceFactory(
            claim=claim,
            source=source,
            text=quote,
            start=start,
            end=start + len(quote),
            role="transport minister",
        )
        claims.append(claim)
    draft = ClaimFactory(text="A draft nobody may read,", speaker=speaker, state=Claim.State.ACCEPTED)
    return {"speaker": speaker, "source": source, "claims": claims, "draft": draft}


def test_each_public_page_in_a_browser(page, live_server, published, screenshot):
    scripts_ran = []
    page.on("dialog", lambda dialog: (scripts_ran.append(dialog.message), dialog.dismiss()))
    claim = published["claims"][0]

    page.goto(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Latest published claims").is_visible()
    assert page.get_by_role("link", name=claim.text).is_visible()
    assert published["draft"].text not in page.content()
    screenshot("home")

    page.get_by_role("link", name=claim.text).click()
    page.wait_for_url(f"**/claims/{claim.pk}/")
    assert page.locator(".verdict").first.inner_text() == claim.verdict.label
    assert page.locator('script[type="application/ld+json"]').count() == 1
    screenshot("claim")

    page.get_by_role("link", name="Budget day at the harbour").click()
    page.wait_for_url(f"**/sources/{published['source'].pk}/")
    # Each published claim with the sentences around it (never the whole article), escaped.
    marks = page.locator(".excerpt mark")
    assert marks.count() == 2 and marks.first.inner_text() == claim.text
    assert "<script>window.pwned = true</script>" in page.locator(".excerpt").first.inner_text()
    assert page.evaluate("window.pwned") is None, "article content ran as script"
    screenshot("source")

    page.locator(".claims").get_by_role("link", name="Ada Quill").first.click()
    page.wait_for_url(f"**/speakers/{published['speaker'].pk}/")
    assert page.locator("svg[role=img]").count() == 2
    assert page.locator("#timeline-title").count() == 1
    screenshot("speaker")

    page.goto(f"{live_server.url}/search/")
    page.get_by_label("Words").fill("rail")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=rail*")
    results = page.locator(".claims li")
    assert results.count() == 1 and "Rail fares are frozen" in results.inner_text()
    screenshot("search")
    assert scripts_ran == [] and page.evaluate("window.pwned") is None
