"""The day a statement was made, where the words around its cue fix it against the article's date."""

import re
from datetime import date, timedelta

from .lexicon import WEEKDAYS
from .lexicon.cues import alternation

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_RELATIVE = re.compile(
    r"\b(?:(yesterday)|(today|this morning|this afternoon|this evening|tonight)|(?:on |last )?("
    + "|".join(WEEKDAYS)
    + r"))\b",
    re.IGNORECASE,
)
_ABSOLUTE = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{1,2})\b", re.I
)


def said_on(context: str, published: date | None) -> date | None:
    """Resolve "yesterday", "on Monday" or "Jan. 5" in the attribution's own words."""
    if published is None:
        return None
    m = _RELATIVE.search(context)
    if m:
        if m.group(1):
            return published - timedelta(days=1)
        if m.group(2):
            return published
        weekday = WEEKDAYS.index(m.group(3).lower())
        # News reports the past: "on Monday" is the latest Monday on or before publication.
        return published - timedelta(days=(published.weekday() - weekday) % 7)
    m = _ABSOLUTE.search(context)
    if m:
        month, day = _MONTHS[m.group(1).lower()], int(m.group(2))
        try:
            when = date(published.year, month, day)
        except ValueError:
            return None
        if when > published:
            try:
                when = date(published.year - 1, month, day)
            except ValueError:
                return None
        return when
    return None


# A sentence that places what it reports at another time than the article's event.
_ANOTHER_TIME = re.compile(
    r"\b(?:last\s+(?:year|month|week|spring|summer|autumn|fall|winter)|(?:in|since|until)\s+(?:19|20)\d\d|"
    r"earlier\s+this|previously|years?\s+ago|months?\s+ago|weeks?\s+ago|days\s+ago|"
    rf"had\s+(?:{alternation('had-said')}))\b",
    re.IGNORECASE,
)
LEDE_PARAGRAPHS = 3  # where an article sets the time of the event it reports


def event_date(lede: str, published: date | None) -> date | None:
    """The day of the event the article reports, from its opening paragraphs ("met ... yesterday",
    "on Monday"), when they fix one against its date."""
    return said_on(lede, published)


def at_another_time(sentence: str) -> bool:
    """Does the sentence place itself at another time ("last year", "in 2019", "had said")?"""
    return _ANOTHER_TIME.search(sentence) is not None
