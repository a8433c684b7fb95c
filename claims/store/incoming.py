"""What the store accepts: an article read from its input (its text and metadata), and the
publisher of the feed it came through. Ingest makes these (claims.ingest.articles parses raw
input into an Article); the store keeps them (claims.store.storing)."""

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from claims import extraction
from claims.extraction.transcripts import Turn
from claims.models import Publisher


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    raw_format: str  # "html" | "text", or a transcript's: "webvtt" | "srt" | "transcript"
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    publisher: str = ""
    language: str = ""
    # A transcript's speaker turns, with offsets into `text` (claims.ingest.transcripts), and the
    # keys of the cues or paragraphs it was read from (a growing transcript adds only new ones).
    turns: tuple[Turn, ...] = ()
    segment_keys: tuple[str, ...] = ()
    media_url: str = ""  # a transcript's recording
    # An HTML page's own address (<link rel="canonical">): the source's URL when the page was
    # sent as it is rather than fetched from one.
    canonical: str = ""

    @property
    def is_transcript(self) -> bool:
        return bool(self.turns)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """The same article with other white space or Unicode composition hashes the same."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Incoming:
    """An article read from its input, to be stored. `publisher`: the feed's, used when the
    article's domain has no publisher yet."""

    article: Article
    raw: str
    url: str = ""
    publisher: Publisher | None = None
    # What the extractor found in article.text, computed before the storing transaction opens
    # (claims.ingest.pipeline): extraction is slow, and a transaction holds its row locks meanwhile.
    found: list[extraction.ExtractedClaim] | None = None
