"""Editors' decisions about who is who, on the speakers' side: two speakers that are one person
(absorb), one speaker that is two people (homonym). Their claims move with them in the store
(claims.store.reassign); claims.curation.speakers checks rights, runs both, records history."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from claims.identity.names import name_key, surname_key
from claims.models import Speaker, SpeakerAlias


def lock(*, target_id: int, other_ids: Iterable[int]) -> tuple[Speaker, list[Speaker]]:
    """The speaker to keep and the others, rows locked (in id order: concurrent merges cannot
    deadlock). ValidationError when there is no other, or an id names no speaker."""
    others = sorted(set(other_ids) - {target_id})
    if not others:
        raise ValidationError("Choose at least one speaker other than the one to keep.")
    locked = {
        s.pk: s
        for s in Speaker.objects.select_for_update().filter(pk__in=[target_id, *others]).order_by("pk")
    }
    missing = [pk for pk in [target_id, *others] if pk not in locked]
    if missing:
        raise ValidationError(f"No speaker with id {', '.join(map(str, missing))}.")
    return locked[target_id], [locked[pk] for pk in others]


def absorb(*, target: Speaker, others: list[Speaker]) -> None:
    """The others are the target: their names become its aliases (so later articles resolve to
    it), their Wikidata id and description fill its empty ones, and they are deleted. Their
    claims must have moved first."""
    names = {*target.aliases}
    for other in others:
        names.update([other.name, *other.aliases])
        if other.wikidata_id and not target.wikidata_id:
            target.wikidata_id, other.wikidata_id = other.wikidata_id, None
            other.save(update_fields=["wikidata_id"])
        if not target.description and other.description:
            target.description = other.description
    other_ids = [other.pk for other in others]
    SpeakerAlias.objects.filter(speaker_id__in=other_ids).update(speaker=target)
    existing_keys = set(SpeakerAlias.objects.filter(speaker=target).values_list("name_key", flat=True))
    SpeakerAlias.objects.bulk_create(
        [
            SpeakerAlias(speaker=target, name=other.name, name_key=other.name_key)
            for other in others
            if other.name_key not in existing_keys
        ]
    )
    Speaker.objects.filter(pk__in=other_ids).delete()
    names.discard(target.name)
    target.aliases = sorted(names)
    target.save(update_fields=["aliases", "wikidata_id", "description"])


def refuse_taken(*, speaker: Speaker, new_name: str) -> None:
    """A name for the second person of a split must be new (or the same as the first's: two John
    Smiths): ValidationError if another speaker has it, as its name or an alias."""
    key = name_key(new_name)
    if not key:
        raise ValidationError("Give the other person a name.")
    if key != speaker.name_key and (
        Speaker.objects.filter(name_key=key).exists() or SpeakerAlias.objects.filter(name_key=key).exists()
    ):
        raise ValidationError(f"{new_name} is already a speaker: move the claims by merging instead.")


def homonym(*, speaker: Speaker, new_name: str, description: str = "") -> Speaker:
    """A new speaker for a second person taken for `speaker`, recorded as its homonym, so that
    later articles naming either are told apart by the role they give (names.choose_by_role)."""
    key = name_key(new_name)
    # The same name as written may stay (two John Smiths); the key must differ to be unique.
    unique_key = key if key != speaker.name_key else f"{key} ({speaker.pk}-{Speaker.objects.count() + 1})"
    return Speaker.objects.create(
        name=new_name[:300],
        name_key=unique_key[:300],
        surname_key=surname_key(new_name)[:100],
        kind=speaker.kind,
        description=description,
        homonym_of=speaker,
    )
