"""Ingest articles: create jobs, run one job, store what the extractor found.

A job row is the record of work to do. Running a job claims it with a conditional UPDATE
that sets a fresh lease token; storing its results and marking it done happen in one
transaction that only commits while that token still holds. So a job runs to completion
exactly once, however many messages for it a broker delivers, and a worker killed midway
leaves nothing half-written.
"""

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from claims import extraction, similarity
from claims.models import Appearance, Claim, IngestJob, Publisher, PublisherDomain, Source, Speaker
from claims.names import choose_by_role, resolve_name

from . import articles, decoding, fetching, matching, neardup
from .errors import TemporaryFailure, UnusableInput
from .fingerprints import claim_fingerprint
from .inserts import insert_missing
from .speakers import name_key, speakers_by_alias, surname_key
from .urls import canonical_url

logger = logging.getLogger(__name__)
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What running a job came to. retry_in is set when the caller should try again later."""

    job_id: int
    state: str
    message: str = ""
    retry_in: int | None = None


class LeaseLost(Exception):
    """Another run took the job over while this one worked: this run's results are discarded."""


# --- Submitting ------------------------------------------------------------------------
def submit_url(url: str, *, user=None, enqueue: bool = True) -> IngestJob:
    """enqueue=False leaves the job for the caller to run (`ingest --inline`)."""
    job = IngestJob.objects.create(
        kind=IngestJob.Kind.URL, url=url, canonical_url=canonical_url(url), submitted_by=user
    )
    if enqueue:
        _enqueue_on_commit(job.pk)
    return job


def known_urls(urls: list[str]) -> set[str]:
    """The canonical forms among `urls` already ingested or on their way (a job not failed)."""
    keys = {canonical_url(url) for url in urls}
    jobs = IngestJob.objects.filter(canonical_url__in=keys).exclude(state=IngestJob.State.FAILED)
    sources = Source.objects.filter(canonical_url__in=keys)
    return {*jobs.values_list("canonical_url", flat=True), *sources.values_list("canonical_url", flat=True)}


def submit_new_urls(urls: list[str], *, feed=None) -> list[IngestJob]:
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
    for job in created:
        _enqueue_on_commit(job.pk)
    return created


def submit_text(
    text: str, *, kind: str = IngestJob.Kind.TEXT, filename: str = "", user=None, enqueue: bool = True
) -> IngestJob:
    return submit_bytes(text.encode("utf-8"), kind=kind, filename=filename, user=user, enqueue=enqueue)


def submit_bytes(
    data: bytes,
    *,
    kind: str = IngestJob.Kind.FILE,
    filename: str = "",
    user=None,
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
            error=_too_large(size, limit),
            finished_at=timezone.now(),
        )
    job = IngestJob.objects.create(kind=kind, payload=data, filename=filename, submitted_by=user)
    if enqueue:
        _enqueue_on_commit(job.pk)
    return job


def _too_large(size: int, limit: int) -> str:
    return f"The input is {size / 1048576:.1f} MB, above the {limit / 1048576:.1f} MB limit for one article."


def _enqueue_on_commit(job_id: int) -> None:
    # robust: a broker that is down must not fail the request that created the job; the
    # job stays queued and the sweeper (recover_stalled_jobs) sends it again.
    transaction.on_commit(partial(enqueue, job_id), robust=True)


def enqueue(job_id: int) -> None:
    from claims.tasks import ingest_job  # the task module imports this one

    IngestJob.objects.filter(pk=job_id).update(enqueued_at=timezone.now())
    ingest_job.delay(job_id)


# --- Running ---------------------------------------------------------------------------
def claim_job(job_id: int) -> uuid.UUID | None:
    """Take the job if it is queued, or running on a lease that has run out. None: not ours."""
    token = uuid.uuid4()
    now = timezone.now()
    expired = now - timedelta(seconds=settings.CLAIMS_JOB_LEASE_SECONDS)
    taken = (
        IngestJob.objects.filter(pk=job_id)
        .filter(Q(state=IngestJob.State.QUEUED) | Q(state=IngestJob.State.RUNNING, started_at__lt=expired))
        .update(state=IngestJob.State.RUNNING, lease=token, started_at=now, attempts=F("attempts") + 1)
    )
    return token if taken == 1 else None


def run_job(job_id: int) -> Outcome:
    token = claim_job(job_id)
    if token is None:
        state = IngestJob.objects.filter(pk=job_id).values_list("state", flat=True).first()
        return Outcome(job_id, state or "missing", "not claimed: already taken, finished or deleted")
    job = IngestJob.objects.select_related("feed__publisher").get(pk=job_id)
    try:
        article, raw, url = _read(job)
        with transaction.atomic():
            counts = store_article(
                article, raw=raw, url=url, publisher=job.feed.publisher if job.feed else None
            )
            _finish(job_id, token, IngestJob.State.DONE, "", counts)
    except LeaseLost:
        logger.warning("job %s: lease lost, results discarded", job_id)
        return Outcome(job_id, IngestJob.State.RUNNING, "lease lost to another run")
    except UnusableInput as exc:
        _fail(job_id, token, str(exc))
        return Outcome(job_id, IngestJob.State.FAILED, str(exc))
    except TemporaryFailure as exc:
        return _retry_or_fail(job, token, str(exc))
    except Exception as exc:
        # Anything unexpected is recorded on the job (never lost in a log only) and then
        # treated as temporary: a database blip deserves another go, a bug runs out of attempts.
        logger.exception("job %s failed unexpectedly", job_id)
        return _retry_or_fail(job, token, f"Unexpected error: {type(exc).__name__}: {exc}")
    logger.info("job %s done: %s", job_id, counts)
    return Outcome(job_id, IngestJob.State.DONE)


def _read(job: IngestJob) -> tuple[articles.Article, str, str]:
    limit = settings.CLAIMS_INGEST_MAX_BYTES
    url = ""
    content_type = ""
    if job.kind == IngestJob.Kind.URL:
        fetched = fetching.polite_fetch(job.url, max_bytes=limit)
        data, url, content_type = fetched.body, fetched.url, fetched.content_type
    else:
        data = bytes(job.payload or b"")
        if len(data) > limit:
            raise UnusableInput(_too_large(len(data), limit))
        if job.kind == IngestJob.Kind.HTML:
            content_type = "text/html"
        elif job.kind == IngestJob.Kind.TEXT:
            content_type = "text/plain"
    raw = decoding.decode(data)
    return articles.parse(raw, url=url, content_type=content_type), raw, url


def _finish(
    job_id: int, token: uuid.UUID, state: str, error: str, counts: dict[str, int] | None = None
) -> None:
    counts = counts or {}
    updated = IngestJob.objects.filter(pk=job_id, lease=token, state=IngestJob.State.RUNNING).update(
        state=state,
        error=error,
        lease=None,
        finished_at=timezone.now(),
        source_id=counts.get("source_id"),
        claims_created=counts.get("claims", 0),
        appearances_created=counts.get("appearances", 0),
        speakers_created=counts.get("speakers", 0),
    )
    if updated != 1:
        raise LeaseLost


def _fail(job_id: int, token: uuid.UUID, reason: str) -> None:
    try:
        _finish(job_id, token, IngestJob.State.FAILED, reason[:5000])
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


def recover_stalled_jobs() -> int:
    """Send again every job whose message may be lost: queued or running past its lease."""
    lease = timedelta(seconds=settings.CLAIMS_JOB_LEASE_SECONDS)
    cutoff = timezone.now() - lease
    stalled = IngestJob.objects.filter(
        Q(state=IngestJob.State.QUEUED, enqueued_at__lt=cutoff)
        | Q(state=IngestJob.State.QUEUED, enqueued_at__isnull=True, created_at__lt=cutoff)
        | Q(state=IngestJob.State.RUNNING, started_at__lt=cutoff)
    ).values_list("pk", flat=True)
    count = 0
    for job_id in stalled.iterator():
        enqueue(job_id)
        count += 1
    if count:
        logger.info("re-sent %d stalled ingest jobs", count)
    return count


def run_inline(job_id: int) -> Outcome:
    """What the worker does, in this process: used by `ingest --inline`, retries included."""
    while True:
        outcome = run_job(job_id)
        if outcome.retry_in is None:
            return outcome


# --- Storing ---------------------------------------------------------------------------
def store_article(
    article: articles.Article, *, raw: str, url: str = "", publisher: Publisher | None = None
) -> dict[str, int]:
    """Store one article and its claims; must run inside a transaction. Idempotent.
    `publisher`: the feed's, used when the article's domain has none yet."""
    publisher = _publisher(article.publisher, url, hint=publisher)
    source, created = _source(article, raw=raw, url=url, publisher=publisher)
    if created:
        neardup.record(source)
    found = extraction.extract(source.text, published=source.published_on)
    return {"source_id": source.pk, **store_extracted(source, found, new_source=created)}


def store_extracted(
    source: Source, found: list[extraction.ExtractedClaim], *, new_source: bool = False
) -> dict[str, int]:
    """Store what the extractor found in `source`: speakers and claims that are missing, and an
    appearance for each span of the source that has none yet. Must run inside a transaction."""
    # Republished wire copy: a quotation the original already has is that claim, even when this
    # copy names the speaker differently ("Smith" for "John Smith").
    twins = _claims_in(source.near_duplicate_of) if source.near_duplicate_of_id else {}
    reused = {id(c): twins[_words(c.text)] for c in found if _words(c.text) in twins}

    wanted_speakers: dict[str, tuple[str, str]] = {}
    roles: dict[str, str] = {}
    for claim in found:
        mention = claim.speaker
        if id(claim) not in reused and mention and mention.name and (key := name_key(mention.name)):
            wanted_speakers.setdefault(key, (mention.name, mention.kind or Speaker.Kind.PERSON))
            if mention.role:
                roles.setdefault(key, mention.role)
    speakers, speakers_created = _upsert_speakers(wanted_speakers, roles)

    rows: dict[str, tuple[extraction.ExtractedClaim, Speaker | None]] = {}
    for claim in found:
        if id(claim) in reused:
            continue
        speaker = None
        if claim.speaker and claim.speaker.name:
            speaker = speakers.get(name_key(claim.speaker.name))
        rows.setdefault(
            claim_fingerprint(claim.statement, speaker.name_key if speaker else ""), (claim, speaker)
        )
    claims_by_fp, claims_created, decisions = _upsert_claims(rows)

    existing_spans = (
        set() if new_source else set(Appearance.objects.filter(source=source).values_list("start", "end"))
    )
    new_appearances = []
    for claim in found:
        speaker = speakers.get(name_key(claim.speaker.name)) if claim.speaker and claim.speaker.name else None
        fingerprint = claim_fingerprint(claim.statement, speaker.name_key if speaker else "")
        stored = reused.get(id(claim)) or claims_by_fp[fingerprint]
        if id(claim) in reused:
            match_score, match_reason = 1.0, "the same words in the story this one republishes"
        elif fingerprint in decisions:
            match_score, match_reason = decisions[fingerprint].score, decisions[fingerprint].reason
        else:
            match_score, match_reason = None, ""
        if (claim.start, claim.end) in existing_spans:
            continue
        mention = claim.speaker
        new_appearances.append(
            Appearance(
                claim=stored,
                source=source,
                text=claim.text,
                start=claim.start,
                end=claim.end,
                parts=[list(p) for p in claim.parts],
                speaker_mention=(mention.text if mention else "")[:300],
                speaker_start=mention.start if mention else None,
                speaker_end=mention.end if mention else None,
                role=((mention.role or "") if mention else "")[:300],
                cue=(claim.cue or "")[:100],
                said_on=claim.said_on,
                match_score=match_score,
                match_reason=match_reason[:200],
            )
        )
        existing_spans.add((claim.start, claim.end))
    appearances_created = len(insert_missing(Appearance, new_appearances))
    return {
        "claims": claims_created,
        "appearances": appearances_created,
        "speakers": speakers_created,
    }


def _words(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def _claims_in(source: Source) -> dict[str, Claim]:
    appearances = Appearance.objects.filter(source=source).select_related("claim")
    return {_words(a.text): a.claim for a in appearances}


def _publisher(name: str, url: str, hint: Publisher | None = None) -> Publisher | None:
    """The publisher of a domain already known; else the feed's (`hint`); else one named after the
    article's credit line or its domain. A new domain is remembered for the publisher chosen."""
    domain = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    if domain:
        known = PublisherDomain.objects.select_related("publisher").filter(domain=domain).first()
        if known:
            return known.publisher
    if hint is not None:
        publisher = hint
    else:
        name = (name or domain).strip()[:200]
        if not name:
            return None
        publisher, _ = Publisher.objects.get_or_create(name=name)
    if domain:
        PublisherDomain.objects.get_or_create(domain=domain, defaults={"publisher": publisher})
    return publisher


def _source(
    article: articles.Article, *, raw: str, url: str, publisher: Publisher | None
) -> tuple[Source, bool]:
    digest = article.content_hash
    canonical = canonical_url(url) if url else None
    same = Q(content_hash=digest) | Q(url=url) | Q(canonical_url=canonical) if url else Q(content_hash=digest)
    existing = Source.objects.filter(same).first()
    if existing:
        return existing, False
    try:
        # A savepoint: when a concurrent run inserts the same article first, this insert waits
        # for it, fails on the unique index, and the article it stored is used instead.
        with transaction.atomic():
            created = Source.objects.create(
                url=url or None,
                canonical_url=canonical,
                title=article.title,
                authors=article.authors,
                publisher=publisher,
                published_on=article.published,
                language=article.language,
                text=article.text,
                content_hash=digest,
                raw=raw,
                raw_format=article.raw_format,
                extractor_version=extraction.ENGINE_VERSION,
            )
        return created, True
    except IntegrityError:
        return Source.objects.filter(same).first(), False


def _upsert_speakers(
    wanted: dict[str, tuple[str, str]], roles: dict[str, str] | None = None
) -> tuple[dict[str, Speaker], int]:
    if not wanted:
        return {}, 0
    # A name an editor made an alias (or merged away) means the speaker it was given to.
    aliased = speakers_by_alias(wanted)
    keys = sorted(k for k in wanted if k not in aliased)  # a fixed order: concurrent inserts cannot deadlock
    before = set(Speaker.objects.filter(name_key__in=keys).values_list("name_key", flat=True))
    # A name not known as written may still be a known person's ("Putin", "V. Putin" for the only
    # Vladimir Putin known); with two people of that surname it is neither (claims.names).
    resolved = _known_people({k: wanted[k] for k in keys if k not in before}, roles or {})
    missing = [
        Speaker(
            name=wanted[k][0][:300],
            name_key=k,
            kind=wanted[k][1],
            surname_key=surname_key(wanted[k][0])[:100],
        )
        for k in keys
        if k not in before and k not in resolved
    ]
    created = insert_missing(Speaker, missing)
    found = {s.name_key: s for s in Speaker.objects.filter(name_key__in=keys)}
    by_id = Speaker.objects.in_bulk({*aliased.values(), *resolved.values()})
    found.update({key: by_id[speaker_id] for key, speaker_id in {**aliased, **resolved}.items()})
    _tell_homonyms_apart(found, roles or {})
    return found, len(created)


def _known_roles(speaker_ids: set[int]) -> dict[int, str]:
    """Each speaker's description and the roles articles gave them (the latest 50)."""
    known = dict(Speaker.objects.filter(pk__in=speaker_ids).values_list("pk", "description"))
    roles = (
        Appearance.objects.filter(claim__speaker_id__in=speaker_ids)
        .exclude(role="")
        .order_by("-pk")
        .values_list("claim__speaker_id", "role")[:50]
    )
    for pk, role in roles:
        known[pk] = f"{known.get(pk, '')} {role}"
    return known


def _tell_homonyms_apart(found: dict[str, Speaker], roles: dict[str, str]) -> None:
    """A name an editor split between people: the role the article gives decides which of them.
    Namesakes form a family around the speaker they were split from (homonym_of)."""
    roots = {s.homonym_of_id or s.pk for s in found.values()}
    families: dict[int, dict[int, Speaker]] = {}
    for member in Speaker.objects.filter(Q(pk__in=roots) | Q(homonym_of__in=roots)):
        families.setdefault(member.homonym_of_id or member.pk, {})[member.pk] = member
    for key, speaker in list(found.items()):
        family = families.get(speaker.homonym_of_id or speaker.pk, {})
        if len(family) < 2 or not roles.get(key):
            continue
        chosen = choose_by_role(roles[key], _known_roles(set(family)))
        if chosen is not None:
            found[key] = family[chosen]


def _known_people(unknown: dict[str, tuple[str, str]], roles: dict[str, str]) -> dict[str, int]:
    """{name key: speaker id} for the unknown names that can only mean one known person: by the
    name alone, or, among several people of that surname, by the role the article gives."""
    people = {k: name for k, (name, kind) in unknown.items() if kind == Speaker.Kind.PERSON}
    surnames = {surname_key(name) for name in people.values()} - {""}
    if not surnames:
        return {}
    known: dict[str, list[tuple[int, str]]] = {}
    rows = Speaker.objects.filter(surname_key__in=surnames, kind=Speaker.Kind.PERSON).values_list(
        "pk", "name", "surname_key"
    )
    for pk, name, surname in rows[:2000]:
        known.setdefault(surname, []).append((pk, name))
    out = {}
    for key, name in people.items():
        candidates = known.get(surname_key(name), [])
        match = resolve_name(name, [n for _, n in candidates])
        if match is not None:
            out[key] = next(pk for pk, n in candidates if n == match)
        elif roles.get(key) and len(candidates) > 1 and len(key.split()) == 1:
            # "Clinton, the former secretary of state": the surname fits several; the role, one.
            chosen = choose_by_role(roles[key], _known_roles({pk for pk, _ in candidates}))
            if chosen is not None:
                out[key] = chosen
    return out


def _upsert_claims(
    rows: dict[str, tuple[extraction.ExtractedClaim, Speaker | None]],
) -> tuple[dict[str, Claim], int, dict[str, similarity.Decision]]:
    """The claim for each fingerprint: the existing one, an existing variant of the same statement
    (trimmed, re-punctuated, partly quoted: claims.services.matching), or a new one, indexed."""
    if not rows:
        return {}, 0, {}
    keys = sorted(rows)
    before = set(Claim.objects.filter(fingerprint__in=keys).values_list("fingerprint", flat=True))
    new_keys = [fp for fp in keys if fp not in before]
    matches = matching.best_matches(
        [(rows[fp][0].statement, rows[fp][1].pk if rows[fp][1] else None) for fp in new_keys]
    )
    matched = {fp: m for fp, m in zip(new_keys, matches, strict=True) if m is not None}
    missing = [
        Claim(
            text=rows[fp][0].statement,
            fingerprint=fp,
            speaker=rows[fp][1],
            kind=rows[fp][0].kind,
            checkworthiness=min(1.0, max(0.0, rows[fp][0].checkworthiness)),
        )
        for fp in new_keys
        if fp not in matched
    ]
    created = set(insert_missing(Claim, missing))
    claims = {c.fingerprint: c for c in Claim.objects.filter(fingerprint__in=keys)}
    new = [c for c in claims.values() if c.pk in created]
    matching.index((c.pk, c.text, c.speaker_id) for c in new)
    matching.link_paraphrases(new)
    variants = Claim.objects.in_bulk({m.claim_id for m in matched.values()})
    claims.update({fp: variants[m.claim_id] for fp, m in matched.items()})
    return claims, len(created), {fp: m.decision for fp, m in matched.items()}


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
        IngestJob.objects.filter(pk__in=ids).update(state=IngestJob.State.QUEUED, attempts=0, error="")
        for job_id in ids:
            _enqueue_on_commit(job_id)
    return len(ids)


def submit_request(
    *, url: str = "", text: str = "", html: bool = False, idempotency_key: str | None = None, user=None
) -> tuple[IngestJob, bool]:
    """An API client's submission, idempotent: (job, created).

    The same Idempotency-Key returns the job it created; the same URL returns its job unless
    that job failed (then the URL is tried again).
    """
    if idempotency_key:
        existing = IngestJob.objects.filter(idempotency_key=idempotency_key).first()
        if existing:
            return existing, False
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
                job = submit_text(text, kind=kind, user=user)
            if idempotency_key:
                job.idempotency_key = idempotency_key
                job.save(update_fields=["idempotency_key"])
    except IntegrityError:
        # Two requests with one key at once: the other created it.
        return IngestJob.objects.get(idempotency_key=idempotency_key), False
    return job, True
