"""Every page of the admin checks its permissions: a staff member with no group and no permission
opens none of them (GET) and changes nothing through them (POST). The URLs are read from the admin
site's own URL patterns, so a page added later is walked too; every id in them names a row made
here with one number (a draft claim, its speaker, source, job, review link, ...)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from claims.models import (
    ApiToken,
    Claim,
    ExternalReview,
    ExternalReviewLink,
    Feed,
    IngestJob,
    Notification,
    Rating,
    Subscription,
    Webhook,
    WebhookDelivery,
)
from tests.factories import AppearanceFactory, ClaimFactory, IngestJobFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

N = 7_654_321  # the id of every row below: any id an admin URL takes names one of them
DRAFT_TEXT = "the harbour tolls will triple in secret"
SECRETS = [DRAFT_TEXT, "Dora Draftonly", "Unpublished Harbour Story"]

# The admin site's own pages, which every staff member may open (they show nothing of the record;
# view_on_site only redirects to a row's public page, which has its own rule).
OPEN_TO_STAFF = {
    "index",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "jsi18n",
    "app_list",
    "view_on_site",
}


@pytest.fixture
def drafts(db):
    """A draft claim (with a verdict), its speaker, source, publisher and appearance, an ingest job
    that read it, a review linked to it, another editor's notification, subscription, webhook,
    delivery and token, all numbered N."""
    editor = UserFactory(id=N, username="another-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Reviewer"))
    source = SourceFactory(
        id=N,
        title="Unpublished Harbour Story",
        text=f"Dora Draftonly said {DRAFT_TEXT}.",
        publisher__id=N,
    )
    claim = ClaimFactory(
        id=N,
        text=DRAFT_TEXT,
        state=Claim.State.ACCEPTED,
        verdict=Rating.objects.get(value=1),
        speaker__id=N,
        speaker__name="Dora Draftonly",
    )
    AppearanceFactory(id=N, claim=claim, source=source, start=20, end=20 + len(DRAFT_TEXT))
    IngestJobFactory(
        id=N,
        source=source,
        state=IngestJob.State.FAILED,
        error=f"failed on {DRAFT_TEXT}",
        submitted_by=editor,
    )
    review = ExternalReview.objects.create(
        id=N,
        url="https://checkers.example/tolls",
        claim_reviewed=DRAFT_TEXT,
        rating_text="False",
        document={},
    )
    ExternalReviewLink.objects.create(id=N, claim=claim, review=review, score=0.7, reason="test")
    feed = Feed.objects.create(id=N, url="https://news.example/feed.xml")
    Subscription.objects.create(id=N, user=editor, kind="feed", feed=feed)
    Notification.objects.create(id=N, user=editor, claim=claim, reason="assigned", message=DRAFT_TEXT)
    hook = Webhook.objects.create(id=N, name="CMS", url="https://cms.example/hook", owner=editor)
    WebhookDelivery.objects.create(
        id=N,
        webhook=hook,
        event="claim.created",
        claim_ids=[claim.pk],
        message_id="msg_1",
        payload={"type": "claim.created", "data": {"claims": [{"id": claim.pk, "text": DRAFT_TEXT}]}},
    )
    ApiToken.objects.create(id=N, user=editor, name="CMS", prefix="abc", digest="0" * 64)
    Group.objects.create(id=N, name="Interns")
    Rating.objects.create(id=N, value=99, label="Not yet rated here")
    return claim


def admin_patterns(resolver: URLResolver | None = None):
    """Every URL pattern of the admin site, its own pages' and every model admin's (custom ones
    included), read from the site itself."""
    for pattern in admin.site.get_urls() if resolver is None else resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from admin_patterns(pattern)
        elif isinstance(pattern, URLPattern) and pattern.name:  # unnamed: old URLs redirected to named ones
            yield pattern


def address(pattern: URLPattern) -> str:
    """The pattern's URL, with N for every id it takes."""
    known = {"app_label": "claims", "content_type_id": ContentType.objects.get_for_model(Claim).pk}
    return reverse(
        f"admin:{pattern.name}", kwargs={key: known.get(key, N) for key in pattern.pattern.regex.groupindex}
    )


# Everything a custom page's form could take: a state change, a verdict, a link decision, a review
# decision, a split, an edit, a submission, a bulk action on row N.
POSTED = {
    "to": "reviewed",
    "rating": "1",
    "explanation": "Changed by someone who may not.",
    "claim": str(N),
    "appearances": [str(N)],
    "claims": [str(N)],
    "name": "Somebody Else",
    "text": "An edited statement",
    "speaker": "Somebody Else",
    "target": str(N),
    "urls": "https://news.example/new",
    "action": "delete_selected",
    "_selected_action": [str(N)],
    "post": "yes",
    "confirm": "1",
}


def test_a_staff_member_with_no_permission_opens_no_admin_page_and_changes_nothing(drafts):
    nobody = UserFactory(username="no-group-staff", is_staff=True)
    client = Client()
    patterns = list(admin_patterns())
    assert {"claims_claim_verdict", "claims_source_review", "claims_ingestjob_retry"} <= {
        p.name for p in patterns
    }
    login = reverse("admin:login")
    wrong = []
    for pattern in patterns:
        name, url = pattern.name, address(pattern)
        for decision in ("accept", "confirm", "merge"):
            for method in ("get", "post"):
                client.force_login(nobody)  # again: the walk posts to the logout page too
                if method == "get":
                    response = client.get(url, {"term": "Dora", "q": "Dora"})
                else:
                    response = client.post(url, {**POSTED, "decision": decision})
                body = response.content.decode(errors="replace")
                leaked = [s for s in SECRETS if s in body]
                refused = (
                    response.status_code == 403
                    or (response.status_code == 302 and response["Location"].startswith(login))
                    or (method == "post" and response.status_code == 405)  # a page that takes no POST
                )
                if leaked or (name not in OPEN_TO_STAFF and not refused):
                    wrong.append(f"{method.upper()} {url}: {response.status_code} {leaked}")
            if name in OPEN_TO_STAFF:
                break
    assert wrong == [], "\n".join(wrong)
    claim = Claim.objects.get(pk=N)
    assert (claim.state, claim.verdict.value, claim.text) == (Claim.State.ACCEPTED, 1, DRAFT_TEXT)
    assert ExternalReviewLink.objects.get(pk=N).state == ExternalReviewLink.State.SUGGESTED
    assert IngestJob.objects.get(pk=N).state == IngestJob.State.FAILED
    assert IngestJob.objects.count() == 1 and Claim.objects.count() == 1


def test_a_page_shown_to_a_viewer_refuses_them_its_action_in_words(drafts, editor_user):
    """An Editor may open the verdict page of a claim, but setting one is a Reviewer's action: the
    POST changes nothing and says which permission is missing."""
    client = Client()
    client.force_login(editor_user)
    url = reverse("admin:claims_claim_verdict", args=[N])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"rating": "3", "explanation": "Not mine to say."})
    assert refused.status_code == 302 and refused["Location"] == url
    shown = client.get(url)
    assert "You need the review claim permission." in " ".join(str(m) for m in shown.context["messages"])
    assert Claim.objects.get(pk=N).verdict.value == 1
