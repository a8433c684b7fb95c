"""Parsing never sends a request: no third-party parser is handed a string it could take for a URL.

htmldate downloads any string that starts with "http" and has no space; an article body shaped
like that once made the worker send a GET to wherever it pointed, past every check in fetching.py.
A listener on loopback counts what reaches it: nothing may.
"""

import contextlib

import pytest

from claims.ingest import articles, submission
from claims.ingest.jobs import run_inline
from claims.models import IngestJob
from tests.servers import Route


@pytest.fixture
def listener(http_server):
    """A server on loopback answering the address the bodies below name; it records every request."""
    page = b"<html><body><article><p>" + b"Fetched words the parser should never see. " * 20 + b"</p>"
    return http_server({"/x": Route(body=page)})


PROSE = "The harbour authority said on Monday that the ferry would keep running until 2030. " * 5


def _url_shaped(port: int) -> str:
    # No space anywhere: htmldate's loader takes such a string for an address to download.
    body = PROSE.replace(" ", "\u00a0")
    return f"http://127.0.0.1:{port}/x?<html><head><title>t</title></head><body><article><p>{body}</p></article></body></html>"


def test_parse_html_sends_no_request_for_a_body_shaped_like_a_url(listener):
    server = listener
    html = _url_shaped(server.server_port)
    # What it makes of the text does not matter here; a request would.
    with contextlib.suppress(Exception):
        articles.parse_html(html)
    assert server.paths() == []


def test_parse_sends_no_request_for_any_format_guess(listener):
    server = listener
    html = _url_shaped(server.server_port)
    for content_type in ("", "text/html", "text/plain"):
        with contextlib.suppress(Exception):
            articles.parse(html, content_type=content_type)
    assert server.paths() == []


@pytest.mark.django_db
def test_an_ingested_body_shaped_like_a_url_reaches_no_address(listener):
    server = listener
    job = submission.submit_text(_url_shaped(server.server_port), kind=IngestJob.Kind.HTML, enqueue=False)
    run_inline(job.pk)
    job.refresh_from_db()
    assert job.state in (IngestJob.State.DONE, IngestJob.State.FAILED)
    assert server.paths() == []


def test_parse_html_still_reads_an_ordinary_page_and_its_date():
    html = (
        "<html><head><title>Ferry stays</title>"
        '<meta property="article:published_time" content="2022-01-11T09:00:00Z"></head>'
        f"<body><article><h1>Ferry stays</h1><p>{PROSE}</p></article></body></html>"
    )
    article = articles.parse_html(html)
    assert "ferry would keep running" in article.text
    assert article.published is not None and article.published.isoformat() == "2022-01-11"
