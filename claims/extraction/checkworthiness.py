"""How worth checking a statement is, in [0, 1].

A transparent linear score over surface features of checkable statements (figures, comparisons,
named entities, causal and temporal claims) minus opinion and hedging. It is not trained on the
evaluation data, whose licence forbids shipping a model derived from it.

Most features are lists of words. They are written once, as data (WordFeature), and read two ways
with the same result: as one case-insensitive pattern each, or, for text whose letters and
digits are all ASCII (nearly all news in English), as look-ups of the text's lower-cased words
in a set, which is five times faster; a pattern runs only for a feature's phrases ("led to")
when the phrase's first word is there. A hypothesis test holds the two readings equal.
"""

import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class WordFeature:
    """A feature present when one of its words or phrases stands in the text as a whole word."""

    weight: float
    words: frozenset[str]
    phrases: tuple[str, ...] = ()
    also_chars: str = ""  # single characters that count too ("%", "$")
    digits: bool = False  # any digit counts too
    pattern: re.Pattern[str] = field(init=False)  # the feature as one case-insensitive pattern
    lowered: re.Pattern[str] | None = field(init=False)  # its phrases, for lower-cased text
    phrase_starts: frozenset[str] = field(init=False)  # each phrase's first word
    chars: re.Pattern[str] | None = field(init=False)  # also_chars, as one class

    def __post_init__(self) -> None:
        alternatives = "|".join(re.escape(w) for w in sorted(self.words | set(self.phrases)))
        pattern = rf"\b(?:{alternatives})\b"
        if self.also_chars:
            pattern = f"[{re.escape(self.also_chars)}]|{pattern}"
        if self.digits:
            pattern = rf"\d|{pattern}"
        object.__setattr__(self, "pattern", re.compile(pattern, re.IGNORECASE))
        phrases = "|".join(re.escape(p.lower()) for p in self.phrases)
        object.__setattr__(self, "lowered", re.compile(rf"\b(?:{phrases})\b") if phrases else None)
        starts = frozenset(_WORD_RUN.match(p.lower()).group() for p in self.phrases)  # type: ignore[union-attr]
        object.__setattr__(self, "phrase_starts", starts)
        chars = re.compile(f"[{re.escape(self.also_chars)}]") if self.also_chars else None
        object.__setattr__(self, "chars", chars)

    def search(self, text: str, reading: "Reading | None" = None) -> bool:
        """Is the feature in the text? `reading`: read(text), when the caller has it already."""
        reading = reading or read(text)
        if not reading.by_words:
            return self.pattern.search(text) is not None
        return self.in_words(text, reading.lowered, reading.words)

    def in_words(self, text: str, lowered: str, words: set[str] | frozenset[str]) -> bool:
        """The feature read from the text's lower-cased words (letters and digits all ASCII)."""
        if not self.words.isdisjoint(words):
            return True
        if self.chars is not None and self.chars.search(text) is not None:
            return True
        if self.digits and _has_ascii_digit(text):
            return True
        return (
            self.lowered is not None
            and not self.phrase_starts.isdisjoint(words)
            and self.lowered.search(lowered) is not None
        )


@dataclass(frozen=True)
class PatternFeature:
    """A feature that is a pattern of its own (a digit, a year, a capitalised name). needs_digit:
    it cannot match without a digit, so where the look-ups read the text (no digit beyond
    ASCII) it is tried only when one of 0-9 is there."""

    weight: float
    pattern: re.Pattern[str]
    needs_digit: bool = False

    def in_words(self, text: str, lowered: str, words: set[str] | frozenset[str]) -> bool:
        if self.needs_digit and not _has_ascii_digit(text):
            return False
        return self.pattern.search(text) is not None


def _has_ascii_digit(text: str) -> bool:
    """Is one of 0-9 in the text? (What a digit pattern finds, in text whose digits are all ASCII.)"""
    return any(map(text.__contains__, "0123456789"))


Feature = WordFeature | PatternFeature
_WORD_RUN = re.compile(r"\w+")
# A letter or digit beyond ASCII: case-insensitive matching and \b then follow Unicode rules
# that lower-casing does not reproduce (the long s, U+017F, matches "s"), so such text takes the patterns.
_BEYOND_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")

_FEATURES: tuple[Feature, ...] = (
    PatternFeature(1.1, re.compile(r"\d"), needs_digit=True),
    WordFeature(0.9, frozenset({"percent"}), ("per cent",), also_chars="%"),
    WordFeature(0.9, frozenset("dollars euros pounds billion million trillion".split()), also_chars="$€£"),
    WordFeature(
        0.7,
        frozenset(
            "more less fewer higher lower larger smaller than most least highest lowest record doubled "
            "tripled increased decreased rose fell cut raised".split()
        ),
    ),
    WordFeature(0.4, frozenset({"because", "caused"}), ("led to", "result in", "resulted in", "due to")),
    WordFeature(
        0.6,
        frozenset(
            "voted passed signed killed arrested spent paid lost won created jobs tax taxes law bill "
            "deficit debt budget unemployment crime".split()
        ),
    ),
    # A year, `\b(?:19|20)\d\d\b`, opening with its digits for the same reason as below.
    PatternFeature(0.4, re.compile(r"(?:19|20)(?<!\w19)(?<!\w20)\d\d\b"), needs_digit=True),
    # Two or more capitalised words: `\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b`, written to open with
    # its capital (the word boundary before it as a look-behind after it), which lets the
    # pattern engine skip to the next capital instead of trying every position: twice as fast.
    PatternFeature(0.3, re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?:\s+[A-Z][a-z]+)+\b")),
)
_AGAINST: tuple[Feature, ...] = (
    WordFeature(
        0.8,
        frozenset("thank great wonderful terrible love hate".split()),
        ("I think", "I believe", "I feel", "I hope", "we hope", "I want", "we want", "I'm", "I am"),
    ),
    WordFeature(0.4, frozenset("maybe perhaps might could would should will".split())),
    PatternFeature(0.8, re.compile(r"\?")),
)
_BIAS = -1.2


class Reading(NamedTuple):
    """A text as the word look-ups read it: lower-cased and as a set of words (by_words), or not
    at all, when its letters or digits go beyond ASCII and the patterns must read it. (A named
    tuple: one is made per statement scored.)"""

    by_words: bool
    lowered: str = ""
    words: set[str] | frozenset[str] = frozenset()


_BY_PATTERNS = Reading(False)


def read(text: str) -> Reading:
    if not text.isascii() and _BEYOND_ASCII_WORD.search(text) is not None:
        return _BY_PATTERNS
    lowered = text.lower()
    if text.isascii():
        # ASCII: every character that is not a letter, digit or underscore made a space, then split,
        # in C: the same words as the pattern finds, several times faster.
        words = set(lowered.translate(_ASCII_NON_WORD).split())
    else:
        words = set(_WORD_RUN.findall(lowered))
    # tuple.__new__: the named tuple without its Python-level __new__ (one is made per statement).
    return _new_tuple(Reading, (True, lowered, words))


_ASCII_NON_WORD = {code: " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "_")}


_new_tuple = tuple.__new__


def score(text: str, *, by_patterns: bool = False, reading: Reading | None = None) -> float:
    """by_patterns: read every feature with its pattern (the reading the word look-ups must equal).
    reading: read(text), when the caller has it already."""
    total = _BIAS
    reading = _BY_PATTERNS if by_patterns else reading or read(text)
    if not reading.by_words:
        for feature in _FEATURES:
            if feature.pattern.search(text) is not None:
                total += feature.weight
        for feature in _AGAINST:
            if feature.pattern.search(text) is not None:
                total -= feature.weight
    else:
        lowered, words = reading.lowered, reading.words
        for feature in _FEATURES:
            if feature.in_words(text, lowered, words):
                total += feature.weight
        for feature in _AGAINST:
            if feature.in_words(text, lowered, words):
                total -= feature.weight
    if len(text.split()) < 6:
        total -= 0.8
    return 1.0 / (1.0 + math.exp(-total))
