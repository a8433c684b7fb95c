"""Statements from the turns of a transcript: a debate, a speech, a hearing, subtitles.

A transcript is not an article: nobody attributes the words, each turn is its speaker's own. So
every checkable sentence of a turn is its speaker's statement, in their own words; a first-person
"I never ... X" is the speaker denying X; "we" speaks for the organisation the transcript gives
the speaker, when it gives one. Inside a turn, quotations and reported speech are attributed as in
articles, by the engine (a speaker quoting someone else is not that someone). The moderator's
questions are questions, and nothing else the moderator says is a statement; applause, cross-talk
and the transcriber's notes are no statements at all. Each decision is a rule named in the
rulebook (TURN_RULES), with examples that are run as tests.

Pure Python, like the engine: the reader that makes turns out of WebVTT, SubRip or plain text is
claims.ingest.transcripts. Check-worthiness is claims.extraction.triage's, every sentence of the
transcript ranked at once.
"""

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from . import triage
from .engine import extract
from .lexicon import ORGANISATION_WORDS, TITLE_WORDS, having
from .lexicon.people import GIVEN_NAMES
from .text import paragraphs, quotes, sentences
from .types import ClaimKind, ExtractedClaim, Mention, Stance


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's turn: its words text[start:end], the label naming its speaker as the
    transcript writes it (text[label_start:label_end]; "" for a turn of noise), where each of its
    cues begins in the recording (offset, seconds), and the transcript's own word on whether its
    speaker moderates (a voice tag's class, a header; None: judged by the questions they put)."""

    label: str
    start: int
    end: int
    label_start: int | None = None
    label_end: int | None = None
    times: tuple[tuple[int, float], ...] = ()
    moderator: bool | None = None
    noise: bool = False
    segments: int = 1  # the cues or paragraphs it was read from

    def timecode(self, at: int) -> float | None:
        """Seconds into the recording where the cue holding offset `at` begins."""
        if not self.times:
            return None
        i = bisect.bisect_right([offset for offset, _ in self.times], at) - 1
        return self.times[max(0, i)][1]


@dataclass(frozen=True, slots=True)
class Voice:
    """What a label says of its speaker: "MAYOR TOVAR" is Tovar, a mayor; "Ada Quill (Harbour
    Authority)" is Ada Quill, speaking for the Harbour Authority."""

    name: str | None
    role: str | None = None
    organisation: str | None = None
    moderates: bool = False


# Words that make a label the moderator's (or the chair's, or a questioner's).
MODERATOR_WORDS = frozenset(
    "moderator moderators chair chairman chairwoman chairperson host presiding".split()
)
QUESTIONER_WORDS = frozenset("question reporter journalist audience-member q".split())
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir madam".split())
# A party and state after a name: "(D-VT)", "(R)".
_PARTY = re.compile(r"^[DRI](?:-[A-Z]{2})?$")
_LABEL_WORD = re.compile(r"[^\s,]+")
_PARENTHESIS = re.compile(r"\(([^()]*)\)")
# Two capitalised words, each pair of them ("Mayor Rafael Tovar": "Mayor Rafael", "Rafael Tovar").
_GIVEN_AND_SURNAME = re.compile(r"(?=\b([A-Z][a-z]+) ([A-Z][a-z]+(?:[A-Z][a-z]+)?)\b)")
_MIXED_CASE_WORD = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:['’-][A-Za-z]+)?\b")
# Stage directions inside a turn: "[CROSSTALK]", "(APPLAUSE)", "(inaudible)".
_STAGE = re.compile(r"[(\[][^()\[\]]{1,40}[)\]]")
_CROSSTALK = re.compile(r"cross-?talk|inaudible|unintelligible|overlapping", re.IGNORECASE)
# What a first-person "we" opens or holds as a subject.
_WE = re.compile(r"(?:^|[\s,;:—-])(?:we|we've|we're|we'll|we'd|our)\b", re.IGNORECASE)
_FIRST_PERSON_NEGATED = re.compile(
    r"^(?:(?:and|but|so|look|well|now|again|no)\W+)*i\s+(?:have\s+|had\s+)?"
    r"(?:never|not|did\s+not|didn't|didn’t|never\s+once|have\s+never)\s+(?:ever\s+)?"
    r"(" + "|".join(sorted(having("speech"), key=len, reverse=True)) + r")\b(?:\s+that)?\s+",
    re.IGNORECASE,
)
MIN_WORDS = 4  # fewer words make no checkable statement ("Thank you, Ana.")
# A speaker's sentence is a statement when the ranking gives it at least this: on the CLEF-2019
# training transcripts, the 45% of lines that say something checkable, with 98% of those annotated
# check-worthy among them (bench/checkworthy.py reports the ranking itself).
CHECKABLE = 0.25


def voice(label: str, text: str = "") -> Voice:
    """What a label says: its name (cased as the transcript's text writes it where it does, else
    in title case), a title or office before it, what a parenthesis or a comma adds (an
    organisation, a role, "moderator")."""
    extras = [m.strip() for m in _PARENTHESIS.findall(label)]
    rest = _PARENTHESIS.sub(" ", label)
    head, _, after = rest.partition(",")
    if after.strip():
        extras.append(after.strip())
    lows = [w.lower() for w in _LABEL_WORD.findall(head)]
    moderates = any(w.strip(".:") in MODERATOR_WORDS | QUESTIONER_WORDS for w in lows) or any(
        word.strip(".").lower() in MODERATOR_WORDS for extra in extras for word in extra.split()
    )
    raw = _LABEL_WORD.findall(head)
    i = 0
    role_words: list[str] = []
    while i < len(raw) - 1 and (raw[i].lower() in TITLE_WORDS or raw[i].lower() in _HONORIFICS):
        if raw[i].lower() not in _HONORIFICS:
            role_words.append(raw[i])
        i += 1
    name_words = [w for w in raw[i:] if w.strip(".:").lower() not in MODERATOR_WORDS | QUESTIONER_WORDS]
    organisation = None
    roles = [_cased(" ".join(role_words), text)] if role_words else []
    for extra in extras:
        words = extra.split()
        if not words or _PARTY.match(extra) or all(w.strip(".").lower() in MODERATOR_WORDS for w in words):
            continue
        if organisation is None and any(w.lower() in ORGANISATION_WORDS for w in words):
            organisation = extra
        elif not name_words and len(words) <= 4 and words[0][:1].isupper():
            name_words = words  # "MODERATOR (ANA RUIZ)"
        else:
            roles.append(extra)
    name = _cased(" ".join(name_words), text) if name_words else None
    return Voice(name or None, ", ".join(roles) or None, organisation, moderates)


def _cased(words: str, text: str) -> str:
    """ "TOVAR" as the text writes it ("Tovar", "McAdam"), else in title case."""
    if not words.isupper():
        return words
    seen = {w.lower(): w for w in _MIXED_CASE_WORD.findall(text)} if text else {}
    return " ".join(seen.get(w.lower(), w.capitalize()) for w in words.split())


def voices(text: str, turns: list[Turn]) -> dict[str, Voice]:
    """Each label's voice, its name completed within the transcript: "TOVAR" is the Rafael Tovar
    another label or the text names in full (the one such name only)."""
    read = {turn.label: voice(turn.label, text) for turn in turns if turn.label and not turn.noise}
    full_names = {v.name for v in read.values() if v.name and len(v.name.split()) > 1}
    for m in _GIVEN_AND_SURNAME.finditer(text):
        if m.group(1).lower() in GIVEN_NAMES:
            full_names.add(f"{m.group(1)} {m.group(2)}")
    out = {}
    for label, v in read.items():
        if v.name and len(v.name.split()) == 1:
            fuller = {n for n in full_names if n.split()[-1] == v.name}
            if len(fuller) == 1:
                v = replace(v, name=fuller.pop())
        out[label] = v
    return out


def moderators(text: str, turns: list[Turn]) -> set[str]:
    """The labels of the speakers who moderate: so labelled ("MODERATOR", "CHAIR (ANA RUIZ)"),
    or putting questions in more than one sentence in eight (claims.extraction.triage)."""
    return _moderating([(turn, _sentences(text, turn)) for turn in turns], voices(text, turns))


def _moderating(by_turn: "list[tuple[Turn, list[_Sentence]]]", known: dict[str, Voice]) -> set[str]:
    said: dict[str, int] = {}
    asked: dict[str, int] = {}
    for turn, found in by_turn:
        for sentence in found:
            said[turn.label] = said.get(turn.label, 0) + 1
            asked[turn.label] = asked.get(turn.label, 0) + triage.is_question(sentence.text)
    return {
        label
        for label in said
        if (label in known and known[label].moderates)
        or triage.asks_questions(sentences=said[label], questions=asked[label])
    }


@dataclass(frozen=True, slots=True)
class _Sentence:
    turn: Turn
    start: int
    end: int
    text: str


def _sentences(text: str, turn: Turn) -> list[_Sentence]:
    out = []
    paras = [
        (max(s, turn.start), min(e, turn.end)) for s, e in paragraphs(text) if e > turn.start and s < turn.end
    ]
    for p_start, p_end in paras:
        for start, end in sentences(text, p_start, p_end, quotes(text, [(p_start, p_end)])):
            out.append(_Sentence(turn, start, end, text[start:end]))
    return out


def statements(
    text: str, turns: list[Turn], *, published: date | None = None, first: int = 0
) -> list[ExtractedClaim]:
    """The statements of a transcript's turns, in reading order, each with its time code and the
    check-worthiness its sentence ranks at among the transcript's. `first`: only the statements of
    the turns from this one on (those appended), the turns before still their context."""
    known = voices(text, turns)
    by_turn = [(turn, _sentences(text, turn)) for turn in turns]
    moderating = _moderating(by_turn, known)

    def moderates(turn: Turn) -> bool:
        return turn.moderator if turn.moderator is not None else turn.label in moderating

    every = [sentence for _, found in by_turn for sentence in found]
    lines = [
        triage.Line(s.turn.label, s.text, moderator=moderates(s.turn), noise=s.turn.noise or None)
        for s in every
    ]
    worth = dict(zip(((s.start, s.end) for s in every), triage.scores(lines), strict=True))
    out: list[ExtractedClaim] = []
    for turn, found in by_turn[first:]:
        if turn.noise or triage.is_noise(speaker=turn.label, text=text[turn.start : turn.end]):
            continue  # rule "noise"
        out.extend(
            _turn_statements(text, turn, found, known.get(turn.label), moderates(turn), worth, published)
        )
    return out


def _turn_statements(
    text: str,
    turn: Turn,
    found: list[_Sentence],
    v: Voice | None,
    moderator: bool,
    worth: dict[tuple[int, int], float],
    published: date | None,
) -> list[ExtractedClaim]:
    # Quotations and reported speech inside the turn, attributed as in articles.
    quoted = [
        replace(
            c,
            start=c.start + turn.start,
            end=c.end + turn.start,
            parts=tuple((s + turn.start, e + turn.start) for s, e in c.parts),
            cue_start=None if c.cue_start is None else c.cue_start + turn.start,
            cue_end=None if c.cue_end is None else c.cue_end + turn.start,
            speaker=None
            if c.speaker is None
            else replace(c.speaker, start=c.speaker.start + turn.start, end=c.speaker.end + turn.start),
            said_on=c.said_on or published,
            said_on_basis=c.said_on_basis or ("inferred" if published else ""),
            timecode=turn.timecode(c.start + turn.start),
        )
        for c in extract(text[turn.start : turn.end], published=published, assertions=False)
    ]
    out: list[ExtractedClaim] = []
    for sentence in found:
        within = [c for c in quoted if c.start < sentence.end and c.end > sentence.start]
        score = worth.get((sentence.start, sentence.end), 0.0)
        out.extend(replace(c, checkworthiness=max(c.checkworthiness, score)) for c in within)
        if within:
            continue  # rule "quoted-in-turn": the sentence reports someone else
        claim = _own(text, sentence, v, moderator, score, published)
        if claim is not None:
            out.append(claim)
    return sorted(out, key=lambda c: (c.start, c.end))


def _own(
    text: str, sentence: _Sentence, v: Voice | None, moderator: bool, score: float, published: date | None
) -> ExtractedClaim | None:
    """The turn's speaker's own statement in this sentence, or None (and the rule that says so)."""
    words = sentence.text
    if _CROSSTALK.search(words) or not _STAGE.sub(" ", words).strip(" .,;:-—"):
        return None  # rule "noise"
    question = triage.is_question(words)
    if moderator and not question:
        return None  # rule "moderator-no-assertion"
    if len(words.split()) < MIN_WORDS:
        return None  # rule "too-short"
    turn = sentence.turn
    mention = Mention(
        text=turn.label,
        start=turn.label_start if turn.label_start is not None else sentence.start,
        end=turn.label_end if turn.label_end is not None else sentence.start,
        name=v.name if v else None,
        role=v.role if v else None,
        kind="person",
        resolution="the turn's speaker, named in its label",
    )
    speaker: Mention | None = mention
    if turn.label_start is None or turn.label_end is None or turn.label_end <= turn.label_start:
        speaker = None  # someone unnamed (">>" alone in captions)
    made = partial(
        ExtractedClaim,
        kind=ClaimKind.DIRECT,
        said_on=published,
        said_on_basis="inferred" if published else "",
        checkworthiness=score,
        timecode=turn.timecode(sentence.start),
    )
    if moderator:
        return made(
            words,
            sentence.start,
            sentence.end,
            speaker=speaker,
            rule="moderator-question",
            stance=Stance.QUESTIONED,
        )
    if (m := _FIRST_PERSON_NEGATED.match(words)) is not None:
        content_start = sentence.start + m.end()
        content_end = sentence.start + len(words.rstrip(" .!"))
        if content_end - content_start >= 3:
            return made(
                text[content_start:content_end],
                content_start,
                content_end,
                speaker=speaker,
                cue=m.group(1),
                cue_start=sentence.start + m.start(1),
                cue_end=sentence.start + m.end(1),
                rule="first-person-denial",
                stance=Stance.DENIED,
            )
    if score < CHECKABLE:
        return None  # rule "not-checkable"
    if speaker is not None and v is not None and v.organisation and _WE.search(words):
        speaker = replace(
            mention,
            name=v.organisation,
            kind="organisation",
            resolution=f"“we” in the turn of {v.name or turn.label}, for the organisation its label gives",
        )
        return made(
            words,
            sentence.start,
            sentence.end,
            speaker=speaker,
            rule="we-for-organisation",
            stance=Stance.QUESTIONED if question else Stance.ASSERTED,
        )
    return made(
        words,
        sentence.start,
        sentence.end,
        speaker=speaker,
        rule="turn-sentence",
        stance=Stance.QUESTIONED if question else Stance.ASSERTED,
    )
