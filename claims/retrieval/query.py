"""The words a lexical search looks for. Pure Python: no Django.

Any-word matching, so that "plans attack" finds "plans to attack"; the database's stemmer then
matches "attacks" to "attack". Stop words are dropped here (FTS5 has no list of its own, and
matching every claim that says "the" only costs time); so are links and handles, which tweets
are full of and claims never hold. A query is capped in words so that a 10,000-word paste costs
no more than a paragraph.
"""

import re
import unicodedata

MAX_TERMS = 48
MAX_CHARS = 5000

STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves rt amp via""".split()
)
_NOISE = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+|@\w+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def terms(text: str) -> list[str]:
    """Distinct search words of `text`, in order, lower-cased; [] when it has none."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).replace("’", "'").replace("'s ", " ")
    text = _NOISE.sub(" ", text)
    found: dict[str, None] = {}
    for word in _WORD.findall(text.casefold()):
        if len(word) > 1 and word not in STOP_WORDS and len(word) <= 40:
            found.setdefault(word)
            if len(found) >= MAX_TERMS:
                break
    return list(found)


def for_embedding(text: str) -> str:
    """The query as the embedding model reads it: links and handles out, length bounded."""
    return " ".join(_NOISE.sub(" ", text[:MAX_CHARS]).split())
