"""The editorial workflow: which state changes are allowed, who may make them, verdicts and merges.

The admin (issue 4) and the API call these same functions, so the rules live in one place.
Every change locks the claim row (select_for_update) so two editors cannot interleave.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Appearance, Claim, ClaimEvent, Rating

State = Claim.State

ALLOWED: dict[str, frozenset[str]] = {
    State.NEW: frozenset({State.ACCEPTED, State.REJECTED}),
    State.ACCEPTED: frozenset({State.REVIEWED, State.REJECTED, State.NEW}),
    State.REJECTED: frozenset({State.NEW, State.ACCEPTED}),
    State.REVIEWED: frozenset({State.PUBLISHED, State.ACCEPTED}),
    State.PUBLISHED: frozenset({State.REVIEWED}),  # unpublish
}
# The permission a state change into each state needs.
PERMISSION_FOR: dict[str, str] = {
    State.NEW: "claims.change_claim",
    State.ACCEPTED: "claims.change_claim",
    State.REJECTED: "claims.change_claim",
    State.REVIEWED: "claims.review_claim",
    State.PUBLISHED: "claims.publish_claim",
}


def _require(user, permission: str) -> None:
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(f"You need the {permission.split('.')[1].replace('_', ' ')} permission.")


def transition(claim_id: int, to_state: str, user) -> Claim:
    if to_state not in PERMISSION_FOR:
        raise ValidationError(f"{to_state!r} is not a claim state.")
    _require(user, PERMISSION_FOR[to_state])
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if to_state not in ALLOWED[claim.state]:
            allowed = ", ".join(sorted(ALLOWED[claim.state])) or "none"
            raise ValidationError(f"A {claim.state} claim cannot become {to_state}; allowed: {allowed}.")
        if to_state in (State.REVIEWED, State.PUBLISHED) and claim.verdict_id is None:
            raise ValidationError("Set a verdict before the claim is reviewed or published.")
        from_state = claim.state
        claim.state = to_state
        if to_state == State.PUBLISHED:
            claim.published_at = timezone.now()
        elif claim.state != State.PUBLISHED:
            claim.published_at = None
        claim.save(update_fields=["state", "published_at", "updated_at"])
        ClaimEvent.objects.create(
            claim=claim,
            user=user,
            action=ClaimEvent.Action.TRANSITION,
            from_state=from_state,
            to_state=to_state,
        )
    return claim


def set_verdict(claim_id: int, rating_value: int, explanation: str, user) -> Claim:
    _require(user, "claims.review_claim")
    try:
        rating = Rating.objects.get(value=rating_value)
    except Rating.DoesNotExist:
        values = ", ".join(str(v) for v in Rating.objects.values_list("value", flat=True))
        raise ValidationError(f"{rating_value} is not on the rating scale ({values}).") from None
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.state in (State.NEW, State.REJECTED):
            raise ValidationError(f"Accept the claim before rating it (it is {claim.state}).")
        previous = claim.verdict.value if claim.verdict_id else None
        claim.verdict = rating
        claim.verdict_explanation = explanation
        claim.reviewed_at = timezone.now()
        claim.save(update_fields=["verdict", "verdict_explanation", "reviewed_at", "updated_at"])
        ClaimEvent.objects.create(
            claim=claim,
            user=user,
            action=ClaimEvent.Action.VERDICT,
            from_state=claim.state,
            to_state=claim.state,
            details={
                "rating": rating.value,
                "label": rating.label,
                "previous_rating": previous,
                "explanation": explanation,
            },
        )
    return claim


def merge_claims(target_id: int, other_ids: Iterable[int], user) -> Claim:
    """The others are the same statement as the target: their appearances move to it, they go."""
    _require(user, "claims.change_claim")
    others = sorted(set(other_ids) - {target_id})
    if not others:
        raise ValidationError("Name at least one claim other than the target to merge.")
    with transaction.atomic():
        # Lock in id order so that two concurrent merges cannot deadlock.
        locked = {
            c.pk: c
            for c in Claim.objects.select_for_update().filter(pk__in=[target_id, *others]).order_by("pk")
        }
        missing = [pk for pk in [target_id, *others] if pk not in locked]
        if missing:
            raise ValidationError(f"No claim with id {', '.join(map(str, missing))}.")
        if any(locked[pk].state == State.PUBLISHED for pk in others):
            raise ValidationError("A published claim cannot be merged away; unpublish it first.")
        moved = Appearance.objects.filter(claim_id__in=others).update(claim_id=target_id)
        ClaimEvent.objects.create(
            claim=locked[target_id],
            user=user,
            action=ClaimEvent.Action.MERGE,
            details={
                "merged": others,
                "texts": {str(pk): locked[pk].text for pk in others},
                "appearances_moved": moved,
            },
        )
        Claim.objects.filter(pk__in=others).delete()
    return Claim.objects.get(pk=target_id)
