"""Speaker identity keys: one speaker row per normalised name."""

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
