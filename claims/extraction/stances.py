"""A statement's stance: its cue's (lexicon.cues), unless one of these named decisions reads the
cue with the words after it otherwise. Each decision's description and example are in the
rulebook (STANCE_RULES), run as tests; the cue table's properties say which cues each reads."""

import re

from .lexicon import WHAT_WAS_SAID
from .lexicon.cues import having
from .rulebook import STANCE_RULES
from .types import Stance

# The decisions' names, as the rulebook's STANCE_RULES gives them.
SOMEONE_TO, CALLS_FOR, WILL_BE, THAT_THEY_DO, NOT_TRUE, A_CLAIM_DENIED, AGREES_TO = STANCE_RULES
_URGES_WITH_OBJECT = having("urges-with-object")
_URGES_FOR = having("urges-for")
_PREDICTS_WITH_MODAL = having("predicts-with-modal")
_URGES_SUBJUNCTIVE = having("urges-subjunctive")
_DENIES_A_CLAIM = having("denies-a-claim")
_COMMITS_WITH_TO = having("commits-with-to")
# `reports that the council sold the building`, `the claim that it hid the sale`.
_A_CLAIM_THAT = re.compile(
    rf"(?:the\s+|these\s+|those\s+|any\s+)?(?:[a-z]+\s+)?(?:{'|'.join(sorted(WHAT_WAS_SAID))})\s+that\b",
    re.IGNORECASE,
)
# `that Beijing resume buying`, `that the board not raise the tolls`: a subject, then a verb with no
# ending (a subjunctive); the subject a name or "the" and a noun.
_SUBJUNCTIVE = re.compile(
    r"that\s+(?:(?:the|a|an|its|his|her|their)\s+[a-z]+|(?:[A-Z][\w’'.-]*\s+){0,2}[A-Z][\w’'.-]*)\s+"
    r"(?:not\s+)?(?!(?:is|was|be|has|had|have|will|would|could|should|can|may|might|must|does|did|do|are|were)\b)"
    r"(?P<verb>[a-z]+)\b"
)
# `that this, too, was not the whole truth`: saying that what was said is untrue is a denial.
_NOT_TRUE = re.compile(
    rf"[\"“‘']?(?:that\s+)?(?:this|that|it|these|those|the\s+(?:{'|'.join(sorted(WHAT_WAS_SAID))}))\b"
    r"[^.;]{0,20}?\b(?:is|was|are|were|’s|'s)\s+(?:[a-z]+ly\s+)?(?:not|n[’']t)\s+(?:\w+\s+){0,2}"
    r"(?:true|truth|accurate|correct|the\s+case)\b",
    re.IGNORECASE,
)
# An object, then "to" and a verb: `the league to act`, `residents to conserve water`.
_OBJECT_TO_VERB = re.compile(r"(?!to\s)[^,;:.!?\"“”]{1,60}?\s+to\s+(?:be\s+)?[a-z]+", re.IGNORECASE)
_FOR_OR_ON = re.compile(r"(?:for|on)\s", re.IGNORECASE)
_MODAL = re.compile(r"\b(?:will|would|could|may|might|should|shall|won[’']t)\b", re.IGNORECASE)
_QUESTION_WORD = re.compile(r"(?:whether|if|why|how|what|when|where|who)\b", re.IGNORECASE)


def refined(cue: str, content: str) -> tuple[str, Stance] | None:
    """(the decision's name, the stance it sets) for a statement with this cue (lower case) and
    content, or None: the cue's own stance stands."""
    if cue in _URGES_WITH_OBJECT and _OBJECT_TO_VERB.match(content) and not _QUESTION_WORD.match(content):
        return SOMEONE_TO, Stance.URGED
    if cue in _URGES_FOR and _FOR_OR_ON.match(content):
        return CALLS_FOR, Stance.URGED
    if cue in _URGES_SUBJUNCTIVE and (m := _SUBJUNCTIVE.match(content)) and not _inflected(m.group("verb")):
        return THAT_THEY_DO, Stance.URGED
    if _NOT_TRUE.match(content):
        return NOT_TRUE, Stance.DENIED
    if cue in _DENIES_A_CLAIM and _A_CLAIM_THAT.match(content):
        return A_CLAIM_DENIED, Stance.DENIED
    if cue in _PREDICTS_WITH_MODAL and _MODAL.search(content):
        return WILL_BE, Stance.PREDICTED
    if cue in _COMMITS_WITH_TO and content.startswith("to "):
        return AGREES_TO, Stance.PROMISED
    return None


def _inflected(verb: str) -> bool:
    """A verb with a tense's ending ("buys", "bought" aside: "-s", "-ed"): not a subjunctive."""
    return verb.endswith(("s", "ed")) and not verb.endswith("ss")
