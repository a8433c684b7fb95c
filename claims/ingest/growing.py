"""Growing transcripts: turns appended to a stored transcript (the API's append endpoint, a live
caption file polled again). Only what is new is added: a cue or paragraph already read (the same
time, speaker and words: transcripts.Segment.key) is skipped, so the whole file may be sent again
each time. The new turns' statements are found with the whole transcript as their context (who
moderates, the ranking) and stored as an article's are; the text only ever grows at its end, so
every offset stored before stays true."""

from dataclasses import dataclass

from claims.extraction.transcripts import statements
from claims.ingest import transcripts
from claims.ingest.errors import UnusableInput
from claims.models import Source, Turn
from claims.store import storing
from claims.store.incoming import Article, content_hash
from claims.store.turns import stored_turns


@dataclass(frozen=True, slots=True)
class Appended:
    turns: int
    added: storing.Added


def append(*, source: Source, raw: str, fmt: str | None = None) -> Appended:
    """Add the turns of `raw` (any transcript format) that `source` does not hold yet. Call it
    inside a transaction holding the source's row (select_for_update): two appends to one
    transcript must not both write at its end."""
    if not source.is_transcript:
        raise UnusableInput(
            f"Source {source.pk} is not a transcript: turns are appended only to a transcript."
        )
    read = transcripts.read(raw, fmt=fmt)
    rows = list(
        Turn.objects.filter(source=source).order_by("number").values_list("label", "noise", "segment_keys")
    )
    new = _unseen(read, {key for _, _, keys in rows for key in keys})
    if not new:
        return Appended(0, storing.Added())
    last = next((label for label, noise, _ in reversed(rows) if not noise), None)
    before = stored_turns(source)
    offset = len(source.text)
    rendered = transcripts.render(new, offset=offset, last_label=last, moderators=read.moderators)
    text = source.text + rendered.text
    found = statements(text, before + rendered.turns, published=source.published_on, first=len(before))
    article = Article(
        text=text,
        raw_format=source.raw_format,
        published=source.published_on,
        turns=tuple(rendered.turns),
        segment_keys=tuple(segment.key for segment in new),
    )
    source.text = text
    source.content_hash = content_hash(text)
    source.save(update_fields=["text", "content_hash"])
    storing.store_turns(new=[(source, article)], first=len(rows))
    return Appended(len(rendered.turns), storing.store_extracted(source=source, found=found))


def holds_all(*, source: Source, raw: str) -> bool:
    """Whether the transcript `source` holds every cue or paragraph of `raw` already: a live
    caption file polled again that has nothing new needs no append."""
    seen = {key for keys in source.turns.values_list("segment_keys", flat=True) for key in keys}
    return not _unseen(transcripts.read(raw), seen)


def _unseen(read: transcripts.Transcript, seen: set[str]) -> list[transcripts.Segment]:
    new = []
    for segment in read.segments:
        if segment.key not in seen:
            seen.add(segment.key)
            new.append(segment)
    return new
