"""Webhooks for other tools: claim events POSTed to the endpoints that want them, signed by the
Standard Webhooks scheme (verifiable with the `standardwebhooks` package and the endpoint's
secret), tried again with backoff while the endpoint fails, each answer recorded; an unpublished
claim's events never reach an endpoint whose owner may not see drafts."""

import json

import pytest
from standardwebhooks.webhooks import Webhook as Verifier
from standardwebhooks.webhooks import WebhookVerificationError

from claims.curation import workflow
from claims.models import Claim, Rating, Webhook, WebhookDelivery
from claims.notify import tasks, webhooks
from tests.factories import AppearanceFactory, ClaimFactory, UserFactory
from tests.servers import Route

pytestmark = pytest.mark.django_db


class Answers(Route):
    """Answers with each status in turn (the last one from then on)."""

    def __init__(self, *statuses: int):
        super().__init__(statuses[0], b"thanks", "text/plain")
        self.statuses = list(statuses)

    def respond(self, handler):
        self.status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        super().respond(handler)


@pytest.fixture
def sent(monkeypatch):
    """Deliveries are sent in the test, as the task would once the change commits."""
    monkeypatch.setattr(tasks.deliver_webhook, "delay", webhooks.deliver)


def accepted_claim() -> Claim:
    return AppearanceFactory(claim__state=Claim.State.NEW, claim__speaker__name="Ada Quill").claim


def test_an_event_is_signed_and_the_receiver_can_verify_it(
    http_server, editor_user, reviewer_user, sent, django_capture_on_commit_callbacks
):
    server = http_server({"/hook": Route(204, b"", "")})
    hook = Webhook.objects.create(name="desk bot", url=f"{server.base}/hook", owner=reviewer_user)
    claim = accepted_claim()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.claim_transition(claim_id=claim.pk, to_state=Claim.State.ACCEPTED, user=editor_user)
    [(path, headers, body)] = server.posts
    assert path == "/hook"
    verified = Verifier(hook.signing_secret()).verify(body, headers)
    assert verified["type"] == "claim.state_changed"
    [data] = verified["data"]["claims"]  # every event carries a list of claims, here one
    assert data["id"] == claim.pk and data["state"] == "accepted"
    assert data["speaker"] == "Ada Quill"
    with pytest.raises(WebhookVerificationError):
        Verifier(hook.signing_secret()).verify(body.replace(b"accepted", b"rejected"), headers)
    with pytest.raises(WebhookVerificationError):
        Verifier(Webhook(name="other").signing_secret()).verify(body, headers)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.response_status, delivery.attempts) == ("delivered", 204, 1)
    assert delivery.message_id == headers["webhook-id"]


def test_an_endpoint_that_answers_500_is_tried_again_by_the_task(http_server, reviewer_user):
    server = http_server({"/hook": Answers(500, 500, 200)})
    Webhook.objects.create(name="bot", url=f"{server.base}/hook", owner=reviewer_user)
    claim = accepted_claim()
    [delivery] = webhooks.emit(event="claim.created", claims=[claim])
    first = webhooks.deliver(delivery.pk)
    assert not first.delivered and first.retry_in == webhooks.backoff(1)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.response_status, delivery.attempts) == ("pending", 500, 1)
    assert "answered 500" in delivery.error
    # The task tries again (eagerly here, after its countdown in a worker) until it is delivered.
    result = tasks.deliver_webhook.apply(args=[delivery.pk])
    assert result.get() == "delivered"
    delivery.refresh_from_db()
    assert (delivery.state, delivery.response_status, delivery.attempts) == ("delivered", 200, 3)
    assert len(server.posts) == 3
    assert len({headers["webhook-id"] for _, headers, _ in server.posts}) == 1  # one message, resent


def test_backoff_grows_and_is_capped():
    delays = [webhooks.backoff(n) for n in range(1, 12)]
    assert delays == sorted(delays) and delays[0] == 10 and delays[-1] == 3600


def test_a_client_error_or_a_forbidden_address_gives_up_at_once(http_server, reviewer_user, settings):
    server = http_server({"/gone": Route(410, b"no such hook", "text/plain")})
    Webhook.objects.create(name="gone", url=f"{server.base}/gone", owner=reviewer_user)
    Webhook.objects.create(name="inside", url="http://10.0.0.1/hook", owner=reviewer_user)
    deliveries = webhooks.emit(event="claim.created", claims=[accepted_claim()])
    for delivery in deliveries:
        assert webhooks.deliver(delivery.pk).retry_in is None
    gone, inside = (WebhookDelivery.objects.get(webhook__name=n) for n in ("gone", "inside"))
    assert (gone.state, gone.response_status, gone.response_body) == ("failed", 410, "no such hook")
    assert inside.state == "failed" and "private or reserved address" in inside.error


def test_a_delivery_is_sent_once_however_many_messages_ask(http_server, reviewer_user):
    server = http_server({"/hook": Route(200, b"ok", "text/plain")})
    Webhook.objects.create(name="bot", url=f"{server.base}/hook", owner=reviewer_user)
    [delivery] = webhooks.emit(event="claim.created", claims=[accepted_claim()])
    assert webhooks.deliver(delivery.pk).delivered
    assert not webhooks.deliver(delivery.pk).delivered  # taken: already delivered
    assert len(server.posts) == 1


def test_drafts_never_reach_an_endpoint_whose_owner_may_not_see_them(
    http_server, editor_user, reviewer_user, sent, django_capture_on_commit_callbacks
):
    server = http_server({"/public": Route(200), "/desk": Route(200)})
    outsider = UserFactory(username="partner")  # no rights: sees the public record only
    Webhook.objects.create(name="partner", url=f"{server.base}/public", owner=outsider)
    Webhook.objects.create(name="ownerless", url=f"{server.base}/public")
    Webhook.objects.create(name="desk", url=f"{server.base}/desk", owner=reviewer_user)
    claim = accepted_claim()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.claim_transition(claim_id=claim.pk, to_state=Claim.State.ACCEPTED, user=editor_user)
        workflow.claim_set_verdict(claim_id=claim.pk, rating_value=2, explanation="No.", user=reviewer_user)
        workflow.claim_transition(claim_id=claim.pk, to_state=Claim.State.REVIEWED, user=reviewer_user)
    assert [p for p, _, _ in server.posts if p == "/public"] == []
    assert len([p for p, _, _ in server.posts if p == "/desk"]) == 3
    with django_capture_on_commit_callbacks(execute=True):
        workflow.claim_transition(claim_id=claim.pk, to_state=Claim.State.PUBLISHED, user=reviewer_user)
    public = [json.loads(body)["type"] for p, _, body in server.posts if p == "/public"]
    assert sorted(public) == [
        "claim.published",
        "claim.published",
        "claim.state_changed",
        "claim.state_changed",
    ]


def test_an_endpoint_receives_only_the_events_it_chose(http_server, reviewer_user, editor_user, sent):
    server = http_server({"/hook": Route(200)})
    Webhook.objects.create(
        name="verdicts", url=f"{server.base}/hook", owner=reviewer_user, events=["claim.verdict_set"]
    )
    claim = accepted_claim()
    workflow.claim_transition(claim_id=claim.pk, to_state=Claim.State.ACCEPTED, user=editor_user)
    assert WebhookDelivery.objects.count() == 0
    workflow.claim_set_verdict(
        claim_id=claim.pk, rating_value=Rating.objects.first().value, explanation="", user=reviewer_user
    )
    assert list(WebhookDelivery.objects.values_list("event", flat=True)) == ["claim.verdict_set"]


def test_the_secret_is_kept_encrypted_under_a_key_from_the_settings(settings, http_server, reviewer_user):
    """CLAIMS_SECRETS_KEY, or by default SECRET_KEY: with another key the stored secret cannot be
    read, and the delivery fails saying so instead of signing with something else."""
    server = http_server({"/hook": Route(200)})
    settings.CLAIMS_SECRETS_KEY = ""
    hook = Webhook.objects.create(name="bot", url=f"{server.base}/hook", owner=reviewer_user)
    secret = hook.signing_secret()
    assert secret.startswith("whsec_") and secret not in hook.secret
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789"
    [delivery] = webhooks.emit(event="claim.created", claims=[accepted_claim()])
    assert webhooks.deliver(delivery.pk).retry_in is None
    delivery.refresh_from_db()
    assert delivery.state == "failed" and "CLAIMS_SECRETS_KEY" in delivery.error
    assert server.posts == []
    # The key the secrets were sealed with, named as CLAIMS_SECRETS_KEY, reads them again.
    settings.CLAIMS_SECRETS_KEY = "test-only-secret-key-not-for-production"
    assert Webhook.objects.get().signing_secret() == secret


def test_secrets_stored_in_clear_before_are_encrypted_by_the_migration(reviewer_user):
    from django.apps import apps

    migration = __import__(
        "claims.migrations.0037_webhook_secrets_encrypted", fromlist=["seal_plain_secrets"]
    )
    plain = "whsec_c2VjcmV0IGtlcHQgaW4gY2xlYXIgYmVmb3Jl"
    Webhook.objects.bulk_create([Webhook(name="old", url="https://hooks.example/old", secret=plain)])
    migration.seal_plain_secrets(apps, None)
    hook = Webhook.objects.get()
    assert plain not in hook.secret and hook.signing_secret() == plain
    migration.seal_plain_secrets(apps, None)  # run again (a retried deploy): nothing sealed twice
    assert Webhook.objects.get().signing_secret() == plain


ARTICLE = """date 2026-11-30
The Riverton Gazette

Councillor Ada Quill said on Monday that the school meals budget would double next year.

"Every child in Riverton will eat a hot lunch," Quill said.

Mayor Tom Brenner denied that the library would close.
"""


def test_a_batchs_new_claims_reach_each_endpoint_in_one_signed_delivery(http_server, reviewer_user):
    from claims.ingest import jobs, submission

    server = http_server({"/one": Route(204, b"", ""), "/two": Route(204, b"", "")})
    hooks = [
        Webhook.objects.create(name=name, url=f"{server.base}/{name}", owner=reviewer_user)
        for name in ("one", "two")
    ]
    job = submission.submit_text(ARTICLE, enqueue=False)
    assert jobs.run_job(job.pk).state == "done"
    new = set(Claim.objects.values_list("pk", flat=True))
    assert len(new) == 3
    deliveries = list(WebhookDelivery.objects.order_by("webhook__name"))
    assert [(d.webhook.name, d.event, sorted(d.claim_ids)) for d in deliveries] == [
        ("one", "claim.created", sorted(new)),
        ("two", "claim.created", sorted(new)),
    ]
    for delivery in deliveries:
        assert webhooks.deliver(delivery.pk).delivered
    for hook, (path, headers, body) in zip(hooks, sorted(server.posts), strict=True):
        assert path == f"/{hook.name}"
        verified = Verifier(hook.signing_secret()).verify(body, headers)
        assert verified["type"] == "claim.created"
        assert {c["id"] for c in verified["data"]["claims"]} == new
        assert {c["speaker"] for c in verified["data"]["claims"]} == {"Ada Quill", "Tom Brenner"}


def test_a_delivery_carries_a_bounded_number_of_claims(reviewer_user, monkeypatch):
    monkeypatch.setattr(webhooks, "MAX_CLAIMS_PER_DELIVERY", 2)
    outsider = UserFactory(username="partner")  # sees published claims only
    Webhook.objects.create(name="desk", url="http://127.0.0.1:9/desk", owner=reviewer_user)
    Webhook.objects.create(name="partner", url="http://127.0.0.1:9/partner", owner=outsider)
    drafts = ClaimFactory.create_batch(3, state=Claim.State.ACCEPTED, indexed=False)
    published = ClaimFactory.create_batch(2, state=Claim.State.PUBLISHED, indexed=False)
    made = webhooks.emit(event="claim.created", claims=drafts + published)
    by_hook: dict[str, list[list[int]]] = {}
    for delivery in made:
        ids = [c["id"] for c in delivery.payload["data"]["claims"]]
        assert ids == delivery.claim_ids and len(ids) <= 2
        by_hook.setdefault(delivery.webhook.name, []).append(ids)
    everything = [c.pk for c in drafts + published]
    assert by_hook == {
        "desk": [everything[0:2], everything[2:4], everything[4:5]],
        "partner": [[c.pk for c in published]],
    }
