"""The follow-up rule: a second statement by the same speaker after an attribution, in the same
sentence. The arbiter asks it right after keeping a finding that instructs it to (LookForParticiple),
and keeps what it returns unless that overlaps what is already kept."""

from ..document import Document
from ..mentions import Phrase, chosen_by
from ..text import has_quote_mark
from ..tokens import Word
from .findings import Attribution, Finding
from .patterns import AND_SAID, PARTICIPLE_AFTER, WHO_SAID


def participle(
    doc: Document, attribution: Attribution, s_end: int, after: int | None = None
) -> Finding | None:
    """`"...," Anderson said, adding that Sanders is "the most trustworthy."` and `She declared
    "What a night!" and said that ...`: a second statement by the same speaker, in the same
    sentence, looked for from `after` (the attribution's cue unless given)."""
    text = doc.text
    after = attribution.cue.end if after is None else after
    # Each pattern is tried only where the words it needs are: a comma (which may stand two
    # characters back, inside a closing quotation mark), "and", "who".
    comma = text.find(",", max(0, after - 2), s_end) >= 0
    found = [
        m
        for m in (
            PARTICIPLE_AFTER.search(text, after, s_end) if comma else None,
            AND_SAID.search(text, after, s_end) if text.find("and", after, s_end) >= 0 else None,
            WHO_SAID.search(text, after, s_end) if comma and text.find("who", after, s_end) >= 0 else None,
        )
        if m
    ]
    m = min(found, key=lambda m: m.start()) if found else None
    if not m or m.start() - after > 80 or has_quote_mark(text[after : m.start()]):
        return None
    content_start = m.end()
    if not doc.enough(content_start, s_end):
        return None  # too short
    if doc.quote_starting_at(content_start) is not None:
        return None  # `she said, adding, "B."`: the quotation is read on its own, with this cue
    cue = Word(m.start("cue"), m.end("cue"), m.group("cue"))
    who = attribution.phrase
    if m.re is WHO_SAID:  # `..., said Ann Weaver, who said ...`: the mention is "who"
        w_start, w_end = m.span("who")
        who = chosen_by(
            "participle-who",
            Phrase(
                w_start, w_end, text[w_start:w_end], None, who.name, who.role, who.kind, who.gender, who.rules
            ),
        )
    return Finding(content_start, s_end, Attribution(who, cue, (m.start(), content_start)), rule="participle")
