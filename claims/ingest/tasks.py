"""Celery tasks: thin callers of claims.ingest.jobs (the runner), claims.ingest.submission (the
sweeper) and claims.ingest.feeds.

Tasks take ids and re-read the row. acks_late is safe because run_job claims work with a
conditional UPDATE: a message delivered twice finds the job taken or done and does nothing.

Each task keeps the name it was first sent under (claims.tasks.*), whatever module holds it:
messages already queued, and the beat schedule, name tasks by it.
"""

import logging
from collections import Counter
from datetime import timedelta

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from claims import retrieval
from claims.ingest import feeds, jobs, submission

logger = logging.getLogger(__name__)

# Above the slowest article we expect (a few seconds) and below the job lease
# (CLAIMS_JOB_LEASE_SECONDS, 600 s by default), after which the sweeper takes a job back.
SOFT_TIME_LIMIT = 120
TIME_LIMIT = 150
# A batch reads its jobs for at most jobs.READ_SECONDS (300 s) and stores them in seconds;
# its limits stay below the job lease (600 s by default), so that a run the sweeper could hand
# to another worker is already stopped.
BATCH_SOFT_TIME_LIMIT = 420
BATCH_TIME_LIMIT = 480

# Both ingestion tasks: acknowledged once done, and redelivered if the worker dies. The database
# itself being unreachable (the job row cannot even be claimed) retries the message with backoff;
# the sweeper covers the case where all retries fail.
_RELIABLE = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "max_retries": 8,
}


@shared_task(
    name="claims.tasks.ingest_job",
    bind=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    **_RELIABLE,
)
def ingest_job(self, job_id: int) -> str:
    outcome = jobs.run_job(job_id, time_limit=SOFT_TIME_LIMIT)
    if outcome.retry_in is not None:
        logger.info("job %s will be retried in %ss: %s", job_id, outcome.retry_in, outcome.message)
        raise self.retry(countdown=outcome.retry_in, max_retries=None)
    return outcome.state


@shared_task(
    name="claims.tasks.ingest_jobs",
    soft_time_limit=BATCH_SOFT_TIME_LIMIT,
    time_limit=BATCH_TIME_LIMIT,
    **_RELIABLE,
)
def ingest_jobs(job_ids: list[int]) -> dict[str, int]:
    """Several jobs in one message (submission.enqueue_many). A job to be tried again later is
    sent on its own, with its delay."""
    outcomes = jobs.run_jobs(job_ids, time_limit=BATCH_SOFT_TIME_LIMIT)
    for outcome in outcomes:
        if outcome.retry_in is not None:
            logger.info(
                "job %s will be retried in %ss: %s", outcome.job_id, outcome.retry_in, outcome.message
            )
            ingest_job.apply_async((outcome.job_id,), countdown=outcome.retry_in)
    return dict(Counter(outcome.state for outcome in outcomes))


@shared_task(
    name="claims.tasks.recover_stalled_jobs",
    soft_time_limit=50,
    time_limit=60,
    autoretry_for=(DatabaseError,),
    max_retries=3,
    retry_backoff=5,
)
def recover_stalled_jobs() -> int:
    return submission.recover_stalled_jobs()


# Claims one run of the periodic indexer takes up: a few seconds of embedding, well inside its
# time limit; a backlog larger than that (a new embedding model) is `manage.py index_claims`'s.
INDEX_PENDING_LIMIT = 2000


@shared_task(
    name="claims.tasks.index_pending_claims",
    soft_time_limit=240,
    time_limit=270,
    autoretry_for=(DatabaseError,),
    max_retries=3,
    retry_backoff=5,
)
def index_pending_claims() -> int:
    """Index the claims an ingestion run stored but did not index (its worker killed, or out of
    time): only those first seen before the longest a run may last, so that a run still going
    indexes its own."""
    seen_before = timezone.now() - timedelta(seconds=BATCH_TIME_LIMIT)
    return retrieval.index_pending(limit=INDEX_PENDING_LIMIT, seen_before=seen_before)


@shared_task(
    name="claims.tasks.dispatch_feeds",
    soft_time_limit=50,
    time_limit=60,
    autoretry_for=(DatabaseError,),
    max_retries=3,
    retry_backoff=5,
)
def dispatch_feeds() -> int:
    return feeds.dispatch_due_feeds()


@shared_task(
    name="claims.tasks.poll_feed",
    acks_late=True,
    reject_on_worker_lost=True,
    # Fetch (connect + read timeouts, a politeness wait of at most 30 s) and parse fit well inside.
    soft_time_limit=90,
    time_limit=120,
    # Fetch and parse failures are recorded on the feed and retried by its schedule; only the
    # database being unreachable retries the message.
    autoretry_for=(DatabaseError,),
    retry_backoff=5,
    max_retries=5,
)
def poll_feed(feed_id: int) -> str:
    result = feeds.poll_feed(feed_id)
    return "ok" if result.ok else f"failed: {result.error}"
