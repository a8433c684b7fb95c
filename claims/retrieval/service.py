"""The retrieval service: index claims, and find the claims most like a text, best first.

Every place that looks claims up by text calls `search`: GET /api/claims/similar/, ?q= on
/api/claims/, the admin's claim search and "already checked?" panel, the public /search/ and
/v1alpha1/claims:search. Its interface is narrow on purpose (a text, the claims one may see, how
many): a search cluster (OpenSearch BM25 plus k-NN) could answer it past one machine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from claims.inserts import upsert_rows
from claims.models import Claim, ClaimSearchEntry

from . import dense, lexical, query
from .embeddings import MODEL_NAME, encoder

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Weights:
    """How the stages are fused: score = (lexical * (its rank / the query's best rank) + dense *
    cosine) / (lexical + dense), from 0 to 1. Tuned on the CLEF-2020 CheckThat! train tweets
    only (bench/retrieval.py --tune)."""

    lexical: float = 0.3
    dense: float = 1.0
    lexical_candidates: int = 100
    dense_candidates: int = 100


WEIGHTS = Weights()
# A search listing (?q=, the admin, the public pages) shows a claim that shares no word with the
# query only when it means nearly the same: a cosine this high. "Already checked?" ranks all.
MIN_SEMANTIC = 0.5


@dataclass(frozen=True, slots=True)
class Hit:
    claim_id: int
    score: float
    lexical: float  # the engine's rank score, normalised to the query's best (0 when not a candidate)
    dense: float  # cosine of the embeddings


def document(*, text: str, speaker: str | None, headline: str) -> str:
    """What lexical search reads of a claim: its words, its speaker's name, its fact check's headline."""
    return "\n".join(part for part in (text, speaker or "", headline) if part)


def embedded_text(*, text: str, headline: str) -> str:
    """What the embedding reads: the claim, and the headline of its fact check when it has one."""
    return f"{text} {headline}".strip() if headline else text


def index_claims(*, claim_ids: Iterable[int], batch: int = 256) -> int:
    """Compute and store the search entries of these claims (again, if they exist). Call it
    outside a storing transaction: embeddings take milliseconds a claim."""
    ids = sorted(set(claim_ids))
    done = 0
    for start in range(0, len(ids), batch):
        rows = list(
            Claim.objects.filter(pk__in=ids[start : start + batch]).values_list(
                "pk", "text", "speaker__name", "headline"
            )
        )
        if not rows:
            continue
        # Embedded for the first time (no entry, or the words-only entry ingestion writes: no model).
        new = set(pk for pk, *_ in rows) - set(
            ClaimSearchEntry.objects.filter(claim_id__in=[r[0] for r in rows])
            .exclude(model="")
            .values_list("claim_id", flat=True)
        )
        vectors = encoder().encode([embedded_text(text=t, headline=h) for _, t, _, h in rows])
        now = timezone.now()
        entries = [
            ClaimSearchEntry(
                claim_id=pk,
                document=document(text=t, speaker=s, headline=h),
                embedding=dense.to_bytes(vector),
                model=MODEL_NAME,
                indexed_at=now,
            )
            for (pk, t, s, h), vector in zip(rows, vectors, strict=True)
        ]
        with transaction.atomic():
            upsert_rows(
                ClaimSearchEntry,
                entries,
                unique_fields=["claim"],
                update_fields=["document", "embedding", "model", "indexed_at"],
            )
            lexical.write((e.claim_id, e.document) for e in entries)
        done += len(entries)
        if new:  # claims searchable for the first time: other fact-checkers' reviews they match
            from .external import link_new_claims

            link_new_claims(claim_ids=new)
    return done


def write_documents(*, claim_ids: Iterable[int]) -> int:
    """Make these claims searchable by their words at once: each one's search entry gets its
    document (the lexical stage reads it as soon as this commits), not its embedding, which
    `embed_pending` makes later, in batches, on the indexing queue (claims.retrieval.tasks). An
    entry that had an embedding keeps it until then; either way it is pending (`pending`), so
    the periodic indexer makes it if the message is lost. How many entries were written."""
    ids = sorted(set(claim_ids))
    done = 0
    for start in range(0, len(ids), 1000):
        rows = Claim.objects.filter(pk__in=ids[start : start + 1000]).values_list(
            "pk", "text", "speaker__name", "headline"
        )
        now = timezone.now()
        entries = [
            ClaimSearchEntry(
                claim_id=pk,
                document=document(text=t, speaker=s, headline=h),
                embedding=b"",
                model="",
                indexed_at=now,
            )
            for pk, t, s, h in rows
        ]
        with transaction.atomic():
            upsert_rows(
                ClaimSearchEntry,
                entries,
                unique_fields=["claim"],
                update_fields=["document", "model", "indexed_at"],
            )
            lexical.write((e.claim_id, e.document) for e in entries)
        done += len(entries)
    return done


def embed_pending(*, claim_ids: Iterable[int]) -> int:
    """index_claims for those of these claims still pending (a message delivered twice, or
    claims the periodic indexer took up meanwhile, costs nothing): how many were indexed."""
    ids = sorted(set(claim_ids))
    return index_claims(claim_ids=pending().filter(pk__in=ids).values_list("pk", flat=True))


def index_pending(*, limit: int, batch: int = 256, seen_before: datetime | None = None) -> int:
    """Index claims left out of search, oldest first: at most `limit` of them, `batch` at a time,
    each batch committed, so a run stopped midway keeps what it did and the next one goes on from
    there; how many were indexed. Ingestion indexes the claims it stores once they are committed,
    and a worker killed (or out of time) meanwhile leaves the rest: the periodic task
    (claims.tasks.index_pending_claims) finds them here. `seen_before`: only claims first seen
    before then, not those a running job is about to index itself."""
    claims = pending()
    if seen_before is not None:
        claims = claims.filter(first_seen__lt=seen_before)
    ids = list(claims.order_by("pk").values_list("pk", flat=True)[:limit])
    return index_claims(claim_ids=ids, batch=batch)


def index_quietly(*, claim_ids: Iterable[int]) -> None:
    """index_claims for callers whose own work must not fail with it (ingestion, the admin): a
    claim left unindexed is found by the periodic indexer (index_pending) later. A task's time
    limit is not swallowed: the task stops."""
    try:
        index_claims(claim_ids=claim_ids)
    except SoftTimeLimitExceeded:
        raise
    except Exception:
        logger.exception("indexing claims for search failed; the periodic indexer will retry")


def search(
    *,
    text: str,
    claims: QuerySet[Claim],
    limit: int = 10,
    weights: Weights = WEIGHTS,
    min_semantic: float | None = None,
    vector: np.ndarray | None = None,
) -> list[Hit]:
    """The claims among `claims` most like `text`, best first (at most `limit`). With
    `min_semantic`, a claim no lexical stage found must have at least that cosine. `vector`: the
    text's embedding, when the caller encoded many texts at once.

    Both stages draw their candidates among `claims` only (its SQL joined into the lexical match;
    the dense stage among its ids, or widening until enough are among them), so that the best
    visible matches are found however many better ones the caller may not see."""
    among = None if _everything(claims) else claims
    try:
        among_sql = None if among is None else among.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (.none(), pk__in=[])
        return []
    wanted = query.for_embedding(text)
    # The text is encoded beside the lexical stage, which waits on the database meanwhile.
    encoding = _encode_beside(wanted) if vector is None and wanted else None
    terms = query.terms(text)
    lexical_scores = lexical.candidates(terms, limit=weights.lexical_candidates, among=among_sql)
    index = dense.index()  # its look for newly indexed claims, too, while the text is encoded
    if vector is None:
        vector = encoding.result()[0] if encoding is not None else np.zeros(0, dtype=np.float32)
    dense_scores = index.nearest(vector, limit=weights.dense_candidates, among=among) if vector.size else {}
    # A dense candidate the lexical stage did not pick may hold the query's words all the same.
    lexical_scores |= lexical.scores(terms, claim_ids=[pk for pk in dense_scores if pk not in lexical_scores])
    candidates = set(lexical_scores) | set(dense_scores)
    if not candidates:
        return []
    # Both stages chose among `claims` when it is not every claim (the lexical stage in the
    # same query, the dense stage among its ids or checking them): nothing more to check. Among
    # every claim, this drops one deleted since the process read its vector.
    visible = (
        candidates
        if among is not None
        else set(Claim.objects.filter(pk__in=candidates).values_list("pk", flat=True))
    )
    missing = [pk for pk in visible if pk not in dense_scores]
    if vector.size:
        for pk, other in index.vectors_of(missing).items():
            dense_scores[pk] = float(other @ vector)
    best = max(lexical_scores.values(), default=0.0) or 1.0
    hits = []
    for pk in visible:
        lex = lexical_scores.get(pk, 0.0) / best
        cosine = dense_scores.get(pk, 0.0)
        if min_semantic is not None and pk not in lexical_scores and cosine < min_semantic:
            continue
        fused = (weights.lexical * lex + weights.dense * max(cosine, 0.0)) / (weights.lexical + weights.dense)
        hits.append(Hit(pk, round(fused, 4), round(lex, 4), round(cosine, 4)))
    hits.sort(key=lambda h: (-h.score, -h.claim_id))
    return hits[:limit]


# One thread a process for a search's query text: the encoder (ONNX Runtime, or NumPy's matrix
# products) runs without Python's lock, so it works while the request's thread waits on the
# lexical stage's query, and a search takes the longer of the two rather than their sum. A web
# process answers one request at a time (gunicorn's sync workers); a second waits its turn.
def _encoding_thread() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-query-encoder")


_ENCODING = _encoding_thread()


def _after_fork() -> None:
    # A forked child (a Celery or gunicorn worker made from a parent that had searched) inherits
    # the pool but not its thread: work sent to it would wait for ever.
    global _ENCODING
    _ENCODING = _encoding_thread()


os.register_at_fork(after_in_child=_after_fork)


def _encode_beside(text: str) -> Future[np.ndarray]:
    return _ENCODING.submit(encoder().encode, [text])


def _everything(claims: QuerySet[Claim]) -> bool:
    """Whether `claims` is every claim (no filter, no slice): nothing to draw candidates among."""
    q = claims.query
    return claims.model is Claim and not q.where and not q.is_sliced and not q.combinator and not q.extra


def pending() -> QuerySet[Claim]:
    """Claims with no search entry, or one without its embedding yet (write_documents), or one
    made by another model."""
    return Claim.objects.exclude(search_entry__model=MODEL_NAME)


def unindexed() -> QuerySet[Claim]:
    """Claims with no search entry at all: those ingestion has just stored."""
    return Claim.objects.filter(search_entry__isnull=True)
