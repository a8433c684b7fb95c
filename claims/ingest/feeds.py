"""Scheduled ingestion: which feeds are due, polling one, and what a failure does to its schedule.

The feed row is the schedule: dispatch_due_feeds claims each due feed by moving its next_poll_at
forward in a conditional UPDATE (one row changed: ours to poll), then enqueues the poll once the
transaction commits. A lost poll message costs one interval, never the feed. Failures are
recorded on the feed with their reason and back off exponentially; after CLAIMS_FEED_MAX_ERRORS
in a row the feed is switched off with the reason shown, until an editor switches it on again.
"""

import datetime as dt
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.ingest import claimreview, decoding, feedparsing, fetching, growing, submission, transcripts
from claims.ingest.errors import IngestError, UnusableInput
from claims.models import Feed, Source
from claims.oncommit import after_commit
from claims.retrieval import external
from claims.store.urls import canonical_url

logger = logging.getLogger(__name__)
T = TypeVar("T")

MAX_BACKOFF = dt.timedelta(hours=24)
DISPATCH_BATCH = 200


@dataclass(frozen=True, slots=True)
class PollResult:
    feed_id: int
    ok: bool
    items: int = 0
    new_jobs: int = 0
    not_modified: bool = False
    error: str = ""


def _enqueue_poll(feed_id: int) -> None:
    from claims.ingest.tasks import poll_feed  # the task module imports this one

    poll_feed.delay(feed_id)


def dispatch_due_feeds(*, now: dt.datetime | None = None) -> int:
    """Enqueue a poll of every active feed that is due; returns how many."""
    now = now or timezone.now()
    due = (
        Feed.objects.filter(active=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .order_by(F("next_poll_at").asc(nulls_first=True))
        .values_list("pk", "interval_minutes", "next_poll_at")[:DISPATCH_BATCH]
    )
    count = 0
    for feed_id, minutes, seen in due:
        try:
            count += _claim_due(feed_id, seen=seen, next_poll_at=now + Feed.interval_of(minutes))
        except (OperationalError, InterfaceError):
            raise  # the database is away: the task's retry, not one feed's fault
        except Exception:
            # One feed that cannot be scheduled must not keep the others from being polled.
            logger.exception("feed %s could not be dispatched; the other due feeds are", feed_id)
    if count:
        logger.info("dispatched %d due feeds", count)
    return count


def _claim_due(feed_id: int, *, seen: dt.datetime | None, next_poll_at: dt.datetime) -> int:
    """Move a due feed's next_poll_at on and enqueue its poll: 1, or 0 if another dispatcher did."""
    with transaction.atomic():
        # Claimed only if nobody moved next_poll_at since we read it.
        claimed = (
            Feed.objects.filter(pk=feed_id, active=True)
            .filter(Q(next_poll_at=seen) if seen is not None else Q(next_poll_at__isnull=True))
            .update(next_poll_at=next_poll_at)
        )
        if claimed == 1:
            after_commit(_enqueue_poll, feed_id)
    return claimed


def poll_now(feed_ids: list[int]) -> int:
    """An editor's "poll now": due at once (the dispatcher's next run, or the enqueue below)."""
    with transaction.atomic():
        ids = list(Feed.objects.filter(pk__in=feed_ids).values_list("pk", flat=True))
        Feed.objects.filter(pk__in=ids).update(next_poll_at=timezone.now())
        for feed_id in ids:
            after_commit(_enqueue_poll, feed_id)
    return len(ids)


def reactivate(feed_ids: list[int]) -> int:
    return Feed.objects.filter(pk__in=feed_ids).update(
        active=True, disabled_reason="", consecutive_errors=0, next_poll_at=None
    )


def poll_feed(feed_id: int) -> PollResult:
    """Fetch the feed (conditionally), queue a job for each article URL not known yet."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None or not feed.active:
        return PollResult(feed_id, ok=False, error="inactive or deleted")
    now = timezone.now()
    if feed.kind == Feed.Kind.CLAIMREVIEW:
        return _poll_claimreview(feed, now)
    if feed.kind == Feed.Kind.TRANSCRIPT:
        return _poll_transcript(feed, now)

    def read() -> tuple[fetching.Fetched, feedparsing.ParsedFeed | None]:
        fetched = _fetch(feed, accept=fetching.FEED_TYPES)
        return fetched, None if fetched.not_modified else feedparsing.parse(
            fetched.body, base_url=fetched.url
        )

    outcome = _reading(feed, now, read)
    if isinstance(outcome, PollResult):
        return outcome
    fetched, parsed = outcome
    with transaction.atomic():
        jobs = submission.submit_new_urls([item.url for item in parsed.items], feed=feed) if parsed else []
        _succeeded(
            feed,
            now,
            fetched,
            items_found=len(parsed.items) if parsed else F("items_found"),
            jobs_created=F("jobs_created") + len(jobs),
        )
    logger.info("feed %s: %s items, %d new", feed.pk, len(parsed.items) if parsed else "304", len(jobs))
    return PollResult(
        feed.pk,
        ok=True,
        items=len(parsed.items) if parsed else 0,
        new_jobs=len(jobs),
        not_modified=parsed is None,
    )


def _poll_claimreview(feed: Feed, now: dt.datetime) -> PollResult:
    """A feed of another fact-checker's ClaimReview (a DataFeed, JSON lines or a page): its
    reviews imported (claims.ingest.claimreview) and linked to our claims; no article jobs."""

    def read() -> tuple[fetching.Fetched, claimreview.Imported | None]:
        fetched = _fetch(feed, accept=fetching.ANY_TYPE)
        if fetched.not_modified:
            return fetched, None
        imported = claimreview.import_reviews(
            claimreview.records(lambda: io.BytesIO(fetched.body), url=fetched.url), found_at=feed.url
        )
        if imported.read and imported.read == imported.skipped:
            raise IngestError(
                f"None of its {imported.read} records is a usable ClaimReview: {imported.reasons[0]}"
            )
        return fetched, imported

    outcome = _reading(feed, now, read)
    if isinstance(outcome, PollResult):
        return outcome
    fetched, imported = outcome
    _succeeded(feed, now, fetched, items_found=imported.read if imported else F("items_found"))
    if imported and imported.review_ids:
        try:
            external.link_reviews(review_ids=imported.review_ids)
        except Exception:
            logger.exception("feed %s: linking its reviews failed; they are kept unlinked", feed.pk)
    logger.info("feed %s: ClaimReview %s", feed.pk, imported or "not modified")
    return PollResult(feed.pk, ok=True, items=imported.read if imported else 0, not_modified=imported is None)


def _poll_transcript(feed: Feed, now: dt.datetime) -> PollResult:
    """A live transcript: a caption file (WebVTT, SubRip or plain-text turns) read again on each
    poll. The first poll queues the file as an article's URL is queued; once it is stored, a
    poll that finds cues the transcript does not hold yet queues the whole file as an append job
    (claims.ingest.growing adds only what is new), and one that finds nothing new queues nothing."""

    def read() -> tuple[fetching.Fetched, str | None]:
        fetched = _fetch(feed, accept=fetching.TRANSCRIPT_TYPES)
        if fetched.not_modified:
            return fetched, None
        raw = decoding.decode(fetched.body, declared=fetched.charset)
        if fetched.content_type == "text/plain" and transcripts.detect(raw) is None:
            raise UnusableInput(f"{feed.url} holds plain text with no speaker turns: it is not a transcript.")
        return fetched, raw

    outcome = _reading(feed, now, read)
    if isinstance(outcome, PollResult):
        return outcome
    fetched, raw = outcome
    try:
        with transaction.atomic():
            source = Source.objects.filter(canonical_url=canonical_url(fetched.url)).first()
            if raw is None:
                jobs = []
            elif source is None:
                jobs = submission.submit_new_urls([feed.url], feed=feed)  # none while its job is on its way
            elif growing.holds_all(source=source, raw=raw):
                jobs = []
            else:
                jobs = [submission.submit_append(source=source, data=fetched.body)]
            _succeeded(feed, now, fetched, items_found=1, jobs_created=F("jobs_created") + len(jobs))
    except IngestError as exc:
        return _failed(feed, now, exc.detail)
    logger.info("feed %s: live transcript, %s", feed.pk, f"{len(jobs)} new job(s)" if raw else "not modified")
    return PollResult(feed.pk, ok=True, items=1, new_jobs=len(jobs), not_modified=raw is None)


def _fetch(feed: Feed, *, accept: tuple[str, ...]) -> fetching.Fetched:
    """The feed, fetched politely and conditionally (its last ETag and Last-Modified)."""
    return fetching.polite_fetch(
        feed.url,
        accept=accept,
        max_bytes=settings.CLAIMS_FEED_MAX_BYTES,
        etag=feed.etag,
        last_modified=feed.last_modified,
    )


def _reading(feed: Feed, now: dt.datetime, read: Callable[[], T]) -> T | PollResult:
    """read(), or the failed poll it came to: every failure of a poll ends in the feed's error
    (and its backoff), whatever raised it."""
    try:
        return read()
    except IngestError as exc:
        return _failed(feed, now, exc.detail)  # shown in the admin only
    except Exception as exc:
        logger.exception("feed %s: unexpected failure", feed.pk)
        return _failed(feed, now, f"Unexpected error while reading the feed: {type(exc).__name__}: {exc}")


def _succeeded(feed: Feed, now: dt.datetime, fetched: fetching.Fetched, **counts: Any) -> None:
    Feed.objects.filter(pk=feed.pk).update(
        last_polled_at=now,
        last_success_at=now,
        last_error="",
        consecutive_errors=0,
        etag=fetched.etag[:500],
        last_modified=fetched.last_modified[:100],
        **counts,
    )


def _failed(feed: Feed, now: dt.datetime, reason: str) -> PollResult:
    errors = feed.consecutive_errors + 1
    backoff = min(Feed.interval_of(feed.interval_minutes) * 2 ** min(errors - 1, 16), MAX_BACKOFF)
    update = {
        "last_polled_at": now,
        "last_failure_at": now,
        "last_error": reason[:5000],
        "consecutive_errors": errors,
        "next_poll_at": now + backoff,
    }
    if errors >= settings.CLAIMS_FEED_MAX_ERRORS:
        update |= {
            "active": False,
            "disabled_reason": f"Switched off after {errors} failures in a row. The last: {reason}"[:5000],
        }
    Feed.objects.filter(pk=feed.pk).update(**update)
    logger.warning("feed %s failed (%d in a row): %s", feed.pk, errors, reason)
    return PollResult(feed.pk, ok=False, error=reason)
