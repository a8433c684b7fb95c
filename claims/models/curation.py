"""What editors did to claims: the audit history (ClaimEvent) and public corrections."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from claims.models.claims import Claim


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
