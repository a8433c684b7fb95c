"""The engine's output: plain, immutable records with offsets into the input text."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

Span = tuple[int, int]


class ClaimKind(StrEnum):
    """How a statement reached the article. The models' Claim.Kind (claims.models.claims) has the
    same values and labels without importing the engine; tests/test_models.py holds them equal."""

    DIRECT = "direct"
    MIXED = "mixed"
    REPORTED = "indirect"
    ASSERTION = "assertion"


KIND_LABELS = {
    ClaimKind.DIRECT: "Direct quotation",
    ClaimKind.MIXED: "Partly quoted",
    ClaimKind.REPORTED: "Reported speech",
    ClaimKind.ASSERTION: "Author's assertion",
}


class Stance(StrEnum):
    """What the speaker did with the statement, from its cue (claims.extraction.lexicon.cues).
    The models' Claim.Stance has the same values and labels (tests/test_models.py). A claim is one
    statement by one speaker in one stance, and a denial is never shown as the bare proposition."""

    ASSERTED = "asserted"
    DENIED = "denied"
    QUESTIONED = "questioned"
    PREDICTED = "predicted"
    WARNED = "warned"
    PROMISED = "promised"
    BELIEVED = "believed"
    INTENDED = "intended"
    URGED = "urged"
    CHARACTERISED = "characterised"
    NEGATED = "negated"  # "did not say ...": the cue itself is negated


STANCE_LABELS = {
    Stance.ASSERTED: "Asserted",
    Stance.DENIED: "Denied",
    Stance.QUESTIONED: "Asked",
    Stance.PREDICTED: "Predicted",
    Stance.WARNED: "Warned",
    Stance.PROMISED: "Promised",
    Stance.BELIEVED: "Believed",
    Stance.INTENDED: "Intended",
    Stance.URGED: "Urged",
    Stance.CHARACTERISED: "Characterised",
    Stance.NEGATED: "Did not say",
}


@dataclass(frozen=True, slots=True)
class KnownSpeaker:
    """A speaker the caller already knows, so mentions of an alias resolve to its name."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "person"


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker as written in the text, with what the engine made of it."""

    text: str
    start: int
    end: int
    name: str | None = None  # resolved full name, None when unknown (an unresolved "he")
    role: str | None = None
    kind: str | None = None  # "person" | "organisation" | "group" (several people, none named)
    # How the name was found, in words: "pronoun resolved to Ada Quill, named in paragraph 2".
    resolution: str | None = None
    # The short forms the article uses for this name ("VB" for Vossberg): the speaker's aliases.
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    text: str
    start: int
    end: int
    kind: str  # a ClaimKind: the engine gives its members, a caller may give its value
    parts: tuple[Span, ...] = ()
    speaker: Mention | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    said_on: date | None = None
    # How said_on is known: "stated" (the attribution's own words fix it), "inferred" (the time the
    # article sets for the event it reports), "published" (an author's assertion: the article's
    # date), "" (not known).
    said_on_basis: str = ""
    checkworthiness: float = 0.0
    rule: str = ""  # the engine's rule that found it (claims.extraction.rulebook)
    stance: Stance = Stance.ASSERTED
    # Seconds from the start of the recording, for a statement of a transcript with times (its
    # cue's); None for articles.
    timecode: float | None = None
    # The mention rules that chose the speaker's mention (claims.extraction.rulebook.MENTION_RULES),
    # in the rulebook's order. Not part of the extractor contract (as_contract), whose shape the
    # shared evaluation fixes.
    speaker_rules: tuple[str, ...] = ()

    @property
    def statement(self) -> str:
        """What was said, without the attribution that interrupts it: the parts joined by an
        ellipsis (`"A," she said, "B."` gives `"A," … "B."`). The text itself when in one piece."""
        if not self.parts:
            return self.text
        return " … ".join(self.text[start - self.start : end - self.start] for start, end in self.parts)

    def as_contract(self) -> dict:
        """The JSON shape of ../shared/eval/README.md's extractor contract."""
        speaker = self.speaker
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "parts": [list(part) for part in self.parts],
            "kind": self.kind,
            "speaker": speaker.text if speaker else None,
            "speaker_start": speaker.start if speaker else None,
            "speaker_end": speaker.end if speaker else None,
            "speaker_name": speaker.name if speaker else None,
            "speaker_role": speaker.role if speaker else None,
            "cue": self.cue,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "said_on": self.said_on.isoformat() if self.said_on else None,
            "said_on_basis": self.said_on_basis or None,
            "checkworthiness": round(self.checkworthiness, 4),
            "rule": self.rule,
            "stance": str(self.stance),
            "resolution": speaker.resolution if speaker else None,
        } | ({"timecode": self.timecode} if self.timecode is not None else {})
