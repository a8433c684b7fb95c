"""Submitting ingest jobs: a job row for each URL, text, file, transcript or appended turns (the
admin's submit page, the API, the `ingest` command, a feed poll), sent to the workers once the
transaction that created it commits; failed jobs put back in the queue; stalled ones sent again
by the sweeper. Running them is claims.ingest.jobs's.

A job row is the record of work to do, not the broker message: a broker that is down fails no
request, and the sweeper (recover_stalled_jobs) sends the job again.
"""

import hashlib
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.ingest import articles
from claims.ingest.errors import UnusableInput
from claims.models import Feed, IngestJob, Source
from claims.oncommit import after_commit
from claims.store.urls import canonical_url

logger = logging.getLogger(__name__)


def submit_url(url: str, *, user: User | None = None, enqueue: bool = True) -> IngestJob:
    """enqueue=False leaves the job for the caller to run (`ingest --inline`)."""
    job = IngestJob.objects.create(
        kind=IngestJob.Kind.URL, url=url, canonical_url=canonical_url(url), submitted_by=user
    )
    if enqueue:
        enqueue_on_commit(job.pk)
    return job


def known_urls(urls: list[str]) -> set[str | None]:
    """The canonical forms among `urls` already ingested or on their way (a job not failed)."""
    keys = {canonical_url(url) for url in urls}
    jobs = IngestJob.objects.filter(canonical_url__in=keys).exclude(state=IngestJob.State.FAILED)
    sources = Source.objects.filter(canonical_url__in=keys)
    return {*jobs.values_list("canonical_url", flat=True), *sources.values_list("canonical_url", flat=True)}


def submit_new_urls(urls: list[str], *, feed: Feed | None = None) -> list[IngestJob]:
    """A job for each URL not known yet (by canonical form, so tracking parameters, AMP and the
    like do not make an article new), each enqueued once the transaction commits."""
    known = known_urls(urls)
    jobs = []
    for url in urls:
        key = canonical_url(url)
        if key in known:
            continue
        known.add(key)
        jobs.append(IngestJob(kind=IngestJob.Kind.URL, url=url[:2000], canonical_url=key[:2000], feed=feed))
    created = IngestJob.objects.bulk_create(jobs)
    if created:
        after_commit(enqueue_many, [job.pk for job in created])
    return created


def submit_text(
    text: str,
    *,
    kind: str = IngestJob.Kind.TEXT,
    filename: str = "",
    user: User | None = None,
    enqueue: bool = True,
) -> IngestJob:
    return submit_bytes(text.encode("utf-8"), kind=kind, filename=filename, user=user, enqueue=enqueue)


def submit_bytes(
    data: bytes,
    *,
    kind: str = IngestJob.Kind.FILE,
    filename: str = "",
    user: User | None = None,
    size: int | None = None,
    enqueue: bool = True,
) -> IngestJob:
    """size: the whole input's size when `data` holds only its first bytes (a huge file)."""
    limit = settings.CLAIMS_INGEST_MAX_BYTES
    size = max(size or 0, len(data))
    if size > limit:
        # Refused at the door, but recorded: the editor sees the job and why it failed.
        return IngestJob.objects.create(
            kind=kind,
            payload=b"",
            filename=filename,
            submitted_by=user,
            state=IngestJob.State.FAILED,
            error=too_large(size=size, limit=limit),
            finished_at=timezone.now(),
        )
    job = IngestJob.objects.create(kind=kind, payload=data, filename=filename, submitted_by=user)
    if enqueue:
        enqueue_on_commit(job.pk)
    return job


def too_large(*, size: int, limit: int) -> str:
    """Why an input of `size` bytes is refused (the runner says the same of a fetched page)."""
    return f"The input is {size / 1048576:.1f} MB, above the {limit / 1048576:.1f} MB limit for one article."


def enqueue_on_commit(job_id: int) -> None:
    # A broker that is down must not fail the request that created the job (after_commit logs
    # it); the job stays queued and the sweeper (recover_stalled_jobs) sends it again.
    after_commit(enqueue, job_id)


def enqueue(job_id: int) -> None:
    from claims.ingest.tasks import ingest_job  # the task module imports this one

    IngestJob.objects.filter(pk=job_id).update(enqueued_at=timezone.now())
    ingest_job.delay(job_id)


def enqueue_many(job_ids: list[int]) -> int:
    """Send these jobs in messages of up to CLAIMS_INGEST_BATCH jobs each (a worker stores a
    message's articles together: claims.store.storing). Returns the number of messages."""
    from claims.ingest.tasks import ingest_job, ingest_jobs  # the task module imports this one

    size = settings.CLAIMS_INGEST_BATCH
    for chunk in (job_ids[i : i + size] for i in range(0, len(job_ids), size)):
        IngestJob.objects.filter(pk__in=chunk).update(enqueued_at=timezone.now())
        if len(chunk) == 1:
            ingest_job.delay(chunk[0])
        else:
            ingest_jobs.delay(chunk)
    return -(-len(job_ids) // size)


def submit_append(
    *, source: Source, data: bytes, user: User | None = None, enqueue: bool = True
) -> IngestJob:
    """A job appending turns (in any transcript format) to a stored transcript."""
    if not source.is_transcript:
        raise UnusableInput(
            f"Source {source.pk} is not a transcript: turns are appended only to a transcript."
        )
    limit = settings.CLAIMS_INGEST_MAX_BYTES
    if len(data) > limit:
        raise UnusableInput(too_large(size=len(data), limit=limit))
    job = IngestJob.objects.create(kind=IngestJob.Kind.APPEND, payload=data, source=source, submitted_by=user)
    if enqueue:
        enqueue_on_commit(job.pk)
    return job


def submit_material(*, urls: list[str], text: str, upload=None, user=None) -> list[IngestJob]:
    """What the admin's submit page sends: URLs, a pasted text or HTML, an uploaded file."""
    jobs = [submit_url(url, user=user) for url in urls]
    if text.strip():
        kind = IngestJob.Kind.HTML if articles.looks_like_html(text) else IngestJob.Kind.TEXT
        jobs.append(submit_text(text, kind=kind, user=user))
    if upload is not None:
        limit = settings.CLAIMS_INGEST_MAX_BYTES
        data = upload.read(limit + 1)
        jobs.append(submit_bytes(data, filename=upload.name[:500], user=user, size=upload.size))
    return jobs


def retry_failed(job_ids: list[int]) -> int:
    """Put failed jobs back in the queue with a fresh set of attempts."""
    with transaction.atomic():
        ids = list(
            IngestJob.objects.select_for_update()
            .filter(pk__in=job_ids, state=IngestJob.State.FAILED)
            .exclude(kind__in=[IngestJob.Kind.FILE, IngestJob.Kind.HTML, IngestJob.Kind.TEXT], payload=b"")
            .values_list("pk", flat=True)
        )
        IngestJob.objects.filter(pk__in=ids).update(
            state=IngestJob.State.QUEUED, attempts=0, error="", error_detail=""
        )
        after_commit(enqueue_many, ids)
    return len(ids)


class KeyReused(Exception):
    """An Idempotency-Key sent again with a request for something else: the key names one request."""


def request_digest(*, url: str, text: str, html: bool, transcript: bool, media_url: str) -> str:
    """SHA-256 of what a submission asks for, whatever the order or spacing of its body."""
    kind = "url" if url else "transcript" if transcript else "html" if html else "text"
    asked = json.dumps([kind, url, text, media_url], ensure_ascii=False)
    return hashlib.sha256(asked.encode("utf-8", "surrogatepass")).hexdigest()


def submit_request(
    *,
    url: str = "",
    text: str = "",
    html: bool = False,
    transcript: bool = False,
    media_url: str = "",
    idempotency_key: str | None = None,
    user: User | None = None,
) -> tuple[IngestJob, bool]:
    """An API client's submission, idempotent: (job, created).

    The same Idempotency-Key with the same request returns the job it created, and with another
    request raises KeyReused (the new material would be dropped unseen); the same URL returns its
    job unless that job failed (then the URL is tried again).
    """
    digest = request_digest(url=url, text=text, html=html, transcript=transcript, media_url=media_url)
    # A key is the client's own: another client's same key finds nothing.
    keyed = IngestJob.objects.filter(idempotency_key=idempotency_key, submitted_by=user)
    if idempotency_key:
        existing = keyed.first()
        if existing:
            return _same_request(existing, digest), False
    if url:
        existing = (
            IngestJob.objects.filter(canonical_url=canonical_url(url))
            .exclude(state=IngestJob.State.FAILED)
            .order_by("-pk")
            .first()
        )
        if existing:
            return existing, False
    try:
        with transaction.atomic():
            if url:
                job = submit_url(url, user=user)
            else:
                kind = IngestJob.Kind.HTML if html else IngestJob.Kind.TEXT
                job = submit_text(text, kind=IngestJob.Kind.TRANSCRIPT if transcript else kind, user=user)
            fields = []
            if idempotency_key:
                job.idempotency_key, job.request_digest = idempotency_key, digest
                fields += ["idempotency_key", "request_digest"]
            if media_url:
                job.media_url = media_url
                fields.append("media_url")
            if fields:
                job.save(update_fields=fields)
    except IntegrityError:
        # Two requests with one key at once: the other created it.
        return _same_request(keyed.get(), digest), False
    return job, True


def _same_request(job: IngestJob, digest: str) -> IngestJob:
    # A job keyed before digests were kept (request_digest empty) cannot tell: it is returned.
    if job.request_digest and job.request_digest != digest:
        raise KeyReused(
            f"This Idempotency-Key was sent before with another request (job {job.pk}): "
            "a key names one request; send new material under a new key."
        )
    return job


def recover_stalled_jobs() -> int:
    """Send again every job whose message may be lost: queued or running past its lease."""
    lease = timedelta(seconds=settings.CLAIMS_JOB_LEASE_SECONDS)
    cutoff = timezone.now() - lease
    stalled = list(
        IngestJob.objects.filter(
            Q(state=IngestJob.State.QUEUED, enqueued_at__lt=cutoff)
            | Q(state=IngestJob.State.QUEUED, enqueued_at__isnull=True, created_at__lt=cutoff)
            | Q(state=IngestJob.State.RUNNING, started_at__lt=cutoff)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if stalled:
        enqueue_many(stalled)
        logger.info("re-sent %d stalled ingest jobs", len(stalled))
    return len(stalled)
