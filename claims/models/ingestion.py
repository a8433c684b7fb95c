"""Work coming in: ingest jobs (the row is the record of the work), feeds polled on their own
schedules, and the per-host fetch turns every worker shares."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from claims.models.sources import Publisher, Source
from claims.models.visibility import Viewer


def without_credentials(url: str) -> None:
    """Refuse a URL holding a user name or password (http://user:pass@host/): a job's URL is
    stored, shown to editors and API clients and logged, and no secret belongs there."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return  # not a URL at all: the URL field says so
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise ValidationError(
            "This URL holds a user name or password (before an @): it would be stored and shown "
            "with the job. Give the address without them.",
            code="credentials",
        )


class JobKind(models.TextChoices):
    URL = "url", "URL"
    TEXT = "text", "Plain text"
    HTML = "html", "HTML"
    FILE = "file", "Uploaded file"
    TRANSCRIPT = "transcript", "Transcript"
    APPEND = "append", "Turns appended to a transcript"


class JobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class FeedKind(models.TextChoices):
    RSS = "rss", "RSS"
    ATOM = "atom", "Atom"
    JSON = "json", "JSON Feed"
    SITEMAP = "sitemap", "News sitemap"
    CLAIMREVIEW = "claimreview", "ClaimReview (another fact-checker's verdicts)"
    TRANSCRIPT = "transcript", "Live transcript (a caption file read again on each poll)"


_MAX_INTERVAL_MINUTES = 7 * 24 * 60  # a week
_INTERVAL_RANGE = "The interval is in minutes: at least 1, at most 10080 (a week)."


class Feed(models.Model):
    """An outlet's feed, polled on its own schedule (next_poll_at), which editors change in the
    admin without a restart. The dispatcher (claims.ingest.feeds) claims due feeds by moving
    next_poll_at forward with a conditional UPDATE, so two dispatchers cannot poll one feed twice.

    A feed is polled at least once a week (MAX_INTERVAL_MINUTES): a longer interval is no
    schedule, and one past Python's dates stopped the dispatcher for every feed."""

    Kind = FeedKind
    MAX_INTERVAL_MINUTES = _MAX_INTERVAL_MINUTES

    url = models.URLField(max_length=2000, unique=True)
    kind = models.CharField(max_length=12, choices=FeedKind.choices, default=FeedKind.RSS)
    publisher = models.ForeignKey(
        Publisher, on_delete=models.SET_NULL, null=True, blank=True, related_name="feeds"
    )
    interval_minutes = models.PositiveIntegerField(
        default=15,
        help_text="How often to poll, in minutes (1 to 10080, a week)",
        validators=[
            MinValueValidator(1, message=_INTERVAL_RANGE),
            MaxValueValidator(_MAX_INTERVAL_MINUTES, message=_INTERVAL_RANGE),
        ],
    )
    active = models.BooleanField(default=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, help_text="Empty: as soon as possible")
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    consecutive_errors = models.PositiveIntegerField(default=0)
    disabled_reason = models.TextField(blank=True, help_text="Why the feed was switched off automatically")
    items_found = models.PositiveIntegerField(
        default=0, help_text="Item URLs seen in the last successful poll"
    )
    jobs_created = models.PositiveIntegerField(default=0, help_text="New articles queued, in all")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        indexes = [models.Index(fields=["active", "next_poll_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=FeedKind.values), name="feed_kind_valid"),
            models.CheckConstraint(
                condition=Q(interval_minutes__gte=1, interval_minutes__lte=_MAX_INTERVAL_MINUTES),
                name="feed_interval_at_most_a_week",
                violation_error_message=_INTERVAL_RANGE,
            ),
        ]

    def __str__(self) -> str:
        return self.url

    @staticmethod
    def interval_of(minutes: int) -> dt.timedelta:
        """A polling interval as a duration, within a minute and a week whatever the row holds."""
        return dt.timedelta(minutes=min(max(minutes, 1), _MAX_INTERVAL_MINUTES))

    @property
    def health(self) -> str:
        """The feed's state in words, as an editor scans a list of feeds for trouble."""
        if not self.active:
            return "Switched off" + (" (after failures)" if self.disabled_reason else "")
        if self.consecutive_errors:
            return f"Failing ({self.consecutive_errors} in a row)"
        if self.last_success_at is None:
            return "Not polled yet"
        return "OK"


class IngestJobQuerySet(models.QuerySet):
    def visible_to(self, user: Viewer) -> "IngestJobQuerySet":
        """Every job for those who may view ingest jobs (claims.view_ingestjob); for anyone else signed
        in, the jobs they submitted themselves; none for anonymous visitors."""
        if user is None or not user.is_active:
            return self.none()
        if user.has_perm("claims.view_ingestjob"):
            return self.all()
        return self.filter(submitted_by_id=user.pk)


class IngestJob(models.Model):
    """One request to ingest an article. The row, not the broker message, is the record of the work."""

    Kind = JobKind
    State = JobState

    kind = models.CharField(max_length=12, choices=JobKind.choices)
    url = models.URLField(max_length=2000, blank=True, db_index=True)
    canonical_url = models.CharField(max_length=2000, blank=True, db_index=True)
    feed = models.ForeignKey("Feed", on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs")
    # Unique per client (submitted_by), not across clients: another client's key is no key of ours.
    idempotency_key = models.CharField(  # noqa: DJ001  (NULL: no key, many times over)
        max_length=200, null=True, blank=True, help_text="The API client's Idempotency-Key"
    )
    request_digest = models.CharField(
        max_length=64,
        blank=True,
        help_text="SHA-256 of what the keyed request asked for: the key sent again asks for the same",
    )
    payload = models.BinaryField(null=True, blank=True, help_text="Text, HTML or file bytes as submitted")
    filename = models.CharField(max_length=500, blank=True)
    media_url = models.URLField(
        max_length=2000, blank=True, help_text="A transcript's recording, given with it"
    )
    state = models.CharField(max_length=8, choices=JobState.choices, default=JobState.QUEUED)
    error = models.TextField(blank=True)
    error_detail = models.TextField(
        blank=True,
        help_text="The error as the log has it, where it says more than `error` (the address a refused "
        "host resolved to): for administrators, never shown through the API",
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    lease = models.UUIDField(null=True, blank=True, help_text="Held by the run that claimed the job")
    source = models.ForeignKey(Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs")
    claims_created = models.PositiveIntegerField(default=0)
    appearances_created = models.PositiveIntegerField(default=0)
    speakers_created = models.PositiveIntegerField(default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    enqueued_at = models.DateTimeField(null=True, blank=True, help_text="Last time a message was sent for it")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = IngestJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=JobState.values), name="ingestjob_state_valid"),
            models.CheckConstraint(condition=~Q(kind="url") | ~Q(url=""), name="ingestjob_url_job_has_url"),
            models.CheckConstraint(
                condition=Q(kind="url") | Q(payload__isnull=False), name="ingestjob_input_job_has_payload"
            ),
            models.CheckConstraint(
                condition=~Q(state="failed") | ~Q(error=""), name="ingestjob_failed_has_reason"
            ),
            models.UniqueConstraint(
                fields=["submitted_by", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="ingestjob_idempotency_key_per_client",
            ),
        ]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        what = self.url or self.filename or self.get_kind_display()
        return f"Job {self.pk}: {what} ({self.state})"


class HostTurn(models.Model):
    """When a host may next be fetched from (epoch seconds): the per-host rate limit that every
    worker shares, booked atomically by claims.ingest.politeness."""

    host = models.CharField(max_length=300, unique=True, help_text="scheme://host:port")
    next_at = models.FloatField()

    def __str__(self) -> str:
        return self.host
