"""An editor's day, round two, in a real browser (Debian's Chromium): an article written for the
project is reviewed from the keyboard; `m` on a claim whose only similar claim is another
speaker's asks first, and the merge is refused until the editor says the speakers differ; a
denial the extractor missed is added from a selection of the text; a reviewer rates it
"Misleading" and publishes it; the denial then reads as a denial on every surface (the admin
list, the public claim and source pages, the API, claims:search). Screenshots of each step."""

import pytest

from claims.ingest import articles, pipeline
from claims.models import Claim, ClaimEvent, Source
from claims.retrieval import service as retrieval
from tests.browser.accounts import log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Written for this test. Quill's and Hale's first statements are nearly the same words (the
# suggestion to merge them is another speaker's claim); Hale's denial is a gesture, which the
# extractor does not read as a statement: the editor adds it.
ARTICLE = """date 2024-06-11
Ferry talks stall over the winter timetable

PORT ELLEN, June 11 - Talks on the winter ferry timetable stalled on Tuesday.

Ada Quill, the transport minister, said the ferry would sail twice a day all winter.

Bo Hale, who chairs the harbour board, said the ferry would sail twice a day all winter long.

Later, asked whether the board had been told of the new timetable, Hale shook his head.

The minister's office declined to comment, and the board meets again on Friday.
"""
MISSED = "the board had been told of the new timetable"
SAID = f"Bo Hale denied that {MISSED}"


def press(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def focused(page) -> int:
    return int(page.locator("#review").get_attribute("data-focus"))


def select_words(page, words: str) -> None:
    """Select `words` in the article's text as a reader would with the mouse."""
    page.evaluate(
        """(words) => {
            const article = document.getElementById("review-text");
            const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.textContent.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error("words not found: " + words);
        }""",
        words,
    )


def test_an_editors_day_round_two(page, browser, live_server, screenshot):
    staff("edna", "Editor")
    staff("rex", "Reviewer")
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    retrieval.index_claims(claim_ids=Claim.objects.values_list("pk", flat=True))  # as ingestion does
    source = Source.objects.get()
    quill = Claim.objects.get(speaker__name="Ada Quill")
    hale = Claim.objects.get(speaker__name="Bo Hale")
    assert not Claim.objects.filter(text__contains=MISSED).exists()
    base = live_server.url
    review = f"{base}/admin/claims/source/{source.pk}/review/"

    # Review from the keyboard: the first claim (Quill's) is under review.
    log_in(page, base, "edna")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(review)
    assert focused(page) == quill.pk
    header = page.locator(".review-item.focused .under-review")
    assert header.is_visible()
    screenshot("review")

    # `m`: the first similar claim is Hale's (no claim of Quill's is like it). Nothing is merged:
    # the page asks, with both statements and their speakers.
    press(page, "m")
    question = page.locator("#merge-confirm")
    assert question.is_visible()
    text = question.inner_text()
    assert "Ada Quill" in text and "Bo Hale" in text and "Two different speakers" in text
    assert Claim.objects.filter(pk=quill.pk).exists()
    screenshot("merge-question")
    # Confirmed without saying the speakers differ: refused.
    press(page, "y")
    assert "different speakers are merged only when you say" in page.locator(".messagelist").inner_text()
    assert Claim.objects.filter(pk=quill.pk).exists() and Claim.objects.filter(pk=hale.pk).exists()
    screenshot("merge-refused")

    # Accept Quill's claim, then Hale's, from the keyboard.
    press(page, "a")
    assert focused(page) == hale.pk
    press(page, "a")

    # The missed denial: select its words, name the speaker (suggested as typed), its stance.
    select_words(page, MISSED)
    assert page.locator("#add-selected").inner_text() == f"Selected: “{MISSED}”"
    page.locator("#add-speaker").press_sequentially("Bo Ha")
    page.locator("#speaker-names option[value='Bo Hale']").wait_for(state="attached")
    page.locator("#add-speaker").fill("Bo Hale")
    page.locator("#add-stance").select_option(label="Denied")
    screenshot("add-statement")
    with page.expect_navigation():
        page.get_by_role("button", name="Add as a statement").click()
    added = Claim.objects.get(text=MISSED)
    assert (added.speaker.name, added.stance) == ("Bo Hale", "denied")
    assert focused(page) == added.pk
    assert SAID in page.locator(f"#claim-{added.pk}").inner_text()
    screenshot("added")
    press(page, "a")
    added.refresh_from_db()
    assert added.state == Claim.State.ACCEPTED

    # The reviewer rates it "Misleading" and publishes it.
    reviewer_context = browser.new_context(viewport={"width": 1400, "height": 900})
    reviewer = reviewer_context.new_page()
    log_in(reviewer, base, "rex")
    reviewer.goto(f"{base}/admin/claims/claim/{added.pk}/verdict/")
    assert SAID in reviewer.locator("#content").inner_text()  # the verdict form: a denial
    reviewer.get_by_label("Rating").select_option(label="Misleading (3)")
    reviewer.get_by_label("Explanation").fill("The board's minutes of 2 May record the timetable.")
    reviewer.screenshot(path=str(screenshot("added").parent / "test_an_editors_day_round_two-verdict.png"))
    reviewer.get_by_role("button", name="Save verdict").click()
    reviewer.wait_for_url(f"**/admin/claims/claim/{added.pk}/change/**")
    for action in ("Mark reviewed the selected claims", "Publish the selected claims"):
        reviewer.goto(f"{base}/admin/claims/claim/")
        reviewer.locator(f'input.action-select[value="{added.pk}"]').check()
        reviewer.locator("select[name=action]").select_option(label=action)
        with reviewer.expect_navigation():
            reviewer.get_by_role("button", name="Go").first.click()
    assert "Published 1 claim." in reviewer.locator(".messagelist").inner_text()
    # The claim list at 1400 px: the statement readable, every column in view.
    reviewer.screenshot(path=str(screenshot("added").parent / "test_an_editors_day_round_two-list.png"))
    row = reviewer.locator(f'tr:has(input.action-select[value="{added.pk}"])')
    assert SAID in row.inner_text()
    statement_box = row.locator("td.field-statement, th.field-statement").bounding_box()
    assert statement_box and statement_box["width"] > 200  # was about 90 px
    for column in ("field-verdict", "field-assigned_to", "field-first_seen"):
        box = row.locator(f".{column}").bounding_box()
        assert box and box["x"] + box["width"] <= 1400, column
    reviewer_context.close()

    # Every public surface reads it as a denial.
    anonymous = browser.new_context(viewport={"width": 1200, "height": 900})
    public = anonymous.new_page()
    public.goto(f"{base}/claims/{added.pk}/")
    where = public.locator("section[aria-labelledby=appearances-heading]").inner_text()
    assert SAID in where and f"“{MISSED}”" not in where
    assert "Misleading" in public.content()
    public.screenshot(path=str(screenshot("added").parent / "test_an_editors_day_round_two-public.png"))
    public.goto(f"{base}/sources/{source.pk}/")
    body = public.locator("main, body").first.inner_text()
    assert SAID in body and "Talks on the winter ferry timetable stalled" not in body  # not the article
    public.screenshot(path=str(screenshot("added").parent / "test_an_editors_day_round_two-source.png"))
    api = anonymous.request.get(f"{base}/api/claims/{added.pk}/").json()
    assert api["statement"] == SAID
    search = anonymous.request.get(f"{base}/v1alpha1/claims:search?query=board+timetable").json()
    assert search["claims"][0]["text"] == SAID
    assert search["claims"][0]["claimReview"][0]["title"] == SAID
    anonymous.close()

    steps = list(
        ClaimEvent.objects.filter(claim=added).order_by("at", "pk").values_list("action", "user__username")
    )
    assert steps == [
        ("add", "edna"),
        ("transition", "edna"),
        ("verdict", "rex"),
        ("transition", "rex"),
        ("transition", "rex"),
    ]
