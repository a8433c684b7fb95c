"""The organisations an article names, so that its short forms and descriptions resolve to the
name the article gives: "VB" to Vossberg, "Harbourdata" to Harbourdata.com, "the production company"
to Island Productions, "the automaker" to the company the article is about.

Read once per article, with no parser: a capitalised name is taken for an organisation when it
ends in a word organisations end in ("Records", "Group", "Corp"), is written as one word with a
capital inside ("SeaLink", "SeaLink") or as a web address ("Harbourdata.com"), or is named with a
word for a company before or after it ("hardware giant Harbour Depot", "Tidewater, a
brokerage"). A description resolves only when the article makes it clear; otherwise the mention
keeps no name (a wrong name is worse than none)."""

import re
from collections import Counter
from dataclasses import dataclass

from .lexicon import CORPORATE_WORDS, DESCRIPTIONS, ORGANISATION_WORDS, TITLE_WORDS
from .lexicon.people import GIVEN_NAMES
from .lexicon.places import COUNTRIES, US_STATES

# A capitalised word of a name ("EB-5" is no name: a word followed by a number is left out).
_WORD = r"[A-Z][\w&!]*(?:-[A-Z][\w&!]*)*(?:\.(?:com|org|net|io))?(?!-?\d)"
_NAME = re.compile(rf"(?<![\w’'-]){_WORD}(?:[ \u00a0]+(?:of[ \u00a0]+|&[ \u00a0]+)?{_WORD}){{0,4}}")
_TICKER = re.compile(r"\(\s*(?:ticker|nyse|nasdaq)[^)]*$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([\w-]+)\s+$")
_DESCRIBED_AFTER = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?([a-z]+)\b")
# One word with a capital inside ("SeaLink", "PortBank"), not a family name's prefix ("McAllister",
# "MacArthur", "DeSantis", "LeBron", "DiCaprio").
_CAMEL = re.compile(r"(?!(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von)[A-Z])[A-Z][a-z]+[A-Z]\w*")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’']?\s+|\n\s*|[\"“]\s*)$")
_NOT_ORGANISATIONS = (
    COUNTRIES
    | US_STATES
    | TITLE_WORDS
    | frozenset(
        """
        monday tuesday wednesday thursday friday saturday sunday january february march april may june july
        august september october november december the a an but and or it he she they we i this that
        """.split()
    )
)


@dataclass(slots=True)
class Named:
    name: str
    first: int  # where it is first named
    positions: list[int]


class Organisations:
    def __init__(self, text: str, people: frozenset[str] = frozenset()) -> None:
        """people: the family names (lower case) of the people the article names in full, which
        are never an organisation's name."""
        self.text = text
        self._people = people
        seen: dict[str, Named] = {}
        for m in _NAME.finditer(text):
            name, at = m.group().rstrip("."), m.start()
            if name.startswith("The "):
                name, at = name[4:], at + 4
            if not name or name.split()[0].lower() in _NOT_ORGANISATIONS:
                continue
            seen.setdefault(name, Named(name, at, [])).positions.append(at)
        # Every capitalised name, for spelling out initials ("VB" for Vossberg).
        self._seen = seen
        # Whether each name names an organisation, decided when first asked (most articles ask
        # of a name or two).
        self._organisation: dict[str, bool] = {}

    def _named(self, name: str) -> bool:
        """Is this name, read in the article, an organisation's?"""
        if name not in self._organisation:
            named = self._seen.get(name)
            self._organisation[name] = named is not None and self._is_organisation(named)
        return self._organisation[name]

    def _organisations(self) -> list[Named]:
        return [named for name, named in self._seen.items() if self._named(name)]

    def _is_organisation(self, named: Named) -> bool:
        """Does the name, as written or where it is read, name an organisation?"""
        name = named.name
        parts = name.split()
        low = [p.lower() for p in parts]
        if low[-1] in CORPORATE_WORDS or low[-1] in ORGANISATION_WORDS:
            return True  # "Island Productions", "Tidewater Institutional Equities"
        if len(parts) >= 2 and low[0] in GIVEN_NAMES:
            return False  # "Tom Brenner"
        if len(parts) == 1 and (_CAMEL.fullmatch(name) or "." in name):
            return True  # "SeaLink", "Harbourdata.com"
        if _ACRONYM.fullmatch(name):
            # An organisation's initials, unless in a ticker's parentheses: "(ticker: HD)".
            return any(not _TICKER.search(self.text, max(0, at - 30), at) for at in named.positions)
        return any(self._described_here(name, at) for at in named.positions)

    def _described_here(self, name: str, at: int) -> bool:
        """Named with a word for a company: "hardware giant Harbour Depot", "Tidewater, a brokerage"."""
        before = _WORD_BEFORE.search(self.text, max(0, at - 25), at)
        if before is not None and before.group(1).lower() in DESCRIPTIONS:
            return True
        after = _DESCRIBED_AFTER.match(self.text, at + len(name), at + len(name) + 60)
        return after is not None and after.group(1) in DESCRIPTIONS

    # --- reading a mention ---------------------------------------------------------------
    def fuller(self, name: str) -> str | None:
        """The fuller name the article gives an organisation named by a part of it: "Harbourdata" for
        Harbourdata.com, "Harbour" for Harbour Records (the first so named), "VB" for
        Vossberg (its initials, or its first letters in order)."""
        longer = [
            n
            for n in self._seen.values()
            if n.name != name
            and (n.name.startswith(name + " ") or n.name.startswith(name + "."))
            and self._named(n.name)
        ]
        if longer:
            return min(longer, key=lambda n: n.first).name
        if _ACRONYM.fullmatch(name):
            return self._spelled_out(name)
        return None

    def _spelled_out(self, acronym: str) -> str | None:
        if acronym.lower() in COUNTRIES:
            return None
        candidates = [
            n for n in self._seen.values() if n.name != acronym and n.name.lower() not in GIVEN_NAMES
        ]
        matches = {n.name for n in candidates if " " in n.name and _initials(n.name) == acronym}
        if not matches and len(acronym) <= 3:
            # "VB" for Vossberg: one word that opens with the first letter and holds the others
            # in order (only one such word in the article).
            matches = {
                n.name
                for n in candidates
                if " " not in n.name
                and n.name.lower() not in self._people
                and len(n.name) > len(acronym) + 2
                and _letters_in_order(acronym, n.name)
            }
        if len(matches) != 1:
            return None
        found = matches.pop()
        # Initials spelled out make both an organisation's names.
        self._organisation[found] = True
        self._organisation[acronym] = True
        self._seen.setdefault(acronym, Named(acronym, len(self.text), []))
        return found

    def is_organisation(self, name: str) -> bool:
        """Is this name an organisation's, as the article names it or spells out its initials
        ("Vossberg", when the article also writes "VB")?"""
        return self._named(name) or any(
            _ACRONYM.fullmatch(other) is not None and self._spelled_out(other) == name
            for other in list(self._seen)
            if len(other) <= 3
        )

    @staticmethod
    def describes_one(description: str) -> bool:
        """Is the mention a definite description of one organisation ("the company", "The automaker")?"""
        return _description_words(description) is not None

    def described(self, description: str, position: int) -> tuple[str, str] | None:
        """(name, how) of the organisation a description means ("the production company"): the
        one whose name holds the description's own word ("Island Productions"), else the one
        the article names most, when it clearly leads. None when the article leaves it open."""
        words = _description_words(description)
        if words is None:
            return None
        before = [n for n in self._organisations() if n.first < position]
        head = words[-1]
        # "the authority" after "the Riverton Port Authority": the one organisation named before
        # whose name ends in that word.
        ending = {
            self._folded(n.name)
            for n in before
            if len(n.name.split()) >= 2 and n.name.split()[-1].lower() == head
        }
        if any(w.endswith(("’s", "'s")) for w in description.split()):
            ending = set()  # "the prosecutor's office": whose office, the possessor says
        if len(ending) == 1:
            name = ending.pop()
            return name, f"the {head} the article names in full ({name})"
        if head not in DESCRIPTIONS:
            return None  # "the council", "the ministry": only by its name
        modifiers = [w for w in words[1:-1] if w.isalpha()]
        for modifier in modifiers:
            fitting = {
                n.name
                for n in before
                if any(part.lower().startswith(modifier[:6]) for part in n.name.split())
            }
            if len(fitting) == 1:
                return (
                    fitting.pop(),
                    f"the {' '.join(words[1:])} named {' '.join(words[1:-1])} in the article",
                )
        # Named in the same sentence, before the description: "..., according to the company".
        sentence_start = max(self.text.rfind(". ", 0, position), self.text.rfind("\n", 0, position)) + 1
        here = [
            (p, n.name)
            for n in self._seen.values()
            for p in n.positions
            if sentence_start <= p < position and self._may_be_organisation(n.name)
        ]
        if here:
            name = self._folded(max(here)[1])
            return name, f"the organisation named before it in the same sentence ({name})"
        # The subject of the sentence before: "VB has used recycled plastic. The automaker says ...".
        previous_start = (
            max(self.text.rfind(". ", 0, sentence_start - 2), self.text.rfind("\n", 0, sentence_start - 1))
            + 1
        )
        opening = self.text[previous_start:sentence_start].lstrip()
        subject = next((n.name for n in before if opening.startswith((n.name + " ", n.name + ","))), None)
        if subject is not None:
            name = self._folded(subject)
            return name, f"the organisation the sentence before is about ({name})"
        counts: Counter[str] = Counter()
        for n in before:
            counts[self._folded(n.name)] += sum(1 for p in n.positions if p < position)
        ranked = counts.most_common(2)
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            return ranked[0][0], f"the organisation the article names most ({ranked[0][1]} times before)"
        return None

    def _may_be_organisation(self, name: str) -> bool:
        """Named as an organisation, or a capitalised word that names no person or place the
        article knows of ("Facebook's various platforms, according to the company")."""
        if self._named(name):
            return True
        low = name.lower()
        return (
            " " not in name
            and low not in GIVEN_NAMES
            and low not in self._people
            and low not in _NOT_ORGANISATIONS
            and not _ACRONYM.fullmatch(name)
        )

    def _folded(self, name: str) -> str:
        """The name an organisation's mentions are counted under: its fuller name ("VB" as Vossberg)."""
        return self.fuller(name) or name


# Bodies that "the <word>" names once the article has named them in full ("the authority").
_NAMED_BODIES = frozenset(
    """
    authority agency commission council board ministry department committee bank court union party
    institute foundation association federation coalition bureau office service
    """.split()
)


def _description_words(description: str) -> list[str] | None:
    words = [w.lower().strip("’'") for w in description.split()]
    if len(words) == 2 and words[0] == "company":
        words = ["the", "company"]  # "Company management said", "company officials said"
    if (
        len(words) < 2
        or (words[-1] not in DESCRIPTIONS and words[-1] not in _NAMED_BODIES)
        or words[0] not in ("the", "this", "that")
    ):
        return None
    if any(w in ("of", "for", "at", "to", "from") for w in words):
        return None  # "the head of the agency": a person of the organisation, not the organisation
    return words


def _initials(name: str) -> str:
    return "".join(p[0] for p in name.split() if p[0].isupper())


def _letters_in_order(acronym: str, word: str) -> bool:
    if word[0].upper() != acronym[0]:
        return False
    rest = iter(word[1:].upper())
    return all(letter in rest for letter in acronym[1:])
