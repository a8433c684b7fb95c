"""Who says things: speakers and the other names (aliases) ingestion knows them by."""

from django.db import models
from django.db.models import Q

from claims.models.sources import _published_claims
from claims.models.validation import validate_plain_text
from claims.models.visibility import Viewer, may_see_drafts


class SpeakerQuerySet(models.QuerySet):
    def published(self) -> "SpeakerQuerySet":
        """Speakers of a published claim: a speaker is public only through one (as their page is)."""
        return self.filter(models.Exists(_published_claims().filter(speaker=models.OuterRef("pk"))))

    def visible_to(self, user: Viewer) -> "SpeakerQuerySet":
        return self.all() if may_see_drafts(user) else self.published()


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
