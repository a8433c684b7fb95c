"""Turn submitted bytes into text, or say plainly why they are not text.

Order: refuse the empty and the binary, honour a byte-order mark, try UTF-8 (what almost all
news is served as: bytes that read as valid UTF-8 are almost never another encoding), then the
charset the HTTP Content-Type declares, then a charset the HTML declares, then detect it
(charset-normalizer), and only when detection finds nothing, choose between Windows-1251 and
Latin-1/Windows-1252 by which one yields real words.
"""

import codecs
import itertools
import re
import unicodedata

from claims.ingest.errors import UnusableInput

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
_HEADER_CHARSET = re.compile(r"charset\s*=\s*([^;\s]+)", re.IGNORECASE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


def charset_of(content_type: str) -> str:
    """The charset parameter of a Content-Type header value ("" when none)."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1).strip("\"' ").lower() if match else ""


def _as(data: bytes, charset: str) -> str | None:
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data: bytes, *, declared: str = "") -> str:
    """`declared`: the charset the HTTP Content-Type names, if any. NUL characters that survive
    the binary check (it reads the first 64 KB) are removed: no text holds them, and PostgreSQL
    cannot store them."""
    return _decode(data, declared).replace("\x00", "")


def _decode(data: bytes, declared: str) -> str:
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
    if declared and (text := _as(data, declared)) is not None:
        return text
    in_html = _META_CHARSET.search(data[:4096])
    if in_html and (text := _as(data, in_html.group(1).decode("ascii"))) is not None:
        return text
    return _detect(data)


def _detect(data: bytes) -> str:
    """Undeclared: the reading charset-normalizer finds plausible (it scores each candidate
    encoding by how much the result reads like one language) with the fewest symbols inside
    words, else the single-byte guess.

    On a paragraph or two its first choice among the Central European code pages is often wrong
    ("£odzi", "powiedzia³" for ISO-8859-2 Polish): a symbol touching a letter is the sign of a
    wrong code page. So readings are ranked by that first, then by charset-normalizer's own
    scores (mess, then coherence), and exact ties go to the encoding the web really uses."""
    from charset_normalizer import from_bytes

    sample = data[:200_000]
    readings = []
    for rank, match in enumerate(from_bytes(sample)):
        text = _as(sample, match.encoding)
        if text is not None:
            readings.append(
                (
                    _symbols_in_words(text),
                    round(match.chaos, 3),
                    -round(match.coherence, 3),
                    _commonness(match.encoding),
                    rank,
                    match.encoding,
                )
            )
    for *_, encoding in sorted(readings):
        if (text := _as(data, encoding)) is not None:
            return text
    return _guess_single_byte(data)


def _symbols_in_words(text: str) -> int:
    """How many symbols (£, ³, ±: Unicode categories S* and No) touch a letter."""
    count = 0
    for match in _NON_ASCII.finditer(text):
        i = match.start()
        category = unicodedata.category(text[i])
        if category[0] == "S" or category == "No":
            count += (i > 0 and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha())
    return count


# Encodings pages are really written in, most used first: among readings that score the same
# (ISO-8859-2 Polish reads as letters in ISO-8859-10 or -4 too), the one the web uses wins.
_IN_USE = [
    codecs.lookup(name).name
    for name in (
        "utf-8 cp1252 iso8859-1 iso8859-15 cp1250 iso8859-2 cp1251 koi8-r koi8-u iso8859-5 cp1253 "
        "iso8859-7 cp1254 iso8859-9 cp1255 iso8859-8 cp1256 cp1257 iso8859-13 gb18030 gbk gb2312 big5 "
        "shift_jis cp932 euc_jp iso2022_jp euc_kr cp949 cp874 tis-620 cp1258"
    ).split()
]


def _commonness(encoding: str) -> int:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return len(_IN_USE) + 1
    return _IN_USE.index(name) if name in _IN_USE else len(_IN_USE)


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
