"""Claims left out of search are found again: ingestion indexes the claims it stores after the
commit, and a worker killed (or out of time) meanwhile leaves the rest unindexed; the periodic
indexer (beat) takes them up, in bounded batches, each committed, so a run stopped midway is
resumed by the next."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from claims.ingest import jobs, submission, tasks
from claims.models import Claim, IngestJob
from claims.retrieval import service as retrieval
from claims.retrieval import tasks as retrieval_tasks
from tests.articles import PLAIN_ARTICLE
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def encoded(monkeypatch):
    """The sizes of the encoder's batches, in order (the real encoder does the work)."""
    sizes: list[int] = []
    real = retrieval.encoder

    class Counting:
        def encode(self, texts):
            sizes.append(len(texts))
            return real().encode(texts)

    monkeypatch.setattr(retrieval, "encoder", Counting)
    return sizes


def test_claims_a_killed_worker_left_unindexed_are_indexed_by_the_periodic_task(monkeypatch):
    # The worker "dies" between the commit and the embedding: its message is lost.
    monkeypatch.setattr(retrieval_tasks, "send", lambda claim_ids: None)
    job = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    assert jobs.run_job(job.pk).state == IngestJob.State.DONE
    stored = set(Claim.objects.values_list("pk", flat=True))
    assert stored and set(retrieval.pending().values_list("pk", flat=True)) == stored
    # Searchable by their words already, with no embedding to compare.
    hits = retrieval.search(text="old bridge traffic", claims=Claim.objects.all())
    assert hits and all(hit.dense == 0 for hit in hits)
    # A job still running may be about to index its own claims: the task leaves them to it...
    assert tasks.index_pending_claims.apply().get() == 0
    # ... and takes them up once no job can still be at it.
    later = timezone.now() - timedelta(seconds=tasks.BATCH_TIME_LIMIT + 1)
    Claim.objects.update(first_seen=later)
    assert tasks.index_pending_claims.apply().get() == len(stored)
    assert not retrieval.pending().exists()
    [hit, *_] = retrieval.search(text="old bridge traffic", claims=Claim.objects.all())
    assert Claim.objects.get(pk=hit.claim_id).text.startswith('"The old bridge carries')
    assert hit.dense > 0.3


def test_an_ingestion_job_never_waits_for_embeddings(monkeypatch, django_capture_on_commit_callbacks):
    """The job stores and makes its claims searchable by their words; their embeddings are asked
    of the indexing task, on its own queue, in one message, and made there."""

    class NoEncoding:
        def encode(self, texts):
            raise AssertionError("an ingestion job embedded claims")

    sent: list[list[int]] = []
    monkeypatch.setattr(retrieval, "encoder", NoEncoding)
    monkeypatch.setattr(retrieval_tasks.embed_claims, "delay", lambda ids: sent.append(ids))
    job = submission.submit_text(PLAIN_ARTICLE, enqueue=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.run_job(job.pk).state == IngestJob.State.DONE
    stored = sorted(Claim.objects.values_list("pk", flat=True))
    assert sent == [stored]
    assert set(retrieval.pending().values_list("pk", flat=True)) == set(stored)
    monkeypatch.undo()
    hits = retrieval.search(text="old bridge traffic", claims=Claim.objects.all())
    assert hits and Claim.objects.get(pk=hits[0].claim_id).text.startswith('"The old bridge carries')
    assert retrieval_tasks.embed_claims.apply(args=(stored,)).get() == len(stored)
    assert not retrieval.pending().exists()
    assert retrieval.search(text="old bridge traffic", claims=Claim.objects.all())[0].dense > 0.3
    # Delivered twice: nothing left to do.
    assert retrieval_tasks.embed_claims.apply(args=(stored,)).get() == 0


def test_embeddings_are_made_on_their_own_queue_which_every_worker_reads():
    from config.celery import app

    default = app.conf.task_default_queue
    route = app.amqp.router.route({}, retrieval_tasks.embed_claims.name)
    assert route["queue"].name == f"{default}-index"
    assert app.amqp.router.route({}, tasks.index_pending_claims.name)["queue"].name == f"{default}-index"
    assert app.amqp.router.route({}, tasks.ingest_job.name)["queue"].name == default
    # A worker started without -Q (make run, make worker, docker-compose) reads every queue listed.
    assert {q.name for q in app.conf.task_queues} == {default, f"{default}-index"}


def test_the_periodic_indexer_is_on_the_beat_schedule():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks.index_pending_claims.name in scheduled


def test_pending_claims_are_indexed_in_bounded_batches_and_a_stopped_run_is_resumed(encoded):
    claims = ClaimFactory.create_batch(5, indexed=False)
    ids = [c.pk for c in claims]
    # A run allowed 3 claims, 2 to a batch: two batches, and two claims left for the next run.
    assert retrieval.index_pending(limit=3, batch=2) == 3
    assert encoded == [2, 1]
    assert set(retrieval.pending().values_list("pk", flat=True)) == set(ids[3:])
    assert retrieval.index_pending(limit=3, batch=2) == 2
    assert encoded == [2, 1, 2] and not retrieval.pending().exists()
    assert retrieval.index_pending(limit=3, batch=2) == 0 and encoded == [2, 1, 2]
