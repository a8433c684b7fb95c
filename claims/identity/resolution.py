"""Which speaker a name in an article means: a speaker already known by that name or one of its
aliases, the one known person a partial name can only mean ("Putin" for the only Vladimir Putin),
the namesake the article's role picks out, or a new speaker. The one place speaker identity is
decided at ingestion; editors change it through claims.curation.speakers.

Within one article, "she" and "the minister" are resolved to a name by the extractor
(claims.extraction.resolve), which knows no database: this module starts from those names.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from claims.identity.aliases import speakers_by_alias
from claims.identity.names import choose_by_role, name_key, resolve_name, surname_key
from claims.inserts import insert_missing_rows
from claims.models import Appearance, Speaker, validate_plain_text


def speaker_named(name: str) -> Speaker | None:
    """The speaker an editor means by this name: the one whose name or alias it is (no partial
    match: an editor types the name they mean)."""
    key = name_key(name)
    if not key:
        return None
    speaker = Speaker.objects.filter(name_key=key).first()
    if speaker is None and (alias := speakers_by_alias([key]).get(key)) is not None:
        speaker = Speaker.objects.filter(pk=alias).first()
    return speaker


def new_speaker(*, name: str, kind: str) -> Speaker:
    """The speaker of this name, created when nobody has it yet: refused (ValidationError, in
    words) when the name or the kind could not be stored as a speaker's."""
    validate_plain_text(name)
    key = name_key(name)
    if len(name) > Speaker.MAX_NAME:
        raise ValidationError(f"A speaker's name is at most {Speaker.MAX_NAME} characters.")
    if not key:
        raise ValidationError(f"“{name}” has no letters to recognise a speaker by.")
    if kind not in Speaker.Kind.values:
        kinds = ", ".join(Speaker.Kind.values)
        raise ValidationError(f"“{kind}” is not a kind of speaker ({kinds}).")
    speaker, _ = Speaker.objects.get_or_create(
        name_key=key, defaults={"name": name, "surname_key": surname_key(name)[:100], "kind": kind}
    )
    return speaker


def speakers_for(
    *,
    wanted: dict[str, tuple[str, str]],
    roles: dict[str, str] | None = None,
    first_named_in: dict[str, int] | None = None,
) -> tuple[dict[str, Speaker], set[str]]:
    """The speaker for each wanted name key ({key: (name as written, kind)}), and the keys of
    those this call created. `roles`: the role an article gives each key; `first_named_in`: the
    batch's article that first names each key (all the first by default). Run it inside the
    storing transaction."""
    if not wanted:
        return {}, set()
    roles = roles or {}
    # A name an editor made an alias (or merged away) means the speaker it was given to.
    aliased = speakers_by_alias(wanted)
    keys = sorted(k for k in wanted if k not in aliased)  # a fixed order: concurrent inserts cannot deadlock
    before = set(Speaker.objects.filter(name_key__in=keys).values_list("name_key", flat=True))
    # A name not known as written may still be a known person's ("Putin", "V. Putin" for the only
    # Vladimir Putin known); with two people of that surname it is neither (claims.identity.names).
    unknown = [k for k in keys if k not in before]
    order = first_named_in or {}
    unknown.sort(key=lambda k: order.get(k, 0))
    resolved, same_as = _known_people([(k, *wanted[k], order.get(k, 0)) for k in unknown], roles)
    missing = [
        Speaker(
            name=wanted[k][0][:300],
            name_key=k,
            kind=wanted[k][1],
            surname_key=surname_key(wanted[k][0])[:100],
        )
        for k in keys
        if k not in before and k not in resolved and k not in same_as
    ]
    created = {key for _, key in insert_missing_rows(Speaker, missing, ["name_key"])}
    found = {s.name_key: s for s in Speaker.objects.filter(name_key__in=keys)}
    if aliased or resolved:
        by_id = Speaker.objects.in_bulk({*aliased.values(), *resolved.values()})
        found.update({key: by_id[speaker_id] for key, speaker_id in {**aliased, **resolved}.items()})
    found.update({key: found[other] for key, other in same_as.items()})
    _tell_homonyms_apart(found, roles)
    return found, created


def _known_roles(speaker_ids: set[int]) -> dict[int, str]:
    """Each speaker's description and the roles articles gave them (the latest 50)."""
    known = dict(Speaker.objects.filter(pk__in=speaker_ids).values_list("pk", "description"))
    roles = (
        Appearance.objects.filter(claim__speaker_id__in=speaker_ids)
        .exclude(role="")
        .order_by("-pk")
        .values_list("claim__speaker_id", "role")[:50]
    )
    for pk, role in roles:
        known[pk] = f"{known.get(pk, '')} {role}"
    return known


def _tell_homonyms_apart(found: dict[str, Speaker], roles: dict[str, str]) -> None:
    """A name an editor split between people: the role the article gives decides which of them.
    Namesakes form a family around the speaker they were split from (homonym_of)."""
    roots = {s.homonym_of_id or s.pk for s in found.values()}
    families: dict[int, dict[int, Speaker]] = {}
    for member in Speaker.objects.filter(Q(pk__in=roots) | Q(homonym_of__in=roots)):
        families.setdefault(member.homonym_of_id or member.pk, {})[member.pk] = member
    for key, speaker in list(found.items()):
        family = families.get(speaker.homonym_of_id or speaker.pk, {})
        if len(family) < 2 or not roles.get(key):
            continue
        chosen = choose_by_role(roles[key], _known_roles(set(family)))
        if chosen is not None:
            found[key] = family[chosen]


def _known_people(
    unknown: list[tuple[str, str, str, int]], roles: dict[str, str]
) -> tuple[dict[str, int], dict[str, str]]:
    """For unknown (name key, name, kind, article) in article order, those that can only mean one
    known person: by the name alone, or, among several people of that surname, by the role the
    article gives ({key: speaker id}); and those that can only mean a person an earlier article
    of the batch names, who is being created ({key: that person's key})."""
    people = [(k, name, article) for k, name, kind, article in unknown if kind == Speaker.Kind.PERSON]
    surnames = {surname_key(name) for _, name, _ in people} - {""}
    if not surnames:
        return {}, {}
    known: dict[str, list[tuple[int, str]]] = {}
    rows = Speaker.objects.filter(surname_key__in=surnames, kind=Speaker.Kind.PERSON).values_list(
        "pk", "name", "surname_key"
    )
    for pk, name, surname in rows[:2000]:
        known.setdefault(surname, []).append((pk, name))
    resolved: dict[str, int] = {}
    same_as: dict[str, str] = {}
    new_people: dict[str, list[tuple[str, str, int]]] = {}  # surname: (key, name, article)
    for key, name, article in people:
        candidates = known.get(surname_key(name), [])
        earlier = [(k, n) for k, n, a in new_people.get(surname_key(name), []) if a < article]
        match = resolve_name(name, [n for _, n in candidates] + [n for _, n in earlier])
        if match is not None:
            in_store = [pk for pk, n in candidates if n == match]
            if in_store:
                resolved[key] = in_store[0]
            else:
                same_as[key] = next(k for k, n in earlier if n == match)
            continue
        if roles.get(key) and len(candidates) > 1 and len(key.split()) == 1:
            # "Clinton, the former secretary of state": the surname fits several; the role, one.
            chosen = choose_by_role(roles[key], _known_roles({pk for pk, _ in candidates}))
            if chosen is not None:
                resolved[key] = chosen
                continue
        new_people.setdefault(surname_key(name), []).append((key, name, article))
    return resolved, same_as
