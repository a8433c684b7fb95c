"""The author's own checkable statements: the last rule, asked of each sentence nothing else covers."""

from .. import checkworthiness
from ..document import Document
from ..text import has_quote_mark
from ..types import ClaimKind, Span
from .findings import Finding

ASSERTION_FEATURE = checkworthiness.WordFeature(
    0.0,
    frozenset(
        "percent million billion trillion higher lower largest smallest highest lowest record doubled "
        "tripled halved increased decreased rose fell caused majority minority most least".split()
    ),
    ("per cent", "more than", "less than", "fewer than", "because of", "led to", "due to"),
    digits=True,
)
ASSERTION_THRESHOLD = 0.5


def assertion(doc: Document, sentence: Span) -> Finding | None:
    """An unattributed sentence with figures, comparisons or causes, scored check-worthy.
    Questions, quotations and fragments are left out."""
    s_start, s_end = sentence
    text = doc.text[s_start:s_end]
    words = len(text.split())
    if not 8 <= words <= 80 or has_quote_mark(text) or text.rstrip().endswith("?"):
        return None
    if not (text[:1].isupper() or text[:1].isdigit()):
        return None  # a fragment left by a broken line, not a sentence
    reading = checkworthiness.read(text)  # once, for both questions
    if not ASSERTION_FEATURE.search(text, reading):
        return None
    score = checkworthiness.score(text, reading=reading)
    if score < ASSERTION_THRESHOLD:
        return None
    return Finding(
        s_start, doc.trim_end(s_start, s_end), None, rule="assertion", kind=ClaimKind.ASSERTION, score=score
    )
