"""Who a mention refers to: pronouns, surnames and titles resolved against earlier names.

Deliberately simple and local to one article: the most recent compatible person wins. A
caller-supplied list of known speakers maps aliases to canonical names.
"""

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from .lexicon import LEADING_FUNCTION_WORDS, ORGANISATION_WORDS, SPEECH_CUES
from .lexicon.places import COUNTRIES
from .mentions import HONORIFICS, Phrase, name_start, never_a_name
from .types import KnownSpeaker

# Capitalised at the start of a sentence, before a name: "But Corker", "If Clinton", "Despite Rubio".
_OPENERS = LEADING_FUNCTION_WORDS | frozenset(
    "if although though despite because since unless whereas as when while before after".split()
)
# A capitalised word of a name: "Trump", "Trump's", "Smith-Jones", "O'Rourke", "D'Amato".
_NAME_WORD = r"[A-Z](?:[a-z]+(?:[’'-][A-Za-z][a-z]*)*[’']?|[’'][A-Z][a-z]+)"
# Opening with the first capital and the word boundary before it as a look-behind after it (the
# same matches as `\b` first, found twice as fast: the pattern engine skips to the next capital).
_NAME_SEQUENCE = re.compile(
    rf"[A-Z](?<!\w[A-Z]){_NAME_WORD[len('[A-Z]') :]}(?:\s+[A-Z]\.)?(?:\s+(?:de |van |von |al-)?{_NAME_WORD})+"
)


@dataclass(slots=True)
class Entity:
    name: str
    kind: str | None
    gender: str | None
    role: str | None
    last_seen: int


def _surname(name: str) -> str:
    return name.split()[-1].lower().removesuffix("’s").removesuffix("'s")


class Resolver:
    def __init__(
        self, text: str, known: tuple[KnownSpeaker, ...] = (), paragraph: Callable[[int], int] | None = None
    ) -> None:
        # The paragraph number (from 1) of a position, for saying where a name was read.
        self._paragraph = paragraph or (lambda position: 1)
        self._entities: list[Entity] = []
        self._aliases: dict[str, str] = {}
        for speaker in known:
            for alias in (speaker.name, *speaker.aliases):
                self._aliases[alias.lower()] = speaker.name
        # Full names anywhere in the text, so that "Mr Putin" finds "Vladimir Putin" even when
        # the full name appeared in a sentence that quoted nobody.
        self._full_names: list[tuple[int, str]] = []
        # People named in subject position (opening a sentence): what "he" or "she" in a later
        # sentence most often refers to, even when they were not quoted.
        self._subjects: list[tuple[int, str]] = []
        for m in _NAME_SEQUENCE.finditer(text):
            parts = m.group().split()
            lows = [p.lower() for p in parts]
            first = name_start(lows)
            while first < len(parts) and (lows[first] in SPEECH_CUES or lows[first] in _OPENERS):
                # `Said Comey, "..."`, `But Corker ...`: the verb or the conjunction that opens the
                # sentence is not part of the name.
                first += 1
            parts = parts[first:]
            if parts:
                # "Donald Trump's plan", "Francis' visit": the name without its possessive.
                parts[-1] = parts[-1].removesuffix("’s").removesuffix("'s").rstrip("’'")
            if 2 <= len(parts) <= 4:
                name = " ".join(parts)
                self._full_names.append((m.start(), name))
                before = text[max(0, m.start() - 2) : m.start()]
                if parts[-1].lower() not in ORGANISATION_WORDS and (
                    m.start() == 0 or before.endswith(("\n", ". "))
                ):
                    self._subjects.append((m.start(), name))

    def _full_name_for(self, surname: str, position: int) -> str | None:
        best = None
        for start, name in self._full_names:
            if start >= position and best is not None:
                break
            if _surname(name) == surname and name.split()[0].lower() not in HONORIFICS:
                best = name
        return best

    def resolve(self, phrase: Phrase, position: int) -> tuple[str | None, str | None, str, str | None]:
        """(resolved name, role, how, kind): the role may come from an earlier mention of the same
        speaker; `how` says in words how the name was found, for editors tracing an attribution;
        the kind is the mention's, or the person's a country's name turned out to be a surname of."""
        if phrase.pronoun:
            entity, how = self._by_pronoun(phrase.pronoun, position)
            if entity is None:
                return None, None, "pronoun, not resolved: no earlier speaker fits it", phrase.kind
            entity.last_seen = position
            return entity.name, entity.role, how, phrase.kind
        name = phrase.name
        if name is not None and never_a_name(name):
            # "Officials said": read as a name to find the statement, but it names no one.
            name, phrase = None, dataclasses.replace(phrase, name=None, role=phrase.role or phrase.text)
        if name is None:
            entity = self._by_role(phrase.role)
            if entity is not None:
                how = (
                    f"role noun resolved to {entity.name}, given that role in paragraph "
                    f"{self._paragraph(entity.last_seen)}"
                )
                entity.last_seen = position
                return entity.name, entity.role, how, phrase.kind
            return None, phrase.role, "no name given: a role or a group, kept as written", phrase.kind
        alias = self._aliases.get(name.lower())
        how = "named as written"
        if alias:
            how = (
                f"alias of the known speaker {alias}"
                if alias != name
                else "a known speaker, named as written"
            )
            name = alias
        elif phrase.kind == "person" and len(name.split()) == 1:
            found, how = self._full_name(name, position)
            name = found or name
        elif phrase.kind == "organisation" and len(name.split()) == 1 and name.lower() in COUNTRIES:
            # "Israel said" after "Rep. Steve Israel": a person's surname that is also a country's name.
            full = self._full_name_for(name.lower(), position)
            if full is not None and "’s " not in full and "'s " not in full:  # not "Putin's Russia"
                name, phrase = full, dataclasses.replace(phrase, kind="person")
                how = self._read_in_full(full, position)
        entity = self._remember(name, phrase, position)
        return entity.name, entity.role, how, phrase.kind

    def _read_in_full(self, full: str, position: int) -> str:
        at = next((start for start, name in self._full_names if name == full), position)
        return f"surname resolved to {full}, read in full in paragraph {self._paragraph(at)}"

    def _full_name(self, surname: str, position: int) -> tuple[str | None, str]:
        """A surname's full name: a speaker met earlier, a known speaker, or a full name read
        anywhere before this point; and how it was found."""
        known = self._known_by_surname(surname)
        if known is not None:
            seen = next((e for e in self._entities if e.name == known), None)
            if seen is not None:
                return (
                    known,
                    f"surname resolved to {known}, named in paragraph {self._paragraph(seen.last_seen)}",
                )
            return known, f"surname of the known speaker {known}"
        full = self._full_name_for(surname.lower(), position)
        if full is not None:
            return full, self._read_in_full(full, position)
        return None, "named as written (a surname with no full name before it)"

    def _known_by_surname(self, surname: str) -> str | None:
        low = surname.lower()
        for entity in reversed(self._entities):
            if entity.kind == "person" and _surname(entity.name) == low:
                return entity.name
        for alias, canonical in self._aliases.items():
            if alias.split()[-1] == low:
                return canonical
        return None

    def _remember(self, name: str, phrase: Phrase, position: int) -> Entity:
        for entity in self._entities:
            if entity.name == name:
                entity.last_seen = position
                entity.role = entity.role or phrase.role
                entity.gender = entity.gender or phrase.gender
                return entity
        entity = Entity(name, phrase.kind, phrase.gender, phrase.role, position)
        self._entities.append(entity)
        return entity

    def _by_pronoun(self, pronoun: str, position: int) -> tuple[Entity | None, str]:
        if pronoun in ("male", "female"):
            latest_speaker = max((e.last_seen for e in self._entities if e.kind == "person"), default=-1)
            subject = next(((p, n) for p, n in reversed(self._subjects) if p < position), None)
            if subject and subject[0] > latest_speaker:
                known = next((e for e in self._entities if e.name == subject[1]), None)
                if known is None or known.gender in (None, pronoun):
                    entity = known or Entity(subject[1], "person", pronoun, None, subject[0])
                    if known is None:
                        self._entities.append(entity)
                    entity.gender = pronoun
                    return entity, (
                        f"pronoun resolved to {entity.name}, the subject of a sentence in paragraph "
                        f"{self._paragraph(subject[0])}"
                    )
        candidates = sorted(self._entities, key=lambda e: e.last_seen, reverse=True)
        for entity in candidates:
            if pronoun in ("male", "female"):
                if entity.kind == "person" and entity.gender in (None, pronoun):
                    entity.gender = pronoun
                    return entity, self._last_named(entity)
            elif pronoun in ("plural", "neuter"):
                if entity.kind == "organisation":
                    return entity, self._last_named(entity)
            else:
                return None, ""
        return None, ""

    def _last_named(self, entity: Entity) -> str:
        return f"pronoun resolved to {entity.name}, named in paragraph {self._paragraph(entity.last_seen)}"

    def _by_role(self, role: str | None) -> Entity | None:
        if not role:
            return None
        head = role.lower().split()[-1]
        for entity in sorted(self._entities, key=lambda e: e.last_seen, reverse=True):
            if entity.role and head in entity.role.lower().split():
                return entity
        return None
