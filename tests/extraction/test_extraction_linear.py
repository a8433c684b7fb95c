"""The engine's linear-time paths give exactly what the plain scans they replace gave.

Extraction used to be quadratic (each quotation scanned every earlier one, each full stop every
quotation, each claim every covered span): a megabyte of short quotations took minutes. The fast
paths are checked here against those plain scans, kept in this file as the oracle, on generated
articles; `bench/extraction_linear.py` measures the time per megabyte of hostile shapes.
"""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import arbiter, document, extract, text
from claims.extraction.spans import CoveredSpans
from tests.extraction.test_extraction_properties import ARTICLES

PIECES = st.sampled_from(
    [
        '"We will keep the ferry running," said Ann Weaver, who chairs the authority. ',
        "“It is too expensive,” Tom Reyes told reporters on Monday. ",
        "The council met on Tuesday. ",
        "Weaver said the figures were wrong and that the island needed the service. ",
        '"It is not over." ',
        "According to the census, 4,200 people live on the island. ",
        "« Nous verrons », a dit le maire. ",
        "He denied the plan had failed. ",
        "Mr. Reyes, a councillor, said: “The vote is next week. We will win it.” ",
        '"A," she said, "B and C." ',
        "\n\n",
        "\n",
    ]
)
ORDINARY = st.lists(PIECES, min_size=1, max_size=40).map("".join)


class PlainCovered:
    """The plain list the engine used: every question scans every span."""

    def __init__(self):
        self.spans = []

    def add(self, start, end):
        self.spans.append((start, end))

    def overlaps(self, start, end):
        return any(start < c_end and c_start < end for c_start, c_end in self.spans)

    def first_covered(self, start, end):
        if any(c_start <= start < c_end for c_start, c_end in self.spans):
            return None
        return min((c_start for c_start, _ in self.spans if start < c_start < end), default=None)


def plain_previous_quote_ends(quotes):
    return [
        max((q.end for q in quotes[:i] if q.end <= quote.start), default=-1) for i, quote in enumerate(quotes)
    ]


def plain_quotes_meeting(self, start, end):
    return [q for q in self.quotes if q.start < end and q.end > start]


def as_tuples(claims):
    return [(c.start, c.end, c.kind, c.parts, c.speaker, c.cue_start, c.said_on) for c in claims]


@pytest.fixture
def plain_engine():
    """Run the engine with the plain scans in place of the fast paths, and restore them."""

    def run(article: str):
        patch = pytest.MonkeyPatch()
        patch.setattr(arbiter, "CoveredSpans", PlainCovered)
        patch.setattr(document, "previous_quote_ends", plain_previous_quote_ends)
        patch.setattr(document.Document, "quotes_meeting", plain_quotes_meeting)
        patch.setattr(text, "MAX_SENTENCE_CHARS", 10**9)
        try:
            return extract(article, published=date(2024, 5, 1))
        finally:
            patch.undo()

    return run


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=st.one_of(ORDINARY, ARTICLES))
def test_fast_paths_change_no_finding(plain_engine, article):
    assert as_tuples(extract(article, published=date(2024, 5, 1))) == as_tuples(plain_engine(article))


@settings(max_examples=2000)
@given(
    added=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=25),
    asked=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=10),
)
def test_covered_spans_answer_as_the_plain_scan(added, asked):
    fast, plain = CoveredSpans(), PlainCovered()
    for start, end in added:
        fast.add(start, end)
        plain.add(start, end)
    for start, end in asked:
        assert fast.overlaps(start, end) == plain.overlaps(start, end), (added, start, end)


def test_a_sentence_longer_than_any_real_one_is_cut_at_a_space():
    words = "word " * 2000  # 10,000 characters, no full stop
    spans = text.sentences(words, 0, len(words))
    assert len(spans) > 1
    assert all(end - start <= text.MAX_SENTENCE_CHARS for start, end in spans)
    assert all(words[start] != " " and words[end - 1 : end + 1] in ("d ", "d") for start, end in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(words.rstrip())
