"""A newsroom's own list of people and organisations, imported as speakers (`import_speakers`)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.identity.aliases import write_aliases
from claims.identity.names import name_key, surname_key
from claims.models import Speaker


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
        write_aliases(speaker=speaker, names=names)
    return speaker, created
