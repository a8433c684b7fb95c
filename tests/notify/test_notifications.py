"""Editors are told of new claims they follow (a speaker, a publisher, a feed, a saved search) once
per claim, in their inbox and by email; an assignee is told of the claims given to them."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail import BadHeaderError

from claims.curation import workflow
from claims.ingest import jobs, submission
from claims.models import (
    Claim,
    Feed,
    Notification,
    Publisher,
    Speaker,
    Subscription,
    Webhook,
    WebhookDelivery,
)
from claims.notify import inbox, subscriptions
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

ARTICLE = """date 2026-11-30
The Riverton Gazette

Councillor Ada Quill said on Monday that the school meals budget would double next year.

"Every child in Riverton will eat a hot lunch," Quill said.

Mayor Tom Brenner denied that the library would close.
"""


def ingest(text: str = ARTICLE, feed: Feed | None = None) -> set[int]:
    """Run a job for the article, as a worker would; the claims it created."""
    before = set(Claim.objects.values_list("pk", flat=True))
    job = submission.submit_text(text, enqueue=False)
    if feed is not None:
        job.feed = feed
        job.save(update_fields=["feed"])
    assert jobs.run_job(job.pk).state == "done"
    return set(Claim.objects.values_list("pk", flat=True)) - before


def test_a_claim_matching_two_subscriptions_is_notified_once(editor_user):
    quill = Speaker.objects.create(name="Ada Quill", name_key="ada quill", surname_key="quill")
    Subscription.objects.create(user=editor_user, kind=Subscription.Kind.SPEAKER, speaker=quill)
    Subscription.objects.create(user=editor_user, kind=Subscription.Kind.SEARCH, query="school meals")
    new = ingest()
    by_quill = set(Claim.objects.filter(pk__in=new, speaker=quill).values_list("pk", flat=True))
    assert by_quill, "the article's claims by Ada Quill"
    notified = Notification.objects.filter(user=editor_user, reason=Notification.Reason.MATCH)
    assert set(notified.values_list("claim_id", flat=True)) == by_quill
    assert notified.count() == len(by_quill)  # the budget claim matches both subscriptions: told once
    [email] = mail.outbox
    assert email.to == ["editor@newsroom.example"]
    assert "Ada Quill" in email.body and "/admin/claims/claim/" in email.body
    # Told again of the same claims (a second worker, a re-run): nothing new, no second email.
    subscriptions.notify_new_claims(claim_ids=new)
    assert notified.count() == len(by_quill) and len(mail.outbox) == 1


def test_publisher_and_feed_subscriptions(editor_user, reviewer_user):
    gazette = Publisher.objects.create(name="Riverton Gazette")
    feed = Feed.objects.create(url="http://127.0.0.1:9/feed.xml", publisher=gazette)
    Subscription.objects.create(user=editor_user, kind=Subscription.Kind.FEED, feed=feed, email=False)
    new = ingest(feed=feed)
    assert set(Notification.objects.filter(user=editor_user).values_list("claim_id", flat=True)) == new
    assert mail.outbox == []  # this subscription asked for the inbox only
    source_publisher = Claim.objects.filter(pk__in=new).values_list(
        "appearances__source__publisher", flat=True
    )
    publisher = Publisher.objects.get(pk=next(iter(source_publisher)))
    Subscription.objects.create(user=reviewer_user, kind=Subscription.Kind.PUBLISHER, publisher=publisher)
    subscriptions.notify_new_claims(claim_ids=new)
    assert Notification.objects.filter(user=reviewer_user).count() == len(new)


def test_nobody_without_the_right_to_see_drafts_is_told_of_new_claims():
    outsider = UserFactory(username="reader", email="reader@example.org")
    Subscription.objects.create(user=outsider, kind=Subscription.Kind.SEARCH, query="library")
    ingest()
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_a_saved_search_needs_every_word():
    claim = ClaimFactory(text="The school meals budget would double", speaker__name="Ada Quill")
    assert subscriptions.matching_search("School  MEALS", claim)
    assert subscriptions.matching_search("quill budget", claim)
    assert not subscriptions.matching_search("school library", claim)
    assert not subscriptions.matching_search("  ", claim)


def test_the_assignee_is_told_with_the_due_date(
    editor_user, reviewer_user, django_capture_on_commit_callbacks
):
    claims = ClaimFactory.create_batch(2, state=Claim.State.ACCEPTED)
    due = dt.date(2026, 12, 10)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            workflow.claim_assign(
                claim_ids=[c.pk for c in claims], assignee=reviewer_user, user=editor_user, due_on=due
            )
            == 2
        )
    told = Notification.objects.filter(user=reviewer_user, reason=Notification.Reason.ASSIGNED)
    assert set(told.values_list("claim_id", flat=True)) == {c.pk for c in claims}
    assert all("editor assigned you claim" in n.message and "due 10 December 2026" in n.message for n in told)
    assert set(Claim.objects.values_list("due_on", flat=True)) == {due}
    [email] = mail.outbox
    assert email.to == ["reviewer@newsroom.example"] and email.subject == "2 claims for you"
    # Taking claims for oneself tells nobody.
    with django_capture_on_commit_callbacks(execute=True):
        workflow.claim_assign(claim_ids=[claims[0].pk], assignee=editor_user, user=editor_user)
    assert not Notification.objects.filter(user=editor_user).exists() and len(mail.outbox) == 1


def created_events() -> set[int]:
    """The claims the claim.created deliveries tell of."""
    deliveries = WebhookDelivery.objects.filter(event="claim.created")
    return {pk for ids in deliveries.values_list("claim_ids", flat=True) for pk in ids}


@pytest.fixture
def hooked(reviewer_user):
    """An endpoint that wants every event (its deliveries are only recorded here: the test's
    transaction never commits, so none is sent)."""
    return Webhook.objects.create(name="desk bot", url="http://127.0.0.1:9/hook", owner=reviewer_user)


def test_a_saved_search_with_a_line_break_is_emailed_on_one_line(editor_user, reviewer_user, hooked):
    Subscription.objects.create(user=editor_user, kind=Subscription.Kind.SEARCH, query="school\r\nmeals")
    Subscription.objects.create(
        user=reviewer_user, kind=Subscription.Kind.SEARCH, query="brenner\x1b\u2028library"
    )
    ingest()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert set(subjects) == {"editor@newsroom.example", "reviewer@newsroom.example"}
    for subject in subjects.values():
        assert subject.isprintable(), subject  # no line break, no control character
    assert "search “school meals”" in subjects["editor@newsroom.example"]  # the words kept, on one line
    assert "search “brenner library”" in subjects["reviewer@newsroom.example"]
    assert created_events() == set(Claim.objects.values_list("pk", flat=True))  # and the webhooks told


def test_one_subscribers_email_failing_stops_no_one_else(editor_user, reviewer_user, hooked, monkeypatch):
    Subscription.objects.create(user=editor_user, kind=Subscription.Kind.SEARCH, query="school meals")
    Subscription.objects.create(user=reviewer_user, kind=Subscription.Kind.SEARCH, query="library")
    real = inbox.send_mail

    def refusing_the_editor(subject, message, sender, recipients, **kwargs):
        if recipients == [editor_user.email]:
            raise BadHeaderError("the mail library refused this one")
        return real(subject, message, sender, recipients, **kwargs)

    monkeypatch.setattr(inbox, "send_mail", refusing_the_editor)
    new = ingest()
    assert [m.to for m in mail.outbox] == [["reviewer@newsroom.example"]]
    assert Notification.objects.filter(user=editor_user, emailed_at__isnull=True).exists()  # kept, unsent
    assert Notification.objects.filter(user=reviewer_user).exclude(emailed_at=None).exists()
    assert created_events() == new


def test_the_webhooks_are_told_even_when_telling_subscribers_fails(editor_user, hooked, monkeypatch):
    Subscription.objects.create(user=editor_user, kind=Subscription.Kind.SEARCH, query="library")

    def broken(**kwargs):
        raise RuntimeError("the subscriptions could not be read")

    monkeypatch.setattr(subscriptions, "notify_new_claims", broken)
    new = ingest()
    assert new and created_events() == new


def test_an_email_lists_a_bounded_number_of_claims_and_counts_the_rest(editor_user):
    quill = Speaker.objects.create(name="Ada Quill", name_key="ada quill", surname_key="quill")
    Subscription.objects.create(user=editor_user, kind=Subscription.Kind.SPEAKER, speaker=quill)
    claims = ClaimFactory.create_batch(57, speaker=quill, indexed=False)
    subscriptions.notify_new_claims(claim_ids=[c.pk for c in claims])
    [email] = mail.outbox
    assert email.subject == "57 claims for you"
    assert email.body.count("/admin/claims/claim/") == 50  # listed; the rest counted
    assert "and 7 more" in email.body
    # Every one of them is in the inbox, and counted as emailed.
    assert Notification.objects.filter(user=editor_user, emailed_at__isnull=False).count() == len(claims)
