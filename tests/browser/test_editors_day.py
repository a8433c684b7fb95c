"""An editor's day in a real browser: log in, filter new claims, open one, see it highlighted in
its source, correct the speaker through the autocomplete, accept it; a reviewer rates and
publishes it; an anonymous API client then sees it. Screenshots of each key page are kept."""

import pytest

from claims.ingest import articles, pipeline
from claims.models import Claim, ClaimEvent, Speaker
from tests.browser.accounts import log_in, staff
from tests.factories import SpeakerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Written for this test: the quotation's speaker is only "the minister", which the extractor
# cannot resolve to a name; the editor knows it was Ada Quill.
ARTICLE = """date 2024-05-02
Harbour tolls to fall, ministry says

PORT ELLEN, May 2 - Harbour tolls will be cut from July, the transport ministry announced on Thursday.

"Tolls for fishing boats will fall by a third this summer," the minister said at the quayside.

Bo Hale, who chairs the harbour board, said the board had not been consulted.

(Port Ellen Gazette 2024)
"""


def run_action(page, claim_id: int, label: str) -> None:
    page.locator(f'input.action-select[value="{claim_id}"]').check()
    page.locator("select[name=action]").select_option(label=label)
    page.get_by_role("button", name="Go").first.click()
    page.wait_for_load_state()


def test_an_editors_day(page, browser, live_server, screenshot):
    staff("edna", "Editor")
    staff("rex", "Reviewer")
    ada = SpeakerFactory(name="Ada Quill", description="Transport minister")
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    claim = Claim.objects.get(text__contains="Tolls for fishing boats")
    assert claim.speaker_id != ada.pk and claim.state == Claim.State.NEW
    base = live_server.url

    # The editor logs in and filters the new claims.
    log_in(page, base, "edna")
    screenshot("admin-home")
    page.goto(f"{base}/admin/claims/claim/")
    page.locator("#changelist-filter").get_by_role("link", name="New", exact=True).click()
    page.wait_for_url("**state__exact=new**")
    assert page.get_by_role("link", name=claim.text[:40], exact=False).count() == 1
    screenshot("claims-new")

    # Opens the claim and sees it highlighted in its source.
    page.get_by_role("link", name=claim.text[:40], exact=False).click()
    page.wait_for_url(f"**/admin/claims/claim/{claim.pk}/change/**")
    mark = page.locator(".claim-in-source mark").first
    assert mark.is_visible() and "Tolls for fishing boats" in mark.inner_text()
    screenshot("claim-page")

    # Corrects the speaker through the autocomplete (a search, never a list of every speaker).
    page.locator("#id_speaker").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Quill")
    option = page.locator(".select2-results__option", has_text="Ada Quill")
    option.wait_for()
    screenshot("speaker-autocomplete")
    option.click()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    claim.refresh_from_db()
    assert claim.speaker_id == ada.pk

    # Accepts it from the list.
    page.goto(f"{base}/admin/claims/claim/?state__exact=new")
    run_action(page, claim.pk, "Accept the selected claims")
    assert "Accepted 1 claim." in page.locator(".messagelist").inner_text()
    claim.refresh_from_db()
    assert claim.state == Claim.State.ACCEPTED

    # The reviewer rates and publishes it.
    reviewer_context = browser.new_context(viewport={"width": 1200, "height": 900})
    reviewer = reviewer_context.new_page()
    log_in(reviewer, base, "rex")
    reviewer.goto(f"{base}/admin/claims/claim/{claim.pk}/change/")
    reviewer.get_by_role("link", name="Set verdict").click()
    reviewer.get_by_label("Rating").select_option(label="Mostly false (2)")
    reviewer.get_by_label("Explanation").fill(
        "Tolls fall by a quarter, not a third, says the ministry's own notice."
    )
    reviewer.screenshot(
        path=str(screenshot("claim-page").parent / "test_an_editors_day-verdict.png"), full_page=True
    )
    reviewer.get_by_role("button", name="Save verdict").click()
    reviewer.wait_for_url(f"**/admin/claims/claim/{claim.pk}/change/**")
    reviewer.goto(f"{base}/admin/claims/claim/")
    run_action(reviewer, claim.pk, "Mark reviewed the selected claims")
    run_action(reviewer, claim.pk, "Publish the selected claims")
    assert "Published 1 claim." in reviewer.locator(".messagelist").inner_text()
    reviewer_context.close()

    # An anonymous API client now sees it, with the corrected speaker and the verdict.
    anonymous = browser.new_context()
    response = anonymous.request.get(f"{base}/api/claims/{claim.pk}/")
    assert response.status == 200
    body = response.json()
    assert (body["state"], body["verdict"]) == ("published", "Mostly false")
    assert body["speaker"]["name"] == "Ada Quill"
    public = anonymous.new_page()
    public.goto(f"{base}/claims/{claim.pk}/")
    assert "Tolls fall by a quarter" in public.content()
    public.screenshot(
        path=str(screenshot("claim-page").parent / "test_an_editors_day-published.png"), full_page=True
    )
    anonymous.close()

    # The history holds the whole day, each step by its author.
    steps = list(
        ClaimEvent.objects.filter(claim=claim).order_by("at", "pk").values_list("action", "user__username")
    )
    assert steps == [
        ("edit", "edna"),
        ("transition", "edna"),
        ("verdict", "rex"),
        ("transition", "rex"),
        ("transition", "rex"),
    ]
    assert not Speaker.objects.filter(pk=ada.pk, claims__isnull=True).exists()
