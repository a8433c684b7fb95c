"""Syndicated wire copy: the same story republished by another outlet is linked to the first,
and its quotations are the first's claims, not new ones."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.ingest import articles, pipeline
from claims.models import Appearance, Claim, Source
from claims.store import neardup

pytestmark = pytest.mark.django_db

WIRE = """date 2024-06-03
Harbour tolls to fall by a third, port authority says

PORT ALDEN, June 3 - The port authority will cut harbour tolls for fishing boats by a third from July, its chairman said on Monday.

"Tolls for fishing boats will fall by a third this summer, and we will review them again next spring," John Smith, the chairman of the port authority, said.

The cut follows two years of complaints from the fishing fleet, which says tolls rose faster than the price of fish.

Fleet representative Maria Olsen welcomed the decision but said it came too late for several crews.

"Three boats have already left for other harbours because of the cost," Olsen said.

The authority expects to lose about 400,000 dollars a year in revenue from the change.

(Example Wire Service 2024)
"""

# Another outlet's copy: its own headline and opening line, the speaker shortened to "Smith",
# a paragraph dropped, its own credit line.
COPY = """date 2024-06-03
Fishing fleet wins toll cut in Port Alden

The Daily Harbour - Fishing crews in Port Alden will pay less to dock from July.

"Tolls for fishing boats will fall by a third this summer, and we will review them again next spring," Smith said.

The cut follows two years of complaints from the fishing fleet, which says tolls rose faster than the price of fish.

Fleet representative Maria Olsen welcomed the decision but said it came too late for several crews.

"Three boats have already left for other harbours because of the cost," Olsen said.

The authority expects to lose about 400,000 dollars a year in revenue from the change.

(The Daily Harbour 2024)
"""

OTHER_STORY = """date 2024-06-04
Rail fares frozen for another year

PORT ALDEN, June 4 - Rail fares in the region will stay frozen until 2026, the transport board said on Tuesday.

"We can hold fares for one more year, but not longer than that without new money," board chair Lena Keller said.

The authority expects to lose about 400,000 dollars a year in revenue from the change.

(Example Wire Service 2024)
"""


def store(text: str) -> Source:
    counts = pipeline.store_article(articles.parse_text(text), raw=text)
    return Source.objects.get(pk=counts.source_id)


def test_a_republished_story_points_at_the_original_and_adds_no_claim():
    original = store(WIRE)
    claims_before = Claim.objects.count()
    smith_quote = Claim.objects.get(kind="direct", text__contains="Tolls for fishing boats")
    assert smith_quote.speaker.name == "John Smith"
    copy = store(COPY)
    assert copy.near_duplicate_of == original
    assert Claim.objects.count() == claims_before  # "Smith" did not become a second claim
    sources = set(Appearance.objects.filter(claim=smith_quote).values_list("source_id", flat=True))
    assert sources == {original.pk, copy.pk}
    olsen = Claim.objects.get(text__contains="Three boats")
    assert olsen.appearances.count() == 2


def test_a_different_story_sharing_a_sentence_is_not_a_near_duplicate():
    store(WIRE)
    other = store(OTHER_STORY)
    assert other.near_duplicate_of is None


sentences = st.lists(
    st.text(alphabet="abcdefgh ", min_size=40, max_size=80).map(lambda s: s.strip() + "."),
    min_size=8,
    max_size=30,
)


@given(sentences)
def test_resemblance_of_a_text_with_itself_is_one_and_is_symmetric(parts):
    a = neardup.sketch("\n".join(parts))
    b = neardup.sketch("\n".join(reversed(parts[: len(parts) // 2])))
    if a:
        assert neardup.resemblance(a, a) == 1.0
    assert neardup.resemblance(a, b) == neardup.resemblance(b, a)
    assert 0.0 <= neardup.resemblance(a, b) <= 1.0
