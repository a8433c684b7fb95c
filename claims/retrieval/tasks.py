"""Celery tasks of retrieval: the embeddings of the claims ingestion stores, made in batches on
their own queue (`<CELERY_QUEUE>-index`, config/celery.py), so that an ingestion job's time is
fetch, extract and store. Every worker started without -Q reads both queues.

A message lost (a worker killed) leaves its claims pending: the periodic indexer
(claims.tasks.index_pending_claims) makes their embeddings later.
"""

from celery import shared_task
from django.db import DatabaseError

from claims.retrieval import service

# How many claims one message asks to embed: the encoder's batches, a few seconds of work.
BATCH = 256


@shared_task(
    name="claims.tasks.embed_claims",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=240,
    time_limit=270,
    autoretry_for=(DatabaseError,),
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=8,
)
def embed_claims(claim_ids: list[int]) -> int:
    """Embed those of these claims still pending (idempotent: re-reads the rows)."""
    return service.embed_pending(claim_ids=claim_ids)


def send(claim_ids: list[int]) -> None:
    """One message per BATCH claims."""
    ids = sorted(set(claim_ids))
    for start in range(0, len(ids), BATCH):
        embed_claims.delay(ids[start : start + BATCH])
