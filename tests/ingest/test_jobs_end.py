"""Jobs end, with a reason in words: a worker that dies every time, an article that takes longer
than the task's time limit; and extraction runs before the storing transaction opens."""

from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection
from django.utils import timezone

from claims.ingest import pipeline, submission
from claims.ingest.jobs import run_job, run_jobs
from claims.models import Claim, IngestJob, Source, Speaker
from tests.articles import PLAIN_ARTICLE

ARTICLE_TWO = """date 2022-02-03
Harbour to close

Harbour master Ada Quill said on Tuesday that the old harbour would close in spring.
"The piers are no longer safe," Quill said.
"""


def job_whose_worker_died(settings, *, attempts: int) -> IngestJob:
    """A job claimed `attempts` times, the last claim ended by a dead worker: running, its lease run out."""
    settings.CLAIMS_JOB_MAX_ATTEMPTS = 5
    job = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    long_ago = timezone.now() - timedelta(seconds=settings.CLAIMS_JOB_LEASE_SECONDS + 60)
    IngestJob.objects.filter(pk=job.pk).update(
        state=IngestJob.State.RUNNING, attempts=attempts, started_at=long_ago
    )
    return job


@pytest.mark.django_db
def test_a_job_whose_worker_died_on_every_attempt_fails_saying_so(settings):
    job = job_whose_worker_died(settings, attempts=5)
    outcome = run_job(job.pk)
    job.refresh_from_db()
    assert job.state == IngestJob.State.FAILED
    assert job.attempts == 5  # not claimed a sixth time
    assert "Gave up after 5 attempts" in job.error and "worker running the job stopped" in job.error
    assert outcome.state == IngestJob.State.FAILED


@pytest.mark.django_db
def test_a_job_whose_worker_died_with_attempts_left_is_run_again(settings):
    job = job_whose_worker_died(settings, attempts=4)
    assert run_job(job.pk).state == IngestJob.State.DONE
    job.refresh_from_db()
    assert job.attempts == 5


@pytest.mark.django_db
def test_an_article_over_the_time_limit_fails_in_words(monkeypatch):
    def too_slow(text, published):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(pipeline, "findings", too_slow)
    job = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    outcome = run_job(job.pk, time_limit=120)
    job.refresh_from_db()
    assert job.state == IngestJob.State.FAILED
    assert job.error == "The article took longer than 120 s to extract; it is not tried again."
    assert "SoftTimeLimitExceeded" not in outcome.message


@pytest.mark.django_db(transaction=True)
def test_extraction_runs_before_the_storing_transaction_opens(monkeypatch):
    seen = []
    real = pipeline.findings

    def watching(text, published):
        seen.append(connection.in_atomic_block)
        return real(text, published)

    monkeypatch.setattr(pipeline, "findings", watching)
    job = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    assert run_job(job.pk).state == IngestJob.State.DONE
    assert seen == [False]


@pytest.mark.django_db
def test_an_article_whose_storing_runs_out_of_time_fails_at_once_in_words(monkeypatch):
    def too_slow(items):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(pipeline, "store", too_slow)
    job = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    outcome = run_job(job.pk, time_limit=120)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (IngestJob.State.FAILED, 1)  # not tried again
    assert job.error == "The article took longer than 120 s to store; it is not tried again."
    assert outcome.retry_in is None and outcome.message == job.error
    assert not Source.objects.exists() and not Claim.objects.exists()


@pytest.mark.django_db
def test_a_batch_whose_storing_runs_out_of_time_sends_each_job_again_alone(
    monkeypatch, django_capture_on_commit_callbacks
):
    from claims.ingest import tasks

    real = pipeline.store

    def slow_together(items):
        if len(items) > 1:
            raise SoftTimeLimitExceeded()
        return real(items)

    monkeypatch.setattr(pipeline, "store", slow_together)
    sent_alone: list[int] = []
    monkeypatch.setattr(tasks.ingest_job, "delay", sent_alone.append)
    monkeypatch.setattr(tasks.ingest_jobs, "delay", lambda ids: pytest.fail(f"sent together: {ids}"))
    first, second = (submission.submit_text(text, enqueue=False) for text in (PLAIN_ARTICLE, ARTICLE_TWO))
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = run_jobs([first.pk, second.pk], time_limit=420)
    assert [o.state for o in outcomes] == [IngestJob.State.QUEUED] * 2
    assert all(o.retry_in is None for o in outcomes)
    assert sent_alone == [first.pk, second.pk]
    assert not Source.objects.exists()
    # Alone, each is stored.
    assert [run_job(pk).state for pk in sent_alone] == [IngestJob.State.DONE] * 2


def slow_index(monkeypatch):
    from claims import retrieval

    monkeypatch.setattr(retrieval, "write_documents", too_slow)


def slow_webhooks(monkeypatch):
    from claims.notify import webhooks

    monkeypatch.setattr(webhooks, "emit_for_ids", too_slow)


def slow_mail(monkeypatch, editor_user):
    from claims.models import Subscription
    from claims.notify import inbox

    Subscription.objects.create(user=editor_user, kind=Subscription.Kind.SEARCH, query="bridge")
    monkeypatch.setattr(inbox, "send_mail", too_slow)


def too_slow(*args, **kwargs):
    raise SoftTimeLimitExceeded()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slow", "note"),
    [
        (
            slow_index,
            "indexing its claims for search: those not indexed yet are indexed by the periodic indexer.",
        ),
        (slow_webhooks, "telling of its claims: some webhooks or subscribers may not have been told."),
        (slow_mail, "telling of its claims: some webhooks or subscribers may not have been told."),
    ],
)
def test_time_running_out_after_the_article_is_stored_stops_the_rest_and_says_so(
    monkeypatch, request, slow, note
):
    embedded: list[object] = []
    if slow is slow_mail:
        slow(monkeypatch, request.getfixturevalue("editor_user"))
    else:
        slow(monkeypatch)
    monkeypatch.setattr("claims.ingest.jobs._keep_embedded_reviews", embedded.append)
    job = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    outcome = run_job(job.pk, time_limit=120)
    job.refresh_from_db()
    # Stored and committed: the job is done, and says what was left undone.
    assert job.state == IngestJob.State.DONE and job.claims_created > 0
    assert job.error == f"Stored, but the 120 s time limit ran out while {note}"
    assert outcome.state == IngestJob.State.DONE and outcome.retry_in is None
    assert embedded == []  # nothing more was started after the time limit


TWELVE_STATEMENTS = (
    "date 2022-01-11\nHarbours\n\n"
    + "\n\n".join(f'"Harbour number {n} will close in spring," Ada Quill said.' for n in range(1, 13))
    + "\n"
)


@pytest.mark.django_db
def test_an_article_with_more_statements_than_one_may_hold_fails_in_words_and_stores_nothing(settings):
    settings.CLAIMS_MAX_CLAIMS_PER_ARTICLE = 10
    big = submission.submit_text(TWELVE_STATEMENTS, enqueue=False)
    plain = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    outcomes = run_jobs([big.pk, plain.pk])
    big.refresh_from_db()
    assert (big.state, big.attempts, outcomes[0].retry_in) == (IngestJob.State.FAILED, 1, None)
    assert big.error == (
        "The article holds 12 different statements, more than the 10 one article may hold "
        "(CLAIMS_MAX_CLAIMS_PER_ARTICLE); nothing of it was stored."
    )
    # Nothing of it is stored (no source, no speaker, no claim); the other article of the batch is.
    assert outcomes[1].state == IngestJob.State.DONE
    assert list(Source.objects.values_list("title", flat=True)) == ["Mayor pledges new bridge for Riverton"]
    assert not Claim.objects.filter(text__contains="Harbour number").exists()
    assert not Speaker.objects.filter(name="Ada Quill").exists()
    # One statement said twelve times is one claim: under the ceiling.
    repeated = "date 2022-01-12\nHarbour\n\n" + "\n\n".join(
        ['"The old harbour will close in spring," Ada Quill said.'] * 12
    )
    assert run_job(submission.submit_text(repeated, enqueue=False).pk).state == IngestJob.State.DONE
    assert Claim.objects.filter(text__contains="old harbour").count() == 1
    # At the ceiling, an article is stored whole.
    settings.CLAIMS_MAX_CLAIMS_PER_ARTICLE = 12
    again = submission.submit_text(TWELVE_STATEMENTS, enqueue=False)
    assert run_job(again.pk).state == IngestJob.State.DONE
    assert Claim.objects.filter(text__contains="Harbour number").count() == 12
