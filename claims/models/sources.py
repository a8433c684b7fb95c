"""Where claims are found: publishers and their domains, sources (one document each), a
transcript's turns, and the sketches that find a source's near-duplicates."""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from claims.models.visibility import Viewer, may_see_drafts

if TYPE_CHECKING:
    from claims.models.claims import ClaimQuerySet


def _published_claims() -> "ClaimQuerySet":
    # Claim is defined after Source and Speaker (its foreign keys point at them): looked up when
    # a query is built, not when this module is imported.
    from claims.models.claims import Claim

    return Claim.objects.published()


class PublisherQuerySet(models.QuerySet):
    def published(self) -> "PublisherQuerySet":
        """Publishers of a source with a published claim: the public know them through it."""
        return self.filter(
            models.Exists(_published_claims().filter(appearances__source__publisher=models.OuterRef("pk")))
        )

    def visible_to(self, user: Viewer) -> "PublisherQuerySet":
        return self.all() if may_see_drafts(user) else self.published()


class Publisher(models.Model):
    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublisherQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PublisherDomain(models.Model):
    """A host name an outlet publishes on: how a fetched URL finds its publisher."""

    publisher = models.ForeignKey(Publisher, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(domain=Lower("domain")) & ~Q(domain=""), name="publisherdomain_domain_lowercase"
            ),
        ]

    def __str__(self) -> str:
        return self.domain


class SourceQuerySet(models.QuerySet):
    def published(self) -> "SourceQuerySet":
        """Sources with a published claim: a source is public only through one (as its page is)."""
        return self.filter(
            models.Exists(_published_claims().filter(appearances__source=models.OuterRef("pk")))
        )

    def visible_to(self, user: Viewer) -> "SourceQuerySet":
        return self.all() if may_see_drafts(user) else self.published()


class Source(models.Model):
    """One document. The same text ingested twice is one source (content_hash)."""

    # NULL, not "", when there is no URL: the unique constraint must let many URL-less sources be.
    url = models.URLField(max_length=2000, null=True, blank=True)  # noqa: DJ001
    canonical_url = models.CharField(  # noqa: DJ001
        max_length=2000, null=True, blank=True, help_text="The URL's canonical form (claims.store.urls)"
    )
    title = models.CharField(max_length=1000, blank=True)
    authors = models.JSONField(default=list, blank=True)
    publisher = models.ForeignKey(
        Publisher, on_delete=models.PROTECT, null=True, blank=True, related_name="sources"
    )
    published_on = models.DateField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=16, blank=True)
    text = models.TextField()
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the normalised text")
    raw = models.TextField(blank=True, help_text="The input as received, so extraction can be re-run")
    raw_format = models.CharField(
        max_length=10,
        choices=[
            ("html", "HTML"),
            ("text", "Plain text"),
            ("webvtt", "WebVTT transcript"),
            ("srt", "SubRip transcript"),
            ("transcript", "Plain-text transcript"),
        ],
    )
    media_url = models.URLField(
        max_length=2000,
        blank=True,
        help_text="A transcript's recording: its statements link to the moment they were said",
    )
    extractor_version = models.CharField(max_length=32)
    near_duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="near_duplicates",
        help_text="The earlier source this one republishes (syndicated wire copy)",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=Q(url__isnull=False), name="source_url_unique"),
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=Q(canonical_url__isnull=False),
                name="source_canonical_url_unique",
            ),
            models.CheckConstraint(condition=~Q(url=""), name="source_url_null_not_blank"),
            models.CheckConstraint(condition=~Q(text=""), name="source_text_not_empty"),
        ]
        indexes = [models.Index(fields=["publisher", "-published_on"])]

    def __str__(self) -> str:
        return self.title or self.url or f"Source {self.pk}"

    TRANSCRIPT_FORMATS = ("webvtt", "srt", "transcript")

    @property
    def is_transcript(self) -> bool:
        return self.raw_format in self.TRANSCRIPT_FORMATS

    def moment_url(self, timecode: float | None) -> str:
        return moment_link(self.media_url, timecode)


def moment_link(media_url: str, timecode: float | None) -> str:
    """The recording at `timecode` seconds (a media fragment, or YouTube's `t`), or ""."""
    if not media_url or timecode is None:
        return ""
    seconds = int(timecode)
    base = media_url.split("#")[0]
    host = base.split("/")[2].lower() if "//" in base else ""
    if host.endswith(("youtube.com", "youtu.be")):
        return f"{base}{'&' if '?' in base else '?'}t={seconds}"
    return f"{base}#t={seconds}"


class Turn(models.Model):
    """One speaker's turn in a transcript: its words source.text[start:end], the speaker as the
    transcript writes them, when it began in the recording, and whether its speaker moderates. A
    growing transcript appends turns; `segment_keys` are the cues or paragraphs it was read from,
    so reading the file again adds only what is new."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="turns")
    number = models.PositiveIntegerField(help_text="Its place in the transcript, from 0")
    label = models.CharField(
        max_length=300, blank=True, help_text="The speaker as the transcript writes them"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    label_start = models.PositiveIntegerField(null=True, blank=True)
    label_end = models.PositiveIntegerField(null=True, blank=True)
    timecode = models.FloatField(null=True, blank=True, help_text="Seconds into the recording")
    times = models.JSONField(
        default=list, blank=True, help_text="[[offset, seconds], ...]: where each cue begins"
    )
    moderator = models.BooleanField(default=False)
    moderator_known = models.BooleanField(
        default=False, help_text="The transcript says so (a voice tag, a header), rather than it being judged"
    )
    noise = models.BooleanField(default=False, help_text="Applause, cross-talk, the transcriber's notes")
    segment_keys = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["source_id", "number"]
        constraints = [models.UniqueConstraint(fields=["source", "number"], name="turn_unique_number")]

    def __str__(self) -> str:
        return f"{self.label or 'noise'} at {self.timecode}s in {self.source_id}"


class SourceSketch(models.Model):
    """One of the smallest sentence hashes of a source (a bottom-k sketch): sources sharing
    enough of them are near-duplicates. See claims.store.neardup."""

    # No index of its own: sourcesketch_unique (source, value) leads with it.
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="sketch", db_index=False)
    value = models.BigIntegerField()

    class Meta:
        # (value, source): the newest sources sharing a value, read from the index alone.
        indexes = [models.Index(fields=["value", "-source"], name="sourcesketch_value_source")]
        constraints = [models.UniqueConstraint(fields=["source", "value"], name="sourcesketch_unique")]

    def __str__(self) -> str:
        return f"{self.source_id}: {self.value}"
