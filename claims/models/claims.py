"""Claims: the statement (its fingerprint, kind, stance, state and verdict), the verdict scale,
the anchors that find its variants, and its appearances in sources. The rules about a claim live
here: the fingerprint (Claim.fingerprint_of, Claim.rekey), the published rule
(Claim.objects.published, Claim.is_published), who may read it (Claim.objects.visible_to,
Claim.is_visible_to) and the workflow's table of state changes (Claim.can_become)."""

import hashlib
import re
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from claims.models.sources import Source
from claims.models.speakers import Speaker
from claims.models.validation import validate_plain_text
from claims.models.visibility import Viewer, may_see_drafts


class ClaimKind(models.TextChoices):
    """How a statement reached the article. The extraction engine's ClaimKind
    (claims.extraction.types) has these values and labels, and the models read no engine code:
    tests/test_models.py holds the two equal."""

    DIRECT = "direct", "Direct quotation"
    MIXED = "mixed", "Partly quoted"
    REPORTED = "indirect", "Reported speech"
    ASSERTION = "assertion", "Author's assertion"


class ClaimStance(models.TextChoices):
    """What the speaker did with the statement. As with ClaimKind, the engine's Stance has these
    values and labels (tests/test_models.py holds them equal)."""

    ASSERTED = "asserted", "Asserted"
    DENIED = "denied", "Denied"
    QUESTIONED = "questioned", "Asked"
    PREDICTED = "predicted", "Predicted"
    WARNED = "warned", "Warned"
    PROMISED = "promised", "Promised"
    BELIEVED = "believed", "Believed"
    INTENDED = "intended", "Intended"
    URGED = "urged", "Urged"
    CHARACTERISED = "characterised", "Characterised"
    NEGATED = "negated", "Did not say"


KIND_CHOICES = ClaimKind.choices
STANCE_CHOICES = ClaimStance.choices


class ClaimState(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    REVIEWED = "reviewed", "Reviewed"
    PUBLISHED = "published", "Published"


# The editorial workflow's table: the states a claim in each state may move to. Who may make each
# move, and why a move is refused in an editor's words, are claims.curation.workflow's.
NEXT_STATES: dict[str, frozenset[str]] = {
    ClaimState.NEW: frozenset({ClaimState.ACCEPTED, ClaimState.REJECTED}),
    ClaimState.ACCEPTED: frozenset({ClaimState.REVIEWED, ClaimState.REJECTED, ClaimState.NEW}),
    ClaimState.REJECTED: frozenset({ClaimState.NEW, ClaimState.ACCEPTED}),
    ClaimState.REVIEWED: frozenset({ClaimState.PUBLISHED, ClaimState.ACCEPTED}),
    ClaimState.PUBLISHED: frozenset({ClaimState.REVIEWED}),  # unpublish
}


class Rating(models.Model):
    """One step of the verdict scale (configurable in the admin), as ClaimReview needs it."""

    value = models.PositiveSmallIntegerField(unique=True, help_text="ClaimReview ratingValue")
    label = models.CharField(max_length=100, unique=True, help_text="ClaimReview alternateName")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["value"]

    def __str__(self) -> str:
        return f"{self.label} ({self.value})"


# The published rule: a claim is on the public record when, and only while, its state is
# "published". Written here once: Claim.objects.published() filters by it, the index of the
# public record is made for it, and Claim.is_published tells it of one claim.
IS_PUBLISHED = Q(state=ClaimState.PUBLISHED)


class ClaimQuerySet(models.QuerySet):
    def curated(self) -> "ClaimQuerySet":
        """Claims an editor has touched: out of the "new" state, or with any history (an edit, an
        assignment, a merge). Re-extraction keeps them as they are."""
        # ClaimEvent's module imports this one (its foreign key): looked up when the query is built.
        from claims.models.curation import ClaimEvent

        touched = ClaimEvent.objects.filter(claim_id=models.OuterRef("pk"))
        return self.filter(~Q(state=ClaimState.NEW) | models.Exists(touched))

    def published(self) -> "ClaimQuerySet":
        """Published claims: what anyone may read, and all that the public pages, feeds and
        sitemaps show."""
        return self.filter(IS_PUBLISHED)

    def visible_to(self, user: Viewer) -> "ClaimQuerySet":
        """The claims `user` may read: every claim for those who may see drafts, else the
        published ones. Every read of claims for someone starts here."""
        return self.all() if may_see_drafts(user) else self.published()


# The fingerprint's parts: a statement's words (case, quote marks, punctuation and spacing aside).
_NOT_WORD = re.compile(r"[^\w]+")


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
                condition=IS_PUBLISHED,
                include=["speaker"],
                name="claim_published_newest",
            ),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "..."

    @property
    def is_published(self) -> bool:
        """This claim is among Claim.objects.published() (told without a query)."""
        return self.state == ClaimState.PUBLISHED

    def is_visible_to(self, user: Viewer) -> bool:
        """This claim is among Claim.objects.visible_to(user) (told without a query)."""
        return self.is_published or may_see_drafts(user)

    def can_become(self, state: str) -> bool:
        """Whether the workflow's table lets this claim move to `state` from the state it is in
        (who may make the move is claims.curation.workflow's question)."""
        return state in NEXT_STATES[self.state]

    # --- Identity --------------------------------------------------------------------------
    @staticmethod
    def fingerprint_of(*, text: str, speaker_key: str, stance: str = ClaimStance.ASSERTED) -> str:
        """The identity of a statement: its words (case, quote marks, punctuation and spacing
        aside), its speaker (by name_key) and its stance: an assertion and a denial of the same
        words are different claims. One claim per fingerprint (the unique column)."""
        words = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split()
        # An assertion's fingerprint is what it was before stances were recorded, so that the
        # claims stored then keep theirs; any other stance is part of what is hashed.
        marked = "" if stance == ClaimStance.ASSERTED else f"\x1f{stance}"
        return hashlib.sha256(f"{speaker_key}\x1f{' '.join(words)}{marked}".encode()).hexdigest()

    @property
    def speaker_key(self) -> str:
        """The speaker's part of the fingerprint: their name_key, or "" for no speaker."""
        return self.speaker.name_key if self.speaker is not None else ""

    def rekey(self, *, split_from: str = "") -> str:
        """Set the fingerprint from the claim's text, speaker and stance (unsaved: the caller saves
        it with the change that needed it), and return it. Whatever writes a claim's text,
        speaker or stance calls this: the fingerprint is never built anywhere else.

        `split_from`: a claim split off another (claims.curation.workflow.claim_split) whose
        words would be that claim's again gets an identity of its own that no article will
        produce: these words, this speaker, and where and when it was split off."""
        if split_from:
            self.fingerprint = Claim.fingerprint_of(
                text=self.text, speaker_key=f"{self.speaker_key}\x1fsplit from {split_from}"
            )
        else:
            self.fingerprint = Claim.fingerprint_of(
                text=self.text, speaker_key=self.speaker_key, stance=self.stance
            )
        return self.fingerprint


class ClaimAnchor(models.Model):
    """One anchor of a claim's text (claims.store.similarity.anchors): how a variant of the statement
    (trimmed, re-punctuated, partly quoted) finds the claim through an index, not a scan."""

    # claimanchor_unique (claim, value) leads with the claim: no index of its own.
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="anchors", db_index=False)
    value = models.BigIntegerField()
    # The claim's speaker, copied here because a merge needs the same speaker: ingestion looks up
    # (value, speaker) and finds that speaker's claims however many others share the phrase. Kept
    # in step by claims.store.matching.speaker_changed (speaker edits and merges).
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
