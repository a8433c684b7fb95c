"""People's names as keys: one key per person however the name is written. Pure Python, no Django.

name_key folds case, accents, punctuation and titles ("Mr. Vladimír  Putin" and "vladimir putin"
share a key). resolve_name decides whether a mention names a known person: a surname alone, or
an initial, names the one known person it fits, and nobody when several fit, so that two people
who share a surname stay apart.
"""

import re
import unicodedata

_TITLES = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|prof|sir|dame|sen|rep|gov|gen|president|senator|governor|minister|"
    r"secretary|chancellor|mayor|judge)\.?\s+)+",
)
_NOT_WORD = re.compile(r"[^\w\s]")


def name_key(name: str) -> str:
    """'Mr. Vladimír  Putin' and 'vladimir putin' share a key; 'The White House' keeps 'white house'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = _NOT_WORD.sub(" ", plain.replace("’", "'").replace("'s ", " "))
    plain = " ".join(plain.split())
    plain = _TITLES.sub("", plain)
    return plain.removeprefix("the ").strip()[:300]


def surname_key(name: str) -> str:
    """The last word of the name's key: what an index of speakers by surname holds."""
    key = name_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""


def _fits(mention: list[str], known: list[str]) -> bool:
    """Does a mention's key (tokens) fit a known person's key? The surnames are equal, and each
    given name the mention has matches the known one's in order, an initial matching a name."""
    if not mention or not known or mention[-1] != known[-1]:
        return False
    given, known_given = mention[:-1], known[:-1]
    if not given:
        return True
    if not known_given:
        return False
    first, known_first = given[0], known_given[0]
    return (
        first == known_first
        or (len(first) == 1 and known_first.startswith(first))
        or (len(known_first) == 1 and first.startswith(known_first))
    )


def resolve_name(mention: str, known: list[str]) -> str | None:
    """The one known name that `mention` can only mean, or None (unknown, or ambiguous)."""
    key = name_key(mention)
    if not key:
        return None
    keys = {name_key(name): name for name in known}
    if key in keys:
        return keys[key]
    tokens = key.split()
    fitting = [name for k, name in keys.items() if _fits(tokens, k.split())]
    return fitting[0] if len(fitting) == 1 else None


_ROLE_STOP = frozenset(
    "a an the of for and in on at to its his her their former current acting deputy said who".split()
)


def role_words(text: str) -> set[str]:
    return {w for w in _NOT_WORD.sub(" ", text.casefold()).split() if w not in _ROLE_STOP and len(w) > 1}


def choose_by_role(role: str, candidates: dict[int, str]) -> int | None:
    """Among people of one name, the one whose known roles ({id: description and roles seen})
    share the most words with the mention's role; None when no role, no overlap, or a tie."""
    wanted = role_words(role)
    if not wanted:
        return None
    scores = {pk: len(wanted & role_words(known)) for pk, known in candidates.items()}
    best = max(scores.values(), default=0)
    winners = [pk for pk, score in scores.items() if score == best]
    return winners[0] if best > 0 and len(winners) == 1 else None
