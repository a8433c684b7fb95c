"""Reviewing one article's claims in one place: what the review page shows of each claim, and the
decisions taken there (accept, reject, edit the statement, change the speaker, merge with a
similar claim, accept or reject all that remain), each one call of the workflow's services."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.curation import adding, workflow
from claims.curation.permissions import require
from claims.identity import resolution
from claims.models import Appearance, Claim, ExternalReviewLink, Source, Speaker, Viewer, validate_plain_text

# Check-worthiness in words, as the claim list's filter bands it.
BANDS = ((0.7, "high"), (0.4, "medium"), (0.0, "low"))
SAID_ON_BASIS = {
    "stated": "said that day, in its own words",
    "inferred": "inferred from the day the article sets",
    "published": "the article's date (the author's own assertion)",
}


def worth_band(checkworthiness: float) -> str:
    return next(word for floor, word in BANDS if checkworthiness >= floor)


@dataclass(frozen=True, slots=True)
class Item:
    """A claim as the review page lists it, from its first appearance in the article."""

    claim: Claim
    appearance: Appearance
    also: tuple[ExternalReviewLink, ...] = ()  # other fact-checkers' reviews linked (not removed)

    @property
    def worth(self) -> str:
        return worth_band(self.claim.checkworthiness)

    @property
    def said(self) -> str:
        """When it was said and how that is known, in words; or that it is not known."""
        appearance = self.appearance
        if appearance.said_on is None:
            return "not known"
        basis = SAID_ON_BASIS.get(appearance.said_on_basis, "basis not recorded")
        return f"{appearance.said_on:%d %B %Y} ({basis})"


def items(source: Source) -> list[Item]:
    """The source's claims in reading order, each once (at its first appearance)."""
    appearances = (
        Appearance.objects.filter(source=source)
        .select_related("claim__speaker", "claim__verdict", "claim__assigned_to")
        .order_by("start", "pk")
    )
    seen: dict[int, Appearance] = {}
    for appearance in appearances[:2000]:
        seen.setdefault(appearance.claim_id, appearance)
    also: dict[int, list[ExternalReviewLink]] = {}
    links = ExternalReviewLink.objects.filter(claim_id__in=list(seen)).exclude(
        state=ExternalReviewLink.State.REMOVED
    )
    for link in links.with_reviews().order_by("-score"):
        also.setdefault(link.claim_id, []).append(link)
    return [Item(a.claim, a, tuple(also.get(claim_id, ()))) for claim_id, a in seen.items()]


def next_after(listed: list[Item], claim_id: int | None) -> int | None:
    """The claim to review after `claim_id`: the next new one after it, else the first new one
    before it, else the next in the list (None at the end of an article already reviewed)."""
    ids = [item.claim.pk for item in listed]
    start = ids.index(claim_id) + 1 if claim_id in ids else 0
    ordered = listed[start:] + listed[:start]
    for item in ordered:
        if item.claim.state == Claim.State.NEW and item.claim.pk != claim_id:
            return item.claim.pk
    return ids[start] if start < len(ids) else None


def _state_of(decision: str) -> str:
    """The state a decision moves a claim to."""
    states = {"accept": Claim.State.ACCEPTED, "reject": Claim.State.REJECTED}
    if decision not in states:
        raise ValidationError(f"“{decision}” is not a decision: accept or reject.")
    return states[decision]


def decide(*, claim_id: int, decision: str, user: Viewer) -> Claim:
    """Accept or reject one claim."""
    return workflow.claim_transition(claim_id=claim_id, to_state=_state_of(decision), user=user)


def decide_remaining(*, source_id: int, decision: str, user: Viewer) -> int:
    """Accept (or reject) every claim of the article still new; how many."""
    to_state = _state_of(decision)
    remaining = (
        Claim.objects.filter(appearances__source_id=source_id, state=Claim.State.NEW)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    with transaction.atomic():
        for claim_id in remaining[:1000]:
            workflow.claim_transition(claim_id=claim_id, to_state=to_state, user=user)
            done += 1
    return done


def edit_statement(*, claim_id: int, text: str, user: Viewer) -> Claim:
    """The claim worded as `text` (its spaces and line breaks made single spaces); the model's
    validation refuses control characters."""
    text = " ".join(text.split())
    if not text:
        raise ValidationError("A statement cannot be empty.")
    if len(text) > Claim.MAX_TEXT:
        raise ValidationError(
            f"A statement is at most {Claim.MAX_TEXT:,} characters (this one has {len(text):,})."
        )
    return workflow.claim_edit(claim_id=claim_id, changes={"text": text}, user=user)


def speaker_called(*, name: str, create: bool, user: Viewer, kind: str = "") -> Speaker | None:
    """The speaker of this name (or alias); with `create`, a new speaker when nobody has it. None
    for an empty name."""
    name = " ".join(name.split())
    if not name:
        return None
    validate_plain_text(name)  # before it is looked up: PostgreSQL refuses a NUL even in a query
    speaker = resolution.speaker_named(name)
    if speaker is None:
        if not create:
            raise ValidationError(f"Nobody called {name} is known. Tick “create” to add them as a speaker.")
        require(user, "claims.add_speaker")
        speaker = resolution.new_speaker(name=name, kind=kind or Speaker.Kind.PERSON)
    return speaker


def change_speaker(*, claim_id: int, name: str, create: bool, user: Viewer, kind: str = "") -> Claim:
    """Give the claim the speaker of this name (or alias); with `create`, a new speaker when nobody
    has it. An empty name leaves the claim without a speaker."""
    speaker = speaker_called(name=name, create=create, user=user, kind=kind)
    return workflow.claim_edit(claim_id=claim_id, changes={"speaker": speaker}, user=user)


@dataclass(frozen=True, slots=True)
class MergeQuestion:
    """What the review page asks before a merge: both statements, each with its speaker."""

    claim: Claim
    target: Claim

    @property
    def same_speaker(self) -> bool:
        return workflow.same_speaker(self.claim, self.target)


def merge_question(*, claim: Claim, target_id: int, user: Viewer) -> MergeQuestion | None:
    """The question to ask before merging `claim` into `target_id` (None: no such claim to see)."""
    target = Claim.objects.visible_to(user).select_related("speaker").filter(pk=target_id).first()
    if target is None or target.pk == claim.pk:
        return None
    return MergeQuestion(claim, target)


def merge_into(*, claim_id: int, target_id: int, user: Viewer, across_speakers: bool = False) -> Claim:
    """The claim is the same statement as `target_id`, which keeps both claims' appearances (of
    two different speakers only with `across_speakers`: the editor said so)."""
    return workflow.claim_merge(
        target_id=target_id, other_ids=[claim_id], user=user, across_speakers=across_speakers
    )


def add_statement(
    *,
    source_id: int,
    start: int,
    end: int,
    speaker: str,
    create: bool,
    stance: str,
    user: Viewer,
    kind: str = "",
    speaker_kind: str = "",
) -> Claim:
    """A statement the extractor missed, from a selection of the article's text, by the speaker of
    this name (or alias; with `create`, a new one): claims.curation.adding."""
    who = speaker_called(name=speaker, create=create, user=user, kind=speaker_kind)
    if who is None:
        raise ValidationError("Name who said it.")
    return adding.add_statement(
        source_id=source_id, start=start, end=end, speaker=who, stance=stance, kind=kind, user=user
    )
