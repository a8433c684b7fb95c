"""Other fact-checkers' ClaimReview read in every accepted shape (a DataFeed, JSON lines, embedded
in a page, with @graph, with arrays where single values are usual, with missing and malformed
fields), imported idempotently, and linked to our claims. Documents written for the project."""

import io
import json

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from claims.ingest import claimreview, jobs, submission
from claims.models import Claim, ExternalReview, ExternalReviewLink, Feed
from claims.retrieval import external
from tests.factories import ClaimFactory, SpeakerFactory
from tests.servers import Route


def review_doc(n: int = 1, **extra) -> dict:
    doc = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checkers.example/reviews/{n}",
        "claimReviewed": f"The harbour toll for fishing boats rose by {n} percent last year",
        "author": {"@type": "Organization", "name": "Harbour Checkers", "url": "https://checkers.example/"},
        "datePublished": "2026-11-20",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 2,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Mostly false",
            "ratingExplanation": "The toll was unchanged.",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person",
                "name": "Ada Quill",
                "jobTitle": "Councillor",
                "sameAs": "https://www.wikidata.org/wiki/Q1",
            },
            "datePublished": "2026-11-18",
            "firstAppearance": {"@type": "CreativeWork", "url": "https://news.example/toll"},
        },
        "inLanguage": "en",
    }
    doc.update(extra)
    return doc


def data_feed(*elements) -> dict:
    return {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": list(elements)}


def read(data: bytes) -> list:
    return list(claimreview.records(lambda: io.BytesIO(data)))


def reviews(data: bytes) -> list[claimreview.Review]:
    return [r for _, r in read(data) if isinstance(r, claimreview.Review)]


def test_a_data_feed_with_bare_and_wrapped_items():
    wrapped = {"@type": "DataFeedItem", "dateCreated": "2026-11-21", "item": [review_doc(2)]}
    found = reviews(json.dumps(data_feed(review_doc(1), wrapped)).encode())
    assert [r.url for r in found] == [
        "https://checkers.example/reviews/1",
        "https://checkers.example/reviews/2",
    ]
    first = found[0]
    assert (first.publisher, first.rating_text, first.rating_value, first.best_rating) == (
        "Harbour Checkers",
        "Mostly false",
        2.0,
        5.0,
    )
    assert (first.claim_author, first.claim_author_title, first.language) == ("Ada Quill", "Councillor", "en")
    assert first.claim_date.isoformat() == "2026-11-18" and first.published_on.isoformat() == "2026-11-20"
    assert first.appearance_url == "https://news.example/toll"
    assert first.rating_explanation == "The toll was unchanged."


def test_json_lines_one_review_a_line_with_a_bad_line_counted():
    lines = [json.dumps(review_doc(n)) for n in range(1, 4)]
    lines.insert(1, "{not json")
    data = ("\n".join(lines) + "\n\n").encode()
    found = read(data)
    assert len([r for _, r in found if isinstance(r, claimreview.Review)]) == 3
    [(where, bad)] = [(w, r) for w, r in found if isinstance(r, claimreview.BadRecord)]
    assert where == "line 2" and "not JSON" in str(bad)


def test_embedded_in_a_page_with_a_graph():
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "x"}, review_doc(7)]}
    page = (
        "<!doctype html><html><head><title>Check</title>"
        '<script type="application/ld+json">{"@type": "Organization", "name": "Harbour Checkers"}</script>'
        f"<script type='application/ld+json'>{json.dumps(graph)}</script>"
        "</head><body><p>The toll did not rise.</p></body></html>"
    ).encode()
    [found] = reviews(page)
    assert found.url == "https://checkers.example/reviews/7"


def test_arrays_where_single_values_are_usual_and_prefixed_types():
    doc = review_doc(
        3,
        **{
            "@type": ["schema:ClaimReview", "CreativeWork"],
            "url": ["https://checkers.example/reviews/3"],
            "author": [{"@type": "Organization", "name": ["Harbour Checkers"]}],
            "reviewRating": [{"@type": "Rating", "ratingValue": "4", "alternateName": ["Mostly true"]}],
            "claimReviewed": ["The bridge reopened in May"],
        },
    )
    [found] = reviews(json.dumps([doc]).encode())
    assert (found.url, found.publisher, found.rating_value, found.rating_text) == (
        "https://checkers.example/reviews/3",
        "Harbour Checkers",
        4.0,
        "Mostly true",
    )
    assert found.claim_reviewed == "The bridge reopened in May"


def test_missing_and_malformed_fields():
    no_url = review_doc(1)
    del no_url["url"]
    no_claim = review_doc(2, claimReviewed="", itemReviewed={})
    odd = review_doc(
        3, datePublished="last Tuesday", reviewRating={"ratingValue": "two", "alternateName": "False"}
    )
    odd["itemReviewed"]["datePublished"] = 20261118
    not_http = review_doc(4, url="ftp://checkers.example/4")
    found = read(json.dumps(data_feed(no_url, no_claim, odd, not_http, "a string")).encode())
    reasons = [str(r) for _, r in found if isinstance(r, claimreview.BadRecord)]
    assert reasons == [
        "no url (an http or https address)",
        "no claimReviewed",
        "no url (an http or https address)",
        "not an object",
    ]
    [kept] = [r for _, r in found if isinstance(r, claimreview.Review)]
    # A malformed optional field is left empty, never guessed.
    assert (kept.published_on, kept.rating_value, kept.rating_text, kept.claim_date) == (
        None,
        None,
        "False",
        None,
    )


def test_a_document_that_is_not_json_is_one_bad_record():
    [(_, bad)] = read(b'{"@type": "DataFeed", "dataFeedElement": [{"url": ')
    assert isinstance(bad, claimreview.BadRecord) and "not valid JSON" in str(bad)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "@type",
                        "url",
                        "claimReviewed",
                        "dataFeedElement",
                        "item",
                        "@graph",
                        "reviewRating",
                        "author",
                    ]
                ),
                inner,
                max_size=5,
            )
        ),
        max_leaves=20,
    )
)
def test_any_json_reads_without_raising(value):
    data = json.dumps(value).encode()
    for _, result in read(data):
        assert isinstance(result, claimreview.Review | claimreview.BadRecord)
        if isinstance(result, claimreview.Review):
            assert result.url.startswith(("http://", "https://")) and result.claim_reviewed


@pytest.mark.django_db
def test_import_is_idempotent_and_updates_by_url(tmp_path, capsys):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(data_feed(review_doc(1), review_doc(2), {"@type": "ClaimReview"})))
    call_command("import_claimreview", str(path), "--no-link")
    out = capsys.readouterr().out
    assert "2 new, 0 updated, 0 unchanged, 1 skipped" in out and "skipped record 3: no url" in out
    call_command("import_claimreview", str(path), "--no-link")
    assert "0 new, 0 updated, 2 unchanged, 1 skipped" in capsys.readouterr().out
    path.write_text(
        json.dumps(data_feed(review_doc(1, reviewRating={"alternateName": "False", "ratingValue": 1})))
    )
    call_command("import_claimreview", str(path), "--no-link")
    assert "0 new, 1 updated" in capsys.readouterr().out
    assert ExternalReview.objects.count() == 2
    assert ExternalReview.objects.get(url="https://checkers.example/reviews/1").rating_text == "False"


@pytest.mark.django_db
def test_links_strong_matches_and_suggests_fair_ones():
    same = ClaimFactory(
        text="The harbour toll for fishing boats rose by 9 percent last year",
        speaker=SpeakerFactory(name="Ada Quill"),
        indexed=True,
    )
    ClaimFactory(text="The new library opens on Sunday mornings", indexed=True)
    result = claimreview.import_reviews(claimreview.from_json_lines([json.dumps(review_doc(9)).encode()]))
    linked = external.link_reviews(review_ids=result.review_ids)
    link = ExternalReviewLink.objects.get()
    assert link.claim == same and link.state == "confirmed" and link.automatic
    assert link.score >= external.STRONG and "search score" in link.reason
    assert (linked.confirmed, linked.suggested) == (1, 0)
    # An editor's removal stands: linking again does not bring it back.
    ExternalReviewLink.objects.filter(pk=link.pk).update(state="removed", automatic=False)
    external.link_reviews(review_ids=result.review_ids)
    assert ExternalReviewLink.objects.get().state == "removed"


@pytest.mark.django_db
def test_an_ingested_page_keeps_the_claimreview_it_embeds(http_server):
    page = (
        "<html><head><title>Harbour tolls</title>"
        f'<script type="application/ld+json">{json.dumps(review_doc(5))}</script></head><body>'
        "<article><p>Harbour tolls did not rise last year, the port authority said on Monday, "
        "contradicting a councillor who had said that the toll for fishing boats rose sharply.</p>"
        "<p>The authority published its accounts for the last five years.</p></article></body></html>"
    ).encode()
    server = http_server({"/tolls": Route(200, page)})
    job = submission.submit_url(f"{server.base}/tolls", enqueue=False)
    assert jobs.run_job(job.pk).state == "done"
    review = ExternalReview.objects.get()
    assert review.origin == "page" and review.url == "https://checkers.example/reviews/5"
    assert review.found_at == f"{server.base}/tolls"


@pytest.mark.django_db
def test_a_claimreview_feed_is_polled_into_reviews_not_jobs(http_server):
    from claims.ingest import feeds

    body = "\n".join(json.dumps(review_doc(n)) for n in range(1, 4)).encode()
    server = http_server({"/reviews.jsonl": Route(200, body, "application/x-ndjson")})
    feed = Feed.objects.create(url=f"{server.base}/reviews.jsonl", kind=Feed.Kind.CLAIMREVIEW)
    result = feeds.poll_feed(feed.pk)
    assert result.ok and result.items == 3 and result.new_jobs == 0
    assert ExternalReview.objects.count() == 3 and not Claim.objects.exists()
    feed.refresh_from_db()
    assert feed.items_found == 3 and feed.last_error == ""


def test_reading_claimreview_never_touches_the_network(http_server, monkeypatch):
    """A remote @context (or any URL in a review) is never fetched: a listener on loopback, named
    as the context and everywhere a URL may be, receives nothing; and no socket connects."""
    import socket

    server = http_server({"/context.jsonld": Route(200, b"{}", "application/ld+json")})
    remote = f"{server.base}/context.jsonld"
    doc = review_doc(8, **{"@context": remote, "sameAs": remote})
    doc["itemReviewed"]["firstAppearance"] = {"@id": remote}

    def no_connections(*args, **kwargs):
        raise AssertionError("a ClaimReview parser opened a connection")

    monkeypatch.setattr(socket.socket, "connect", no_connections)
    page = f'<html><head><script type="application/ld+json">{json.dumps(doc)}</script></head></html>'.encode()
    for data in (json.dumps(data_feed(doc)).encode(), json.dumps(doc).encode() + b"\n", page):
        assert [r.url for r in reviews(data)] == ["https://checkers.example/reviews/8"]
    monkeypatch.undo()
    assert server.requests == []
