"""When a statement was said, and how that is known: its own words ("on Monday": stated), else the
day the article sets for the event it reports ("met ... yesterday": inferred), never a sentence
that places itself at another time; an author's assertion is dated by the article (published).
The public page says which it shows. Articles written for the project."""

from datetime import date

import pytest
from django.utils import timezone

from claims.extraction import extract
from claims.ingest import articles, pipeline
from claims.models import Appearance, Claim, Rating

ARTICLE = """Harbour talks end without a deal

Ada Quill met harbour officials in Port Ellen yesterday to discuss the closure of the north pier.

Quill said the navy had no plans to close the harbour to fishing boats.

Last year she had said the harbour would stay open, and the board agreed with her then.

Bo Hale said on Monday that the board would meet again in May to decide on the tolls.

The harbour handled 40 percent more freight in 2023 than in 2019, the highest in a decade.
"""
PUBLISHED = date(2024, 3, 6)  # a Wednesday


def dated() -> dict[str, tuple[date | None, str]]:
    return {c.text[:20]: (c.said_on, c.said_on_basis) for c in extract(ARTICLE, published=PUBLISHED)}


def test_a_statement_with_no_time_of_its_own_takes_the_articles_event_marked_inferred():
    assert dated()["the navy had no plan"] == (date(2024, 3, 5), "inferred")


def test_a_statement_whose_own_words_date_it_is_stated():
    assert dated()["that the board would"] == (date(2024, 3, 4), "stated")


def test_a_sentence_set_at_another_time_is_not_given_the_events_day():
    assert dated()["the harbour would st"] == (None, "")


def test_an_authors_assertion_is_dated_by_the_article():
    assert dated()["The harbour handled "] == (PUBLISHED, "published")


def test_without_the_articles_date_nothing_is_dated():
    assert all(c.said_on is None and c.said_on_basis == "" for c in extract(ARTICLE))


@pytest.mark.django_db
def test_the_public_page_says_an_inferred_day_is_inferred(client):
    raw = "date 2024-03-06\n" + ARTICLE
    pipeline.store_article(articles.parse_text(raw), raw=raw)
    claim = Claim.objects.get(text__startswith="the navy had no plans")
    assert Appearance.objects.get(claim=claim).said_on_basis == "inferred"
    Claim.objects.filter(pk=claim.pk).update(
        state="published",
        published_at=timezone.now(),
        reviewed_at=timezone.now(),
        verdict=Rating.objects.get(value=3),
    )
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert (
        'said <time datetime="2024-03-05">5 March 2024</time> (the day of the event the article reports'
        in page
    )
    # Lists show it too, labelled, never the day the record first saw it as if it were said then.
    listed = client.get("/").content.decode()
    assert 'said <time datetime="2024-03-05">5 Mar 2024</time>' in listed
