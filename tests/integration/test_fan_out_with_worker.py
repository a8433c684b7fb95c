"""Fan-out through a real worker on PostgreSQL and Redis: an article with more statements than one
may hold fails in words and stores nothing, and a batch's new claims reach a webhook receiver in
signed deliveries of at most 100 claims each, not one per claim."""

import time

import pytest
from standardwebhooks.webhooks import Webhook as Verifier

from claims.ingest import submission
from claims.models import Claim, Source, Webhook, WebhookDelivery
from tests.factories import UserFactory
from tests.servers import Route

from .conftest import wait_for_jobs

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def statements(count: int) -> str:
    quotes = (f'"Harbour number {n} will close in spring," Ada Quill said.' for n in range(1, count + 1))
    return "date 2022-01-11\nHarbours\n\n" + "\n\n".join(quotes) + "\n"


def test_an_article_above_the_ceiling_fails_in_words_and_stores_nothing(worker):
    job = submission.submit_text(statements(501))
    [finished] = wait_for_jobs([job.pk])
    assert finished.state == "failed" and finished.attempts == 1
    assert finished.error == (
        "The article holds 501 different statements, more than the 500 one article may hold "
        "(CLAIMS_MAX_CLAIMS_PER_ARTICLE); nothing of it was stored."
    )
    assert not Source.objects.exists() and not Claim.objects.exists()


def test_new_claims_reach_a_receiver_in_a_few_signed_deliveries(worker, http_server):
    server = http_server({"/hook": Route(204, b"", "")})
    owner = UserFactory(username="desk-bot-owner", is_staff=True, is_superuser=True)
    hook = Webhook.objects.create(name="desk bot", url=f"{server.base}/hook", owner=owner)
    job = submission.submit_text(statements(120))
    [finished] = wait_for_jobs([job.pk])
    assert finished.state == "done" and finished.claims_created == 120, finished.error
    deadline = time.monotonic() + 60
    while len(server.posts) < 2 and time.monotonic() < deadline:
        time.sleep(0.3)
    time.sleep(1)  # and no more come
    assert len(server.posts) == 2
    told: list[int] = []
    for path, headers, body in server.posts:
        verified = Verifier(hook.signing_secret()).verify(body, headers)
        assert path == "/hook" and verified["type"] == "claim.created"
        told += [claim["id"] for claim in verified["data"]["claims"]]
    assert sorted(len(d.claim_ids) for d in WebhookDelivery.objects.all()) == [20, 100]
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {"delivered"}
    assert sorted(told) == sorted(Claim.objects.values_list("pk", flat=True))
