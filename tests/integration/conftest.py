"""Real services: PostgreSQL (DATABASE_URL), Redis (CELERY_BROKER_URL) and `celery worker` processes.

Without those variables the tests here are skipped with the reason; with CLAIMS_REQUIRE_SERVICES=1
(as .ci/run sets) they fail instead, so CI can never pass by skipping them.
"""

import os
import time
import uuid

import pytest
from django.db import connection

from bench.workers import WorkerProcess, database_url
from claims.models import IngestJob

FINISHED = (IngestJob.State.DONE, IngestJob.State.FAILED)


def _missing_services() -> str | None:
    database = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL does not point at PostgreSQL"
    if not broker.startswith("redis://"):
        return "CELERY_BROKER_URL does not point at Redis"
    return None


@pytest.fixture(autouse=True)
def _require_services():
    reason = _missing_services()
    if reason:
        if os.environ.get("CLAIMS_REQUIRE_SERVICES") == "1":
            pytest.fail(f"integration test needs real services: {reason}")
        pytest.skip(f"integration test needs real services: {reason} (see README, 'Tests')")


@pytest.fixture(scope="session")
def redis_client():
    import redis

    client = redis.Redis.from_url(os.environ["CELERY_BROKER_URL"])
    client.ping()  # unreachable Redis fails the test here, loudly
    return client


@pytest.fixture(scope="session")
def worker_env(django_db_setup, django_db_blocker):
    """The environment a worker needs to use the test database the test session created."""
    reason = _missing_services()
    if reason:
        pytest.skip(f"integration test needs real services: {reason} (see README, 'Tests')")
    with django_db_blocker.unblock():
        connection.ensure_connection()
        settings_dict = dict(connection.settings_dict)
    return {
        "DATABASE_URL": database_url(settings_dict),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_BROKER_URL": os.environ["CELERY_BROKER_URL"],
        # Short leases so a killed worker's jobs come back within the test's patience.
        "CLAIMS_JOB_LEASE_SECONDS": "6",
        # The tests' servers start after the workers, on ports of their own choosing.
        "CLAIMS_FETCH_ALLOWED_NETWORKS": "127.0.0.1/32",
    }


class Queue:
    """A broker queue of this test session's own, and the test process's producer pointed at it."""

    def __init__(self, redis_client, name: str):
        self.name = name
        self.redis = redis_client

    def __enter__(self):
        from config.celery import app

        self._previous = app.conf.task_default_queue
        app.conf.task_default_queue = self.name
        return self

    def __exit__(self, *exc):
        from config.celery import app

        app.conf.task_default_queue = self._previous
        self.redis.delete(self.name, f"{self.name}-index")  # and its indexing queue (config/celery.py)


@pytest.fixture(scope="session")
def worker(worker_env, redis_client):
    """One real worker process with two pool processes, for the whole session."""
    with Queue(redis_client, f"claims-test-{uuid.uuid4().hex[:8]}") as queue:
        process = WorkerProcess(worker_env, queue.name, concurrency=2).start()
        try:
            yield process
        finally:
            process.stop()


def wait_for_jobs(job_ids: list[int], timeout: float = 90, poll=None) -> list[IngestJob]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if poll:
            poll()
        jobs = list(IngestJob.objects.filter(pk__in=job_ids).order_by("pk"))
        if all(job.state in FINISHED for job in jobs):
            return jobs
        time.sleep(0.3)
    states = dict(IngestJob.objects.filter(pk__in=job_ids).values_list("pk", "state"))
    raise AssertionError(f"jobs not finished after {timeout}s: {states}")
