"""An editor tracing an attribution sees, beside each appearance on the claim page, which rule of
the extractor found it and how its speaker was resolved (a screenshot is kept)."""

import pytest

from claims.ingest import articles, pipeline
from claims.models import Claim
from tests.browser.accounts import PASSWORD, log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Written for this test: the second statement's speaker is only "she".
ARTICLE = """Ferries to run through the winter

Ada Quill, the transport minister, said the harbour would stay open all year.

The crossing takes forty minutes. She said the ferries would run every hour from May.
"""


def test_the_claim_page_says_which_rule_found_each_appearance_and_how_its_speaker_was_read(
    page, live_server, screenshot
):
    UserFactory(username="root", password=PASSWORD, is_staff=True, is_superuser=True)
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    claim = Claim.objects.get(text__contains="ferries would run every hour")
    base = live_server.url
    log_in(page, base, "root", then=f"/admin/claims/claim/{claim.pk}/change/")
    provenance = page.locator(".claim-in-source .provenance").first
    text = provenance.inner_text()
    assert "found by: a speaker and a verb of saying, then what was said" in text
    assert "(cue-then-content), cue “said”" in text
    assert "speaker: pronoun resolved to Ada Quill, named in paragraph 2" in text
    provenance.scroll_into_view_if_needed()
    screenshot("claim-provenance")
