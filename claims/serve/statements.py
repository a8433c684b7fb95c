"""The one statement renderer: a claim as it is shown and sent everywhere, with its stance. A
denial is never shown as the bare proposition it denies ("Sergei Ryabkov denied that Russia had
plans to attack Ukraine", not "Russia had plans to attack Ukraine"), nor a question, a prediction
or a promise as a statement of fact.

Every surface reads a claim through `statement()` (or `statements()` for a list): the admin's
list, claim, review, verdict and assign pages, the public pages and their "Where it appeared",
notifications and emails, webhooks, the API, ClaimReview and claims:search. A characterisation
reads with its cue (the first appearance's: "Joe Biden rejected those demands"); statement()
finds it itself, so the admin list and the API never say different verbs for one claim.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

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
# A statement that begins with one of these words and no verb of its own after it reads as a
# thing denied or urged ("plans to make the talks public"), not a clause: no "that" before it.
_NOUN_PHRASE_HEADS = ("plans ", "reports ", "claims ", "allegations ", "suggestions ", "accusations ")
_CACHE = "_statement_cue"
_NO_CUE = ""


def checkable(*, text: str, stance: str, speaker: str | None, cue: str | None = None) -> str:
    """The statement as a sentence that keeps its stance. A characterisation reads with its own
    cue ("Joe Biden rejected those demands"); the others with their stance's verb, joined by
    "that" unless the statement brings its own joint ("to build ...", "“Will it ...?”")."""
    text = " ".join(text.split())
    who = speaker or "The speaker"
    if stance == ClaimStance.ASSERTED:
        # Reported speech keeps its "that" ("that she was firm ..."): alone it is no sentence,
        # and its "she" is no one; with its speaker it reads as said.
        return f"{who} said {text}" if text.startswith("that ") else text
    if stance == ClaimStance.CHARACTERISED:
        return f"{who} {cue.strip().lower() if cue else 'characterised'} {text}"
    verb = _VERB.get(ClaimStance(stance), stance)
    if stance == ClaimStance.NEGATED and cue and (negated := _negated_verb(cue)):
        verb = f"did not {negated}"
    if text[:1] in _QUOTE_MARKS:
        return f"{who} {verb}: {text}"
    lowered = text.lower()
    first = lowered.split(" ", 1)[0]
    # "urged the council to cut the tolls": what is urged is an object and its infinitive.
    if (
        stance == ClaimStance.URGED
        or lowered.startswith(_JOINS_ITSELF)
        or first.endswith("ing")
        or (stance == ClaimStance.DENIED and lowered.startswith(_NOUN_PHRASE_HEADS))
    ):
        return f"{who} {verb} {_lower_first(text)}"
    joint = "whether" if stance == ClaimStance.QUESTIONED else "that"
    return f"{who} {verb} {joint} {_lower_first(text)}"


def _negated_verb(cue: str) -> str | None:
    """The verb a negation put before its statement, when it is not saying itself: "did not deny
    that ...", "would not confirm that ..." (the cue as written after "not" is the bare verb).
    Saying, and a refusal ("declined", "refused": past forms), read as "did not say"."""
    cue = " ".join(cue.lower().split())
    if (
        not cue
        or cue in ("say", "said", "says")
        or cue.endswith(("ed", "ing"))
        or not cue.replace(" ", "").isalpha()
    ):
        return None
    return cue


def _lower_first(text: str) -> str:
    """ "The talks ..." after "that": lower-cased, unless it is a name or an acronym ("Russia", "NATO")."""
    word = text.split(" ", 1)[0]
    if word in ("The", "A", "An", "There", "It", "This", "These", "Those", "Our", "Their", "Its"):
        return text[0].lower() + text[1:]
    return text


def first_cue(appearances: Iterable[Appearance | dict[str, Any]]) -> str | None:
    """The cue of the first of these appearances that has one (models or API rows)."""
    cues = (a["cue"] if isinstance(a, dict) else a.cue for a in appearances)
    return next((cue for cue in cues if cue), None)


def _pk(appearance: Appearance) -> int:
    return appearance.pk


# The stances whose reading takes its verb from the cue ("rejected", "did not deny").
_READ_WITH_CUE = (ClaimStance.CHARACTERISED, ClaimStance.NEGATED)


def _cued() -> QuerySet[Appearance]:
    """The appearances that have a cue, each claim's in the order they were stored: a claim's cue
    is the first of its own (one claim, a list of them, or a column of a claims query)."""
    return Appearance.objects.exclude(cue="").order_by("claim_id", "pk")


def first_cue_column() -> Subquery:
    """A claim's cue as a column of a claims query (`.annotate(cue=first_cue_column())`)."""
    return Subquery(_cued().filter(claim=OuterRef("pk")).values("cue")[:1])


def _cue_of(claim: Claim) -> str | None:
    """The cue of the claim's first appearance that has one: only a characterisation or a
    negation needs it. Read from its prefetched appearances, or what statements() primed, or one
    query."""
    if claim.stance not in _READ_WITH_CUE:
        return None
    primed = getattr(claim, _CACHE, None)
    if primed is not None:
        return primed or None
    prefetched: list[Appearance] | None = getattr(claim, "_prefetched_objects_cache", {}).get("appearances")
    if prefetched is not None:
        ordered: list[Appearance] = sorted(prefetched, key=_pk)
        return first_cue(ordered)
    if claim.pk is None:
        return None
    return _cued().filter(claim_id=claim.pk).values_list("cue", flat=True).first()


def statement(claim: Claim, *, cue: str | None = None) -> str:
    """The claim as every surface shows it: its speaker (loaded, or none), stance and words."""
    speaker = claim.speaker.name if claim.speaker_id is not None and claim.speaker is not None else None
    return checkable(text=claim.text, stance=claim.stance, speaker=speaker, cue=cue or _cue_of(claim))


def prime(claims: Sequence[Claim]) -> Sequence[Claim]:
    """Load the cues a list of claims needs in one query (characterisations and negations only),
    so that statement() of each costs none."""
    wanted = [c for c in claims if c.stance in _READ_WITH_CUE and c.pk is not None]
    if wanted:
        cues: dict[int, str] = {}
        rows = _cued().filter(claim_id__in=[c.pk for c in wanted]).values_list("claim_id", "cue")
        for claim_id, cue in rows:
            cues.setdefault(claim_id, cue)
        for claim in wanted:
            setattr(claim, _CACHE, cues.get(claim.pk, _NO_CUE))
    return claims


def statements(claims: Sequence[Claim]) -> dict[int, str]:
    """{claim id: statement()} for a list, in one query for the cues."""
    prime(claims)
    return {claim.pk: statement(claim) for claim in claims}


def of_appearance(appearance: Appearance, *, speaker: str | None) -> str:
    """One appearance's words as they were said there, in its own stance ("Sergei Ryabkov denied
    that ..."): "Where it appeared" never quotes denied words as if asserted."""
    return checkable(text=appearance.text, stance=appearance.stance, speaker=speaker, cue=appearance.cue)
