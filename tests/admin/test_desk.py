"""The editors' desk in the admin: reviewing an article's claims in one place, the dashboard, the
claim page's state buttons, the claim list by source, assignment and the inbox, with each page's
and each action's permissions per role."""

import datetime as dt
import re
import socket

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from standardwebhooks.webhooks import Webhook as Verifier

from claims.curation import desk
from claims.ingest import jobs, submission
from claims.models import Claim, IngestJob, Notification, Rating, Source, Speaker, SpeakerAlias, Webhook
from claims.notify import webhooks
from tests.factories import AppearanceFactory, ClaimFactory, UserFactory
from tests.servers import Route

pytestmark = pytest.mark.django_db

ARTICLE = """date 2026-11-30
Councillor Ada Quill said on Monday that the school meals budget would double next year.

"Every child in Riverton will eat a hot lunch," Quill said.

Mayor Tom Brenner denied that the library would close.

The council's treasurer, Ben Okafor, warned that the reserves would run out by 2028.
"""


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


@pytest.fixture
def article(db) -> Source:
    job = submission.submit_text(ARTICLE, enqueue=False)
    assert jobs.run_job(job.pk).state == IngestJob.State.DONE
    return Source.objects.get()


def review_url(source: Source) -> str:
    return reverse("admin:claims_source_review", args=[source.pk])


def claims_of(source: Source) -> list[Claim]:
    return list(Claim.objects.filter(appearances__source=source).order_by("appearances__start"))


# --- Review an article ---------------------------------------------------------------------
def test_who_may_open_the_review_page(article, editor_user, reviewer_user, client):
    assert client.get(review_url(article)).status_code == 302  # to the login page
    plain_staff = UserFactory(username="it", is_staff=True)
    assert client_of(plain_staff).get(review_url(article)).status_code == 403
    for user in (editor_user, reviewer_user):
        page = client_of(user).get(review_url(article))
        assert page.status_code == 200
        html = page.content.decode()
        assert 'value="accept"' in html and "Keyboard shortcuts" in html
        assert html.count('class="review-item') == len(claims_of(article)) == 4


def test_the_review_page_lists_each_claim_with_what_an_editor_decides_by(article, editor_user):
    html = client_of(editor_user).get(review_url(article)).content.decode()
    assert "Ada Quill" in html and "Councillor" in html  # speaker and role
    assert "Denied" in html and "Warned" in html  # stances
    assert "30 November 2026 (said that day, in its own words)" in html
    assert "“said”" in html and "cue-then-content" in html  # the cue and the rule that found it
    assert "Check-worthy</dt><dd>" in html and "0." not in html.split("Check-worthy</dt><dd>")[1][:10]


def test_a_viewer_without_the_right_to_curate_is_offered_nothing_and_refused(article):
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_claim", "view_source"], content_type__app_label="claims"
        )
    )
    client = client_of(viewer)
    page = client.get(review_url(article))
    assert page.status_code == 200 and 'value="accept"' not in page.content.decode()
    claim = claims_of(article)[0]
    done = client.post(review_url(article), {"claim": claim.pk, "decision": "accept"}, follow=True)
    assert "You need the change claim permission." in messages(done)
    claim.refresh_from_db()
    assert claim.state == Claim.State.NEW


def test_accept_and_reject_move_on_to_the_next_new_claim(article, editor_user):
    client = client_of(editor_user)
    first, second, *_ = claims_of(article)
    response = client.post(review_url(article), {"claim": first.pk, "decision": "accept"})
    assert response.status_code == 302 and f"focus={second.pk}" in response["Location"]
    assert "Accepted claim" in messages(client.get(response["Location"]))
    response = client.post(review_url(article), {"claim": second.pk, "decision": "reject"})
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.state, second.state) == (Claim.State.ACCEPTED, Claim.State.REJECTED)


def test_a_speaker_the_article_leaves_open_is_shown_as_unsure_with_the_reason(editor_user):
    job = submission.submit_text(
        "date 2026-11-30\nThe council met on Monday.\n\nHe said the library would stay open all winter.\n",
        enqueue=False,
    )
    assert jobs.run_job(job.pk).state == IngestJob.State.DONE
    [claim] = claims_of(Source.objects.get())
    assert claim.speaker is None
    html = client_of(editor_user).get(review_url(Source.objects.get())).content.decode()
    assert "speaker unsure</strong>: written “He”" in html
    assert "pronoun, not resolved" in html


def test_edit_the_statement_and_change_the_speaker(article, editor_user):
    client = client_of(editor_user)
    claim = claims_of(article)[0]
    client.post(
        review_url(article),
        {"claim": claim.pk, "decision": "edit", "text": "  the school meals budget will double "},
    )
    claim.refresh_from_db()
    assert claim.text == "the school meals budget will double"
    # By an alias an editor gave: the speaker it belongs to.
    brenner = Speaker.objects.get(name="Tom Brenner")
    SpeakerAlias.objects.create(speaker=brenner, name="The Mayor", name_key="mayor")
    client.post(review_url(article), {"claim": claim.pk, "decision": "speaker", "speaker": "the Mayor"})
    claim.refresh_from_db()
    assert claim.speaker == brenner
    # A name nobody has: refused unless "create" is ticked.
    refused = client.post(
        review_url(article), {"claim": claim.pk, "decision": "speaker", "speaker": "Mina Vale"}, follow=True
    )
    assert "Nobody called Mina Vale is known" in messages(refused)
    client.post(
        review_url(article),
        {"claim": claim.pk, "decision": "speaker", "speaker": "Mina Vale", "create": "1", "kind": "person"},
    )
    claim.refresh_from_db()
    assert claim.speaker.name == "Mina Vale"


def test_merge_with_a_suggested_similar_claim(article, editor_user):
    other = ClaimFactory(
        text="that the school meals budget would double next year",
        speaker=Speaker.objects.get(name="Ada Quill"),
        fingerprint="x" * 64,
    )
    claim = next(c for c in claims_of(article) if "school meals" in c.text)
    page = client_of(editor_user).get(f"{review_url(article)}?focus={claim.pk}")
    assert f'name="target" value="{other.pk}"' in page.content.decode()
    asked = client_of(editor_user).post(
        review_url(article), {"claim": claim.pk, "decision": "merge", "target": other.pk}
    )
    assert Claim.objects.filter(pk=claim.pk).exists()  # the page asks first
    assert f"merge={other.pk}" in asked["Location"]
    client_of(editor_user).post(
        review_url(article), {"claim": claim.pk, "decision": "merge", "target": other.pk, "confirm": "1"}
    )
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert other.appearances.filter(source=article).exists()


def test_accept_all_remaining(article, editor_user):
    client = client_of(editor_user)
    first = claims_of(article)[0]
    client.post(review_url(article), {"claim": first.pk, "decision": "reject"})
    done = client.post(review_url(article), {"decision": "accept_remaining"}, follow=True)
    assert "Accepted 3 claims." in messages(done)
    states = sorted(c.state for c in claims_of(article))
    assert states == ["accepted", "accepted", "accepted", "rejected"]


def test_a_claim_of_another_article_is_not_decided_here(article, editor_user):
    elsewhere = AppearanceFactory().claim
    done = client_of(editor_user).post(
        review_url(article), {"claim": elsewhere.pk, "decision": "accept"}, follow=True
    )
    assert f"Claim {elsewhere.pk} is not in this article." in messages(done)
    elsewhere.refresh_from_db()
    assert elsewhere.state == Claim.State.NEW


def test_the_review_page_is_linked_from_the_source_the_job_and_the_claim(article, editor_user):
    client = client_of(editor_user)
    url = review_url(article)
    assert url in client.get(reverse("admin:claims_source_change", args=[article.pk])).content.decode()
    job = IngestJob.objects.get()
    assert url in client.get(reverse("admin:claims_ingestjob_change", args=[job.pk])).content.decode()
    claim = claims_of(article)[0]
    assert url in client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()


# --- The dashboard ---------------------------------------------------------------------------
def test_the_dashboard_shows_what_needs_attention(article, editor_user, reviewer_user):
    claims = claims_of(article)
    Claim.objects.filter(pk=claims[0].pk).update(assigned_to=editor_user)
    IngestJob.objects.create(
        kind="text", payload=b" ", state=IngestJob.State.FAILED, error="The input is empty."
    )
    page = client_of(editor_user).get(reverse("admin:index"))
    html = page.content.decode()
    assert 'id="desk"' in html and "Most check-worthy new claims" in html
    lines = {line.label: line for line in page.context["desk"].counts}
    assert lines["New claims to triage"].count == 4
    assert lines["Assigned to me, not yet reviewed"].count == 1
    assert lines["Failed ingest jobs"].count == 1
    assert lines["Articles ingested today"].count == 1
    by_state = {line.label: line.count for line in page.context["desk"].by_state}
    assert by_state["New"] == 4 and by_state["Published"] == 0
    # Each count links into the list it counts.
    failed = client_of(editor_user).get(lines["Failed ingest jobs"].url)
    assert failed.status_code == 200 and "The input is empty." in failed.content.decode()
    assert client_of(reviewer_user).get(reverse("admin:index")).context["desk"].counts[1].count == 0


def test_the_dashboard_caps_its_counts(monkeypatch, editor_user):
    monkeypatch.setattr(desk, "CAP", 3)
    ClaimFactory.create_batch(5)
    line = desk.desk(user=editor_user).counts[0]
    assert (line.count, line.capped, line.shown) == (3, True, "3+")


def test_staff_who_do_not_curate_see_no_dashboard():
    staff = UserFactory(username="it", is_staff=True)
    page = client_of(staff).get(reverse("admin:index"))
    assert page.status_code == 200 and 'id="desk"' not in page.content.decode()


# --- The claim page --------------------------------------------------------------------------
def test_the_claim_page_offers_only_what_the_user_may_do(editor_user, reviewer_user):
    claim = AppearanceFactory(claim__state=Claim.State.ACCEPTED).claim
    page = reverse("admin:claims_claim_change", args=[claim.pk])
    editor_html = client_of(editor_user).get(page).content.decode()
    assert 'value="rejected"' in editor_html and 'value="new"' in editor_html
    assert 'value="reviewed"' not in editor_html and "Set verdict" not in editor_html
    reviewer_html = client_of(reviewer_user).get(page).content.decode()
    assert "Set verdict" in reviewer_html
    assert 'value="reviewed"' not in reviewer_html  # no verdict yet: not offered
    Claim.objects.filter(pk=claim.pk).update(verdict=Rating.objects.get(value=2), state=Claim.State.REVIEWED)
    reviewer_html = client_of(reviewer_user).get(page).content.decode()
    assert 'value="published"' in reviewer_html
    assert 'value="published"' not in client_of(editor_user).get(page).content.decode()


def test_a_state_button_moves_the_claim_or_says_why_not(editor_user, reviewer_user):
    claim = AppearanceFactory(
        claim__state=Claim.State.ACCEPTED, claim__verdict=Rating.objects.get(value=2)
    ).claim
    url = reverse("admin:claims_claim_transition", args=[claim.pk])
    refused = client_of(reviewer_user).post(url, {"to": "published"}, follow=True)
    assert "An accepted claim cannot be published before review." in messages(refused)
    refused = client_of(editor_user).post(url, {"to": "reviewed"}, follow=True)
    assert "You need the review claim permission." in messages(refused)
    done = client_of(reviewer_user).post(url, {"to": "reviewed"}, follow=True)
    assert "it is now reviewed" in messages(done)
    claim.refresh_from_db()
    assert claim.state == Claim.State.REVIEWED


# --- The claim list --------------------------------------------------------------------------
def test_the_claim_list_by_source_and_a_readable_statement(article, editor_user):
    elsewhere = AppearanceFactory(claim__text="a claim of another article")
    page = client_of(editor_user).get(reverse("admin:claims_claim_changelist"), {"source": article.pk})
    html = page.content.decode()
    assert "Tom Brenner denied that the library would close" in html
    assert elsewhere.claim.text not in html
    assert page.context["cl"].result_count == 4


def test_an_unknown_filter_is_named_and_dropped_not_silently_ignored(article, editor_user):
    client = client_of(editor_user)
    response = client.get(
        reverse("admin:claims_claim_changelist"), {"sorce": article.pk, "state__exact": "new"}
    )
    assert response.status_code == 302 and "e=1" not in response["Location"]
    assert "state__exact=new" in response["Location"] and "sorce" not in response["Location"]
    shown = client.get(response["Location"])
    assert f"cannot be filtered by “sorce={article.pk}”" in messages(shown)


# --- Assignment and the inbox ----------------------------------------------------------------
def test_assign_to_a_reviewer_with_a_due_date(
    article, editor_user, reviewer_user, django_capture_on_commit_callbacks
):
    client = client_of(editor_user)
    chosen = claims_of(article)[:2]
    changelist = reverse("admin:claims_claim_changelist")
    form = client.post(changelist, {"action": "assign_to", "_selected_action": [c.pk for c in chosen]})
    assert form.status_code == 200 and "reviewer" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            changelist,
            {
                "action": "assign_to",
                "_selected_action": [c.pk for c in chosen],
                "confirm": "yes",
                "assignee": reviewer_user.pk,
                "due_on": "2026-12-10",
            },
            follow=True,
        )
    assert "Assigned 2 claims to reviewer, due 10 December 2026." in messages(done)
    assert {c.assigned_to_id for c in Claim.objects.filter(pk__in=[c.pk for c in chosen])} == {
        reviewer_user.pk
    }
    assert Notification.objects.filter(user=reviewer_user, reason="assigned").count() == 2
    assert [m.to for m in mail.outbox] == [["reviewer@newsroom.example"]]
    mine = client.get(changelist, {"assigned": str(reviewer_user.pk)})
    assert mine.context["cl"].result_count == 2
    assert Claim.objects.filter(due_on=dt.date(2026, 12, 10)).count() == 2


def test_each_editor_reads_only_their_own_inbox(editor_user, reviewer_user):
    claim = ClaimFactory()
    mine = Notification.objects.create(
        user=editor_user, claim=claim, reason="assigned", message="for the editor"
    )
    Notification.objects.create(
        user=reviewer_user, claim=claim, reason="assigned", message="for the reviewer"
    )
    inbox = reverse("admin:claims_notification_changelist")
    html = client_of(editor_user).get(inbox).content.decode()
    assert "for the editor" in html and "for the reviewer" not in html
    other = Notification.objects.get(user=reviewer_user)
    assert client_of(editor_user).get(
        reverse("admin:claims_notification_change", args=[other.pk])
    ).status_code in (302, 403)
    done = client_of(editor_user).post(
        inbox, {"action": "mark_read", "_selected_action": [mine.pk, other.pk]}, follow=True
    )
    assert "Marked 1 notification read." in messages(done)
    assert Notification.objects.filter(read_at__isnull=True).get() == other


def test_a_plain_staff_member_has_no_inbox_or_subscriptions():
    staff = client_of(UserFactory(username="it", is_staff=True))
    assert staff.get(reverse("admin:claims_notification_changelist")).status_code == 403
    assert staff.get(reverse("admin:claims_subscription_add")).status_code == 403


def test_subscriptions_are_each_editors_own(editor_user, reviewer_user):
    client = client_of(editor_user)
    added = client.post(
        reverse("admin:claims_subscription_add"), {"kind": "search", "query": "school meals", "email": "on"}
    )
    assert added.status_code == 302
    [subscription] = editor_user.subscriptions.all()
    assert subscription.subject == "search “school meals”"
    reviewer_list = client_of(reviewer_user).get(reverse("admin:claims_subscription_changelist"))
    assert "school meals" not in reviewer_list.content.decode()


def test_webhooks_are_for_administrators(editor_user, staff_user):
    assert client_of(editor_user).get(reverse("admin:claims_webhook_changelist")).status_code == 403
    assert client_of(staff_user).get(reverse("admin:claims_webhook_add")).status_code == 200


def test_a_delivery_lists_the_claims_it_tells_of(staff_user):
    from claims.models import WebhookDelivery

    hook = Webhook.objects.create(name="desk bot", url="https://bots.example/hook")
    WebhookDelivery.objects.create(
        webhook=hook, event="claim.created", claim_ids=list(range(11, 18)), message_id="msg_1", payload={}
    )
    page = client_of(staff_user).get(reverse("admin:claims_webhookdelivery_changelist"))
    assert page.status_code == 200
    assert "7 claims: 11, 12, 13, 14, 15, …" in page.content.decode()


def test_a_subscription_naming_two_things_is_refused_in_words(editor_user):
    speaker = Speaker.objects.create(name="Ada Quill", name_key="ada quill", surname_key="quill")
    response = client_of(editor_user).post(
        reverse("admin:claims_subscription_add"),
        {"kind": "search", "query": "school meals", "speaker": speaker.pk, "email": "on"},
    )
    assert response.status_code == 200
    assert "A subscription follows one thing" in response.content.decode()
    assert not editor_user.subscriptions.exists()


@pytest.fixture
def public_names(monkeypatch):
    """Host names ending in .example resolve to a public address, without asking any DNS server."""
    real = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if str(host).endswith(".example"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


def test_a_webhook_chooses_its_events_from_a_list(staff_user, public_names):
    client = client_of(staff_user)
    response = client.post(
        reverse("admin:claims_webhook_add"),
        {
            "name": "desk bot",
            "url": "https://bots.example/hook",
            "events": ["claim.published"],
            "active": "on",
        },
    )
    assert response.status_code == 302
    hook = Webhook.objects.get()
    assert (
        hook.events == ["claim.published"]
        and hook.wants("claim.published")
        and not hook.wants("claim.created")
    )
    assert hook.signing_secret().startswith("whsec_")


def test_a_webhook_secret_is_shown_once_at_creation_and_is_the_one_that_signs(staff_user, http_server):
    """The secret a receiver is given verifies what it receives; the database holds it encrypted
    and no page shows it again."""
    receiver = http_server({"/hook": Route(204, b"", "")})
    client = client_of(staff_user)
    add_page = client.get(reverse("admin:claims_webhook_add")).content.decode()
    assert "whsec_" not in add_page  # nothing to show before it exists
    response = client.post(
        reverse("admin:claims_webhook_add"),
        {"name": "desk bot", "url": f"{receiver.base}/hook", "active": "on"},
        follow=True,
    )
    [shown] = re.findall(r"whsec_[A-Za-z0-9+/=]+", messages(response))
    hook = Webhook.objects.get()
    stored = Webhook.objects.values_list("secret", flat=True).get()
    assert shown not in stored and shown.removeprefix("whsec_") not in stored
    change_page = client.get(reverse("admin:claims_webhook_change", args=[hook.pk])).content.decode()
    assert shown not in change_page and "whsec_" not in change_page
    client.post(
        reverse("admin:claims_webhook_change", args=[hook.pk]),
        {"name": "desk bot", "url": f"{receiver.base}/hook", "active": "on"},
    )
    published = AppearanceFactory(claim__state=Claim.State.PUBLISHED).claim
    [delivery] = webhooks.emit(event="claim.created", claims=[published])
    assert webhooks.deliver(delivery.pk).delivered
    [(_, headers, body)] = receiver.posts
    assert Verifier(shown).verify(body, headers)["type"] == "claim.created"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/hook", "10.0.0.1, a loopback, private or reserved address"),
        ("http://169.254.169.254/latest/", "169.254.169.254, a loopback, private or reserved address"),
        ("http://[::1]:8000/hook", "::1, a loopback, private or reserved address"),
        ("http://127.0.0.1:6379/", "add 127.0.0.1:6379 or its network to CLAIMS_FETCH_ALLOWED_NETWORKS"),
    ],
)
def test_a_webhook_to_an_address_the_fetcher_would_refuse_is_refused_with_the_reason(
    staff_user, http_server, url, reason
):
    http_server({})  # a listener of the tests' own is allowed: not every port of 127.0.0.1
    response = client_of(staff_user).post(
        reverse("admin:claims_webhook_add"), {"name": "inside", "url": url, "active": "on"}
    )
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Webhook.objects.exists()


def test_assigning_more_claims_than_the_page_lists_assigns_them_all(editor_user, reviewer_user):
    claims = ClaimFactory.create_batch(60)
    ids = [c.pk for c in claims]
    changelist = reverse("admin:claims_claim_changelist")
    page = client_of(editor_user).post(changelist, {"action": "assign_to", "_selected_action": ids})
    html = page.content.decode()
    assert "Give 60 claims" in html and "and 10 more" in html
    assert html.count('name="_selected_action"') == 60
    client_of(editor_user).post(
        changelist,
        {"action": "assign_to", "_selected_action": ids, "confirm": "yes", "assignee": reviewer_user.pk},
    )
    assert Claim.objects.filter(assigned_to=reviewer_user).count() == 60
