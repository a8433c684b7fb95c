"""The identity of a statement: its words (case, quote marks, punctuation and spacing aside), its
speaker, and its stance: an assertion and a denial of the same words are different claims."""

import hashlib
import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+")
ASSERTED = "asserted"


def claim_fingerprint(text: str, speaker_key: str, stance: str = ASSERTED) -> str:
    words = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split()
    # An assertion's fingerprint is what it was before stances were recorded, so that the claims
    # stored then keep theirs; any other stance is part of what is hashed.
    marked = "" if stance == ASSERTED else f"\x1f{stance}"
    return hashlib.sha256(f"{speaker_key}\x1f{' '.join(words)}{marked}".encode()).hexdigest()
