"""A source's language: what its page declares (`<html lang>`), else what its text reads as.

Stored as the ISO 639-1 code (`en`, `fr`, `pt`), the part of a BCP 47 tag that the API's
`languageCode` and `?language=` compare (a region, `en-GB`, is dropped). The identifier is
py3langid (BSD, a maintained port of langid.py: 97 languages, naive Bayes over byte n-grams, a
model of a few MB inside the package), asked only about texts long enough to tell and trusted only
when it is sure: a caption of three words is left without a language rather than given a wrong one.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import cache
from itertools import islice
from typing import Any

# A declared tag: a primary language subtag of 2 or 3 letters, then anything ("en", "en-US", "pt_BR").
_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-]*)?\s*$")
# Tags that name no language ("und": undetermined, "mul": several, "zxx": no linguistic content).
_NO_LANGUAGE = {"und", "mul", "zxx", "mis"}
MIN_LETTERS = 40  # fewer letters than this and the text is not asked
MIN_CONFIDENCE = 0.9
# Characters read: the start of an article says its language as well as the whole, and the time
# the identifier takes grows with what it reads (5,000 characters cost the ingest worker 4 ms an
# article, 2,000 a third of that; both name the same language on every evaluation article).
SAMPLE = 2000
_lock = threading.Lock()


def declared(tag: str | None) -> str:
    """The language a declared tag names (`en-GB` -> `en`), or "" when it names none."""
    match = _TAG.match(tag or "")
    if not match:
        return ""
    code = match.group(1).lower()
    return "" if code in _NO_LANGUAGE else code


def identified(text: str) -> str:
    """The language the text reads as, or "" when it is too short or the identifier unsure."""
    sample = text[:SAMPLE]
    # Counted only until there are enough: a whole sample costs a Python step per character.
    if sum(1 for _ in islice(filter(str.isalpha, sample), MIN_LETTERS)) < MIN_LETTERS:
        return ""
    with _lock:
        code, confidence = _identifier().classify(sample)
    return str(code) if confidence >= MIN_CONFIDENCE else ""


def of_source(*, declared_tag: str | None, text: str) -> str:
    """A source's language: the one its page declares first, else the one its text reads as."""
    return declared(declared_tag) or identified(text)


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


_HTML_LANG = re.compile(
    r"<html\b[^>]*?\b(?:xml:)?lang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.I
)


def declared_in_html(raw: str) -> str:
    """The tag an HTML page's `<html lang>` declares, read from the stored page ("" when none)."""
    match = _HTML_LANG.search(raw[:20_000])
    return match.group(1) if match else ""


def fill_missing(*, batch: int = 500) -> Iterator[tuple[int, int, int]]:
    """Give each stored source without a language one: the one its stored page declares, else the
    one its text reads as. Yields (examined, given a language, total to examine) after each batch,
    each batch saved, so that a run stopped midway keeps what it did."""
    from claims.models import Source

    missing = Source.objects.filter(language="")
    total = missing.count()
    examined = given = 0
    last = 0
    while True:
        rows = list(
            missing.filter(pk__gt=last).order_by("pk").only("pk", "raw", "raw_format", "text")[:batch]
        )
        if not rows:
            return
        last = rows[-1].pk
        changed = []
        for source in rows:
            tag = declared_in_html(source.raw) if source.raw_format == "html" else ""
            source.language = of_source(declared_tag=tag, text=source.text)
            if source.language:
                changed.append(source)
        Source.objects.bulk_update(changed, ["language"])
        examined += len(rows)
        given += len(changed)
        yield examined, given, total
