"""An article's way through the product: read (claims.ingest.articles) → extract
(claims.extraction) → store (claims.store.storing). Jobs (claims.ingest.jobs) take each step in
turn for a batch; commands and tests store a single article with store_article."""

import dataclasses
from datetime import date

from django.conf import settings

from claims import extraction
from claims.extraction import transcripts
from claims.ingest.errors import UnusableInput
from claims.models import Publisher
from claims.store import storing
from claims.store.incoming import Article, Incoming


def findings(text: str, published: date | None) -> list[extraction.ExtractedClaim]:
    """What the extractor finds in a text published on this date."""
    return extraction.extract(text, published=published)


def with_findings(item: Incoming) -> Incoming:
    """The item with what the extractor finds in its article: call this outside a transaction,
    before store, so that no row lock is held while articles are read. UnusableInput if it finds
    more claims than one article may hold (CLAIMS_MAX_CLAIMS_PER_ARTICLE): no news article holds
    thousands of different statements, and one that seems to (a dump of tables or comments)
    would flood the record, the webhooks and the inboxes. Then nothing of it is stored, not its
    first few hundred: an article stored in part would read as complete."""
    article = item.article
    limit = settings.CLAIMS_MAX_CLAIMS_PER_ARTICLE
    if article.is_transcript:
        found = transcript_findings(article)
        # A three-hour hearing holds more statements than any article, each a speaker's sentence.
        limit *= TRANSCRIPT_CEILING
    else:
        found = findings(article.text, article.published)
    claims = storing.claims_in(found)
    if claims > limit:
        what = "transcript" if article.is_transcript else "article"
        raise UnusableInput(
            f"The {what} holds {claims:,} different statements, more than the {limit:,} one {what} "
            "may hold (CLAIMS_MAX_CLAIMS_PER_ARTICLE"
            + (f" × {TRANSCRIPT_CEILING}" if article.is_transcript else "")
            + "); nothing of it was stored."
        )
    return dataclasses.replace(item, found=found)


# How many times an article's ceiling of statements a transcript may hold.
TRANSCRIPT_CEILING = 5


def transcript_findings(article: Article) -> list[extraction.ExtractedClaim]:
    """The statements of a transcript's turns (claims.extraction.transcripts)."""
    return transcripts.statements(article.text, list(article.turns), published=article.published)


def store(items: list[Incoming]) -> list[storing.Stored]:
    """Store the items (inside the caller's transaction); an item without findings, or stored
    before with other white space, is read by the extractor here."""
    return storing.store_articles(items, extract=findings)


def store_article(
    article: Article, *, raw: str, url: str = "", publisher: Publisher | None = None
) -> storing.Stored:
    """Extract and store one article, and what that created."""
    return store([with_findings(Incoming(article, raw, url, publisher))])[0]
