"""Who a mention refers to: pronouns, surnames and titles resolved against earlier names.

Deliberately simple and local to one article: the most recent compatible person wins. A
caller-supplied list of known speakers maps aliases to canonical names.
"""

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from .lexicon import LEADING_FUNCTION_WORDS, ORGANISATION_WORDS, SPEAKER_NOUNS, SPEECH_CUES, TITLE_WORDS
from .lexicon.people import GIVEN_NAMES, gender_of
from .lexicon.places import COUNTRIES
from .mentions import HONORIFICS, Phrase, name_start, never_a_name, proper_name_span
from .organisations import Organisations
from .types import KnownSpeaker

# Capitalised at the start of a sentence, before a name: "But Corker", "If Clinton", "Despite Rubio".
_OPENERS = LEADING_FUNCTION_WORDS | frozenset(
    "if although though despite because since unless whereas as when while before after like unlike".split()
)
# A capitalised word of a name: "Trump", "Trump's", "Smith-Jones", "O'Rourke", "D'Amato".
_NAME_WORD = r"[A-Z](?:[a-z]+(?:[’'-][A-Za-z][a-z]*)*[’']?|[’'][A-Z][a-z]+)"
# Opening with the first capital and the word boundary before it as a look-behind after it (the
# same matches as `\b` first, found twice as fast: the pattern engine skips to the next capital).
_NAME_SEQUENCE = re.compile(
    rf"[A-Z](?<!\w[A-Z]){_NAME_WORD[len('[A-Z]') :]}(?:\s+[A-Z]\.)?(?:\s+(?:de |van |von |al-)?{_NAME_WORD})+"
)


# A sentence's subject given by its role before the name: `Their coach, ` (before "Mike Olsen,").
_ROLE_THEN_NAME = re.compile(
    r"(?:^|\n|[.!?][\"”’']?\s)\s*(?:The|Their|His|Her|Its|Our)\s+(?:[a-z-]+\s+){0,3}[a-z-]+,\s+$"
)
_OPENING_SURNAME = re.compile(
    r"(?:(?:^|\n|[.!?][\"”’']?\s)\s*(?P<honorific>(?:Mr|Mrs|Ms|Dr)\.?\s+)?|,\s+(?P<after_clause>(?:Mr|Mrs|Ms|Dr)\.?\s+))"
    r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?![A-Z])"
)


@dataclass(slots=True)
class Entity:
    name: str
    kind: str | None
    gender: str | None
    role: str | None
    last_seen: int  # where it was last mentioned: by name, role or pronoun
    last_named: int = -1  # where its name was last written (what "named in paragraph N" says)

    @property
    def named_at(self) -> int:
        return self.last_named if self.last_named >= 0 else self.last_seen


def _given_gender(name: str, kind: str | None) -> str | None:
    """A person's gender as their given name tells it ("Ben Calder": male), when it does."""
    parts = name.split()
    return gender_of(parts[0]) if kind == "person" and len(parts) >= 2 else None


# Capitalised only because they open a sentence, before a name: "Maybe Harbourline will".
_SENTENCE_ADVERBS = frozenset(
    """
    maybe perhaps still yet even only just now then here there today yesterday tomorrow tonight thus hence
    also instead meanwhile however moreover indeed sometimes often already soon later earlier again
    """.split()
)

_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


def _surname(name: str) -> str:
    """The family name: the last word, a generational suffix aside ("James P. Calder Jr.")."""
    parts = name.split()
    while len(parts) > 1 and parts[-1].lower() in _SUFFIXES:
        parts.pop()
    return parts[-1].lower().removesuffix("’s").removesuffix("'s")


class Resolver:
    def __init__(
        self, text: str, known: tuple[KnownSpeaker, ...] = (), paragraph: Callable[[int], int] | None = None
    ) -> None:
        # The paragraph number (from 1) of a position, for saying where a name was read.
        self._paragraph = paragraph or (lambda position: 1)
        self._entities: list[Entity] = []
        self._text = text
        # Organisations' short forms as the article uses them: {"Vossberg": {"VB"}}.
        self._short_forms: dict[str, set[str]] = {}
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
            while first < len(parts) and (
                lows[first] in SPEECH_CUES
                or lows[first] in _OPENERS
                # `Hosting Quill at the conference, ...`: a participle that opens the sentence.
                or (first == 0 and lows[0].endswith("ing") and lows[0] not in GIVEN_NAMES)
                # `Maybe Harbourline will ...`: an adverb that opens the sentence.
                or (first == 0 and lows[0] in _SENTENCE_ADVERBS)
            ):
                # `Said Comey, "..."`, `But Corker ...`: the verb or the conjunction that opens the
                # sentence is not part of the name.
                first += 1
            parts = parts[first:]
            if parts:
                # "Donald Trump's plan", "Francis' visit": the name without its possessive.
                parts[-1] = parts[-1].removesuffix("’s").removesuffix("'s").rstrip("’'")
                # "Agency Administrator Jim Calder", "Harbour Hawks DL Tomas Brenner": an office,
                # a team or a place before the name is no part of it.
                first_word, last_word = proper_name_span(parts)
                parts = parts[first_word:last_word]
            if 2 <= len(parts) <= 4:
                name = " ".join(parts)
                self._full_names.append((m.start(), name))
                before = text[max(0, m.start() - 2) : m.start()]
                if parts[-1].lower() not in ORGANISATION_WORDS and (
                    m.start() == 0
                    or before.endswith(("\n", ". "))
                    # `Their coach, Mike Olsen, praised ...`: the name set off after the subject's role.
                    or _ROLE_THEN_NAME.search(text, max(0, m.start() - 60), m.start()) is not None
                ):
                    self._subjects.append((m.start(), name))
        # The full names by family name, in reading order (a name opening with "Mr." aside).
        self._by_surname: dict[str, list[tuple[int, str]]] = {}
        for start, name in self._full_names:
            if name.split()[0].lower() not in HONORIFICS:
                self._by_surname.setdefault(_surname(name), []).append((start, name))
        self._subjects_by_family_name_read = False
        self._people = frozenset(
            _surname(name) for _, name in self._full_names if name.split()[0].lower() in GIVEN_NAMES
        )
        # Read only when a mention needs them (most articles resolve every mention without).
        self._organisations_read: Organisations | None = None
        self._titled_read: dict[str, list[tuple[int, str]]] = {}

    def is_organisation(self, name: str) -> bool:
        """Does the article name an organisation by this name?"""
        return self._organisations.is_organisation(name)

    def short_forms(self, name: str | None) -> tuple[str, ...]:
        """The short forms the article has used so far for an organisation's name ("VB")."""
        return tuple(sorted(self._short_forms.get(name, ()))) if name else ()

    def _read_subjects_by_family_name(self) -> None:
        """ "Morrow was the third witness ...", `..., Mr. Brenner wasn't satisfied`: a family name
        alone in subject position, after the full name was read (or with "Mr." when none is), is
        that person in subject position too. Read when a pronoun is first resolved."""
        self._subjects_by_family_name_read = True
        for m in _OPENING_SURNAME.finditer(self._text):
            family = m.group(3)
            full = self._full_name_for(family.lower(), m.start(3))
            if full is not None and next((p for p, n in self._full_names if n == full), m.start(3)) < m.start(
                3
            ):
                self._subjects.append((m.start(3), full))
            elif (
                full is None
                and (m.group("honorific") or m.group("after_clause"))
                and family.lower() not in TITLE_WORDS
            ):
                self._subjects.append((m.start(3), family))
        self._subjects.sort()

    @property
    def _organisations(self) -> Organisations:
        if self._organisations_read is None:
            self._organisations_read = Organisations(self._text, self._people)
        return self._organisations_read

    def _titled(self, title: str) -> list[tuple[int, str]]:
        """(where, name) of each name the article gives this title right before it ("President
        Brenner", "Sen. Ben Calder" for "senator"): read once a title, when "the <title>" is resolved."""
        found = self._titled_read.get(title)
        if found is None:
            pattern = re.compile(
                rf"(?<![\w’'-]){re.escape(title.capitalize())}\.?\s+(?P<name>{_TITLED_NAME})"
            )
            found = [
                (m.start(), m.group("name").removesuffix("’s").removesuffix("'s"))
                for m in pattern.finditer(self._text)
            ]
            self._titled_read[title] = found
        return found

    def _full_name_for(self, surname: str, position: int) -> str | None:
        """The last full name with this family name read before `position`, else the first read
        after it."""
        best = None
        for start, name in self._by_surname.get(surname, ()):
            if start >= position and best is not None:
                break
            best = name
        return best

    def resolve(self, phrase: Phrase, position: int) -> tuple[str | None, str | None, str, str | None]:
        """(resolved name, role, how, kind): the role may come from an earlier mention of the same
        speaker; `how` says in words how the name was found, for editors tracing an attribution;
        the kind is the mention's, or the person's a country's name turned out to be a surname of."""
        if phrase.pronoun:
            entity, how = self._by_pronoun(phrase.pronoun, position)
            if entity is None:
                return None, None, how or "pronoun, not resolved: no earlier speaker fits it", phrase.kind
            entity.last_seen = position
            return entity.name, entity.role, how, phrase.kind
        name = phrase.name
        if name is not None and never_a_name(name):
            # "Officials said": read as a name to find the statement, but it names no one.
            name, phrase = None, dataclasses.replace(phrase, name=None, role=phrase.role or phrase.text)
        if name is None and (described := self._described(phrase.text, position)) is not None:
            # "the automaker says", "the production company said": the organisation the article means.
            found, how = described
            entity = self._remember(
                found, dataclasses.replace(phrase, name=found, kind="organisation"), position
            )
            return entity.name, None, how, "organisation"
        if name is None and (family := self._title_as_family_name(phrase, position)) is not None:
            # `King said`, after Mayor Tom King: a family name that is also a title.
            entity = self._remember(family, dataclasses.replace(phrase, name=family, role=None), position)
            return entity.name, entity.role, self._read_in_full(family, position), "person"
        if name is None:
            entity, how = self._by_role(phrase.role, position)
            if entity is not None:
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
        elif phrase.kind == "organisation" and (fuller := self._organisations.fuller(name)) is not None:
            # "VB" after Vossberg, "Harbourdata" after Harbourdata.com: the name the article gives in full.
            self._short_forms.setdefault(fuller, set()).add(name)
            name, how = fuller, f"short for {fuller}, as the article names it"
        elif (
            phrase.kind == "person"
            and " " not in name
            and name.lower() not in GIVEN_NAMES
            and self._full_name_for(name.lower(), position) is None
            and (self._organisations.is_organisation(name) or self._organisations.fuller(name))
        ):
            # "Vossberg says", "Harbourdata expects": an organisation the article names, not a surname.
            in_full = self._organisations.fuller(name)
            phrase = dataclasses.replace(phrase, kind="organisation", gender=None)
            how = "an organisation the article names"
            if in_full is not None:
                self._short_forms.setdefault(in_full, set()).add(name)
                name, how = in_full, f"short for {in_full}, as the article names it"
        elif phrase.kind == "person" and len(name.split()) == 1:
            full_name, how = self._full_name(name, position)
            if full_name is not None:
                name = full_name
        elif phrase.kind == "person" and (longer := self._longer_name(name, position)) is not None:
            # "Hawk Larsen" after "Kathleen Hawk Larsen": the name as the article gives it in full.
            at = next((start for start, full in self._full_names if full == longer), position)
            name, how = longer, f"part of the name {longer}, read in full in paragraph {self._paragraph(at)}"
        elif phrase.kind == "organisation" and len(name.split()) == 1 and name.lower() in COUNTRIES:
            # "Israel said" after "Rep. Steve Israel": a person's surname that is also a country's name.
            full = self._full_name_for(name.lower(), position)
            if full is not None and "’s " not in full and "'s " not in full:  # not "Putin's Russia"
                name, phrase = full, dataclasses.replace(phrase, kind="person")
                how = self._read_in_full(full, position)
        entity = self._remember(name, phrase, position)
        return entity.name, entity.role, how, phrase.kind

    def _title_as_family_name(self, phrase: Phrase, position: int) -> str | None:
        """The full name a lone capitalised title word is the family name of ("King" after "Tom
        King"), when the article gives one."""
        word = phrase.text.strip()
        if " " in word or not word[:1].isupper() or word.lower() not in TITLE_WORDS:
            return None
        return self._full_name_for(word.lower(), position)

    def _described(self, description: str, position: int) -> tuple[str, str] | None:
        """The organisation a description means ("the brokerage"): as the article's names tell
        (organisations.described), else the organisation that spoke last, in this paragraph or
        the one before."""
        if not Organisations.describes_one(description):
            return None
        found = self._organisations.described(description, position)
        if found is not None:
            return found
        spoke = max(
            (e for e in self._entities if e.kind == "organisation" and e.last_seen < position),
            key=lambda e: e.last_seen,
            default=None,
        )
        if spoke is not None and self._paragraph(position) - self._paragraph(spoke.last_seen) <= 1:
            return (
                spoke.name,
                f"the organisation quoted last, in paragraph {self._paragraph(spoke.last_seen)}",
            )
        return None

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
                    f"surname resolved to {known}, named in paragraph {self._paragraph(seen.named_at)}",
                )
            return known, f"surname of the known speaker {known}"
        full = self._full_name_for(surname.lower(), position)
        if full is not None:
            return full, self._read_in_full(full, position)
        given = self._only_name_starting(surname.lower())
        if given is not None:
            # "Liu" after "Liu Xiaoping" (a family name written first), "Taylor" after "Taylor Quill":
            # the one full name in the article that opens with it.
            return given, f"the first word of {given}, the only name in the article that opens with it"
        return None, "named as written (a surname with no full name before it)"

    def _only_name_starting(self, word: str) -> str | None:
        names = {name for _, name in self._full_names if name.split()[0].lower() == word}
        return names.pop() if len(names) == 1 else None

    def _longer_name(self, name: str, position: int) -> str | None:
        """The one longer name, met as a speaker or read anywhere before `position`, that ends with
        the words of `name` ("Kathleen Hawk Larsen" for "Hawk Larsen")."""
        tail = name.lower().split()
        found = {
            full
            for full in [e.name for e in self._entities if e.kind == "person"]
            + [full for start, full in self._full_names if start < position]
            if len(full.split()) > len(tail) and [w.lower() for w in full.split()[-len(tail) :]] == tail
        }
        return found.pop() if len(found) == 1 else None

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
                entity.last_seen = entity.last_named = position
                entity.role = entity.role or phrase.role
                entity.gender = entity.gender or phrase.gender or _given_gender(name, phrase.kind)
                return entity
        entity = Entity(
            name,
            phrase.kind,
            phrase.gender or _given_gender(name, phrase.kind),
            phrase.role,
            position,
            position,
        )
        self._entities.append(entity)
        return entity

    def _by_pronoun(self, pronoun: str, position: int) -> tuple[Entity | None, str]:
        if pronoun in ("male", "female"):
            if not self._subjects_by_family_name_read:
                self._read_subjects_by_family_name()
            latest_speaker = max((e.last_seen for e in self._entities if e.kind == "person"), default=-1)
            subject = next(((p, n) for p, n in reversed(self._subjects) if p < position), None)
            if subject and subject[0] > latest_speaker:
                known = next((e for e in self._entities if e.name == subject[1]), None)
                gender = known.gender if known is not None else _given_gender(subject[1], "person")
                if gender in (None, pronoun):
                    entity = known or Entity(subject[1], "person", pronoun, None, subject[0], subject[0])
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
            elif pronoun == "neuter":
                if entity.kind == "organisation":
                    return entity, self._last_named(entity)
            elif pronoun == "plural":
                # "they" after a person spoke last is that person, or people the article has not
                # named: not the organisation named before them.
                if entity.kind == "organisation":
                    return entity, self._last_named(entity)
                return None, ""
            else:
                return None, ""
        return None, ""

    def _last_named(self, entity: Entity) -> str:
        return f"pronoun resolved to {entity.name}, named in paragraph {self._paragraph(entity.named_at)}"

    def _named_with_role(self, role: str, position: int) -> tuple[Entity, str] | None:
        """`China's envoy to Northland` when the article writes, anywhere, `China's ambassador
        to Northland Liu Xiaoping` (or `..., Liu Xiaoping,`): the one person it names with that role."""
        if len(role.split()) < 3:
            return None
        bare = role[4:] if role.lower().startswith("the ") else role
        names = set()
        at = self._text.find(bare)
        while at >= 0:
            if (m := _NAME_AFTER_ROLE.match(self._text, at + len(bare))) is not None:
                names.add(m.group(1))
            at = self._text.find(bare, at + 1)
        if len(names) != 1:
            return None
        name = names.pop()
        entity = next((e for e in self._entities if e.name == name), None)
        if entity is None:
            entity = Entity(name, "person", _given_gender(name, "person"), role, position)
            self._entities.append(entity)
        return entity, f"role resolved to {name}, whom the article names with it"

    def _by_role(self, role: str | None, position: int) -> tuple[Entity | None, str]:
        """The one person a bare role means ("the president", "the analyst"): an earlier speaker
        given that role without a complement ("Jefferies analyst Jonathan Matuszewski", not "the
        president of the Harbour Bank"), or the one person the article gives that title
        ("President Brenner"). Two candidates, or none: no one (a wrong name is worse than none)."""
        if not role:
            return None, ""
        words = role.lower().split()
        head = words[-1]
        named = self._named_with_role(role, position)
        if named is not None:
            return named
        if head in _NOT_ROLE_NOUNS or not head.isalpha() or len(words) > 3:
            return None, ""
        if head.endswith("s") and head in SPEAKER_NOUNS:
            return None, ""  # "environmental groups", "the lawyers": several people, no one person
        found: dict[str, tuple[Entity | None, str]] = {}
        for entity in self._entities:
            if entity.kind == "person" and entity.role and _holds(entity.role, head):
                found[entity.name] = (
                    entity,
                    f"given that role in paragraph {self._paragraph(entity.last_seen)}",
                )
        for at, name in self._titled(head) if head in ROLE_NOUNS else ():
            if at < position:
                # "President Larsen" is named as written: the title does not say which Larsen a full
                # name elsewhere in the article ("Michelle Larsen") is.
                full = name
                if full not in found:
                    found[full] = (None, f"titled {head} in paragraph {self._paragraph(at)}")
        if len(found) != 1:
            return None, ""
        name, (held_by, where) = next(iter(found.items()))
        if held_by is None:
            held_by = Entity(name, "person", _given_gender(name, "person"), role, position)
            self._entities.append(held_by)
        return held_by, f"role noun resolved to {name}, {where}"


# Words of a title that are no role by themselves ("American", "Republican", "Mr"): "the American"
# names no one.
_NOT_ROLE_NOUNS = frozenset(
    """
    u.s. us american russian ukrainian british french german chinese israeli iranian democratic republican
    gop white former then-president acting assistant deputy vice foreign defence defense interior finance
    state house senate majority minority treasury health education justice labor labour energy transport
    trade agriculture commerce mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady
    """.split()
)
# The titles a person is given before their name ("President Brenner"), for "the president said".
ROLE_NOUNS = (TITLE_WORDS - _NOT_ROLE_NOUNS) | frozenset("analyst economist executive".split())


def _holds(role: str, head: str) -> bool:
    """Does a role, as written, hold this noun bare (no "of ..." or "for ..." after it)?"""
    words = role.lower().replace(",", " ").split()
    for i, word in enumerate(words):
        if word == head:
            return i + 1 == len(words) or words[i + 1] not in ("of", "for", "at", "to", "with", "in", "on")
    return False


# A name after a title: one to three capitalised words ("President Brenner", "Sen. Ben Calder").
_TITLED_NAME = (
    r"(?!(?:" + "|".join(sorted(w.capitalize() for w in _SENTENCE_ADVERBS)) + r")\b)"
    r"[A-Z][a-z]+(?:[’'-][A-Za-z][a-z]*)*(?:\s+(?:(?:de|van|von|der|da|di|du|la|le|al|bin|ibn)\s+)?"
    r"[A-Z][a-z]+(?:[’'-][A-Za-z][a-z]*)*){0,2}"
)
_NAME_AFTER_ROLE = re.compile(r",?\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})\b")
