"""Run ingest jobs: each job is claimed, read, its article extracted and stored
(claims.ingest.pipeline), and the claims it made told of and indexed. Creating and sending jobs
is claims.ingest.submission's.

A job row is the record of work to do. Running jobs claims them with a conditional UPDATE
that sets a fresh lease token; storing their results and marking them done happen in one
transaction that only commits while that token still holds for every one of them. So a job
runs to completion exactly once, however many messages for it a broker delivers, and a worker
killed midway leaves nothing half-written.

Jobs created together (a feed's new items, the sweeper's re-sends) travel together: a message
carries up to CLAIMS_INGEST_BATCH jobs, and the worker stores their articles in one go.
"""

import dataclasses
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from claims import retrieval
from claims.expressions import ValueById
from claims.ingest import (
    articles,
    claimreview,
    decoding,
    fetching,
    growing,
    pipeline,
    submission,
    transcripts,
)
from claims.ingest.errors import TemporaryFailure, UnusableInput
from claims.models import ExternalReview, IngestJob, Source, WebhookEvent
from claims.notify import subscriptions, webhooks
from claims.oncommit import after_commit
from claims.retrieval import external
from claims.store.incoming import Incoming
from claims.store.storing import Stored

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What running a job came to. retry_in is set when the caller should try again later."""

    job_id: int
    state: str
    message: str = ""
    retry_in: int | None = None
    # The run reached its time limit on this job: what remains of the run is sent on, not done.
    out_of_time: bool = False


class LeaseLost(Exception):
    """Another run took the job over while this one worked: this run's results are discarded."""


# --- Running ---------------------------------------------------------------------------
READ_SECONDS = 300  # the most a run spends reading its jobs; below the tasks' time limits


def claim_job(job_id: int) -> uuid.UUID | None:
    """Take the job if it is queued, or running on a lease that has run out. None: not ours."""
    token, taken = _claim([job_id])
    return token if taken else None


def _claim(job_ids: list[int]) -> tuple[uuid.UUID, list[IngestJob]]:
    """Take those of the jobs that are queued, or running on a lease that has run out, under one
    fresh lease token: the token and the jobs taken, read after the claim."""
    token = uuid.uuid4()
    now = timezone.now()
    expired = now - timedelta(seconds=settings.CLAIMS_JOB_LEASE_SECONDS)
    limit = settings.CLAIMS_JOB_MAX_ATTEMPTS
    # A job still running when its lease ran out lost its worker (killed, out of memory, the
    # machine gone). One that has used up its attempts that way fails, saying so, instead of being
    # claimed again forever: the article itself may be what kills the worker.
    IngestJob.objects.filter(
        pk__in=job_ids, state=IngestJob.State.RUNNING, started_at__lt=expired, attempts__gte=limit
    ).update(
        state=IngestJob.State.FAILED,
        lease=None,
        finished_at=now,
        error=Concat(
            Value("Gave up after "),
            Cast("attempts", models.CharField()),
            Value(
                " attempts: each time, the worker running the job stopped before it finished "
                "(it died, was killed or ran out of memory)."
            ),
            output_field=models.TextField(),
        ),
    )
    taken = (
        IngestJob.objects.filter(pk__in=job_ids)
        .filter(
            Q(state=IngestJob.State.QUEUED)
            | Q(state=IngestJob.State.RUNNING, started_at__lt=expired, attempts__lt=limit)
        )
        .update(state=IngestJob.State.RUNNING, lease=token, started_at=now, attempts=F("attempts") + 1)
    )
    if not taken:
        return token, []
    jobs = IngestJob.objects.select_related("feed__publisher").filter(pk__in=job_ids, lease=token)
    return token, list(jobs.order_by("pk"))


def run_job(job_id: int, *, time_limit: int | None = None) -> Outcome:
    return run_jobs([job_id], time_limit=time_limit)[0]


def run_jobs(job_ids: list[int], *, time_limit: int | None = None) -> list[Outcome]:
    """Run these jobs (an outcome for each, in order): each is read (fetched, decoded, parsed) on
    its own, so one bad input fails only its job; then all are stored in one transaction. If that
    fails, each is stored on its own, so the cause fails only the job it belongs to.

    `time_limit`: the caller's soft time limit in seconds, named in the reason of a job that
    ran out of it (Celery raises SoftTimeLimitExceeded in the middle of the work)."""
    job_ids = list(dict.fromkeys(job_ids))
    token, jobs = _claim(job_ids)
    outcomes = _not_claimed(set(job_ids) - {job.pk for job in jobs})
    ready, read_outcomes = _read_and_extract(jobs, token, time_limit=time_limit)
    outcomes.update(read_outcomes)
    if ready:
        outcomes.update(_store(ready, token, time_limit=time_limit))
    return [outcomes[job_id] for job_id in job_ids]


def _not_claimed(job_ids: set[int]) -> dict[int, Outcome]:
    states = dict(IngestJob.objects.filter(pk__in=job_ids).values_list("pk", "state")) if job_ids else {}
    message = "not claimed: already taken, finished or deleted"
    return {job_id: Outcome(job_id, states.get(job_id, "missing"), message) for job_id in job_ids}


def _read_and_extract(
    jobs: list[IngestJob], token: uuid.UUID, *, time_limit: int | None
) -> tuple[list[tuple[IngestJob, Incoming]], dict[int, Outcome]]:
    """Each job's article read and extracted, one job at a time (a bad input fails only its job):
    those ready to store, and the outcomes of the others (failed, to retry, or sent back)."""
    outcomes: dict[int, Outcome] = {}
    # Fetching can be slow (time-outs, politeness waits): jobs not read in time go back to the
    # queue in a new message rather than risk the lease (or the task's time limit) running out.
    deadline = time.monotonic() + min(READ_SECONDS, settings.CLAIMS_JOB_LEASE_SECONDS / 2)
    ready: list[tuple[IngestJob, Incoming]] = []
    for number, job in enumerate(jobs):
        if number and time.monotonic() > deadline:
            outcomes.update(_release(jobs[number:], token))
            break
        if job.kind == IngestJob.Kind.APPEND:
            outcomes[job.pk] = _run_append(job, token, time_limit=time_limit)
            continue
        stage = "fetch and read"
        try:
            incoming = _read(job)
            # Extraction runs here, before the storing transaction opens: a slow article must
            # not hold the publisher and source rows locked (other writers would wait, or on
            # SQLite fail with "database is locked").
            stage = "extract"
            ready.append((job, pipeline.with_findings(incoming)))
        except SoftTimeLimitExceeded:
            outcomes[job.pk] = _out_of_time(job, token, stage=stage, time_limit=time_limit)
            outcomes.update(_release(jobs[number + 1 :], token))
            break
        except UnusableInput as exc:
            logger.info("job %s failed: %s", job.pk, exc.detail)
            _fail(job.pk, token, str(exc), detail=exc.detail)
            outcomes[job.pk] = Outcome(job.pk, IngestJob.State.FAILED, str(exc))
        except TemporaryFailure as exc:
            outcomes[job.pk] = _retry_or_fail(job, token, str(exc))
        except Exception as exc:
            logger.exception("job %s failed unexpectedly", job.pk)
            outcomes[job.pk] = _retry_or_fail(job, token, _unexpected(exc))
    return ready, outcomes


def _store(
    ready: list[tuple[IngestJob, Incoming]], token: uuid.UUID, *, time_limit: int | None
) -> dict[int, Outcome]:
    try:
        with transaction.atomic():
            stored = pipeline.store([incoming for _, incoming in ready])
            _finish_done(token, {job.pk: one for (job, _), one in zip(ready, stored, strict=True)})
    except SoftTimeLimitExceeded:
        # Rolled back. Alone, the article is what takes too long: it fails at once, as in the
        # stages before. In a batch, any of them may: each is sent again in a message of its own.
        if len(ready) == 1:
            return {ready[0][0].pk: _out_of_time(ready[0][0], token, stage="store", time_limit=time_limit)}
        logger.warning("a batch of %d jobs ran out of time storing: sending each on its own", len(ready))
        return _send_alone([job for job, _ in ready], token)
    except LeaseLost:
        if len(ready) == 1:
            logger.warning("job %s: lease lost, results discarded", ready[0][0].pk)
            return {
                ready[0][0].pk: Outcome(ready[0][0].pk, IngestJob.State.RUNNING, "lease lost to another run")
            }
        logger.warning("a batch of %d jobs lost a lease: storing them one by one", len(ready))
    except Exception as exc:
        if len(ready) == 1:
            # Anything unexpected is recorded on the job (never lost in a log only) and then
            # treated as temporary: a database blip deserves another go, a bug runs out of attempts.
            job = ready[0][0]
            logger.exception("job %s failed unexpectedly", job.pk)
            return {job.pk: _retry_or_fail(job, token, _unexpected(exc))}
        logger.warning("a batch of %d jobs failed (%s): storing them one by one", len(ready), exc)
    else:
        for (job, _), one in zip(ready, stored, strict=True):
            logger.info("job %s done: source %s, %s", job.pk, one.source_id, one.added)
        return _after_storing(ready, stored, time_limit=time_limit)
    outcomes: dict[int, Outcome] = {}
    for number, pair in enumerate(ready):
        outcomes.update(_store([pair], token, time_limit=time_limit))
        if outcomes[pair[0].pk].out_of_time:
            outcomes.update(_send_alone([job for job, _ in ready[number + 1 :]], token))
            break
    return outcomes


def _after_storing(
    ready: list[tuple[IngestJob, Incoming]], stored: list[Stored], *, time_limit: int | None
) -> dict[int, Outcome]:
    """Committed: the new claims are told of and indexed for search, and the ClaimReview the
    pages embed is kept, outside the storing transaction. The time limit reached here stops this
    work at once and is noted on the jobs, which stay done: their articles are stored (the
    claims not indexed yet are found by the periodic indexer, retrieval.index_pending)."""
    ids = [job.pk for job, _ in ready]
    sources = {one.source_id for one in stored}
    step = "telling of its claims: some webhooks or subscribers may not have been told"
    try:
        new_claims = set(
            retrieval.unindexed().filter(appearances__source_id__in=sources).values_list("pk", flat=True)
        )
        _notify_of_new_claims(new_claims)
        step = "indexing its claims for search: those not indexed yet are indexed by the periodic indexer"
        _index_soon(new_claims)
        step = "keeping the ClaimReview it embeds: import that page's reviews again to keep them"
        _keep_embedded_reviews([incoming for _, incoming in ready])
    except SoftTimeLimitExceeded:
        note = f"Stored, but {_limit(time_limit)} ran out while {step}."
        logger.warning("jobs %s: %s", ids, note)
        IngestJob.objects.filter(pk__in=ids, state=IngestJob.State.DONE).update(error=note)
        return {pk: Outcome(pk, IngestJob.State.DONE, note, out_of_time=True) for pk in ids}
    return {pk: Outcome(pk, IngestJob.State.DONE) for pk in ids}


def _run_append(job: IngestJob, token: uuid.UUID, *, time_limit: int | None) -> Outcome:
    """Append the job's turns to its transcript (claims.ingest.growing), in one transaction that
    holds the source's row and marks the job done; then the new claims are told of and indexed."""
    try:
        raw = decoding.decode(bytes(job.payload or b""))
        with transaction.atomic():
            source = Source.objects.select_for_update().filter(pk=job.source_id or 0).first()
            if source is None:
                raise UnusableInput("The transcript to append to no longer exists.")
            appended = growing.append(source=source, raw=raw)
            _finish_done(token, {job.pk: Stored(source.pk, appended.added)})
    except SoftTimeLimitExceeded:
        return _out_of_time(job, token, stage="append", time_limit=time_limit)
    except UnusableInput as exc:
        _fail(job.pk, token, str(exc), detail=exc.detail)
        return Outcome(job.pk, IngestJob.State.FAILED, str(exc))
    except LeaseLost:
        return Outcome(job.pk, IngestJob.State.RUNNING, "lease lost to another run")
    except Exception as exc:
        logger.exception("job %s failed unexpectedly", job.pk)
        return _retry_or_fail(job, token, _unexpected(exc))
    logger.info(
        "job %s done: %d turns appended to source %s, %s", job.pk, appended.turns, source.pk, appended.added
    )
    new_claims = set(
        retrieval.unindexed().filter(appearances__source_id=source.pk).values_list("pk", flat=True)
    )
    try:
        _notify_of_new_claims(new_claims)
        _index_soon(new_claims)
    except SoftTimeLimitExceeded:
        note = f"Stored, but {_limit(time_limit)} ran out while telling of and indexing its claims."
        IngestJob.objects.filter(pk=job.pk, state=IngestJob.State.DONE).update(error=note)
        return Outcome(job.pk, IngestJob.State.DONE, note, out_of_time=True)
    return Outcome(job.pk, IngestJob.State.DONE)


def _limit(time_limit: int | None) -> str:
    return f"the {time_limit} s time limit" if time_limit else "the worker's time limit"


def _out_of_time(job: IngestJob, token: uuid.UUID, *, stage: str, time_limit: int | None) -> Outcome:
    """The job fails at once, in words: an article that took too long to `stage` would only take
    as long again (and five tries of it would hold a worker for ten minutes)."""
    limit = f" {time_limit} s" if time_limit else " the worker's time limit"
    reason = f"The article took longer than{limit} to {stage}; it is not tried again."
    _fail(job.pk, token, reason)
    return Outcome(job.pk, IngestJob.State.FAILED, reason, out_of_time=True)


def _keep_embedded_reviews(items: list[Incoming]) -> None:
    """The ClaimReview an ingested page embeds (another fact-checker's verdict on the claims it
    reports) is kept and linked to our claims. Stored and committed already: a failure here is
    logged, never the job's."""
    for item in items:
        if item.article.raw_format != "html" or "ClaimReview" not in item.raw:
            continue
        try:
            found = claimreview.from_html(item.raw.encode("utf-8"), url=item.url or "")
            imported = claimreview.import_reviews(found, origin=ExternalReview.Origin.PAGE, found_at=item.url)
            if imported.review_ids:
                external.link_reviews(review_ids=imported.review_ids)
        except SoftTimeLimitExceeded:
            raise  # the run's to handle: it stops
        except Exception:
            logger.exception("keeping the ClaimReview embedded in %s failed", item.url or "a page")


def _index_soon(claim_ids: set[int]) -> None:
    """The new claims are searchable by their words at once; their embeddings are made by the
    indexing task, on its own queue, not in this job's time (claims.retrieval.tasks). Stored and
    committed already: a failure here is logged, never the job's; the periodic indexer
    (retrieval.index_pending) indexes what it left."""
    if not claim_ids:
        return
    from claims.retrieval import tasks  # the task module imports Celery's app

    try:
        retrieval.write_documents(claim_ids=claim_ids)
        after_commit(tasks.send, sorted(claim_ids))
    except SoftTimeLimitExceeded:
        raise
    except Exception:
        logger.exception(
            "indexing %d new claims for search failed; the periodic indexer will retry", len(claim_ids)
        )


def _notify_of_new_claims(claim_ids: set[int]) -> None:
    """Webhooks and subscribers learn of the new claims, each whatever befalls the other (the
    webhooks first: their deliveries are rows, quickly written, while email waits on a mail
    server). Stored and committed already: a failure here is logged, never the job's."""
    if not claim_ids:
        return
    try:
        webhooks.emit_for_ids(event=WebhookEvent.CLAIM_CREATED, claim_ids=claim_ids)
    except SoftTimeLimitExceeded:
        raise  # the run's to handle: it stops
    except Exception:
        logger.exception("telling webhooks of %d new claims failed", len(claim_ids))
    try:
        subscriptions.notify_new_claims(claim_ids=claim_ids)
    except SoftTimeLimitExceeded:
        raise
    except Exception:
        logger.exception("telling subscribers of %d new claims failed", len(claim_ids))


def _unexpected(exc: Exception) -> str:
    return f"Unexpected error: {type(exc).__name__}: {exc}"


def _read(job: IngestJob) -> Incoming:
    limit = settings.CLAIMS_INGEST_MAX_BYTES
    url = ""
    content_type = charset = ""
    if job.kind == IngestJob.Kind.URL:
        fetched = fetching.polite_fetch(job.url, accept=fetching.DOCUMENT_TYPES, max_bytes=limit)
        data, url, content_type, charset = fetched.body, fetched.url, fetched.content_type, fetched.charset
    else:
        data = bytes(job.payload or b"")
        if len(data) > limit:
            raise UnusableInput(submission.too_large(size=len(data), limit=limit))
        if job.kind == IngestJob.Kind.HTML:
            content_type = "text/html"
        elif job.kind == IngestJob.Kind.TEXT:
            content_type = "text/plain"
    raw = decoding.decode(data, declared=charset)
    fmt = transcript_format(raw, kind=job.kind, content_type=content_type)
    if fmt is not None:
        article = transcripts.parse(raw, fmt=fmt or None)
        if job.media_url:
            article = dataclasses.replace(article, media_url=job.media_url)
    else:
        article = articles.parse(raw, url=url, content_type=content_type)
    return Incoming(article, raw, url, job.feed.publisher if job.feed else None)


# Content types transcripts are served as.
_TRANSCRIPT_TYPES = {
    "text/vtt": transcripts.WEBVTT,
    "application/x-subrip": transcripts.SRT,
    "text/srt": transcripts.SRT,
}


def transcript_format(raw: str, *, kind: str, content_type: str) -> str | None:
    """The transcript format of a job's input: its content type's, else the one its content has
    (for a job of kind transcript, "" when none is recognised: read as plain-text turns); None: an
    article. HTML is always an article."""
    declared = _TRANSCRIPT_TYPES.get(content_type.split(";")[0].strip().lower())
    if declared:
        return declared
    if kind == IngestJob.Kind.HTML or "html" in content_type:
        return None
    if kind != IngestJob.Kind.TRANSCRIPT and (
        not content_type.startswith("text/plain") and articles.looks_like_html(raw)
    ):
        return None
    found = transcripts.detect(raw)
    if found is None and kind == IngestJob.Kind.TRANSCRIPT:
        return ""
    return found


def _finish_done(token: uuid.UUID, stored: dict[int, Stored]) -> None:
    """Mark these jobs done with what each created, in one statement; LeaseLost unless all are
    still this run's."""

    def each(value: Callable[[Stored], int], field: models.Field) -> ValueById:
        return ValueById({pk: value(one) for pk, one in stored.items()}, output_field=field)

    updated = IngestJob.objects.filter(pk__in=stored, lease=token, state=IngestJob.State.RUNNING).update(
        state=IngestJob.State.DONE,
        error="",
        lease=None,
        finished_at=timezone.now(),
        source_id=each(lambda one: one.source_id, models.BigIntegerField()),
        claims_created=each(lambda one: one.added.claims, models.IntegerField()),
        appearances_created=each(lambda one: one.added.appearances, models.IntegerField()),
        speakers_created=each(lambda one: one.added.speakers, models.IntegerField()),
    )
    if updated != len(stored):
        raise LeaseLost


def _finish(job_id: int, token: uuid.UUID, state: str, error: str, detail: str = "") -> None:
    updated = IngestJob.objects.filter(pk=job_id, lease=token, state=IngestJob.State.RUNNING).update(
        state=state,
        error=error,
        error_detail=detail if detail != error else "",
        lease=None,
        finished_at=timezone.now(),
    )
    if updated != 1:
        raise LeaseLost


def _fail(job_id: int, token: uuid.UUID, reason: str, *, detail: str = "") -> None:
    try:
        _finish(job_id, token, IngestJob.State.FAILED, reason[:5000], detail[:5000])
    except LeaseLost:
        logger.warning("job %s: lease lost before recording failure: %s", job_id, reason)


def _retry_or_fail(job: IngestJob, token: uuid.UUID, reason: str) -> Outcome:
    attempts = job.attempts  # read after the claim, which counted this attempt
    if attempts >= settings.CLAIMS_JOB_MAX_ATTEMPTS:
        final = f"Gave up after {attempts} attempts. Last error: {reason}"
        _fail(job.pk, token, final)
        return Outcome(job.pk, IngestJob.State.FAILED, final)
    IngestJob.objects.filter(pk=job.pk, lease=token).update(
        state=IngestJob.State.QUEUED, lease=None, error=reason[:5000]
    )
    return Outcome(job.pk, IngestJob.State.QUEUED, reason, retry_in=min(600, 10 * 2 ** (attempts - 1)))


def _send_alone(jobs: list[IngestJob], token: uuid.UUID) -> dict[int, Outcome]:
    """Give back jobs whose batch ran out of time, each to be run in a message of its own (this
    attempt counts): an article too slow to store then fails alone, and the others are stored."""
    ids = [job.pk for job in jobs]
    IngestJob.objects.filter(pk__in=ids, lease=token).update(state=IngestJob.State.QUEUED, lease=None)
    for pk in ids:
        submission.enqueue_on_commit(pk)
    message = "sent again on its own: its batch ran out of time"
    return {pk: Outcome(pk, IngestJob.State.QUEUED, message) for pk in ids}


def _release(jobs: list[IngestJob], token: uuid.UUID) -> dict[int, Outcome]:
    """Give back jobs claimed but not started (this attempt does not count) and send them again."""
    ids = [job.pk for job in jobs]
    IngestJob.objects.filter(pk__in=ids, lease=token).update(
        state=IngestJob.State.QUEUED, lease=None, attempts=F("attempts") - 1
    )
    after_commit(submission.enqueue_many, ids)
    return {pk: Outcome(pk, IngestJob.State.QUEUED, "sent again: no time left in this run") for pk in ids}


def run_inline(job_id: int) -> Outcome:
    """What the worker does, in this process: used by `ingest --inline`, retries included."""
    while True:
        outcome = run_job(job_id)
        if outcome.retry_in is None:
            return outcome
