"""Turn submitted bytes into text, or say plainly why they are not text.

Order: refuse the empty and the binary, honour a byte-order mark, try UTF-8 (what almost all
news is served as), then a declared HTML charset, then choose between Windows-1251 and
Latin-1/Windows-1252 by which one yields real words.
"""

import itertools
import re

from .errors import UnusableInput

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program (ELF executable)",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


def decode(data: bytes) -> str:
    if not data.strip():
        raise UnusableInput("The input is empty: there is no text to read.")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise UnusableInput(f"The input is {what}, not text or HTML.")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:65536]
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    if b"\x00" in sample or control > len(sample) * 0.05:
        raise UnusableInput(
            "The input looks like binary data, not text or HTML "
            f"({control} control bytes in the first {len(sample)})."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return _guess_single_byte(data)


def _guess_single_byte(data: bytes) -> str:
    """Windows-1251 (Cyrillic) or Windows-1252/Latin-1: whichever reads as letters of one script."""
    as_cyrillic = data.decode("cp1251", errors="replace")
    high = [ch for ch, byte in zip(as_cyrillic, data, strict=False) if byte >= 0xC0]
    if high and sum(1 for ch in high if _CYRILLIC.match(ch)) == len(high):
        # In Latin-1 text bytes >= 0xC0 are accented letters among ASCII words; in Cyrillic text
        # they are whole words. Count how often they stand next to each other.
        runs = sum(1 for a, b in itertools.pairwise(data) if a >= 0xC0 and b >= 0xC0)
        if runs >= len(high) / 2:
            return as_cyrillic
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
