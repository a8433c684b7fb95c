"""What a rule returns, and the places in a document a rule is asked about.

A rule is a pure function `rule(doc, place, seen)`: it reads the document (read once, never
changed), the place it is asked about and, when it must, what has been kept so far (`seen`, read
only), and returns a Finding, SKIP (the place holds no statement: no later rule is asked about
it) or None (not this rule's: the next one is asked). Only the arbiter keeps findings.

Findings and places are plain (not frozen) dataclasses: they are made by the ten thousand and a
frozen dataclass takes three times as long to build. Nothing changes one once it is made.
"""

from dataclasses import dataclass
from typing import Any, Protocol

from ..mentions import Phrase
from ..text import Quote, has_quote_mark
from ..tokens import Word
from ..types import ClaimKind, Mention, Span


class Attribution:
    """A speaker phrase, its cue and where the attribution's own words lie (for the date)."""

    __slots__ = ("context", "cue", "phrase")

    def __init__(self, phrase: Phrase, cue: Word, context: Span) -> None:
        self.phrase, self.cue, self.context = phrase, cue, context


# --- what a finding asks of the arbiter, besides keeping it ------------------------------------
# A rule only reads; these say what the arbiter is to do once the finding is kept. They are values
# the arbiter interprets (arbiter.Arbiter.keep and _read_sentence), one class per instruction.


@dataclass(frozen=True, slots=True)
class TakeQuotations:
    """The quotations (by index) the finding takes in: none of them is read again on its own."""

    quotes: frozenset[int]


@dataclass(frozen=True, slots=True)
class LookForParticiple:
    """Once the finding is kept, ask `participle` for a second statement by the same speaker in
    the same sentence, up to `until` (`..., X said Tuesday, noting that ...`), looked for from
    `after` (the cue's end when None)."""

    until: int
    after: int | None = None


@dataclass(frozen=True, slots=True)
class ResumeSentence:
    """The cues of the finding's sentence after its end are still read (`X, who said A, said B`):
    without it, a finding ends the reading of its sentence."""


@dataclass(frozen=True, slots=True)
class KeepNext:
    """A second finding, kept right after this one (a second verb of saying in the sentence:
    `X said A, but warned that B`)."""

    finding: "Finding"


@dataclass(frozen=True, slots=True)
class RememberSpeaker:
    """The mention the next floating quotation is to read as the last speaker, when it is not
    this finding's own (a floating quotation's speaker is reworded to say where it was read)."""

    mention: Mention


Instruction = TakeQuotations | LookForParticiple | ResumeSentence | KeepNext | RememberSpeaker
RESUME_SENTENCE = ResumeSentence()


@dataclass(slots=True)
class Finding:
    """A statement a rule has read, for the arbiter to keep.

    kind None: reported speech, as the arbiter decides it (a whole quotation is direct, a quoted
    part makes it mixed). Without an attribution the speaker is `speaker` (a mention already
    read: the statement before's) or `speaker_phrase` (resolved when kept), or there is none.
    `instructions`: what the arbiter does besides keeping it (Instruction): it marks the
    quotations taken in before keeping it, remembers the speaker it is told to as it keeps it,
    then carries out the follow-ups (a participle looked for, a second finding kept) in their
    order; ResumeSentence is read by the reading of the sentence.
    `score`: an assertion's check-worthiness, already computed."""

    start: int
    end: int
    attribution: Attribution | None
    rule: str
    kind: ClaimKind | None = None
    parts: tuple[Span, ...] = ()
    instructions: tuple[Instruction, ...] = ()
    speaker: Mention | None = None
    speaker_phrase: Phrase | None = None
    score: float | None = None


def kind_by_quote_marks(content: str) -> ClaimKind:
    """Reported speech with a quoted part is partly quoted (mixed); without one, reported."""
    return ClaimKind.MIXED if has_quote_mark(content) else ClaimKind.REPORTED


class Skip:
    """The rule decides that its place holds no statement; no later rule is asked about it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "SKIP"


SKIP = Skip()


class Seen(Protocol):
    """What the arbiter has kept so far, as the rules that need it may read it."""

    last_speaker: tuple[int, Mention] | None

    def overlaps(self, start: int, end: int) -> bool: ...


@dataclass(slots=True)
class QuotePlace:
    """A quotation and its sentence: where the attribution rules look around it."""

    index: int
    quote: Quote
    s_start: int  # the start of the sentence the quotation opens in
    last_end: int  # the end of the sentence it closes in (or of the next, after `?"` or `!"`)
    next: Quote | None
    after_limit: int  # where the words after it stop: the sentence's end or the next quotation


@dataclass(slots=True)
class SentencePlace:
    """A sentence not yet covered, with the cues found in it (at most MAX_CUES_PER_SENTENCE)."""

    start: int
    end: int
    cues: tuple[Word, ...]
    opening_end: int  # where its opening prepositional phrase ends, or its start
    # The last cue's place (a reported.CuePlace), read by the closing attribution and by that cue's
    # own rules: its speaker mention is read once for both.
    last: Any = None
