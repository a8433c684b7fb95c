"""Articles ingested end to end by real worker processes on PostgreSQL and Redis."""

import threading
import uuid

import pytest
from django.db import connection, connections, transaction

from bench.synthetic import article as synthetic_article
from bench.workers import WorkerProcess
from claims import extraction
from claims.ingest import articles, pipeline, submission
from claims.models import Appearance, Claim, IngestJob, Source, Speaker
from tests.articles import CYRILLIC_ARTICLE, DEMO, LATIN1_ARTICLE, NO_ARTICLE_HTML, PLAIN_ARTICLE
from tests.servers import Route

from .conftest import Queue, wait_for_jobs

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_database_is_postgresql():
    assert connection.vendor == "postgresql"


def test_demo_articles_end_to_end(worker):
    jobs = [
        submission.submit_bytes(
            path.read_bytes(), kind="html" if path.suffix == ".html" else "file", filename=path.name
        )
        for path in sorted(DEMO.iterdir())
    ]
    finished = wait_for_jobs([j.pk for j in jobs])
    assert [j.state for j in finished] == ["done"] * len(jobs), [j.error for j in finished]
    assert Source.objects.count() == len(jobs)
    brenner = Speaker.objects.get(name="Tomas Brenner")
    assert brenner.claims.filter(text__startswith='"The numbers do not add up," …').exists()
    for appearance in Appearance.objects.select_related("source"):
        assert appearance.source.text[appearance.start : appearance.end] == appearance.text
    assert sum(j.appearances_created for j in finished) == Appearance.objects.count()
    assert sum(j.claims_created for j in finished) == Claim.objects.count()


def test_same_article_submitted_many_times_at_once_is_stored_once(worker):
    expected = extraction.extract(articles.parse_text(PLAIN_ARTICLE).text)
    jobs = [submission.submit_text(PLAIN_ARTICLE) for _ in range(8)]
    finished = wait_for_jobs([j.pk for j in jobs])
    assert {j.state for j in finished} == {"done"}
    assert Source.objects.count() == 1
    assert Appearance.objects.count() == len(expected)
    assert Claim.objects.count() == len({c.statement for c in expected})
    # Exactly one of the eight runs created the rows; the others found them.
    assert sorted(j.appearances_created for j in finished) == [0] * 7 + [len(expected)]


def store_at_the_same_moment(texts: list[str]) -> list[dict]:
    """Store each text in its own thread and transaction, all starting together."""
    barrier = threading.Barrier(len(texts))
    results, errors = [], []

    def store(text: str):
        try:
            with transaction.atomic():
                barrier.wait(timeout=10)
                results.append(pipeline.store_article(articles.parse_text(text), raw=text))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=store, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return results


def test_two_transactions_storing_one_article_at_the_same_moment_make_one_source():
    results = store_at_the_same_moment([PLAIN_ARTICLE, PLAIN_ARTICLE])
    assert len({r.source_id for r in results}) == 1
    assert Source.objects.count() == 1
    assert sorted(r.added.appearances for r in results)[0] == 0
    assert Appearance.objects.count() == sorted(r.added.appearances for r in results)[1]


def test_two_articles_sharing_a_quote_count_the_claim_once():
    quote = '"The old bridge carries three times the traffic it was built for," Lucia Ferrante said.'
    one = (
        f"date 2022-01-11\nBridge plan\n\n{quote}\n\nThe council meets on Friday to vote.\n(Gazette One 2022)"
    )
    two = f"date 2022-01-12\nCity bridge\n\n{quote}\n\nResidents were divided over the cost.\n(Gazette Two 2022)"
    # The speaker exists already, so nothing makes the two transactions wait for each other
    # before both try to insert the shared claim.
    earlier = "date 2022-01-10\nBridge\n\nLucia Ferrante said on Sunday that the vote would be close.\n(Gazette 2022)"
    with transaction.atomic():
        pipeline.store_article(articles.parse_text(earlier), raw=earlier)
    speakers_before, claims_before = Speaker.objects.count(), Claim.objects.count()
    results = store_at_the_same_moment([one, two])
    assert Source.objects.count() == 3
    assert Claim.objects.filter(text__startswith='"The old bridge').count() == 1
    assert sum(r.added.claims for r in results) == Claim.objects.count() - claims_before
    assert sum(r.added.speakers for r in results) == Speaker.objects.count() - speakers_before


class _Huge(Route):
    """50 MB announced and streamed, for the fetch limit to stop."""

    def respond(self, handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(50 * 1024 * 1024))
        handler.end_headers()
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        try:
            for _ in range(50 * 16):
                handler.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


def test_bad_input_fails_with_a_reason_and_the_worker_carries_on(worker, http_server):
    server = http_server({"/huge": _Huge()})
    jobs = {
        "empty": submission.submit_bytes(b""),
        "binary": submission.submit_bytes(bytes(range(256)) * 40),
        "no-article": submission.submit_bytes(NO_ARTICLE_HTML.encode(), kind="html"),
        "50MB-url": submission.submit_url(f"{server.base}/huge"),
        "cp1251": submission.submit_bytes(CYRILLIC_ARTICLE.encode("cp1251")),
        "latin-1": submission.submit_bytes(LATIN1_ARTICLE.encode("latin-1")),
        "good": submission.submit_text(PLAIN_ARTICLE),
    }
    wait_for_jobs([j.pk for j in jobs.values()])
    final = {name: IngestJob.objects.get(pk=job.pk) for name, job in jobs.items()}
    assert "empty" in final["empty"].error
    assert "binary" in final["binary"].error
    assert "No article text" in final["no-article"].error
    assert "larger than the 10 MB limit" in final["50MB-url"].error
    for name in ("empty", "binary", "no-article", "50MB-url"):
        assert final[name].state == "failed" and final[name].attempts == 1, name
    for name in ("cp1251", "latin-1", "good"):
        assert final[name].state == "done", (name, final[name].error)
    assert "городского совета" in final["cp1251"].source.text


def test_sigkill_mid_run_then_a_new_worker_finishes_every_job_exactly_once(
    worker_env, redis_client, settings
):
    """A smaller run of bench/chaos.py --scenario kill (500 jobs) inside the suite. The jobs go
    in batches of 4 (several jobs a message, stored in one transaction), so the kill lands in
    the middle of batches."""
    settings.CLAIMS_JOB_LEASE_SECONDS = int(worker_env["CLAIMS_JOB_LEASE_SECONDS"])
    settings.CLAIMS_INGEST_BATCH = 4
    with Queue(redis_client, f"claims-kill-{uuid.uuid4().hex[:8]}") as queue:
        first = WorkerProcess(worker_env, queue.name, concurrency=2).start()
        ids = [submission.submit_text(synthetic_article(i), enqueue=False).pk for i in range(40)]
        assert submission.enqueue_many(ids) == 10
        try:
            wait_until_done_at_least(ids, 6)
        finally:
            first.kill()
        killed_while = set(IngestJob.objects.filter(pk__in=ids, state="running").values_list("pk", flat=True))
        done_at_kill = IngestJob.objects.filter(pk__in=ids, state="done").count()
        assert done_at_kill < len(ids), "the kill came too late to test anything"
        second = WorkerProcess(worker_env, queue.name, concurrency=2).start()
        try:
            finished = wait_for_jobs(ids, timeout=120, poll=submission.recover_stalled_jobs)
        finally:
            second.stop()
    assert [j.state for j in finished] == ["done"] * len(ids), [(j.pk, j.error) for j in finished]
    assert Source.objects.count() == len(ids)
    # Each appearance was created by exactly one job run that committed.
    assert sum(j.appearances_created for j in finished) == Appearance.objects.count()
    assert sum(j.claims_created for j in finished) == Claim.objects.count()
    for job in finished:
        if job.pk in killed_while:
            assert job.attempts >= 2, job.pk
    print(f"kill test: {done_at_kill} done at kill, {len(killed_while)} running, all {len(ids)} done after")


def wait_until_done_at_least(ids: list[int], count: int, timeout: float = 60) -> None:
    import time

    deadline = time.monotonic() + timeout
    while IngestJob.objects.filter(pk__in=ids, state="done").count() < count:
        assert time.monotonic() < deadline, "the first worker made no progress"
        time.sleep(0.05)


def _sessions_opened() -> int:
    """Connections PostgreSQL has accepted for the test database so far (pg_stat_database)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def test_the_worker_keeps_its_database_connection_from_job_to_job(worker):
    # Celery's Django fix-up used to close the connection after every task: a new PostgreSQL
    # backend for every job. A connection that ends is counted when it ends, so that would show.
    before = _sessions_opened()
    jobs = [submission.submit_text(synthetic_article(900 + i)) for i in range(12)]
    finished = wait_for_jobs([j.pk for j in jobs])
    assert {j.state for j in finished} == {"done"}
    # Two pool processes, each with at most one connection (and perhaps one replaced on its way).
    assert _sessions_opened() - before <= 4
