"""Editors' decisions about who is who: aliases, merges and splits of speakers, each checked
against the editor's rights and recorded in the history of every claim it moves. What each
decision does to speakers is claims.identity's; what it does to claims, claims.store.reassign's."""

import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.curation.permissions import require
from claims.identity import merges
from claims.identity.aliases import write_aliases
from claims.identity.names import name_key
from claims.models import Claim, ClaimEvent, Speaker, Viewer, validate_plain_text
from claims.store.reassign import Reassigned, move_claims

logger = logging.getLogger(__name__)


def set_aliases(*, speaker_id: int, names: Iterable[str], user: Viewer) -> Speaker:
    """Make `names` the speaker's other names: later articles naming any of them resolve to it.

    A name that is another speaker's own name or alias is refused: that is a merge, not an alias.
    """
    require(user, "claims.change_speaker")
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().get(pk=speaker_id)
        write_aliases(speaker=speaker, names=names)
    return speaker


def merge_speakers(*, target_id: int, other_ids: Iterable[int], user: Viewer) -> Speaker:
    """The others are the same person as the target. Their claims and appearances move to it, their
    names become its aliases (so later articles resolve to it), their Wikidata id moves if it has
    none, every moved claim's history records the merge, and the others are deleted.

    A claim's identity includes its speaker, so a moved claim that the target already has (same
    words) is merged into that claim rather than duplicated; the more advanced in the workflow
    survives.
    """
    require(user, "claims.change_speaker", "claims.change_claim")
    with transaction.atomic():
        target, others = merges.lock(target_id=target_id, other_ids=other_ids)
        moved = list(Claim.objects.select_for_update().filter(speaker__in=others).order_by("pk"))
        result = move_claims(claims=moved, target=target, speakers={s.pk: s for s in others})
        _record(result, user=user, action=ClaimEvent.Action.SPEAKER_MERGE)
        merges.absorb(target=target, others=others)
        logger.info(
            "speakers %s merged into %s by %s: %d claims moved, %d merged",
            [other.pk for other in others],
            target.pk,
            getattr(user, "pk", None),
            len(moved),
            result.merged_away,
        )
    return target


def split_speaker(
    *, speaker_id: int, claim_ids: Iterable[int], new_name: str, user: Viewer, description: str = ""
) -> Speaker:
    """Two people were taken for one: the chosen claims (and their appearances) move to a new
    speaker of their own, recorded as a homonym of the first, so that later articles naming
    either are told apart by the role they give (claims.identity.names.choose_by_role)."""
    require(user, "claims.change_speaker", "claims.change_claim", "claims.add_speaker")
    new_name = " ".join(new_name.split())
    validate_plain_text(new_name)
    if not name_key(new_name):
        raise ValidationError("Give the other person a name.")
    wanted = sorted(set(claim_ids))
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().get(pk=speaker_id)
        merges.refuse_taken(speaker=speaker, new_name=new_name)
        claims = list(Claim.objects.select_for_update().filter(pk__in=wanted, speaker=speaker).order_by("pk"))
        if not claims or len(claims) != len(wanted):
            raise ValidationError("Choose some of this speaker's claims.")
        if len(claims) == Claim.objects.filter(speaker=speaker).count():
            raise ValidationError("Choose some of the speaker's claims, not all: that would be a rename.")
        other = merges.homonym(speaker=speaker, new_name=new_name, description=description)
        result = move_claims(claims=claims, target=other, speakers={speaker.pk: speaker})
        _record(result, user=user, action=ClaimEvent.Action.SPEAKER_SPLIT)
    logger.info("speaker %s split: %d claims to new speaker %s", speaker_id, len(claims), other.pk)
    return other


def _record(result: Reassigned, *, user: Viewer, action: str) -> None:
    ClaimEvent.record_all(
        [
            ClaimEvent.of(claim=move.claim, user=user, action=action, details=move.details)
            for move in result.moves
        ]
    )
