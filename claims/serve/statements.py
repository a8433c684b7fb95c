"""A claim as it may be shown and checked: the statement with its stance. A denial is never shown
as the bare proposition it denies ("Sergei Ryabkov denied that Russia had plans to attack
Ukraine", not "Russia had plans to attack Ukraine"), nor a question, a prediction or a promise
as a statement of fact. Used by the public pages, ClaimReview and the API."""

from collections.abc import Iterable
from typing import Any

from claims.models import Appearance, Claim, ClaimStance

# How each stance reads before the statement (asserted: the statement stands alone).
_VERB = {
    ClaimStance.DENIED: "denied",
    ClaimStance.QUESTIONED: "asked",
    ClaimStance.PREDICTED: "predicted",
    ClaimStance.WARNED: "warned",
    ClaimStance.PROMISED: "promised",
    ClaimStance.BELIEVED: "said they believed",
    ClaimStance.INTENDED: "said they intended",
    ClaimStance.URGED: "urged",
    ClaimStance.NEGATED: "did not say",
    ClaimStance.CHARACTERISED: "characterised",
}
_JOINS_ITSELF = ("that ", "to ", "whether ", "if ", "how ", "why ", "what ", "when ")
_QUOTE_MARKS = "\"“‘'«"


def checkable(*, text: str, stance: str, speaker: str | None, cue: str | None = None) -> str:
    """The statement as a sentence that keeps its stance. A characterisation reads with its own
    cue ("Joe Biden rejected those demands"); the others with their stance's verb, joined by
    "that" unless the statement brings its own joint ("to build ...", "“Will it ...?”")."""
    if stance == ClaimStance.ASSERTED:
        return text
    who = speaker or "The speaker"
    if stance == ClaimStance.CHARACTERISED:
        return f"{who} {cue.strip().lower() if cue else 'characterised'} {text}"
    verb = _VERB.get(ClaimStance(stance), stance)
    if text[:1] in _QUOTE_MARKS:
        return f"{who} {verb}: {text}"
    first = text.split(" ", 1)[0].lower()
    # "urged the council to cut the tolls": what is urged is an object and its infinitive.
    if stance == ClaimStance.URGED or text.lower().startswith(_JOINS_ITSELF) or first.endswith("ing"):
        return f"{who} {verb} {text}"
    joint = "whether" if stance == ClaimStance.QUESTIONED else "that"
    return f"{who} {verb} {joint} {text}"


def first_cue(appearances: Iterable[Appearance | dict[str, Any]]) -> str | None:
    """The cue of the first of these appearances that has one (models or API rows)."""
    cues = (a["cue"] if isinstance(a, dict) else a.cue for a in appearances)
    return next((cue for cue in cues if cue), None)


def of_claim(claim: Claim, *, cue: str | None = None) -> str:
    """checkable() of a Claim (its speaker loaded, or none)."""
    speaker = claim.speaker.name if claim.speaker is not None else None
    return checkable(text=claim.text, stance=claim.stance, speaker=speaker, cue=cue)
