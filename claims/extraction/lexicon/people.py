"""Given names and the gender they are most often given to, from the US Census 1990 name lists
that the `names` package ships (MIT; the lists are public data): 1,219 male and 4,275 female
given names with their frequencies. Read once, at import, from the installed package: nothing
is downloaded.

Used for two decisions: a capitalised pair that opens with a given name is a person ("Kevin
Mayer", not "Harbour Depot"), and "she" is never resolved to a man ("Ben Calder")."""

import unicodedata
from importlib import resources

# A name given to both (Taylor, Jordan) belongs to the one that has it this many times as often.
_CLEAR_MAJORITY = 4.0


def _read(filename: str) -> dict[str, float]:
    rows: dict[str, float] = {}
    text = resources.files("names").joinpath(filename).read_text(encoding="ascii")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            rows[parts[0].lower()] = float(parts[1])
    return rows


_MALE = _read("dist.male.first")
_FEMALE = _read("dist.female.first")
GIVEN_NAMES = frozenset(_MALE) | frozenset(_FEMALE)


def gender_of(given: str) -> str | None:
    """ "male" or "female" when the given name is clearly one's, else None (unknown, or given to both).
    The lists are written without accents: "José" is read as "jose", "Renée" as "renee"."""
    low = given.lower()
    if not low.isascii():
        low = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    male, female = _MALE.get(low, 0.0), _FEMALE.get(low, 0.0)
    if male and male >= _CLEAR_MAJORITY * female:
        return "male"
    if female and female >= _CLEAR_MAJORITY * male:
        return "female"
    return None
