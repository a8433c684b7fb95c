"""What every text field people write may hold, and the ids a URL or filter may name."""

import re

from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1  # a bigint primary key; a larger number is refused, not a database overflow


def within_ids(digits: str) -> bool:
    """Whether a run of ASCII digits is a number no larger than the database's ids reach. By
    length first: int() refuses a string of more than 4,300 digits (a ValueError)."""
    size = len(str(MAX_ID))
    return len(digits) < size or (len(digits) == size and int(digits) <= MAX_ID)


# Control characters (Unicode category Cc: C0, DEL and C1) but tab, line feed and carriage return
# (a browser sends a textarea's line breaks as CR LF).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(value: str, limit: int = 40) -> str:
    """A value as a refusal quotes it back: shortened, its control characters written as escapes."""
    short = value[:limit] + ("…" if len(value) > limit else "")
    return CONTROL_CHARACTERS.sub(lambda found: f"\\x{ord(found.group()):02x}", short)


def validate_plain_text(value: str) -> None:
    """Text people write and read holds no control characters: PostgreSQL cannot store a NUL at
    all (a DataError where SQLite takes it), and the others are invisible on every page that
    shows the text yet part of what is searched and compared."""
    found = CONTROL_CHARACTERS.search(value)
    if found is not None:
        raise ValidationError(
            "This text holds a control character (U+%(code)04X), which no text here may: "
            "remove it (it was probably pasted in unseen).",
            code="control_character",
            params={"code": ord(found.group())},
        )
