"""Find the claims in one article: direct quotations, reported speech and, optionally, the
author's own checkable statements.

The work is in three places: the document, read once (document.py: paragraphs, quotations,
sentences); the rules, pure functions in ordered tables (rules/); and the arbiter, which reads
the document in order, asks the rules and alone keeps what they find (arbiter.py).
"""

from datetime import date

from .arbiter import Arbiter
from .document import Document
from .types import ExtractedClaim, KnownSpeaker


def extract(
    text: str,
    published: date | None = None,
    known_speakers: tuple[KnownSpeaker, ...] = (),
    assertions: bool = True,
) -> list[ExtractedClaim]:
    """Claims in reading order. assertions=False leaves out the author's own statements."""
    return Arbiter(Document(text), published, known_speakers, assertions).run()
