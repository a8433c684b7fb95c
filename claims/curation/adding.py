"""A statement the extractor missed, added by an editor from the article's text (the review page's
"Add as a statement", or decision=add with start, end, speaker, stance and kind).

The new claim is an ordinary claim: stored through the same store service as an extracted one
(claims.store.storing: fingerprint, matching an existing variant, anchors), then recorded in its
history, indexed for search and told of (webhooks, subscribers) once committed. It is marked as
added by an editor on its appearance: rule "editor" (EDITOR_RULE) and, as how its speaker was
resolved, "chosen by <editor>" — what the admin's "found by" shows.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from claims import retrieval
from claims.curation.permissions import require, signed_in_user
from claims.extraction import checkworthiness
from claims.extraction.types import ClaimKind, ExtractedClaim, Mention, Stance
from claims.models import (
    Appearance,
    Claim,
    ClaimEvent,
    Source,
    Speaker,
    Viewer,
    WebhookEvent,
    validate_plain_text,
)
from claims.notify import subscriptions, webhooks
from claims.store import storing

EDITOR_RULE = "editor"
_QUOTES = "\"“”‘’«»'"


def selection(text: str, start: int, end: int) -> tuple[int, int]:
    """The selection's offsets without the white space and quotation marks around its words."""
    if not (0 <= start < end <= len(text)):
        raise ValidationError("The selection is not within the article's text: select its words again.")
    while start < end and (text[start].isspace() or text[start] in _QUOTES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTES):
        end -= 1
    if end <= start:
        raise ValidationError("Select the statement's words, not only space or quotation marks.")
    return start, end


def _kind(text: str, start: int, end: int, kind: str) -> str:
    if kind:
        return ClaimKind(kind).value
    quoted = start > 0 and text[start - 1] in _QUOTES
    return (ClaimKind.DIRECT if quoted else ClaimKind.REPORTED).value


def _mention(text: str, speaker: Speaker, near: int) -> tuple[int | None, int | None]:
    """Where the article names the speaker nearest the statement (their surname), if it does."""
    surname = speaker.name.split()[-1] if speaker.name.split() else ""
    best: tuple[int, int] | None = None
    at = text.find(surname) if surname else -1
    while at >= 0:
        if best is None or abs(at - near) < abs(best[0] - near):
            best = (at, at + len(surname))
        at = text.find(surname, at + 1)
    return best if best else (None, None)


def add_statement(
    *,
    source_id: int,
    start: int,
    end: int,
    speaker: Speaker,
    stance: str,
    kind: str = "",
    user: Viewer,
) -> Claim:
    """Add the words between start and end of the source's text as `speaker`'s statement in
    `stance`; the claim it is (a new one, or the same statement already on record)."""
    require(user, "claims.change_claim")
    if stance not in Stance._value2member_map_:
        raise ValidationError(f"“{stance}” is not a stance.")
    if kind and kind not in ClaimKind._value2member_map_:
        raise ValidationError(f"“{kind}” is not a kind of claim.")
    editor = signed_in_user(user)
    with transaction.atomic():
        source = Source.objects.select_for_update().filter(pk=source_id).first()
        if source is None:
            raise ValidationError(f"No source {source_id}.")
        text = source.text
        start, end = selection(text, start, end)
        words = text[start:end]
        validate_plain_text(words)
        if len(" ".join(words.split())) > Claim.MAX_TEXT:
            raise ValidationError(f"A statement is at most {Claim.MAX_TEXT:,} characters.")
        taken = Appearance.objects.filter(source=source, start=start, end=end).values_list(
            "claim_id", flat=True
        )
        if taken.exists():
            raise ValidationError(f"These words are already claim {taken.first()}.")
        mention_start, mention_end = _mention(text, speaker, start)
        found = ExtractedClaim(
            text=words,
            start=start,
            end=end,
            kind=_kind(text, start, end, kind),
            speaker=Mention(
                text=speaker.name,
                start=mention_start if mention_start is not None else start,
                end=mention_end if mention_end is not None else start,
                name=speaker.name,
                kind=speaker.kind,
                resolution=f"chosen by {editor.get_username() if editor else 'an editor'}",
            ),
            checkworthiness=checkworthiness.score(" ".join(words.split())),
            rule=EDITOR_RULE,
            stance=Stance(stance),
        )
        added = storing.store_extracted(source=source, found=[found])
        appearance = Appearance.objects.select_related("claim__speaker").get(
            source=source, start=start, end=end
        )
        if mention_start is None:
            Appearance.objects.filter(pk=appearance.pk).update(speaker_start=None, speaker_end=None)
        claim = appearance.claim
        ClaimEvent.record(
            claim=claim,
            user=user,
            action=ClaimEvent.Action.ADD,
            from_state=claim.state,
            to_state=claim.state,
            details={
                "source": source.pk,
                "start": start,
                "end": end,
                "appearance": appearance.pk,
                "speaker": {"id": speaker.pk, "name": speaker.name},
                "stance": stance,
                "new_claim": bool(added.claims),
            },
        )
        if added.claims:
            webhooks.emit(event=WebhookEvent.CLAIM_CREATED, claims=[claim])
            claim_id = claim.pk
            transaction.on_commit(lambda: subscriptions.notify_new_claims(claim_ids=[claim_id]))
        transaction.on_commit(lambda: retrieval.index_quietly(claim_ids=[appearance.claim_id]))
    return claim
