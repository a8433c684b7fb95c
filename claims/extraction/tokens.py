"""The document's words: the token type (Word), the one word reader (words) and the one cue
finder (Tokens.cue_words, over the tokens of the cue class found once per document). Pure Python.

The units of reading, each on purpose, in one place:

- a word (WORD, read by `words`) ends in a letter or digit and keeps dots, "&" and apostrophes
  inside it ("U.S", "AT&T", "O'Brien"): the unit of a speaker mention, whose names hold them;
- a cue token (_TOKEN_CHARS) is a run of word characters, apostrophes and hyphens: the unit of a
  verb of saying, which holds neither a dot nor "&" (`said.` must end at the stop);
- the word beside a cue (WORD_BEFORE, WORD_AFTER), which the decisions on a cue word read.

The cue tokens are found once per document (Tokens). A mention's words are read by span
(`words(text, start, end)`), not taken from a list of the document's words made once: the span's
bounds are offsets the rules compute (back to a comma, forward to a cue, inside a word at times),
and a word a bound cuts is read as far as the bound goes, which a list made once would have to
read again at each bound; the mention readers are asked of the text, not of the document, from
some twenty places in the rules. Reading the span's words again is what keeps the engine's output
as it is; the reading is one (WORD, here) for every caller.
"""

import bisect
import re
from collections.abc import Callable
from typing import NamedTuple

from .lexicon import SPEECH_CUES
from .lexicon.cues import having

WORD = re.compile(r"[\w’'&.-]*\w[’']?")
# The word right before a position, or right after it, as a cue's context is read ("U.S." before
# "states", "up" after "showed"): dots kept to the word's end, "&" not a word's.
WORD_BEFORE = re.compile(r"([\w’'.-]+)\s*$")
WORD_AFTER = re.compile(r"\s*([\w’'.-]+)")
_TOKEN_CHARS = r"[\w’'-]"  # a cue token is a run of these


class Word(NamedTuple):
    """A word as written, with its offsets. A named tuple rather than a frozen dataclass: words
    are made by the hundred thousand, and a frozen dataclass takes three times as long to build."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("’s", "'s", "s’", "s'"))


_new_tuple = tuple.__new__


def words(text: str, start: int, end: int) -> list[Word]:
    """The words between start and end. A word ends in a letter or digit (or an apostrophe after
    one), so a full stop after it is the sentence's ("said."), and dots inside it are kept ("U.S",
    "Jr" before its stop)."""
    # tuple.__new__ builds each Word without the named tuple's own __new__ (a Python call): the
    # same object, a quarter faster, and words are made by the hundred thousand.
    return [_new_tuple(Word, (m.start(), m.end(), m.group())) for m in WORD.finditer(text, start, end)]


# Cues of two words whose first word alone would not be one ("shot a man", "pointed to").
PHRASAL_CUES = tuple(sorted(having("phrasal")))
# The second words of two-word cues ("according to", "shot back"), by their first word.
SECOND_WORDS: dict[str, frozenset[str]] = {}
for _phrase in (*having("according"), *PHRASAL_CUES):
    _first, _second = _phrase.split()
    SECOND_WORDS[_first] = SECOND_WORDS.get(_first, frozenset()) | {_second}

_MAY_BE_CUE = frozenset(SPEECH_CUES) | frozenset(SECOND_WORDS)


def _trie(forms: frozenset[str]) -> str:
    """One alternation of the words as a trie of their letters ("sa(?:id|ys?)" for said, say,
    says): the pattern engine tries each position against one branch per letter, not every word."""
    tree: dict = {}
    for form in forms:
        node = tree
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        children = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not children:
            return ""
        return "(?:" + "|".join(children) + ")" + ("?" if "" in node else "")

    return branch(tree)


# A whole token (no token character on either side) that may be a cue, in lower-cased text.
_CUE_CLASS = re.compile(f"(?<!{_TOKEN_CHARS}){_trie(_MAY_BE_CUE)}(?!{_TOKEN_CHARS})")
_NEXT_TOKEN = re.compile(r"\s+([\w’'-]+)")


def _token_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_’'-"  # what _TOKEN_CHARS matches


def _lowered(text: str) -> str:
    """The text lower-cased, one character for one, so that offsets hold. Only a capital I with
    a dot ("İ") lower-cases to two characters; it is kept as it is: a word character still, and
    no cue has it, as no cue has the two characters it would become."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if ch == "İ" else ch.lower() for ch in text)


class Tokens:
    """The document's tokens of the cue class (a word of saying, or the first word of a two-word
    cue: "according", "shot"), with their offsets, found in one pass over the lower-cased text (in
    C: one pattern, a trie of the cue forms), so that the cues of any span are found by
    bisection instead of a scan of its words.

    Each carries one flag, `quoted` (inside a quotation: a speaker's own "said" is part of what
    they said), set by the document once its quotations are known (`flag_quoted`). Whether a word
    opens its sentence or is capitalised the rules ask of the sentence lookups and the word itself."""

    def __init__(self, text: str) -> None:
        self.lowered = _lowered(text)
        self.quoted: dict[int, bool] = {}  # by token start
        spans = [m.span() for m in _CUE_CLASS.finditer(self.lowered)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def flag_quoted(self, inside_quote: Callable[[int], bool]) -> None:
        self.quoted = {start: inside_quote(start) for start in self.starts}

    def cue_words(self, text: str, start: int, end: int) -> list[Word]:
        """The cue words and two-word cues between start and end, as a scan of the span's tokens
        would read them: a token cut by `start` left out and one cut by `end` read as far as it
        goes (tests/extraction holds it to one alternation of every cue)."""
        starts, ends, lowered = self.starts, self.ends, self.lowered
        found: list[Word] = []
        taken = -1  # the start of a token read as the second word of a cue
        i = bisect.bisect_left(starts, start)
        while i < len(starts) and starts[i] < end:
            token_start, token_end = starts[i], ends[i]
            i += 1
            if token_end > end:
                break  # cut by `end`: read below, as far as it goes
            if token_start == taken:
                continue
            low = lowered[token_start:token_end]
            seconds = SECOND_WORDS.get(low)
            if seconds is not None:
                nxt = _NEXT_TOKEN.match(text, token_end, end)
                if nxt is not None and nxt.group(1).lower() in seconds:
                    found.append(Word(token_start, nxt.end(), text[token_start : nxt.end()]))
                    taken = nxt.start(1)
                    continue
            if low in SPEECH_CUES:
                found.append(Word(token_start, token_end, text[token_start:token_end]))
        # A token cut by `end`, whatever it is, is a cue as far as it goes ("say" of "saying").
        if start < end < len(text) and _token_char(text[end - 1]) and _token_char(text[end]):
            cut = end - 1
            while cut > start and _token_char(text[cut - 1]):
                cut -= 1
            cut_by_start = cut == start and start > 0 and _token_char(text[start - 1])
            if not cut_by_start and cut != taken and text[cut:end].lower() in SPEECH_CUES:
                found.append(Word(cut, end, text[cut:end]))
        return found
