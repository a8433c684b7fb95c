"""Speaker identity: one speaker row per normalised name, plus the aliases and merges editors decide."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Appearance, Claim, ClaimEvent, Speaker, SpeakerAlias
from claims.names import name_key, surname_key
from claims.services import matching
from claims.services.fingerprints import claim_fingerprint
from claims.services.permissions import User, require

__all__ = ["name_key", "surname_key"]  # re-exported: callers import the key functions from here

logger = logging.getLogger(__name__)

# --- Editors' decisions about who is who -------------------------------------------------------


def speakers_by_alias(keys: Iterable[str]) -> dict[str, int]:
    """Which speaker each of these name keys is an alias of (keys that are no alias are left out)."""
    return dict(SpeakerAlias.objects.filter(name_key__in=list(keys)).values_list("name_key", "speaker_id"))


def _alias_keys(names: Iterable[str]) -> dict[str, str]:
    wanted: dict[str, str] = {}
    for name in names:
        name = " ".join(name.split())
        if name and (key := name_key(name)):
            wanted.setdefault(key, name)
    return wanted


def alias_conflicts(speaker_id: int | None, names: Iterable[str]) -> list[str]:
    """The names that already belong to another speaker (as its name or one of its aliases)."""
    wanted = _alias_keys(names)
    others = Speaker.objects.filter(name_key__in=wanted)
    aliases = SpeakerAlias.objects.filter(name_key__in=wanted)
    if speaker_id is not None:  # (excluding "pk = None" would exclude nothing)
        others, aliases = others.exclude(pk=speaker_id), aliases.exclude(speaker_id=speaker_id)
    return sorted({*others.values_list("name", flat=True), *aliases.values_list("name", flat=True)})


def set_aliases(*, speaker_id: int, names: Iterable[str], user: User) -> Speaker:
    """Make `names` the speaker's other names: later articles naming any of them resolve to it.

    A name that is another speaker's own name or alias is refused: that is a merge, not an alias.
    """
    require(user, "claims.change_speaker")
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().get(pk=speaker_id)
        _write_aliases(speaker, names)
    return speaker


def _write_aliases(speaker: Speaker, names: Iterable[str]) -> None:
    wanted = _alias_keys(names)
    wanted.pop(speaker.name_key, None)  # its own name needs no alias
    taken = alias_conflicts(speaker.pk, wanted.values())
    if taken:
        raise ValidationError(
            f"{', '.join(taken)}: already another speaker's name. Merge the speakers instead."
        )
    SpeakerAlias.objects.filter(speaker=speaker).exclude(name_key__in=wanted).delete()
    known = set(SpeakerAlias.objects.filter(speaker=speaker).values_list("name_key", flat=True))
    SpeakerAlias.objects.bulk_create(
        [SpeakerAlias(speaker=speaker, name=n[:300], name_key=k) for k, n in wanted.items() if k not in known]
    )
    speaker.aliases = sorted(wanted.values())
    speaker.save(update_fields=["aliases"])


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """One person or organisation of a newsroom's own list."""

    name: str
    kind: str = Speaker.Kind.PERSON
    aliases: tuple[str, ...] = ()
    wikidata_id: str = ""
    description: str = ""


def import_speaker(row: SpeakerRow) -> tuple[Speaker, bool]:
    """Create the speaker, or complete the one known by this name, alias or Wikidata id: aliases
    are added (never removed), an empty Wikidata id or description is filled. (speaker, created)."""
    key = name_key(row.name)
    if not key:
        raise ValidationError(f"{row.name!r} has no letters to recognise a speaker by.")
    if row.kind not in Speaker.Kind.values:
        raise ValidationError(f"kind must be one of {', '.join(Speaker.Kind.values)}, not {row.kind!r}.")
    with transaction.atomic():
        existing = (
            Speaker.objects.select_for_update().filter(name_key=key).first()
            or Speaker.objects.select_for_update().filter(alias_keys__name_key=key).first()
            or (
                Speaker.objects.select_for_update().filter(wikidata_id=row.wikidata_id).first()
                if row.wikidata_id
                else None
            )
        )
        created = existing is None
        speaker: Speaker
        if existing is None:
            speaker = Speaker(
                name=row.name[:300], name_key=key, surname_key=surname_key(row.name)[:100], kind=row.kind
            )
        else:
            speaker = existing
        if row.wikidata_id and not speaker.wikidata_id:
            speaker.wikidata_id = row.wikidata_id
        if row.description and not speaker.description:
            speaker.description = row.description
        speaker.full_clean(exclude=["aliases"], validate_unique=False)
        speaker.save()
        names = [*speaker.aliases, *row.aliases] + (
            [row.name] if not created and name_key(row.name) != speaker.name_key else []
        )
        _write_aliases(speaker, names)
    return speaker, created


STATE_RANK = {"published": 4, "reviewed": 3, "accepted": 2, "new": 1, "rejected": 0}


def merge_speakers(*, target_id: int, other_ids: Iterable[int], user: User) -> Speaker:
    """The others are the same person as the target. Their claims and appearances move to it, their
    names become its aliases (so later articles resolve to it), their Wikidata id moves if it has
    none, every moved claim's history records the merge, and the others are deleted.

    A claim's identity includes its speaker, so a moved claim that the target already has (same
    words) is merged into that claim rather than duplicated; the more advanced in the workflow
    survives.
    """
    from claims.services.fingerprints import claim_fingerprint

    require(user, "claims.change_speaker", "claims.change_claim")
    others = sorted(set(other_ids) - {target_id})
    if not others:
        raise ValidationError("Choose at least one speaker other than the one to keep.")
    with transaction.atomic():
        locked = {
            s.pk: s
            for s in Speaker.objects.select_for_update().filter(pk__in=[target_id, *others]).order_by("pk")
        }
        missing = [pk for pk in [target_id, *others] if pk not in locked]
        if missing:
            raise ValidationError(f"No speaker with id {', '.join(map(str, missing))}.")
        target = locked[target_id]
        moved = list(Claim.objects.select_for_update().filter(speaker_id__in=others).order_by("pk"))
        fingerprints = {claim_fingerprint(c.text, target.name_key, c.stance): c for c in moved}
        clashes = {
            c.fingerprint: c for c in Claim.objects.select_for_update().filter(fingerprint__in=fingerprints)
        }
        events, merged_away = [], 0
        for fingerprint, claim in fingerprints.items():
            came_from = locked[claim.speaker_id]  # type: ignore[index]  # claims of these speakers: never None
            details = {
                "from_speaker": came_from.pk,
                "from_name": came_from.name,
                "to_speaker": target.pk,
                "to_name": target.name,
            }
            existing = clashes.get(fingerprint)
            if existing is not None:
                keep, drop = sorted([existing, claim], key=lambda c: (-STATE_RANK[c.state], c.pk))
                Appearance.objects.filter(claim=drop).update(claim=keep)
                details.update({"merged_claim": drop.pk, "merged_text": drop.text})
                drop.delete()
                merged_away += 1
                if keep is existing:
                    events.append(
                        ClaimEvent.of(
                            claim=keep, user=user, action=ClaimEvent.Action.SPEAKER_MERGE, details=details
                        )
                    )
                    continue
                claim = keep
            Claim.objects.filter(pk=claim.pk).update(speaker=target, fingerprint=fingerprint)
            events.append(
                ClaimEvent.of(claim=claim, user=user, action=ClaimEvent.Action.SPEAKER_MERGE, details=details)
            )
        # Any claim left (a fingerprint shared by two moved claims) joins the one that moved.
        for leftover in Claim.objects.filter(speaker_id__in=others):
            keeper = Claim.objects.get(
                fingerprint=claim_fingerprint(leftover.text, target.name_key, leftover.stance)
            )
            Appearance.objects.filter(claim=leftover).update(claim=keeper)
            leftover.delete()
            merged_away += 1
        ClaimEvent.record_all(events)
        matching.speaker_changed(Claim.objects.filter(speaker=target).values_list("pk", flat=True), target.pk)

        names = {*target.aliases}
        for pk in others:
            other = locked[pk]
            names.update([other.name, *other.aliases])
            if other.wikidata_id and not target.wikidata_id:
                target.wikidata_id, other.wikidata_id = other.wikidata_id, None
                other.save(update_fields=["wikidata_id"])
            if not target.description and other.description:
                target.description = other.description
        SpeakerAlias.objects.filter(speaker_id__in=others).update(speaker=target)
        existing_keys = set(SpeakerAlias.objects.filter(speaker=target).values_list("name_key", flat=True))
        SpeakerAlias.objects.bulk_create(
            [
                SpeakerAlias(speaker=target, name=locked[pk].name, name_key=locked[pk].name_key)
                for pk in others
                if locked[pk].name_key not in existing_keys
            ]
        )
        Speaker.objects.filter(pk__in=others).delete()
        names.discard(target.name)
        target.aliases = sorted(names)
        target.save(update_fields=["aliases", "wikidata_id", "description"])
        logger.info(
            "speakers %s merged into %s by %s: %d claims moved, %d merged",
            others,
            target.pk,
            getattr(user, "pk", None),
            len(moved),
            merged_away,
        )
    return target


def split_speaker(
    *, speaker_id: int, claim_ids: Iterable[int], new_name: str, user: User, description: str = ""
) -> Speaker:
    """Two people were taken for one: the chosen claims (and their appearances) move to a new
    speaker of their own, recorded as a homonym of the first, so that later articles naming
    either are told apart by the role they give (claims.names.choose_by_role)."""
    require(user, "claims.change_speaker", "claims.change_claim", "claims.add_speaker")
    new_name = " ".join(new_name.split())
    key = name_key(new_name)
    if not key:
        raise ValidationError("Give the other person a name.")
    wanted = sorted(set(claim_ids))
    with transaction.atomic():
        speaker = Speaker.objects.select_for_update().get(pk=speaker_id)
        if key != speaker.name_key and (
            Speaker.objects.filter(name_key=key).exists()
            or SpeakerAlias.objects.filter(name_key=key).exists()
        ):
            raise ValidationError(f"{new_name} is already a speaker: move the claims by merging instead.")
        claims = list(Claim.objects.select_for_update().filter(pk__in=wanted, speaker=speaker).order_by("pk"))
        if not claims or len(claims) != len(wanted):
            raise ValidationError("Choose some of this speaker's claims.")
        if len(claims) == Claim.objects.filter(speaker=speaker).count():
            raise ValidationError("Choose some of the speaker's claims, not all: that would be a rename.")
        # The same name as written may stay (two John Smiths); the key must differ to be unique.
        unique_key = key if key != speaker.name_key else f"{key} ({speaker.pk}-{Speaker.objects.count() + 1})"
        other = Speaker.objects.create(
            name=new_name[:300],
            name_key=unique_key[:300],
            surname_key=surname_key(new_name)[:100],
            kind=speaker.kind,
            description=description,
            homonym_of=speaker,
        )
        events = []
        for claim in claims:
            Claim.objects.filter(pk=claim.pk).update(
                speaker=other, fingerprint=claim_fingerprint(claim.text, other.name_key, claim.stance)
            )
            details = {
                "from_speaker": speaker.pk,
                "from_name": speaker.name,
                "to_speaker": other.pk,
                "to_name": other.name,
            }
            events.append(
                ClaimEvent.of(claim=claim, user=user, action=ClaimEvent.Action.SPEAKER_SPLIT, details=details)
            )
        ClaimEvent.record_all(events)
        matching.speaker_changed([c.pk for c in claims], other.pk)
    logger.info("speaker %s split: %d claims to new speaker %s", speaker_id, len(claims), other.pk)
    return other
