"""The engine's rules, as ordered tables. The arbiter (extraction/arbiter.py) reads the document
sentence by sentence, in reading order, and for each sentence asks:

1. each quotation that opens before the sentence ends and is not yet part of a finding (and is
   more than a single quoted word), QUOTATION_RULES in turn;
2. then the sentence, if no finding covers it: SENTENCE_RULES in turn, then each of its cues (in
   order, from the end of a finding that lets its sentence go on) CUE_RULES in turn.

After the last sentence it asks nearby_speaker of each quotation still uncovered, then assertion
of each sentence still uncovered (unless the author's statements are left out).

A rule returns a Finding (kept: no later rule is asked about that place, and for a sentence its
other cues are not read unless the finding instructs RESUME_SENTENCE), SKIP (nothing here: no later rule is
asked about the place) or None (the next rule is asked). Each rule's name, description and
examples are in extraction/rulebook.py; each finding carries the name of the rule that made it.
A finding may carry instructions for the arbiter (rules/findings.py: Instruction), which it
carries out in their order once the finding is kept: the quotations it takes in, a follow-up
(LookForParticiple: `participle` is asked for a second statement by the same speaker in the same
sentence, `..., adding that ...`), a second finding to keep (KeepNext), the sentence's later cues
still to read (RESUME_SENTENCE), the mention to remember as the last speaker (RememberSpeaker).
"""

from collections.abc import Callable

from .assertions import assertion
from .findings import (
    RESUME_SENTENCE,
    SKIP,
    Attribution,
    Finding,
    Instruction,
    KeepNext,
    LookForParticiple,
    QuotePlace,
    RememberSpeaker,
    ResumeSentence,
    Seen,
    SentencePlace,
    Skip,
    TakeQuotations,
    kind_by_quote_marks,
)
from .participles import participle
from .quotations import (
    cue_then_quote,
    floating_quote,
    nearby_speaker,
    place_of,
    quote_signature,
    quote_then_cue,
    single_word,
)
from .reported import (
    CuePlace,
    according_to_rule,
    asked_whether,
    closing_attribution,
    colon_headline_rule,
    content_then_cue_rule,
    cue_place,
    cue_then_content,
    parenthetical_rule,
    place_or_means,
    poll_opening_rule,
    reported_as_false,
    sentence_place,
    that_clause_rule,
    writers_question,
)

# rule(doc, place, seen) -> Finding | SKIP | None; the place is a QuotePlace, SentencePlace or CuePlace.
Rule = Callable[..., Finding | Skip | None]

QUOTATION_RULES: tuple[Rule, ...] = (
    quote_then_cue,  # `"...," X said` (and what resumes or runs on after it)
    quote_signature,  # `"..." ― Name`
    cue_then_quote,  # `X said: "..."`
    floating_quote,  # a quotation standing alone, after `X said.`
)
SENTENCE_RULES: tuple[Rule, ...] = (
    writers_question,  # `Did X say ...?`: nothing
    colon_headline_rule,  # `Mayor Quill: Ferries Will Run All Winter`
    poll_opening_rule,  # `In a Gazette poll taken in May, ...`
    that_clause_rule,  # `Officials fear that ...` (a sentence with no cue)
    closing_attribution,  # `..., Welch said.` when the sentence has other verbs of saying
)
CUE_RULES: tuple[Rule, ...] = (
    according_to_rule,  # `according to X, ...`, `A, according to X, B`
    parenthetical_rule,  # `A, X said, B.`
    asked_whether,  # `Asked if ..., X said`: nothing
    reported_as_false,  # `It was falsely reported that X said ...`: nothing
    place_or_means,  # `..., she said in a video message.`
    cue_then_content,  # `X said (that) ...`
    content_then_cue_rule,  # `..., X said.`
)

__all__ = [
    "CUE_RULES",
    "QUOTATION_RULES",
    "RESUME_SENTENCE",
    "SENTENCE_RULES",
    "SKIP",
    "Attribution",
    "CuePlace",
    "Finding",
    "Instruction",
    "KeepNext",
    "LookForParticiple",
    "QuotePlace",
    "RememberSpeaker",
    "ResumeSentence",
    "Seen",
    "SentencePlace",
    "Skip",
    "TakeQuotations",
    "assertion",
    "cue_place",
    "kind_by_quote_marks",
    "nearby_speaker",
    "participle",
    "place_of",
    "sentence_place",
    "single_word",
]
