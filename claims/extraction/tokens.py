"""The document's words: the token type (Word), the document's words read once (Words, asked
for the words of any span) and the one cue finder (Tokens.cue_words, over the tokens of the cue
class found once per document). Pure Python.

The units of reading, each on purpose, in one place:

- a word (WORD, read once per document by `Words`) ends in a letter or digit and keeps dots, "&"
  and apostrophes inside it ("U.S", "AT&T", "O'Brien"): the unit of a speaker mention, whose
  names hold them;
- a cue token (_TOKEN_CHARS) is a run of word characters, apostrophes and hyphens: the unit of a
  verb of saying, which holds neither a dot nor "&" (`said.` must end at the stop);
- the word beside a cue (WORD_BEFORE, WORD_AFTER), which the decisions on a cue word read.

Both layers belong to the document (Document.tokens, Document.words) and are asked by span. The
cue tokens are found in one pass when the document is built. The words are read once each, where
a span first asks for them (a sentence at a time, as far as asked: the mention readers ask for
about a quarter of a document's words, and reading all of them up front costs more than it
saves), and kept. A span's words are the kept words inside it, found by bisection; a word that a
bound of the span cuts (the rules compute bounds back to a comma, forward to a cue, inside a word
at times) is read again as far as the bound goes, only that word, so that a span's words are
those a scan of the span alone reads. The mention readers (mentions.py) are handed the
document's words with its text.
"""

import bisect
import re
from collections.abc import Callable, Iterable
from operator import itemgetter
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
_START, _END = itemgetter(0), itemgetter(1)  # a Word's offsets, in C
# The characters a word is made of, and a run of them: no word crosses a run's end.
_WORD_CHAR = re.compile(r"[\w’'&.-]")
_RUN = re.compile(r"[\w’'&.-]*")
_INSIDE_A_RUN = re.compile(r"(?<=[\w’'&.-])[\w’'&.-]")  # between two word characters


class Words:
    """The document's words, each read once, and the words of any span taken from them
    (`between`). A word ends in a letter or digit (or an apostrophe after one), so a full stop
    after it is the sentence's ("said."), and dots inside it are kept ("U.S", "Jr" before its stop).

    The text is read in blocks (its sentences, when the document gives their starts): each block
    keeps the words of one stretch of it, widened as spans ask for more. Blocks and stretches start
    and end where no word goes on across (not between two word characters), so the words read
    there are the document's words."""

    __slots__ = ("_block_starts", "_from", "_to", "_words", "text")

    def __init__(self, text: str, block_starts: Iterable[int] = ()) -> None:
        self.text = text
        starts = {0}
        starts.update(p for p in block_starts if 0 < p < len(text) and not _INSIDE_A_RUN.match(text, p))
        # The block starts in order, and the text's end after them (each block ends where the next starts).
        self._block_starts = [*sorted(starts), len(text)]
        # Block k's words read so far: those of text[_from[k]:_to[k]] (none read when _from[k] < 0).
        self._from = [-1] * len(starts)
        self._to = [-1] * len(starts)
        self._words: list[list[Word]] = [[] for _ in starts]

    def _read(self, k: int, start: int, end: int) -> None:
        """Widen block k's stretch to hold text[start:end]: back to the start of a word that
        `start` cuts, on to the end of the run of word characters at `end` (no word crosses it)."""
        text, block_starts = self.text, self._block_starts
        if _INSIDE_A_RUN.match(text, start):
            while start > block_starts[k] and _WORD_CHAR.match(text, start - 1):
                start -= 1
        run = _RUN.match(text, end)  # matches always, when only the empty run
        end = min(run.end(), block_starts[k + 1])  # type: ignore[union-attr]
        was_from, was_to = self._from[k], self._to[k]
        # tuple.__new__ builds each Word without the named tuple's own __new__ (a Python call).
        if was_from < 0:
            self._words[k] = [
                _new_tuple(Word, (m.start(), m.end(), m.group())) for m in WORD.finditer(text, start, end)
            ]
            self._from[k], self._to[k] = start, end
            return
        if start < was_from:
            self._words[k][:0] = [
                _new_tuple(Word, (m.start(), m.end(), m.group()))
                for m in WORD.finditer(text, start, was_from)
            ]
            self._from[k] = start
        if end > was_to:
            self._words[k] += [
                _new_tuple(Word, (m.start(), m.end(), m.group())) for m in WORD.finditer(text, was_to, end)
            ]
            self._to[k] = end

    def between(self, start: int, end: int) -> list[Word]:
        """The words between start and end, as a scan of text[start:end] alone reads them
        (WORD.finditer(text, start, end)): the document's words that lie inside the span, and a
        word the span cuts read as far as it goes. WORD looks at nothing before a match, so a scan
        from outside any word reads the document's words until one runs past `end`; from inside
        one, it reads that word's rest first. A new list each time: callers may change it."""
        text = self.text
        if end > len(text):
            end = len(text)
        if start >= end:
            return []
        if start < 0:
            start = 0
        block_starts = self._block_starts
        k = bisect.bisect_right(block_starts, start) - 1
        if block_starts[k + 1] < end:
            # The span runs on into the next blocks (rare): read them, and take the words of all.
            last = bisect.bisect_left(block_starts, end) - 1
            self._read(k, start, block_starts[k + 1])
            for b in range(k + 1, last):
                self._read(b, block_starts[b], block_starts[b + 1])
            self._read(last, block_starts[last], end)
            words = [w for b in range(k, last + 1) for w in self._words[b]]
        else:
            if self._to[k] < end or self._from[k] > start:
                self._read(k, start, end)
            words = self._words[k]
        i = bisect.bisect_left(words, start, key=_START)  # the first word that starts inside the span
        j = bisect.bisect_right(words, end, i, key=_END)  # words i..j-1 end inside it
        found = words[i:j]
        if i and words[i - 1].end > start:
            # The start cuts a word: its rest, as far as `end` (none when only an apostrophe is left).
            m = WORD.match(text, start, end)
            if m is not None:
                found.insert(0, _new_tuple(Word, (m.start(), m.end(), m.group())))
        if j < len(words) and words[j].start < end:
            # The end cuts a word: read as far as the end goes.
            m = WORD.match(text, words[j].start, end)
            if m is not None:
                found.append(_new_tuple(Word, (m.start(), m.end(), m.group())))
        return found


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
