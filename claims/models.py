"""Publishers, sources, speakers, claims, their appearances in sources, and ingest jobs.

Invariants live in the database (unique and check constraints, PROTECT on foreign keys
whose loss would lose curated work) so that no code path, admin form or concurrent
worker can break them.
"""

import re
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Account
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from claims import crypto, net
from claims.extraction.types import KIND_LABELS, STANCE_LABELS, ClaimKind
from claims.extraction.types import Stance as ClaimStance

# Kinds and stances are the extractor's types (claims.extraction.types): one definition, whose
# values are the database's choices, so that a stance the engine learns is one the models accept.
KIND_CHOICES = [(kind.value, KIND_LABELS[kind]) for kind in ClaimKind]
STANCE_CHOICES = [(stance.value, STANCE_LABELS[stance]) for stance in ClaimStance]

# Who reads: a signed-in account (by session or by API token), an anonymous visitor, or nobody.
Reader = Account | AnonymousUser | None


def may_see_drafts(user: Reader) -> bool:
    """Whether `user` may see claims not yet published (and the speakers, sources and publishers
    known only through them): an active account holding claims.view_claim, as Editors, Reviewers
    and superusers do. Anyone else, signed in or not, by session or by token, sees what the public
    sees. The one rule of who may see what: every read goes through it, by the visible_to querysets
    below or Claim.is_visible_to."""
    return user is not None and user.is_active and user.has_perm("claims.view_claim")


MAX_ID = 2**63 - 1  # a bigint primary key; a larger number is refused, not a database overflow


def within_ids(digits: str) -> bool:
    """Whether a run of ASCII digits is a number no larger than the database's ids reach. By
    length first: int() refuses a string of more than 4,300 digits (a ValueError)."""
    size = len(str(MAX_ID))
    return len(digits) < size or (len(digits) == size and int(digits) <= MAX_ID)


# Control characters (Unicode category Cc: C0, DEL and C1) but tab, line feed and carriage return
# (a browser sends a textarea's line breaks as CR LF).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(value: str, limit: int = 40) -> str:
    """A value as a refusal quotes it back: shortened, its control characters written as escapes."""
    short = value[:limit] + ("…" if len(value) > limit else "")
    return CONTROL_CHARACTERS.sub(lambda found: f"\\x{ord(found.group()):02x}", short)


def validate_plain_text(value: str) -> None:
    """Text people write and read holds no control characters: PostgreSQL cannot store a NUL at
    all (a DataError where SQLite takes it), and the others are invisible on every page that
    shows the text yet part of what is searched and compared."""
    found = CONTROL_CHARACTERS.search(value)
    if found is not None:
        raise ValidationError(
            "This text holds a control character (U+%(code)04X), which no text here may: "
            "remove it (it was probably pasted in unseen).",
            code="control_character",
            params={"code": ord(found.group())},
        )


class ClaimState(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    REVIEWED = "reviewed", "Reviewed"
    PUBLISHED = "published", "Published"


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


class PublisherQuerySet(models.QuerySet):
    def public(self) -> "PublisherQuerySet":
        """Publishers of a source with a published claim: the public know them through it."""
        return self.filter(
            models.Exists(Claim.objects.public().filter(appearances__source__publisher=models.OuterRef("pk")))
        )

    def visible_to(self, user: Reader) -> "PublisherQuerySet":
        return self.all() if may_see_drafts(user) else self.public()


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
    def public(self) -> "SourceQuerySet":
        """Sources with a published claim: a source is public only through one (as its page is)."""
        return self.filter(
            models.Exists(Claim.objects.public().filter(appearances__source=models.OuterRef("pk")))
        )

    def visible_to(self, user: Reader) -> "SourceQuerySet":
        return self.all() if may_see_drafts(user) else self.public()


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


class SpeakerQuerySet(models.QuerySet):
    def public(self) -> "SpeakerQuerySet":
        """Speakers of a published claim: a speaker is public only through one (as their page is)."""
        return self.filter(models.Exists(Claim.objects.public().filter(speaker=models.OuterRef("pk"))))

    def visible_to(self, user: Reader) -> "SpeakerQuerySet":
        return self.all() if may_see_drafts(user) else self.public()


class Speaker(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        # Governments, agencies, companies, parties, and countries speaking as states.
        ORGANISATION = "organisation", "Organisation"
        GROUP = "group", "Group (several people, unnamed)"
        UNKNOWN = "unknown", "Unknown"

    MAX_NAME = 300

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(max_length=MAX_NAME, validators=[validate_plain_text])
    name_key = models.CharField(
        max_length=300,
        unique=True,
        help_text="The name normalised (case, accents, titles, punctuation): one speaker per key",
    )
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names, as written; kept in step with SpeakerAlias"
    )
    surname_key = models.CharField(
        max_length=100,
        blank=True,
        db_index=True,
        help_text="The last word of name_key (claims.identity.names)",
    )
    homonym_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="homonyms",
        help_text="Split from this speaker: another person of the same name, told apart by role",
    )
    description = models.TextField(blank=True)
    wikidata_id = models.CharField(max_length=20, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(name_key=""), name="speaker_name_key_not_empty"),
            models.CheckConstraint(
                condition=Q(wikidata_id__isnull=True) | Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"),
                name="speaker_wikidata_id_format",
            ),
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class SpeakerAlias(models.Model):
    """Another name of a speaker, by its normalised key: how ingestion finds a merged speaker.

    Written by claims.curation.speakers (merges and alias edits) and, for an organisation's short
    form an article spells out ("VB" for Vossberg), by ingestion (claims.identity.aliases), which
    never takes a name that is already a speaker's or an alias: an editor's decision that two names
    are one speaker holds for every later article.
    """

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="alias_keys")
    name = models.CharField(max_length=300)
    name_key = models.CharField(max_length=300, unique=True)

    class Meta:
        verbose_name_plural = "speaker aliases"
        constraints = [models.CheckConstraint(condition=~Q(name_key=""), name="speakeralias_key_not_empty")]

    def __str__(self) -> str:
        return f"{self.name} → {self.speaker_id}"


class Rating(models.Model):
    """One step of the verdict scale (configurable in the admin), as ClaimReview needs it."""

    value = models.PositiveSmallIntegerField(unique=True, help_text="ClaimReview ratingValue")
    label = models.CharField(max_length=100, unique=True, help_text="ClaimReview alternateName")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["value"]

    def __str__(self) -> str:
        return f"{self.label} ({self.value})"


class ClaimQuerySet(models.QuerySet):
    def curated(self) -> "ClaimQuerySet":
        """Claims an editor has touched: out of the "new" state, or with any history (an edit, an
        assignment, a merge). Re-extraction keeps them as they are."""
        touched = ClaimEvent.objects.filter(claim_id=models.OuterRef("pk"))
        return self.filter(~Q(state=ClaimState.NEW) | models.Exists(touched))

    def public(self) -> "ClaimQuerySet":
        """Published claims: what anyone may read, and all that the public pages, feeds and
        sitemaps show."""
        return self.filter(state=ClaimState.PUBLISHED)

    def visible_to(self, user: Reader) -> "ClaimQuerySet":
        """The claims `user` may read: every claim for those who may see drafts, else the public ones."""
        return self.all() if may_see_drafts(user) else self.public()


class Claim(models.Model):
    Kind = ClaimKind
    State = ClaimState
    Stance = ClaimStance
    # The longest wording an editor may give a claim (extraction cuts sentences at 3,000 characters;
    # a quotation of several rarely passes this). Not a model limit: what is stored stays editable.
    MAX_TEXT = 10_000

    text = models.TextField(validators=[validate_plain_text])
    fingerprint = models.CharField(
        max_length=64,
        unique=True,
        help_text="SHA-256 of the normalised text and speaker: one claim per statement",
    )
    # Indexed through (speaker, -first_seen) below: a second index on the column alone would only
    # cost every insert (ingestion writes thousands of claims a minute).
    speaker = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, null=True, blank=True, related_name="claims", db_index=False
    )
    kind = models.CharField(max_length=12, choices=KIND_CHOICES)
    stance = models.CharField(
        max_length=16,
        choices=STANCE_CHOICES,
        default=ClaimStance.ASSERTED.value,
        db_default=ClaimStance.ASSERTED.value,
        help_text="What the speaker did with the statement: asserted it, denied it, asked it, ... "
        "(part of its identity: a denial and an assertion of the same words are two claims)",
    )
    state = models.CharField(max_length=12, choices=ClaimState.choices, default=ClaimState.NEW)
    verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    verdict_explanation = models.TextField(blank=True)
    headline = models.CharField(
        max_length=500,
        blank=True,
        help_text="The headline of this claim's fact check: shown on its public page, sent as "
        "ClaimReview headline, and searched",
    )
    checkworthiness = models.FloatField(default=0.0)
    first_seen = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True, help_text="When the verdict was last set")
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
        db_index=False,  # (assigned_to, state) below leads with it
    )
    due_on = models.DateField(null=True, blank=True, help_text="When the assignee should be done with it")
    notes = models.TextField(blank=True, help_text="The editors' own notes; never published")
    paraphrase_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="paraphrases",
        help_text="The quotation this reported statement paraphrases (linked, not merged)",
    )
    paraphrase_score = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        permissions = [
            ("review_claim", "Can rate claims (set a verdict)"),
            ("publish_claim", "Can publish claims"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0.0) & Q(checkworthiness__lte=1.0),
                name="claim_checkworthiness_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in ClaimKind]), name="claim_kind_valid"
            ),
            models.CheckConstraint(condition=Q(state__in=ClaimState.values), name="claim_state_valid"),
            models.CheckConstraint(
                condition=Q(stance__in=[stance.value for stance in ClaimStance]), name="claim_stance_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="claim_text_not_empty"),
        ]
        indexes = [
            models.Index(fields=["state", "-first_seen"]),
            models.Index(fields=["speaker", "-first_seen"]),
            models.Index(fields=["-checkworthiness"]),
            models.Index(fields=["-first_seen"]),
            models.Index(fields=["assigned_to", "state"]),
            # Filtering by a stance other than the usual one (a denial, a question): few rows.
            models.Index(
                fields=["stance", "-first_seen"],
                condition=~Q(stance=ClaimStance.ASSERTED.value),
                name="claim_stance_not_asserted",
            ),
            # The public record, newest first. Partial: the 80% of claims not published (whose
            # published_at is NULL, and NULLs sort first descending) are not in it to walk past.
            # The speaker is included so that "most-checked speakers" counts from the index alone.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(state="published"),
                include=["speaker"],
                name="claim_published_newest",
            ),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."

    def is_visible_to(self, user: Reader) -> bool:
        """This claim is among Claim.objects.visible_to(user) (told without a query)."""
        return self.state == ClaimState.PUBLISHED or may_see_drafts(user)


class ClaimAnchor(models.Model):
    """One anchor of a claim's text (claims.store.similarity.anchors): how a variant of the statement
    (trimmed, re-punctuated, partly quoted) finds the claim through an index, not a scan."""

    # claimanchor_unique (claim, value) leads with the claim: no index of its own.
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="anchors", db_index=False)
    value = models.BigIntegerField()
    # The claim's speaker, copied here because a merge needs the same speaker: ingestion looks up
    # (value, speaker) and finds that speaker's claims however many others share the phrase. Kept
    # in step by claims.services (speaker edits and merges).
    speaker_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["value", "-claim"], name="claimanchor_value_claim"),
            models.Index(fields=["value", "speaker_id", "-claim"], name="claimanchor_value_speaker"),
        ]
        constraints = [models.UniqueConstraint(fields=["claim", "value"], name="claimanchor_unique")]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.value}"


class Appearance(models.Model):
    """A claim as it stands in one source: verbatim text, offsets, speaker mention, cue, role, date."""

    # Indexed through (claim, source) and the unique (source, start, end) below.
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances", db_index=False)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="appearances", db_index=False)
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    parts = models.JSONField(default=list, blank=True, help_text="[[start, end], ...] when interrupted")
    speaker_mention = models.CharField(max_length=300, blank=True)
    speaker_start = models.PositiveIntegerField(null=True, blank=True)
    speaker_end = models.PositiveIntegerField(null=True, blank=True)
    speaker_kind = models.CharField(
        max_length=16,
        choices=Speaker.Kind.choices,
        blank=True,
        db_default="",
        help_text="What the mention is: a person, an organisation, a group of unnamed people",
    )
    role = models.CharField(max_length=300, blank=True)
    cue = models.CharField(max_length=100, blank=True)
    stance = models.CharField(
        max_length=16,
        choices=STANCE_CHOICES,
        default=ClaimStance.ASSERTED.value,
        db_default=ClaimStance.ASSERTED.value,
        help_text="The stance its cue expresses here",
    )
    said_on = models.DateField(null=True, blank=True)
    said_on_basis = models.CharField(
        max_length=12,
        blank=True,
        db_default="",
        help_text="How the day it was said is known: stated (in its own words), inferred (the day the "
        "article sets for the event it reports), published (an author's assertion: the article's date), "
        "or blank (not known)",
    )
    match_score = models.FloatField(
        null=True, blank=True, help_text="When attached to an existing claim by similarity: how alike (0-1)"
    )
    match_reason = models.CharField(max_length=200, blank=True, help_text="Why it was attached to this claim")
    rule = models.CharField(
        max_length=40, blank=True, help_text="The extraction rule that found it (claims.extraction.rulebook)"
    )
    resolution = models.CharField(max_length=300, blank=True, help_text="How its speaker was resolved")
    timecode = models.FloatField(
        null=True,
        blank=True,
        help_text="Seconds into a transcript's recording where it was said; empty for articles",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["source", "start", "end"], name="appearance_unique_span"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="appearance_span_not_empty"),
            models.CheckConstraint(
                condition=Q(speaker_start__isnull=True) | Q(speaker_end__gt=F("speaker_start")),
                name="appearance_speaker_span_ordered",
            ),
        ]
        indexes = [models.Index(fields=["claim", "source"])]

    def __str__(self) -> str:
        return f"{self.claim_id} in {self.source_id} [{self.start}:{self.end}]"


class FeedKind(models.TextChoices):
    RSS = "rss", "RSS"
    ATOM = "atom", "Atom"
    JSON = "json", "JSON Feed"
    SITEMAP = "sitemap", "News sitemap"
    CLAIMREVIEW = "claimreview", "ClaimReview (another fact-checker's verdicts)"
    TRANSCRIPT = "transcript", "Live transcript (a caption file read again on each poll)"


class Feed(models.Model):
    """An outlet's feed, polled on its own schedule (next_poll_at), which editors change in the
    admin without a restart. The dispatcher (claims.ingest.feeds) claims due feeds by moving
    next_poll_at forward with a conditional UPDATE, so two dispatchers cannot poll one feed twice."""

    Kind = FeedKind

    url = models.URLField(max_length=2000, unique=True)
    kind = models.CharField(max_length=12, choices=FeedKind.choices, default=FeedKind.RSS)
    publisher = models.ForeignKey(
        Publisher, on_delete=models.SET_NULL, null=True, blank=True, related_name="feeds"
    )
    interval_minutes = models.PositiveIntegerField(default=15, help_text="How often to poll")
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
            models.CheckConstraint(condition=Q(interval_minutes__gte=1), name="feed_interval_positive"),
        ]

    def __str__(self) -> str:
        return self.url

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
    def visible_to(self, user: Reader) -> "IngestJobQuerySet":
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


class ClaimEventAction(models.TextChoices):
    TRANSITION = "transition", "State changed"
    VERDICT = "verdict", "Verdict set"
    MERGE = "merge", "Claims merged in"
    SPLIT = "split", "Split apart"
    EDIT = "edit", "Edited"
    ASSIGN = "assign", "Assigned"
    SPEAKER_MERGE = "speaker_merge", "Speaker merged"
    SPEAKER_SPLIT = "speaker_split", "Speaker split"
    REEXTRACT = "reextract", "Re-extracted"
    ADD = "add", "Added by an editor"


class ClaimEvent(models.Model):
    """The audit history: who changed what about a claim, and when.

    Written by claims.curation.workflow in the same transaction as the change it records, so the
    history and the data cannot disagree. An event per editorial decision (rather than a snapshot of
    every row save, as a generic history package keeps) is what editors and readers ask about:
    who published this, who rated it, which claims were merged into it.
    """

    Action = ClaimEventAction

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=16, choices=ClaimEventAction.choices)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    details = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["claim", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ClaimEventAction.values), name="claimevent_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} on claim {self.claim_id} by {self.user or 'unknown'}"

    @classmethod
    def of(
        cls,
        *,
        claim: Claim,
        user: Any,
        action: str,
        from_state: str = "",
        to_state: str = "",
        details: dict | None = None,
    ) -> "ClaimEvent":
        """An event not yet written, for record_all."""
        return cls(
            claim=claim,
            user=user,
            action=action,
            from_state=from_state,
            to_state=to_state,
            details=details or {},
        )

    @classmethod
    def record(
        cls,
        *,
        claim: Claim,
        user: Any,
        action: str,
        from_state: str = "",
        to_state: str = "",
        details: dict | None = None,
    ) -> "ClaimEvent":
        """Write one event, in the caller's transaction (the change it records is in the same one)."""
        event = cls.of(
            claim=claim, user=user, action=action, from_state=from_state, to_state=to_state, details=details
        )
        event.save()
        return event

    @classmethod
    def record_all(cls, events: list["ClaimEvent"]) -> list["ClaimEvent"]:
        """Write events made with of() in one statement."""
        return ClaimEvent.objects.bulk_create(events)


class Correction(models.Model):
    """A dated, public correction of a published claim: its wording, speaker or stance was changed,
    or its verdict, after it was published (claims.curation.workflow). Shown on its public page
    and dating ClaimReview's dateModified, as the fact-checkers' codes of principles require."""

    class What(models.TextChoices):
        WORDING = "wording", "Wording"
        SPEAKER = "speaker", "Speaker"
        STANCE = "stance", "Stance"
        VERDICT = "verdict", "Verdict"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    what = models.CharField(max_length=12, choices=What.choices)
    note = models.TextField(help_text="What was changed, in words, as the public page shows it")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["claim", "at"])]

    def __str__(self) -> str:
        return f"correction of claim {self.claim_id} ({self.what}) on {self.at:%Y-%m-%d}"


class ApiToken(models.Model):
    """A named API key of a user's. Only a digest of the key is kept: the key itself is shown
    once, when it is created (claims.serve.tokens), and cannot be read back from the database,
    a backup or an image. A user may hold several (one per client), each with its own expiry."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What uses it, e.g. “newsroom CMS”.")
    # The key's first characters, shown in lists so a token can be recognised, and used to find
    # the row before the digest is compared.
    prefix = models.CharField(max_length=12, db_index=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)  # SHA-256 of the key, hex
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: never expires.")
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="api_token_name_unique_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ClaimSearchEntry(models.Model):
    """What retrieval reads of a claim (claims.retrieval): the words searched (its text, its
    speaker's name, its fact check's headline) and its sentence embedding, computed when the claim
    is stored or re-indexed, never at request time. Derived data: `index_claims` rebuilds it."""

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    document = models.TextField()
    embedding = models.BinaryField(help_text="float16 unit vector, little-endian")
    model = models.CharField(max_length=64, help_text="The embedding model that made it")
    indexed_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"search entry of claim {self.claim_id}"


# --- The editors' desk: subscriptions, the inbox, and webhooks for other tools ----------------
class Subscription(models.Model):
    """An editor asks to be told of new claims by a speaker, from a publisher or a feed, or
    matching a saved search (every word of `query` in the claim's statement or speaker's name).
    Matched when claims are stored (claims.notify.subscriptions)."""

    class Kind(models.TextChoices):
        SPEAKER = "speaker", "A speaker"
        PUBLISHER = "publisher", "A publisher"
        FEED = "feed", "A feed"
        SEARCH = "search", "A saved search"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    publisher = models.ForeignKey(
        Publisher, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    feed = models.ForeignKey("Feed", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    query = models.CharField(max_length=200, blank=True, help_text="For a saved search: its words")
    email = models.BooleanField(default=True, help_text="Also by email (always in the admin inbox)")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="speaker", speaker__isnull=False, publisher__isnull=True, feed__isnull=True)
                    | Q(kind="publisher", publisher__isnull=False, speaker__isnull=True, feed__isnull=True)
                    | Q(kind="feed", feed__isnull=False, speaker__isnull=True, publisher__isnull=True)
                    | (
                        Q(kind="search", speaker__isnull=True, publisher__isnull=True, feed__isnull=True)
                        & ~Q(query="")
                    )
                ),
                name="subscription_names_its_one_subject",
                violation_error_message="A subscription follows one thing: the speaker, publisher or feed "
                "its kind names (and no other), or, for a saved search, its words.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"

    @property
    def subject(self) -> str:
        """What is followed, in words ("speaker Ada Quill", "search “school meals”")."""
        if self.kind == self.Kind.SEARCH:
            return f"search “{self.query}”"
        target = self.speaker or self.publisher or self.feed
        return f"{self.kind} {target}"


class Notification(models.Model):
    """One message in an editor's inbox: a new claim matching a subscription (at most one per
    editor and claim, however many of their subscriptions it matches), or a claim assigned."""

    class Reason(models.TextChoices):
        MATCH = "match", "A new claim you follow"
        ASSIGNED = "assigned", "Assigned to you"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    subscription = models.ForeignKey(
        Subscription, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "inbox"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "claim"], condition=Q(reason="match"), name="notification_once_per_claim"
            )
        ]

    def __str__(self) -> str:
        return self.message


class WebhookEvent(models.TextChoices):
    CLAIM_CREATED = "claim.created", "Claim created"
    STATE_CHANGED = "claim.state_changed", "State changed"
    VERDICT_SET = "claim.verdict_set", "Verdict set"
    PUBLISHED = "claim.published", "Published"


def _webhook_secret() -> str:
    import base64
    import secrets

    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def _sealed_webhook_secret() -> str:
    """A secret no one has seen yet, encrypted: a webhook always has one to sign with, and the
    admin gives each new webhook a fresh one that it shows once (Webhook.new_secret)."""
    return crypto.seal(_webhook_secret())


class Webhook(models.Model):
    """Another tool told of claim events: POSTed JSON, signed by the Standard Webhooks scheme
    with its secret. An unpublished claim's events go only to endpoints whose owner may see drafts.
    Its URL must be one deliveries may reach (claims.net: no loopback or private address unless
    CLAIMS_FETCH_ALLOWED_NETWORKS allows it), checked when it is saved and on every delivery."""

    Event = WebhookEvent

    name = models.CharField(max_length=100)
    url = models.URLField(max_length=2000)
    secret = models.TextField(
        default=_sealed_webhook_secret,
        editable=False,
        help_text="The signing secret (whsec_…), encrypted (claims.crypto): shown once, when the webhook "
        "is created",
    )
    events = models.JSONField(default=list, help_text="Which events are sent (empty: all)")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Whose rights decide what it receives: without the right to see claims, published "
        "claims only",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def wants(self, event: str) -> bool:
        return self.active and (not self.events or event in self.events)

    def signing_secret(self) -> str:
        """The secret in clear, to sign with; crypto.Unreadable when the key has changed."""
        return crypto.unseal(self.secret)

    def new_secret(self) -> str:
        """Give the webhook a fresh secret, kept encrypted; returned in clear, to be shown once."""
        plain = _webhook_secret()
        self.secret = crypto.seal(plain)
        return plain

    def clean(self) -> None:
        if not self.url:
            return  # the field's own error says so
        try:
            net.resolve(self.url, allowed_networks=net.allowed_by_settings())
        except net.Refused as exc:
            # An administrator reads this: the detail (the address found) helps them.
            raise ValidationError({"url": exc.detail}) from None
        except net.Unreachable:
            pass  # a name that does not resolve just now: each delivery checks it again


class WebhookDelivery(models.Model):
    """One event for one endpoint, about a list of claims (up to
    claims.notify.webhooks.MAX_CLAIMS_PER_DELIVERY: a batch's new claims travel together): the row
    is the record of work (a Celery task sends it, and tries again with backoff), kept with the
    endpoint's answer."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (gave up)"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30, choices=WebhookEvent.choices)
    claim_ids = models.JSONField(default=list, help_text="The claims it tells of, in the order it lists them")
    message_id = models.CharField(max_length=40, unique=True)
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    lease = models.UUIDField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} to {self.webhook_id} ({self.state})"


# --- Other fact-checkers' verdicts (ClaimReview imported) ------------------------------------
class ExternalReviewQuerySet(models.QuerySet):
    def listed(self) -> "ExternalReviewQuerySet":
        """Without `document` (up to CLAIMS_EXTERNAL_REVIEW_MAX_BYTES each): what every list and
        page of reviews reads. The review's own admin page loads it when it shows it."""
        return self.defer("document", "embedding")


class ExternalReview(models.Model):
    """A verdict another fact-checker published, as schema.org ClaimReview: imported from a
    DataFeed, JSON lines or a page's embedded JSON-LD (claims.ingest.claimreview). One per URL:
    importing it again updates it."""

    class Origin(models.TextChoices):
        IMPORT = "import", "Imported file or feed"
        PAGE = "page", "Embedded in an ingested page"

    url = models.URLField(max_length=2000, unique=True)
    publisher = models.CharField(max_length=300, blank=True, help_text="Who published the review")
    publisher_url = models.URLField(max_length=2000, blank=True)
    author = models.CharField(
        max_length=300, blank=True, help_text="Who wrote the review (author), when not its publisher"
    )
    claim_reviewed = models.TextField()
    headline = models.CharField(max_length=500, blank=True)
    rating_text = models.CharField(
        max_length=300, blank=True, help_text="The rating in words (alternateName)"
    )
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    rating_explanation = models.TextField(blank=True)
    claim_author = models.CharField(max_length=300, blank=True, help_text="Who made the claim reviewed")
    claim_author_title = models.CharField(max_length=300, blank=True, help_text="Their job title (jobTitle)")
    claim_author_same_as = models.URLField(
        max_length=2000, blank=True, help_text="Who they are (sameAs: Wikidata)"
    )
    claim_date = models.DateField(null=True, blank=True, help_text="When the claim was made")
    appearance_url = models.URLField(max_length=2000, blank=True, help_text="Where the claim appeared first")
    published_on = models.DateField(null=True, blank=True, help_text="When the review was published")
    modified_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=20, blank=True)
    # The claim reviewed as the search's sentence encoder reads it (float32, claims.retrieval):
    # made when the review is linked, so that claims stored later find the reviews they match.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_model = models.CharField(max_length=50, blank=True, editable=False)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.IMPORT)
    found_at = models.CharField(max_length=2000, blank=True, help_text="The file, feed or page it came from")
    merged = models.BooleanField(
        default=False,
        help_text="Its input held the address more than once: the records were merged "
        "(the later modified, then the greater document), and are again when it is read again",
    )
    # At most CLAIMS_EXTERNAL_REVIEW_MAX_BYTES (document_refusal); lists defer it (`listed`).
    document = models.JSONField(help_text="The ClaimReview as read")
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExternalReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["publisher", "-published_on"])]

    def __str__(self) -> str:
        by = self.publisher or "someone"
        return f"{by}: {self.rating_text or 'rated'} ({self.claim_reviewed[:80]})"

    @staticmethod
    def document_limit() -> int:
        """The most bytes of JSON (compact, UTF-8) a review's document may hold. Lists never read
        `document`, but an import compares it and the admin shows it: one review must not hold
        megabytes."""
        return settings.CLAIMS_EXTERNAL_REVIEW_MAX_BYTES

    @classmethod
    def document_refusal(cls, *, size: int, exact: bool = True) -> str:
        """Why a ClaimReview of `size` bytes of JSON is not kept, "" when it is. `exact=False`:
        `size` is only what was read of it so far."""
        limit = cls.document_limit()
        if size <= limit:
            return ""
        if not exact:
            return f"the review is over the {limit:,} bytes of JSON kept (CLAIMS_EXTERNAL_REVIEW_MAX_BYTES)"
        return f"the review is {size:,} bytes of JSON, over the {limit:,} kept (CLAIMS_EXTERNAL_REVIEW_MAX_BYTES)"


class ExternalReviewLinkQuerySet(models.QuerySet):
    def with_reviews(self) -> "ExternalReviewLinkQuerySet":
        """Each link with its review, read as lists read reviews (ExternalReview.objects.listed)."""
        return self.select_related("review").defer("review__document", "review__embedding")


class ExternalReviewLink(models.Model):
    """An external review matched to one of our claims by the retrieval service: suggested (an
    editor confirms or removes it) or, when the match is strong, made automatically; the score and
    the reason recorded either way."""

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REMOVED = "removed", "Removed"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="external_links")
    review = models.ForeignKey(ExternalReview, on_delete=models.CASCADE, related_name="links")
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    automatic = models.BooleanField(default=False, help_text="Confirmed by the score alone, not by an editor")
    score = models.FloatField()
    reason = models.CharField(max_length=300)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExternalReviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["claim", "review"], name="external_link_once")]
        indexes = [models.Index(fields=["review", "state"])]

    def __str__(self) -> str:
        return f"claim {self.claim_id} ↔ review {self.review_id} ({self.state})"
