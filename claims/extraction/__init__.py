"""The claim extraction engine: pure Python, no Django, no models to download.

    from claims.extraction import extract
    claims = extract(text, published=date(2022, 1, 11))

Bump ENGINE_VERSION whenever output for the same input may change: sources record the
version that produced their claims, so re-extraction can be targeted.
"""

from .engine import extract
from .types import ExtractedClaim, KnownSpeaker, Mention, Stance

ENGINE_VERSION = "0.16.0"

__all__ = ["ENGINE_VERSION", "ExtractedClaim", "KnownSpeaker", "Mention", "Stance", "extract"]
