"""A speaker's other names: the aliases editors give it, and the short forms articles spell out for
an organisation ("VB" for Vossberg), which later articles resolve to it."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from claims.identity.names import name_key
from claims.inserts import insert_missing_rows
from claims.models import Speaker, SpeakerAlias


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


def write_aliases(*, speaker: Speaker, names: Iterable[str]) -> None:
    """Make `names` the speaker's aliases, and only them. A name that is another speaker's own
    name or alias is refused (ValidationError): that is a merge, not an alias. Call it with the
    speaker's row locked."""
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


def add_short_forms(*, found: dict[int, set[str]]) -> int:
    """Keep as aliases the short forms an article spelled out for a speaker ({speaker id: {"VB"}}):
    a later article that writes only "VB" then names Vossberg. A short form that is already a
    speaker's name or an alias (an editor's decision, or another speaker's) is left as it is. Run
    it inside the storing transaction; the number of aliases added."""
    wanted: dict[str, tuple[int, str]] = {}
    for speaker_id, names in found.items():
        for name in sorted(names):
            if (key := name_key(name)) and key not in wanted:
                wanted[key] = (speaker_id, name)
    taken = set(Speaker.objects.filter(name_key__in=wanted).values_list("name_key", flat=True))
    rows = [
        SpeakerAlias(speaker_id=speaker_id, name=name[:300], name_key=key)
        for key, (speaker_id, name) in wanted.items()
        if key not in taken
    ]
    added = insert_missing_rows(SpeakerAlias, rows, ["speaker", "name"])
    by_speaker: dict[int, list[str]] = {}
    for _, speaker_id, name in added:
        by_speaker.setdefault(speaker_id, []).append(name)
    for speaker in Speaker.objects.select_for_update().filter(pk__in=by_speaker):
        speaker.aliases = sorted({*speaker.aliases, *by_speaker[speaker.pk]})
        speaker.save(update_fields=["aliases"])
    return len(added)
