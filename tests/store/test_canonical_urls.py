"""URL canonicalisation: variants of one article's address share one key, and only they do."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.store.urls import canonical_url

STORY = "https://example.com/politics/harbour-tolls"


@pytest.mark.parametrize(
    "variant",
    [
        "https://example.com/politics/harbour-tolls",
        "http://example.com/politics/harbour-tolls",
        "https://www.example.com/politics/harbour-tolls/",
        "https://EXAMPLE.com:443/politics/harbour-tolls#comments",
        "https://example.com/politics/harbour-tolls?utm_source=twitter&utm_medium=social",
        "https://example.com/politics/harbour-tolls?fbclid=IwAR0abc&gclid=xyz",
        "https://example.com/politics/harbour-tolls/amp",
        "https://example.com/politics/harbour-tolls/amp/",
        "https://amp.example.com/politics/harbour-tolls",
        "https://example.com/politics/harbour-tolls?outputType=amp",
        "https://example-com.cdn.ampproject.org/c/s/example.com/politics/harbour-tolls/amp",
        "https://example.com//politics//harbour-tolls",
    ],
)
def test_variants_of_one_article_share_its_key(variant):
    assert canonical_url(variant) == canonical_url(STORY) == STORY


@pytest.mark.parametrize(
    "other",
    [
        "https://example.com/politics/harbour-fees",
        "https://example.org/politics/harbour-tolls",
        "https://example.com/politics/harbour-tolls?page=2",
        "https://example.com/politics/harbour-tolls?id=7",
        "https://example.com:8080/politics/harbour-tolls",
    ],
)
def test_different_articles_keep_different_keys(other):
    assert canonical_url(other) != canonical_url(STORY)


def test_meaningful_parameters_are_kept_in_a_stable_order():
    assert canonical_url("https://ex.com/a?b=2&a=1&utm_campaign=x") == canonical_url(
        "https://ex.com/a?a=1&b=2"
    )


urls = st.builds(
    lambda scheme, host, path, query: f"{scheme}://{host}/{path}?{query}",
    st.sampled_from(["http", "https", "HTTPS"]),
    st.sampled_from(["example.com", "www.example.com", "amp.news.example", "ex.org:8080"]),
    st.text(alphabet="abc/-_.%20", max_size=30),
    st.text(alphabet="abc=&_utm", max_size=30),
)


@given(urls)
def test_canonical_form_is_stable_and_free_of_tracking(url):
    once = canonical_url(url)
    assert canonical_url(once) == once
    keys = [key for key, _ in parse_qsl(urlsplit(once).query, keep_blank_values=True)]
    assert not any(key.lower().startswith("utm_") for key in keys)
    assert "#" not in once and once.startswith("https://")


@given(st.text(max_size=60))
def test_anything_at_all_gives_a_string_and_never_raises(text):
    assert isinstance(canonical_url(text), str)
