"""The document read once: its paragraphs, quotations (nesting and unclosed marks resolved by
text.quotes), sentences and cue tokens, computed when it is built, its words (read once each, as
the mention readers ask for them), and the lookups by position that the rules ask of them, each by
bisection. What the rules see of it does not change after it is built; the arbiter's state (what is
claimed, who spoke last) is the arbiter's. Pure Python."""

import bisect
import heapq
import re

from . import mentions
from .text import Quote, has_quote_mark, paragraphs, quotes, sentences
from .tokens import Tokens, Word, Words
from .types import Span

SPACE = " \t\u00a0"
CLOSING_PUNCT = ".,;:!?"
MIN_CONTENT_WORDS = 4
_NOT_BLANK = re.compile(r"\S")
_NOT_SPACE_OR_PUNCT = re.compile(r"[^\s" + re.escape(CLOSING_PUNCT) + "]")
_WORD_START = re.compile(r"\S+")


def previous_quote_ends(found: list[Quote]) -> list[int]:
    """For each quotation, the furthest end among earlier quotations that close before it opens
    (-1 when none): one pass with a heap of the ends still open, instead of a scan per quotation."""
    ends: list[int] = []
    still_open: list[int] = []
    best = -1
    for quote in found:
        while still_open and still_open[0] <= quote.start:
            best = max(best, heapq.heappop(still_open))
        ends.append(best)
        heapq.heappush(still_open, quote.end)
    return ends


class Document:
    def __init__(self, text: str) -> None:
        self.text = text
        self.paras: list[Span] = paragraphs(text)
        self.paragraph_starts = {start for start, _ in self.paras}
        self._para_starts = [start for start, _ in self.paras]
        self.quotes: list[Quote] = quotes(text, self.paras)
        self.quote_starts = [q.start for q in self.quotes]
        self._longest_quote = max((q.end - q.start for q in self.quotes), default=0)
        # Every sentence, once: attribution looks them up by position many times.
        self.by_paragraph: list[list[Span]] = [
            sentences(text, start, end, self.quotes_meeting(start, end)) for start, end in self.paras
        ]
        self.sentence_spans: list[Span] = [span for spans in self.by_paragraph for span in spans]
        self._sentence_starts = [start for start, _ in self.sentence_spans]
        self.previous_quote_end = previous_quote_ends(self.quotes)
        self.tokens = Tokens(text)
        self.words = Words(text, self._sentence_starts)  # what the mention readers read, by sentence
        self.tokens.flag_quoted(self.inside_quote)

    def cue_quoted(self, cue: Word) -> bool:
        """Is a cue inside a quotation? Its token's flag (inside_quote for one the layer lacks)."""
        quoted = self.tokens.quoted.get(cue.start)
        return self.inside_quote(cue.start) if quoted is None else quoted

    def cues(self, start: int, end: int) -> list[Word]:
        """The attribution cues between start and end: the cue words the token layer finds there
        (Tokens.cue_words, the one cue finder), each a cue where it stands (mentions.is_cue_here)."""
        text = self.text
        return [
            w for w in self.tokens.cue_words(text, start, end) if mentions.is_cue_here(text, start, end, w)
        ]

    def quotes_meeting(self, start: int, end: int) -> list[Quote]:
        """The quotations that overlap text[start:end], found by bisection (quotations are in order
        of their start; none is longer than the longest), not by a scan of all of them."""
        lo = bisect.bisect_left(self.quote_starts, start - self._longest_quote)
        hi = bisect.bisect_left(self.quote_starts, end)
        return [q for q in self.quotes[lo:hi] if q.end > start]

    def para_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, pos) - 1)

    def sentence_around(self, pos: int) -> Span:
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and self.sentence_spans[i][0] <= pos < self.sentence_spans[i][1]:
            return self.sentence_spans[i]
        return self.paras[self.para_index(pos)]

    def quote_starting_at(self, pos: int) -> Quote | None:
        """The quotation that opens at pos, spaces and a colon or comma before it aside."""
        while pos < len(self.text) and self.text[pos] in SPACE + ",:":
            pos += 1
        i = bisect.bisect_left(self.quote_starts, pos)
        return self.quotes[i] if i < len(self.quotes) and self.quotes[i].start == pos else None

    def quote_ending_at(self, quote_end: int) -> Quote | None:
        i = bisect.bisect_right(self.quote_starts, quote_end - 1) - 1
        quote = self.quotes[i] if i >= 0 else None
        return quote if quote is not None and quote.end == quote_end else None

    def inside_quote(self, pos: int) -> bool:
        return self.quote_around(pos) is not None

    def quote_around(self, pos: int) -> Quote | None:
        """The quotation that holds pos, or None."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return self.quotes[i] if i >= 0 and pos < self.quotes[i].end else None

    # --- questions the rules ask of the text: each reads only the span it is given ---------
    def blank(self, start: int, end: int) -> bool:
        """Is text[start:end] nothing but white space? Asked without copying the span."""
        return _NOT_BLANK.search(self.text, start, end) is None

    def words_beside(self, quote: Quote, s_start: int, s_end: int) -> bool:
        """Does the sentence hold anything but the quotation, spaces and closing punctuation?"""
        text = self.text
        if _NOT_SPACE_OR_PUNCT.search(text, s_start, quote.start) or _NOT_SPACE_OR_PUNCT.search(
            text, quote.end, s_end
        ):
            return True
        # Only spaces and punctuation around it (rare): the exact reading, which keeps a space
        # between two marks, as it always has.
        rest = text[s_start : quote.start].strip() + text[quote.end : s_end].strip()
        return bool(rest.strip(CLOSING_PUNCT + SPACE))

    def trim_end(self, start: int, end: int) -> int:
        """`end` moved back over spaces and closing punctuation, never before `start`."""
        while end > start and self.text[end - 1] in SPACE + CLOSING_PUNCT:
            end -= 1
        return end

    def enough(self, start: int, end: int) -> bool:
        """At least MIN_CONTENT_WORDS words between start and end (stops counting there)."""
        for seen, _ in enumerate(_WORD_START.finditer(self.text, start, end), 1):
            if seen >= MIN_CONTENT_WORDS:
                return True
        return False

    def enough_or_quoted(self, start: int, end: int) -> bool:
        """Enough words, or fewer with a quotation among them: `Bush called Trump "unhinged."`,
        a characterisation in the speaker's own words, is a statement however short."""
        content = self.text[start:end]
        return self.enough(start, end) or (has_quote_mark(content) and len(content.split()) >= 2)

    def outside_quotes(self, pattern: re.Pattern, start: int, end: int) -> re.Match | None:
        """The first match of pattern between start and end that is not inside a quotation (a
        speaker's own "saying" or "but said" is part of what they said)."""
        for m in pattern.finditer(self.text, start, end):
            if not self.inside_quote(m.start()):
                return m
        return None

    def opening_phrase_end(self, s_start: int, s_end: int) -> int:
        """Where a sentence's opening prepositional phrase ends (its comma), or s_start: `In a
        statement defending Lewandowski, ...`."""
        words = self.text[s_start : min(s_end, s_start + 40)].split(maxsplit=1)
        if not words or words[0].lower() not in ("in", "at", "during", "after", "before", "with", "from"):
            return s_start
        comma = self.text.find(",", s_start, s_end)
        return comma if comma > 0 else s_start
