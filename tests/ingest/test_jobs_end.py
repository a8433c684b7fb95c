"""Jobs end, with a reason in words: a worker that dies every time, an article that takes longer
than the task's time limit; and extraction runs before the storing transaction opens."""

from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection
from django.utils import timezone

from claims.ingest import jobs as ingestion
from claims.ingest import pipeline
from claims.models import IngestJob
from tests.articles import PLAIN_ARTICLE


def job_whose_worker_died(settings, *, attempts: int) -> IngestJob:
    """A job claimed `attempts` times, the last claim ended by a dead worker: running, its lease run out."""
    settings.CLAIMS_JOB_MAX_ATTEMPTS = 5
    job = ingestion.submit_text(PLAIN_ARTICLE, enqueue=False)
    long_ago = timezone.now() - timedelta(seconds=settings.CLAIMS_JOB_LEASE_SECONDS + 60)
    IngestJob.objects.filter(pk=job.pk).update(
        state=IngestJob.State.RUNNING, attempts=attempts, started_at=long_ago
    )
    return job


@pytest.mark.django_db
def test_a_job_whose_worker_died_on_every_attempt_fails_saying_so(settings):
    job = job_whose_worker_died(settings, attempts=5)
    outcome = ingestion.run_job(job.pk)
    job.refresh_from_db()
    assert job.state == IngestJob.State.FAILED
    assert job.attempts == 5  # not claimed a sixth time
    assert "Gave up after 5 attempts" in job.error and "worker running the job stopped" in job.error
    assert outcome.state == IngestJob.State.FAILED


@pytest.mark.django_db
def test_a_job_whose_worker_died_with_attempts_left_is_run_again(settings):
    job = job_whose_worker_died(settings, attempts=4)
    assert ingestion.run_job(job.pk).state == IngestJob.State.DONE
    job.refresh_from_db()
    assert job.attempts == 5


@pytest.mark.django_db
def test_an_article_over_the_time_limit_fails_in_words(monkeypatch):
    def too_slow(text, published):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(pipeline, "findings", too_slow)
    job = ingestion.submit_text(PLAIN_ARTICLE, enqueue=False)
    outcome = ingestion.run_job(job.pk, time_limit=120)
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
    job = ingestion.submit_text(PLAIN_ARTICLE, enqueue=False)
    assert ingestion.run_job(job.pk).state == IngestJob.State.DONE
    assert seen == [False]
