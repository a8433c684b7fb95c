"""The review desk in a real browser: an editor reviews a whole ingested article from the keyboard
alone (accept, reject, edit the statement, change the speaker, next), the dashboard shows what
is left; then a reviewer rates the claim and publishes it from the claim page's buttons.
Screenshots of the review page and the dashboard are kept as artifacts."""

import pytest

from claims.ingest import jobs, submission
from claims.models import Claim, IngestJob, Source, Speaker
from tests.browser.accounts import log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Written for this test: four statements, the third given to the wrong person by its wording
# ("the treasurer" is Ben Okafor, whom the editor knows).
ARTICLE = """date 2026-11-30
Councillor Ada Quill said on Monday that the school meals budget would double next year.

Mayor Tom Brenner denied that the library would close.

The treasurer warned that the council's reserves would run out by 2028.

"We will publish the full accounts in January," Brenner said.
"""


def press(page, key: str) -> None:
    """A key that submits or follows: wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)


def focused(page) -> int:
    return int(page.locator("#review").get_attribute("data-focus"))


def test_an_editor_reviews_an_article_from_the_keyboard_and_a_reviewer_publishes(
    page, live_server, screenshot
):
    staff("edna", "Editor")
    staff("rex", "Reviewer")
    Speaker.objects.create(name="Ben Okafor", name_key="ben okafor", surname_key="okafor")
    job = submission.submit_text(ARTICLE, enqueue=False)
    assert jobs.run_job(job.pk).state == IngestJob.State.DONE
    source = Source.objects.get()
    order = list(
        Claim.objects.filter(appearances__source=source)
        .order_by("appearances__start")
        .values_list("pk", flat=True)
    )
    assert len(order) == 4
    budget, library, reserves, accounts = order
    base = live_server.url

    log_in(page, base, "edna")
    # From the ingest job's page to the review page.
    page.goto(f"{base}/admin/claims/ingestjob/{job.pk}/change/")
    with page.expect_navigation():
        page.get_by_role("link", name="Review its article's claims").click()
    assert focused(page) == budget
    assert "Keyboard shortcuts" in page.locator(".shortcuts").inner_text()

    press(page, "a")  # accept the budget claim: on to the library denial
    assert focused(page) == library
    press(page, "r")  # reject it: on to the reserves warning
    assert focused(page) == reserves

    # e: edit the statement (selected: typing replaces it), Ctrl+Enter saves.
    page.keyboard.press("e")
    page.keyboard.type("that the council's reserves would run out in 2028")
    press(page, "Control+Enter")
    assert focused(page) == reserves
    # s: change the speaker to the one the editor knows, Enter saves.
    page.keyboard.press("s")
    page.keyboard.press("Control+a")
    page.keyboard.type("Ben Okafor")
    press(page, "Enter")
    assert "is now Ben Okafor's" in page.locator(".messagelist").inner_text()
    press(page, "a")  # accept it too
    assert focused(page) == accounts
    press(page, "k")  # back to the previous claim, then on again
    assert focused(page) == reserves
    press(page, "j")
    assert focused(page) == accounts
    press(page, "a")
    screenshot("review-page")

    states = dict(Claim.objects.filter(pk__in=order).values_list("pk", "state"))
    assert states == {budget: "accepted", library: "rejected", reserves: "accepted", accounts: "accepted"}
    reviewed = Claim.objects.select_related("speaker").get(pk=reserves)
    assert reviewed.text == "that the council's reserves would run out in 2028"
    assert reviewed.speaker.name == "Ben Okafor"
    assert "still new" in page.locator("#remaining").locator("..").inner_text()
    assert page.locator("#remaining").inner_text() == "0"

    # The dashboard: nothing new left to triage from this article.
    page.goto(f"{base}/admin/")
    desk = page.locator("#desk")
    assert "Needs attention" in desk.inner_text() and "Claims by state" in desk.inner_text()
    assert desk.locator("tr", has_text="Accepted").locator("td.n").inner_text() == "3"
    screenshot("dashboard")

    # The reviewer rates the reserves claim and publishes it from its page.
    page.context.clear_cookies()
    log_in(page, base, "rex")
    page.goto(f"{base}/admin/claims/claim/{reserves}/change/")
    assert page.locator("button.transition-published").count() == 0  # no verdict yet
    page.get_by_role("link", name="Set verdict").click()
    page.locator("select[name=rating]").select_option(index=2)
    page.get_by_label("Explanation").fill("The budget papers show reserves lasting to 2031.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"{base}/admin/claims/claim/{reserves}/change/")
    with page.expect_navigation():
        page.locator("button.transition-reviewed").click()
    with page.expect_navigation():
        page.locator("button.transition-published").click()
    assert "it is now published" in page.locator(".messagelist").inner_text()
    assert Claim.objects.get(pk=reserves).state == Claim.State.PUBLISHED
