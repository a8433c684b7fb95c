"""Paragraphs, sentences and quotation spans, all as offsets into the original text.

Nothing here copies or normalises the text: every span indexes the string the caller gave,
so `text[start:end]` is always what a claim says it is.
"""

import bisect
import itertools
import re
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS, NUMBER_ABBREVIATIONS
from .types import Span

OPENING_QUOTES = "“«„"
CLOSING_QUOTES = "”»"
STRAIGHT_QUOTE = '"'
ALL_QUOTES = OPENING_QUOTES + CLOSING_QUOTES + STRAIGHT_QUOTE

_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?]+[”’\"')\]]*(?=\s+|$)")
_OPENING_MARKS = ('"', "“")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # at the opening mark
    end: int  # after the closing mark
    parts: tuple[Span, ...]  # one per paragraph the quotation runs over


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines: news copy puts one paragraph on a line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def word_before(text: str, dot: int) -> int | None:
    """Where the word right before `dot` starts (at most 30 characters back), or None: the run
    of word characters, dots, apostrophes and hyphens that ends at the dot (or before a newline
    right before it), read backwards from the dot instead of by a pattern tried at each of the 30
    positions before it. A test holds it to that pattern."""
    lo = max(0, dot - 30)
    end = dot - 1 if dot > lo and text[dot - 1] == "\n" else dot
    start = end
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in "_.’'-"):
        start -= 1
    return start if start < end else None


def _is_abbreviation(text: str, dot: int) -> bool:
    """Does the full stop at `dot` close an abbreviation or an initial rather than a sentence?"""
    start = word_before(text, dot)
    if start is None:
        return False
    word_end = dot - 1 if text[dot - 1] == "\n" else dot
    word = text[start:word_end].lower().rstrip(".")
    if word in NUMBER_ABBREVIATIONS:
        # "No. 5" but "he said no. But ...": only before a number.
        following = text[dot + 1 : dot + 4].lstrip()
        return following[:1].isdigit()
    if word in ABBREVIATIONS:
        return True
    # A single capital letter is an initial ("John F. Kennedy").
    return len(word) == 1 and text[start].isupper()


# Two apostrophes stand for a double quotation mark in some wire and archive copy (''like this'').
DOUBLED_APOSTROPHE = "''"
# Every mark _mark_at knows, so the scan jumps from one to the next instead of reading each character.
# (`''|``|[quotation marks]`, written to open with one character class, which lets the pattern
# engine skip to the next candidate character: twice as fast; a test holds it to that pattern.)
_MARK = re.compile(f"[{re.escape(ALL_QUOTES)}'`](?:(?<=')'|(?<=`)`|(?<=[{re.escape(ALL_QUOTES)}]))")


_FORMAT_CHARS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def _mark_at(text: str, i: int) -> tuple[str, int]:
    """The quotation mark at i as (kind, length): kind is "open", "close", "either" or ""."""
    ch = text[i]
    if ch in OPENING_QUOTES:
        # A mistyped closing mark: `... for her here,“ said Jim Clyburn` (after a word, before a space).
        if (
            i
            and not text[i - 1].isspace()
            and text[i - 1] not in "([{—–-"
            and text[i + 1 : i + 2] in (" ", "\n", "")
        ):
            return "close", 1
        return "open", 1
    if ch in CLOSING_QUOTES:
        # A mistyped opening mark: `”Isis declares ...` (at the start, or after a space or a
        # bidirectional format character, and before a word).
        if (
            ch == "”"
            and (i == 0 or text[i - 1].isspace() or text[i - 1] in _FORMAT_CHARS)
            and text[i + 1 : i + 2].isalnum()
        ):
            return "open", 1
        return "close", 1
    if ch == STRAIGHT_QUOTE:
        return "either", 1
    if ch == "'" and text.startswith(DOUBLED_APOSTROPHE, i):
        return "either", 2
    if ch == "`" and text.startswith("``", i):
        return "open", 2
    return "", 0


def _is_opening(text: str, i: int, length: int = 1) -> bool:
    """A straight mark opens when it follows a space, a bracket or the start, and precedes a non-space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + length] if i + length < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


_QUOTE_MARKS_AND_DOUBLED = (*ALL_QUOTES, DOUBLED_APOSTROPHE)


def has_quote_mark(fragment: str) -> bool:
    # One C-level look per mark, with no Python frame per mark (a generator took twice as long).
    return any(map(fragment.__contains__, _QUOTE_MARKS_AND_DOUBLED))


def quotes(text: str, paras: list[Span]) -> list[Quote]:
    """Pair quotation marks paragraph by paragraph.

    A paragraph that opens a quotation without closing it continues into the next paragraph
    when that one opens with a quotation mark (the newspaper convention for long quotes).
    An opening mark that is never closed is dropped rather than guessed at.
    """
    found: list[Quote] = []
    carried: list[Span] | None = None  # parts of a quotation still open at the last paragraph's end
    carried_start = 0
    for p_start, p_end in paras:
        i = p_start
        # Skip leading white space to see whether the paragraph opens with a quote mark.
        while i < p_end and text[i].isspace():
            i += 1
        kind, length = _mark_at(text, i) if i < p_end else ("", 0)
        if carried is not None and kind not in ("open", "either"):
            carried = None
        open_at: int | None = None
        part_start = p_start
        if carried is not None:
            open_at, part_start = carried_start, i
            i += length
        for mark in _MARK.finditer(text, i, p_end):
            i = mark.start()
            kind, length = _mark_at(text, i)
            if not kind:
                continue
            opening = kind == "open" or (kind == "either" and _is_opening(text, i, length))
            if open_at is None:
                if opening:
                    open_at, part_start = i, i
                    carried = None
            elif not opening:
                parts = [*(carried or []), (part_start, i + length)]
                found.append(Quote(open_at, i + length, tuple(parts)))
                open_at, carried = None, None
            else:
                # A second opening mark before any closing one: the first was stray.
                open_at, part_start, carried = i, i, None
        if open_at is not None:
            end = p_end
            while end > part_start and text[end - 1].isspace():
                end -= 1
            carried = [*(carried or []), (part_start, end)]
            carried_start = open_at
        else:
            carried = None
    return found


def sentences(text: str, start: int, end: int, quote_spans: list[Quote] | None = None) -> list[Span]:
    """Split text[start:end] into sentences, ignoring full stops inside quotations and abbreviations."""
    inside = sorted((q.start, q.end) for q in quote_spans or () if q.start < end and q.end > start)
    # Is a full stop inside a quotation? The quotations opening before it, and the furthest end
    # among them: a bisection and a running maximum, not a scan of every quotation per full stop.
    inside_starts = [q_start for q_start, _ in inside]
    furthest_end = list(itertools.accumulate((q_end for _, q_end in inside), max))
    result: list[Span] = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        first_mark = match.start()
        opened = bisect.bisect_left(inside_starts, first_mark)
        if opened and stop < furthest_end[opened - 1]:
            # A full stop inside a quotation: the sentence goes on after it. One that the closing
            # mark follows (`... my heart." He said`) ends the quotation and the sentence.
            continue
        nxt = stop
        while nxt < end and text[nxt].isspace():
            nxt += 1
        # `... at a rally in Albany, N.Y. "We will ..."`: a quotation opening after an abbreviation
        # starts a new sentence.
        quotation_follows = (
            nxt > stop and text[nxt : nxt + 1] in _OPENING_MARKS and text[nxt + 1 : nxt + 2].isupper()
        )
        if (
            text[first_mark] == "."
            and stop - first_mark == 1
            and not quotation_follows
            and _is_abbreviation(text, first_mark)
        ):
            continue
        if nxt < end and text[nxt].islower():
            continue  # "... 5 p.m. on Monday" style: no capital, no new sentence
        result.append((sentence_start, stop))
        sentence_start = nxt
    if sentence_start < end and text[sentence_start:end].strip():
        tail_end = end
        while tail_end > sentence_start and text[tail_end - 1].isspace():
            tail_end -= 1
        result.append((sentence_start, tail_end))
    return [piece for span in result for piece in _bounded(text, span)]


# No sentence of real news is this long (the longest in PolNeAR has 1,516 characters). Longer
# runs, which only machine-made or hostile input has, are cut into pieces of at most this length,
# so that what the engine does once per quotation or cue within a sentence stays bounded.
MAX_SENTENCE_CHARS = 3000


def _bounded(text: str, span: Span) -> list[Span]:
    start, end = span
    if end - start <= MAX_SENTENCE_CHARS:
        return [span]
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces
