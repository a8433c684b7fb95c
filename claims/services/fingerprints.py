"""The identity of a statement: its words (case, quote marks, punctuation and spacing aside) and speaker."""

import hashlib
import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+")


def claim_fingerprint(text: str, speaker_key: str) -> str:
    words = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split()
    return hashlib.sha256(f"{speaker_key}\x1f{' '.join(words)}".encode()).hexdigest()
