"""A stored transcript's turns, read back as the extractor takes them: appending to a growing
transcript and re-extracting one after an upgrade both find statements from the turns stored
with the source (claims.models.Turn), never from its text alone."""

from claims import extraction
from claims.extraction import transcripts
from claims.models import Source


def stored_turns(source: Source) -> list[transcripts.Turn]:
    """The source's turns as the extractor reads them."""
    return [
        transcripts.Turn(
            label=turn.label,
            start=turn.start,
            end=turn.end,
            label_start=turn.label_start,
            label_end=turn.label_end,
            times=tuple((int(offset), float(seconds)) for offset, seconds in turn.times),
            moderator=turn.moderator if turn.moderator_known else None,
            noise=turn.noise,
        )
        for turn in source.turns.order_by("number")
    ]


def source_findings(source: Source) -> list[extraction.ExtractedClaim]:
    """What the current extractor finds in a stored source: a transcript's statements from its
    turns, an article's from its text."""
    if source.is_transcript:
        return transcripts.statements(source.text, stored_turns(source), published=source.published_on)
    return extraction.extract(source.text, published=source.published_on)
