"""Claims moved to another speaker (a speakers' merge or split). A claim's identity includes its
speaker, so each moved claim is re-keyed, and one the new speaker already has (same words, same
stance) is merged into that claim rather than duplicated: the more advanced in the workflow
survives, with both claims' appearances."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from claims.models import Appearance, Claim, Speaker
from claims.store import matching

STATE_RANK = {"published": 4, "reviewed": 3, "accepted": 2, "new": 1, "rejected": 0}


@dataclass(frozen=True, slots=True)
class Move:
    """A claim that now belongs to the target speaker, and what its history should say."""

    claim: Claim
    details: dict[str, Any]


@dataclass(slots=True)
class Reassigned:
    moves: list[Move] = field(default_factory=list)
    merged_away: int = 0  # claims deleted because the target already had them


def move_claims(*, claims: list[Claim], target: Speaker, speakers: dict[int, Speaker]) -> Reassigned:
    """Move these claims (rows locked, each of a speaker in `speakers`) to `target`."""
    out = Reassigned()
    fingerprints = {
        Claim.fingerprint_of(text=c.text, speaker_key=target.name_key, stance=c.stance): c for c in claims
    }
    clashes = {
        c.fingerprint: c for c in Claim.objects.select_for_update().filter(fingerprint__in=fingerprints)
    }
    for fingerprint, claim in fingerprints.items():
        came_from = speakers[claim.speaker_id]  # type: ignore[index]  # claims of these speakers: never None
        details: dict[str, Any] = {
            "from_speaker": came_from.pk,
            "from_name": came_from.name,
            "to_speaker": target.pk,
            "to_name": target.name,
        }
        existing = clashes.get(fingerprint)
        if existing is not None and existing.pk != claim.pk:
            keep, drop = sorted([existing, claim], key=lambda c: (-STATE_RANK[c.state], c.pk))
            Appearance.objects.filter(claim=drop).update(claim=keep)
            details.update({"merged_claim": drop.pk, "merged_text": drop.text})
            drop.delete()
            out.merged_away += 1
            if keep is existing:
                out.moves.append(Move(keep, details))
                continue
            claim = keep
        claim.speaker = target
        claim.rekey()
        claim.save(update_fields=["speaker", "fingerprint"])
        out.moves.append(Move(claim, details))
    # Any claim left (a fingerprint shared by two moved claims) joins the one that moved.
    for leftover in Claim.objects.filter(pk__in=[c.pk for c in claims]).exclude(speaker=target):
        leftover.speaker = target
        keeper = Claim.objects.get(fingerprint=leftover.rekey())
        Appearance.objects.filter(claim=leftover).update(claim=keeper)
        leftover.delete()
        out.merged_away += 1
    matching.speaker_changed(_ids(out.moves), target.pk)
    return out


def _ids(moves: Iterable[Move]) -> list[int]:
    return [move.claim.pk for move in moves]
