"""The editorial workflow: which state changes are allowed, who may make them, verdicts and merges.

The admin (issue 4) and the API call these same functions, so the rules live in one place.
Every change locks the claim row (select_for_update) so two editors cannot interleave.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims import retrieval
from claims.curation.permissions import has, require, signed_in_user
from claims.models import (
    NEXT_STATES,
    STANCE_CHOICES,
    Appearance,
    Claim,
    ClaimAnchor,
    ClaimEvent,
    Correction,
    Rating,
    Speaker,
    Viewer,
    WebhookEvent,
)
from claims.notify import inbox, webhooks
from claims.store import matching

State = Claim.State

# Which state may follow which is the model's table (claims.models.claims.NEXT_STATES, asked by
# Claim.can_become); who may make each move and why one is refused are decided here.
# The permission a state change into each state needs.
PERMISSION_FOR: dict[str, str] = {
    State.NEW: "claims.change_claim",
    State.ACCEPTED: "claims.change_claim",
    State.REJECTED: "claims.change_claim",
    State.REVIEWED: "claims.review_claim",
    State.PUBLISHED: "claims.publish_claim",
}


# Why a state change is not allowed, in the words an editor reads (the ones not listed: generic).
_WHY_NOT: dict[tuple[str, str], str] = {
    (State.NEW, State.REVIEWED): "A new claim cannot be marked reviewed: accept it and set a verdict first.",
    (
        State.NEW,
        State.PUBLISHED,
    ): "A new claim cannot be published: accept it, set a verdict and review it first.",
    (State.ACCEPTED, State.PUBLISHED): "An accepted claim cannot be published before review.",
    (State.REJECTED, State.REVIEWED): "A rejected claim cannot be marked reviewed: accept it again first.",
    (State.REJECTED, State.PUBLISHED): "A rejected claim cannot be published: accept it again first.",
    (State.REVIEWED, State.NEW): "A reviewed claim cannot go back to new: return it to accepted first.",
    (State.REVIEWED, State.REJECTED): "A reviewed claim cannot be rejected: return it to accepted first.",
    (State.PUBLISHED, State.NEW): "A published claim cannot go back to new: unpublish it first.",
    (State.PUBLISHED, State.ACCEPTED): "A published claim cannot go back to accepted: unpublish it first.",
    (State.PUBLISHED, State.REJECTED): "A published claim cannot be rejected: unpublish it first.",
}


def why_not(from_state: str, to_state: str) -> str:
    """Why a claim in from_state cannot move to to_state, in words."""
    if from_state == to_state:
        return f"The claim is already {State(from_state).label.lower()}."
    allowed = ", ".join(State(s).label.lower() for s in sorted(NEXT_STATES[from_state])) or "nothing"
    article = "An" if from_state[0] in "aeiou" else "A"
    return _WHY_NOT.get(
        (from_state, to_state),
        f"{article} {from_state} claim cannot become {to_state}; it can become: {allowed}.",
    )


def transitions_for(*, claim: Claim, user: Viewer) -> list[str]:
    """The states this user may move this claim to now (the claim page's buttons)."""
    return [
        state
        for state in sorted(NEXT_STATES[claim.state], key=list(State.values).index)
        if has(user, PERMISSION_FOR[state])
        and not (state in (State.REVIEWED, State.PUBLISHED) and claim.verdict_id is None)
    ]


def claim_transition(*, claim_id: int, to_state: str, user: Viewer) -> Claim:
    if to_state not in PERMISSION_FOR:
        raise ValidationError(f"{to_state!r} is not a claim state.")
    require(user, PERMISSION_FOR[to_state])
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if not claim.can_become(to_state):
            raise ValidationError(why_not(claim.state, to_state))
        if to_state in (State.REVIEWED, State.PUBLISHED) and claim.verdict_id is None:
            raise ValidationError("Set a verdict before the claim is reviewed or published.")
        from_state = claim.state
        claim.state = to_state
        # Published now, or off the public record (unpublished, or never on it).
        claim.published_at = timezone.now() if claim.is_published else None
        claim.save(update_fields=["state", "published_at", "updated_at"])
        ClaimEvent.record(
            claim=claim,
            user=user,
            action=ClaimEvent.Action.TRANSITION,
            from_state=from_state,
            to_state=to_state,
        )
        webhooks.emit(event=WebhookEvent.STATE_CHANGED, claims=[claim])
        if to_state == State.PUBLISHED:
            webhooks.emit(event=WebhookEvent.PUBLISHED, claims=[claim])
    return claim


def claim_set_verdict(*, claim_id: int, rating_value: int, explanation: str, user: Viewer) -> Claim:
    require(user, "claims.review_claim")
    try:
        rating = Rating.objects.get(value=rating_value)
    except Rating.DoesNotExist:
        values = ", ".join(str(v) for v in Rating.objects.values_list("value", flat=True))
        raise ValidationError(f"{rating_value} is not on the rating scale ({values}).") from None
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.state in (State.NEW, State.REJECTED):
            raise ValidationError(f"Accept the claim before rating it (it is {claim.state}).")
        before = claim.verdict  # None without a query when there is none
        previous = before.value if before is not None else None
        if claim.is_published and before is not None and previous != rating.value:
            Correction.objects.create(
                claim=claim,
                what=Correction.What.VERDICT,
                note=f"The verdict was changed from “{before.label}” to “{rating.label}”.",
                user=signed_in_user(user),
            )
        claim.verdict = rating
        claim.verdict_explanation = explanation
        claim.reviewed_at = timezone.now()
        claim.save(update_fields=["verdict", "verdict_explanation", "reviewed_at", "updated_at"])
        ClaimEvent.record(
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
        webhooks.emit(event=WebhookEvent.VERDICT_SET, claims=[claim])
    return claim


def claim_merge(
    *, target_id: int, other_ids: Iterable[int], user: Viewer, across_speakers: bool = False
) -> Claim:
    """The others are the same statement as the target: their appearances move to it, they go.

    Claims of two different speakers are merged only when the editor says so (`across_speakers`):
    one person's claim is never made another's by a slip. The history keeps what each moved
    appearance's claim was (speaker, stance, kind, words), so that claim_split can restore it."""
    require(user, "claims.change_claim")
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
        if any(locked[pk].is_published for pk in others):
            raise ValidationError("A published claim cannot be merged away; unpublish it first.")
        target = locked[target_id]
        if target.is_published:
            _check_merge_into_published(target=target, others=[locked[pk] for pk in others], user=user)
        strangers = [pk for pk in others if not same_speaker(locked[pk], target)]
        if strangers and not across_speakers:
            names = {pk: str(locked[pk].speaker or "no speaker") for pk in [target_id, *strangers]}
            raise ValidationError(
                f"Claim {strangers[0]} is {names[strangers[0]]}'s and claim {target_id} is "
                f"{names[target_id]}'s: claims of different speakers are merged only when you say "
                "they are one statement (tick “different speakers: merge anyway”)."
            )
        origins = {
            str(appearance_id): {
                "claim": claim_id,
                "speaker": locked[claim_id].speaker_id,
                "stance": locked[claim_id].stance,
                "kind": locked[claim_id].kind,
                "text": locked[claim_id].text,
            }
            for appearance_id, claim_id in Appearance.objects.filter(claim_id__in=others).values_list(
                "pk", "claim_id"
            )
        }
        moved = Appearance.objects.filter(claim_id__in=others).update(claim_id=target_id)
        ClaimEvent.record(
            claim=locked[target_id],
            user=user,
            action=ClaimEvent.Action.MERGE,
            details={
                "merged": others,
                "texts": {str(pk): locked[pk].text for pk in others},
                "appearances_moved": moved,
                "origins": origins,
                **({"across_speakers": True} if strangers else {}),
            },
        )
        Claim.objects.filter(pk__in=others).delete()
    return Claim.objects.get(pk=target_id)


def _check_merge_into_published(*, target: Claim, others: list[Claim], user: Viewer) -> None:
    """A merge into a published fact check puts the others' appearances on the public record
    under its verdict: only someone who may review does that (an editor's merge would publish
    unreviewed drafts), and only with claims of its stance (the verdict was given on a denial,
    say; an assertion of the same words is another statement, not one more place it appeared)."""
    if not has(user, "claims.review_claim"):
        raise PermissionDenied(
            f"Claim {target.pk} is published: only a reviewer may merge claims into it "
            "(or send it back to review first)."
        )
    labels = dict(STANCE_CHOICES)
    other = next((c for c in others if c.stance != target.stance), None)
    if other is not None:
        raise ValidationError(
            f"Claim {other.pk} is {labels[other.stance].lower()} and the published claim {target.pk} is "
            f"{labels[target.stance].lower()}: a published verdict covers one stance, so they are "
            "not merged."
        )


def same_speaker(one: Claim, other: Claim) -> bool:
    """Whether two claims are one speaker's (or both nobody's)."""
    return one.speaker_id == other.speaker_id


def claim_assign(
    *, claim_ids: Iterable[int], assignee: User | None, user: Viewer, due_on: date | None = None
) -> int:
    """Give the claims to `assignee` (None: unassign), to be done by `due_on`; returns how many
    changed hands or due dates. The assignee is told (inbox and email), unless they assigned
    themselves."""
    require(user, "claims.change_claim")
    if assignee is not None and not assignee.has_perm("claims.change_claim"):
        raise ValidationError(f"{assignee} cannot curate claims, so cannot be assigned any.")
    if due_on is not None and assignee is None:
        raise ValidationError("A due date needs someone to assign the claims to.")
    with transaction.atomic():
        claims = list(
            Claim.objects.select_for_update()
            .filter(pk__in=list(claim_ids))
            .exclude(Q(assigned_to=assignee) & Q(due_on=due_on) if due_on else Q(assigned_to=assignee))
            .order_by("pk")
        )
        for claim in claims:
            ClaimEvent.record(
                claim=claim,
                user=user,
                action=ClaimEvent.Action.ASSIGN,
                details={
                    "from": claim.assigned_to_id,
                    "to": assignee.pk if assignee else None,
                    "to_name": assignee.get_username() if assignee else "",
                    **({"due_on": due_on.isoformat()} if due_on else {}),
                },
            )
        Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
            assigned_to=assignee, due_on=due_on, updated_at=timezone.now()
        )
        if assignee is not None and claims and assignee != signed_in_user(user):
            for claim in claims:
                claim.due_on = due_on
            inbox.tell_assigned(claims=claims, assignee=assignee, by=signed_in_user(user))
    return len(claims)


EDITABLE = ("text", "speaker", "kind", "stance", "headline", "checkworthiness", "notes")


def claim_twin(*, claim: Claim) -> Claim | None:
    """Another claim that is already this claim's statement by its speaker, in its stance (by the
    fingerprint it has now: rekeyed after an edit)."""
    twins = Claim.objects.filter(fingerprint=claim.fingerprint)
    if claim.pk is not None:  # (excluding "pk = None" would exclude nothing)
        twins = twins.exclude(pk=claim.pk)
    return twins.first()


def claim_edit(*, claim_id: int, changes: dict, user: Viewer) -> Claim:
    """An editor's correction of the claim's own fields. The history keeps each old and new value.

    Text, speaker and stance make the claim's identity: a correction that makes it the same
    statement as another claim is refused with that claim's number (merge them instead).
    """
    require(user, "claims.change_claim")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"These fields are not edited here: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        claim = Claim.objects.select_for_update(of=("self",)).select_related("speaker").get(pk=claim_id)
        before = {name: getattr(claim, name) for name in changes}
        for name, value in changes.items():
            setattr(claim, name, value)
        changed = [name for name in changes if before[name] != getattr(claim, name)]
        if not changed:
            return claim
        if {"text", "speaker", "stance"} & set(changed):
            claim.rekey()
            twin = claim_twin(claim=claim)
            if twin is not None:
                raise ValidationError(
                    f"Claim {twin.pk} is already this statement by this speaker; merge the two instead."
                )
        claim.full_clean(exclude=["fingerprint", "assigned_to", "verdict"], validate_unique=False)
        identity = [name for name in ("text", "speaker", "stance") if name in changed]
        back_to_review = False
        if claim.is_published and identity:
            if has(user, "claims.review_claim"):
                # A reviewer corrects the published claim: it stays published, the change shown.
                Correction.objects.bulk_create(
                    Correction(
                        claim=claim,
                        user=signed_in_user(user),
                        **_correction(name, before[name], getattr(claim, name)),
                    )
                    for name in identity
                )
            else:
                # Its verdict was given to other words: back to review, off the public record.
                back_to_review = True
                claim.state, claim.published_at = State.ACCEPTED, None
                changed += ["state", "published_at"]
        claim.save(update_fields=[*changed, "fingerprint", "updated_at"])
        if back_to_review:
            ClaimEvent.record(
                claim=claim,
                user=user,
                action=ClaimEvent.Action.TRANSITION,
                from_state=State.PUBLISHED,
                to_state=State.ACCEPTED,
                details={"reason": "edited after publication by someone who may not review: back to review"},
            )
            changed = [name for name in changed if name not in ("state", "published_at")]
        if "speaker" in changed or "text" in changed:
            ClaimAnchor.objects.filter(claim=claim).delete()
            matching.index([(claim.pk, claim.text, claim.speaker_id)])
        if {"text", "speaker", "headline"} & set(changed):
            # Search reads them: indexed again once the edit is committed, outside its transaction.
            transaction.on_commit(lambda: retrieval.index_quietly(claim_ids=[claim_id]))
        ClaimEvent.record(
            claim=claim,
            user=user,
            action=ClaimEvent.Action.EDIT,
            from_state=claim.state,
            to_state=claim.state,
            details={
                name: {"from": _plain(before[name]), "to": _plain(getattr(claim, name))} for name in changed
            },
        )
    return claim


def _correction(name: str, old, new) -> dict:
    """The public note of a change to a published claim's wording, speaker or stance."""
    if name == "text":
        return {"what": Correction.What.WORDING, "note": f"The wording was changed from “{old}” to “{new}”."}
    if name == "speaker":
        was, now = (str(v) if v else "an unknown speaker" for v in (old, new))
        return {"what": Correction.What.SPEAKER, "note": f"The speaker was changed from {was} to {now}."}
    labels = dict(STANCE_CHOICES)
    return {
        "what": Correction.What.STANCE,
        "note": f"The stance was changed from “{labels[old]}” to “{labels[new]}”.",
    }


def _plain(value):
    """A value as the history stores it (JSON): a speaker as its id and name."""
    if hasattr(value, "pk"):
        return {"id": value.pk, "name": str(value)}
    return value


def claim_split(*, claim_id: int, appearance_ids: Iterable[int], user: Viewer) -> Claim:
    """The chosen appearances are a different statement: they move to a new claim (new, unrated,
    by the same speaker, worded as the first of them). Undoes a wrong merge."""
    require(user, "claims.change_claim")
    wanted = sorted(set(appearance_ids))
    with transaction.atomic():
        claim = Claim.objects.select_for_update(of=("self",)).select_related("speaker").get(pk=claim_id)
        appearances = list(Appearance.objects.filter(claim=claim).order_by("pk"))
        chosen = [a for a in appearances if a.pk in wanted]
        if len(chosen) != len(wanted):
            raise ValidationError("Choose appearances of this claim.")
        if not chosen or len(chosen) == len(appearances):
            raise ValidationError("Choose some of the claim's appearances, not none and not all.")
        # What the first chosen appearance's claim was before a merge brought it here (speaker,
        # stance, kind, words), else the appearance's own words and stance.
        origin = _origin(claim_id=claim.pk, appearance_ids=[a.pk for a in chosen])
        speaker = (
            (Speaker.objects.filter(pk=origin["speaker"]).first() if origin.get("speaker") else None)
            if origin
            else claim.speaker
        )
        stance = origin.get("stance") or claim.stance
        kind = origin.get("kind") or claim.kind
        text = origin.get("text") or chosen[0].text
        new = Claim(
            text=text,
            speaker=speaker,
            kind=kind,
            stance=stance,
            checkworthiness=claim.checkworthiness,
            assigned_to=claim.assigned_to,
        )
        if Claim.objects.filter(fingerprint=new.rekey()).exists():
            # The same words stay one claim for ingestion; the split-off claim gets an identity
            # of its own that no article will produce.
            new.rekey(split_from=f"{claim.pk} at {timezone.now().isoformat()}")
        new.save(force_insert=True)
        Appearance.objects.filter(pk__in=wanted).update(claim=new)
        matching.index([(new.pk, new.text, new.speaker_id)])
        details = {"from_claim": claim.pk, "to_claim": new.pk, "appearances": wanted}
        ClaimEvent.record_all(
            [
                ClaimEvent.of(claim=claim, user=user, action=ClaimEvent.Action.SPLIT, details=details),
                ClaimEvent.of(claim=new, user=user, action=ClaimEvent.Action.SPLIT, details=details),
            ]
        )
        transaction.on_commit(lambda: retrieval.index_quietly(claim_ids=[new.pk]))
    return new


def _origin(*, claim_id: int, appearance_ids: list[int]) -> dict:
    """What the claim that first held one of these appearances was, as the latest merge into
    `claim_id` that moved it recorded ({} when none did: the appearance was always here)."""
    merges = ClaimEvent.objects.filter(claim_id=claim_id, action=ClaimEvent.Action.MERGE).order_by(
        "-at", "-pk"
    )
    for event in merges[:200]:
        origins = (event.details or {}).get("origins") or {}
        for appearance_id in appearance_ids:
            if str(appearance_id) in origins:
                return origins[str(appearance_id)]
    return {}
