"""Feeds end to end against servers on 127.0.0.1 that the tests start: well-formed feeds of each
kind queue their new articles once; malformed, hostile or failing feeds each end as a clear error
on that feed while the others carry on; the schedule, back-off and switch-off; conditional GET;
robots.txt and the per-host rate limit."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from claims.ingest import feeds, politeness, submission
from claims.ingest.jobs import run_inline
from claims.models import Feed, IngestJob, Source
from tests.factories import UserFactory
from tests.servers import Conditional, Gzipped, Route, Server, Slow

pytestmark = pytest.mark.django_db

XML = "application/rss+xml; charset=utf-8"


def article(n: int) -> bytes:
    return (
        f"date 2024-03-{n:02}\nHarbour report number {n}\n\n"
        f'"Tolls will fall by {n} percent next year," the port director, Ada Quill{n}, said on Monday.\n\n'
        f"The board meets again in April.\n"
    ).encode()


def rss(*paths: str, base: str = "") -> bytes:
    items = "".join(
        f"<item><title>Story {p}</title><link>{base}{p}</link><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate></item>"
        for p in paths
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Port news</title>{items}</channel></rss>'.encode()


def atom(*paths: str) -> bytes:
    entries = "".join(
        f'<entry><title>Story {p}</title><link rel="alternate" href="{p}"/><updated>2024-03-04T10:00:00Z</updated></entry>'
        for p in paths
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Port</title>{entries}</feed>'.encode()


def sitemap(*paths: str, base: str) -> bytes:
    urls = "".join(
        f"<url><loc>{base}{p}</loc><news:news><news:title>Story</news:title>"
        "<news:publication_date>2024-03-04</news:publication_date></news:news></url>"
        for p in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


def json_feed(*paths: str) -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Port",
            "items": [{"id": p, "url": p} for p in paths],
        }
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><link>/news/1</link></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&x;</title><item><link>/news/2</link></item></channel></rss>"""


@pytest.fixture
def site(settings, http_server):
    settings.CLAIMS_FETCH_TIMEOUT = 1
    settings.CLAIMS_FEED_MAX_BYTES = 64 * 1024
    routes = {
        f"/news/{n}": Route(body=article(n), content_type="text/plain; charset=utf-8") for n in range(1, 9)
    }
    routes.update(
        {
            "/rss": Route(body=rss("/news/1", "/news/2?utm_source=rss", "/news/1#top"), content_type=XML),
            "/atom": Route(body=atom("/news/3", "/news/2"), content_type="application/atom+xml"),
            "/sitemap.xml": Route(body=b"", content_type="application/xml"),  # filled in below
            "/feed.json": Route(body=json_feed("/news/5"), content_type="application/feed+json"),
            "/gzipped": Gzipped(body=rss("/news/6"), content_type=XML),
            "/latin1": Route(
                body=rss("/news/7").replace(b"Port news", "Port né".encode("latin-1")), content_type=XML
            ),
            # Malformed, hostile and failing feeds:
            # Cut off before any item: nothing to read, strictly or loosely.
            "/broken": Route(body=b"<rss><channel><title>Port news</ti", content_type=XML),
            "/deep.json": Route(body=b"[" * 30_000 + b"]" * 30_000, content_type="application/json"),
            "/html": Route(body=b"<!DOCTYPE html><html><body><h1>Port news</h1></body></html>"),
            "/huge": Route(body=rss(*[f"/news/{n}" for n in range(5000)]), content_type=XML),
            "/slow": Slow(3, body=rss("/news/1"), content_type=XML),
            "/loop": Route(302, headers={"Location": "/loop"}),
            "/missing": Route(404, b"no such feed", "text/plain"),
            "/error": Route(500, b"oops", "text/plain"),
            "/to-metadata": Route(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}),
            "/laughs": Route(body=BILLION_LAUGHS, content_type=XML),
            "/xxe": Route(body=XXE, content_type=XML),
            "/empty": Route(body=b"", content_type=XML),
            "/not-json-feed": Route(body=b'{"hello": "world"}', content_type="application/json"),
            "/image": Route(body=b"\x89PNG\r\n", content_type="image/png"),
        }
    )
    server = http_server(routes)
    routes["/sitemap.xml"] = Route(body=sitemap("/news/4", base=server.base), content_type="application/xml")
    return server


def add_feed(server: Server, path: str, kind=Feed.Kind.RSS) -> Feed:
    return Feed.objects.create(url=f"{server.base}{path}", kind=kind)


def poll_all(capture) -> dict[str, feeds.PollResult]:
    """What beat and the worker do, in this process: dispatch the due feeds, poll each. The jobs
    the polls create are left queued (their enqueue callbacks are captured, not run)."""
    dispatched = []
    original = feeds._enqueue_poll
    feeds._enqueue_poll = dispatched.append
    try:
        with capture(execute=True):
            feeds.dispatch_due_feeds()
    finally:
        feeds._enqueue_poll = original
    with capture(execute=False):
        return {Feed.objects.get(pk=pk).url.rsplit("/", 1)[-1]: feeds.poll_feed(pk) for pk in dispatched}


GOOD = ["rss", "atom", "sitemap.xml", "feed.json", "gzipped", "latin1"]
BAD = {
    "broken": "not well-formed XML",
    "html": "HTML page, not a feed",
    "huge": "larger than the 0.0625 MB limit",
    "slow": "did not answer within 1 seconds",
    "loop": "redirects more than 5 times",
    "missing": "answered 404",
    "error": "answered 500",
    "to-metadata": "169.254.169.254, a loopback, private or reserved address",
    "empty": "The feed is empty.",
    "deep.json": "nested too deeply",
    "not-json-feed": "not a JSON Feed",
    "image": "image/png, not a feed",
}


def test_good_feeds_queue_each_new_article_once_and_bad_ones_say_why(
    site, django_capture_on_commit_callbacks
):
    for path in GOOD + list(BAD) + ["xxe", "laughs"]:
        add_feed(site, f"/{path}")
    results = poll_all(django_capture_on_commit_callbacks)
    assert len(results) == len(GOOD) + len(BAD) + 2
    for name in GOOD:
        assert results[name].ok, (name, results[name].error)
    for name, reason in BAD.items():
        feed = Feed.objects.get(url=f"{site.base}/{name}")
        assert not results[name].ok and reason in feed.last_error, (name, feed.last_error)
        assert feed.consecutive_errors == 1 and feed.active and feed.last_failure_at is not None
    # Hostile XML is read without resolving a single entity: no local file, no exponential
    # expansion; the items are still found.
    assert results["xxe"].ok and results["laughs"].ok and results["laughs"].items == 1
    # Every article once, whatever feed or variant of its URL named it (tracking parameters, fragments).
    queued = sorted(url.removeprefix(site.base) for url in IngestJob.objects.values_list("url", flat=True))
    assert queued == [
        "/news/1",
        "/news/2?utm_source=rss",
        "/news/3",
        "/news/4",
        "/news/5",
        "/news/6",
        "/news/7",
    ]
    assert Feed.objects.get(url=f"{site.base}/rss").jobs_created == 2
    assert Feed.objects.get(url=f"{site.base}/atom").jobs_created == 1  # /news/2 came through RSS first


def test_queued_articles_are_ingested_and_polling_again_adds_nothing(
    site, django_capture_on_commit_callbacks
):
    from claims.models import Publisher

    port_news = Publisher.objects.create(name="Port News Ltd")
    for path in ("/rss", "/atom"):
        feed = add_feed(site, path)
        feed.publisher = port_news
        feed.save()
    poll_all(django_capture_on_commit_callbacks)
    for job in IngestJob.objects.all():
        run_inline(job.pk)
    assert set(IngestJob.objects.values_list("state", "error")) == {(IngestJob.State.DONE, "")}
    assert Source.objects.count() == 3
    # The feed's publisher is the articles' (their domain had none yet, and then it has).
    assert set(Source.objects.values_list("publisher__name", flat=True)) == {"Port News Ltd"}
    Feed.objects.update(next_poll_at=None)
    again = poll_all(django_capture_on_commit_callbacks)
    assert all(result.ok and result.new_jobs == 0 for result in again.values())
    assert IngestJob.objects.count() == 3


def test_conditional_get_answers_304_and_keeps_the_schedule(site):
    site.routes["/conditional"] = Conditional(body=rss("/news/8"), content_type=XML, headers={"ETag": '"v1"'})
    feed = add_feed(site, "/conditional")
    first = feeds.poll_feed(feed.pk)
    feed.refresh_from_db()
    assert first.ok and first.new_jobs == 1 and feed.etag == '"v1"'
    second = feeds.poll_feed(feed.pk)
    assert second.ok and second.not_modified and second.new_jobs == 0
    sent = [headers for path, headers in site.requests if path == "/conditional"]
    assert sent[-1].get("If-None-Match") == '"v1"'


def test_the_dispatcher_polls_only_due_active_feeds_and_claims_each_once(site):
    now = timezone.now()
    due = Feed.objects.create(
        url=f"{site.base}/rss", next_poll_at=now - dt.timedelta(minutes=1), interval_minutes=10
    )
    Feed.objects.create(url=f"{site.base}/atom", next_poll_at=now + dt.timedelta(minutes=5))
    Feed.objects.create(url=f"{site.base}/feed.json", active=False)
    sent = []
    original = feeds._enqueue_poll
    feeds._enqueue_poll = sent.append
    try:
        assert feeds.dispatch_due_feeds(now=now) == 1
        assert feeds.dispatch_due_feeds(now=now) == 0  # the first run moved it forward: not due twice
    finally:
        feeds._enqueue_poll = original
    due.refresh_from_db()
    assert due.next_poll_at == now + dt.timedelta(minutes=10)


def test_failures_back_off_then_switch_the_feed_off_with_the_reason(site, settings):
    settings.CLAIMS_FEED_MAX_ERRORS = 3
    feed = add_feed(site, "/error")
    feed.interval_minutes = 10
    feed.save()
    delays = []
    for _ in range(3):
        before = timezone.now()
        feeds.poll_feed(feed.pk)
        feed.refresh_from_db()
        delays.append(round((feed.next_poll_at - before).total_seconds() / 60))
    assert delays[:2] == [10, 20]
    assert not feed.active and "Switched off after 3 failures in a row" in feed.disabled_reason
    assert "answered 500" in feed.disabled_reason
    assert feeds.poll_feed(feed.pk).error == "inactive or deleted"
    feeds.reactivate([feed.pk])
    feed.refresh_from_db()
    assert feed.active and feed.consecutive_errors == 0


def test_robots_txt_is_obeyed_for_articles(site, settings):
    settings.CLAIMS_FETCH_OBEY_ROBOTS = True
    site.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /news/3\n", content_type="text/plain")
    from django.core.cache import cache

    cache.clear()
    allowed = submission.submit_url(f"{site.base}/news/2", enqueue=False)
    refused = submission.submit_url(f"{site.base}/news/3", enqueue=False)
    assert run_inline(allowed.pk).state == IngestJob.State.DONE
    outcome = run_inline(refused.pk)
    assert outcome.state == IngestJob.State.FAILED and "robots.txt disallows it" in outcome.message
    assert "/news/3" not in site.paths()
    cache.clear()


def test_one_host_is_asked_at_most_once_per_interval_across_callers(monkeypatch):
    slept = []
    clock = [1000.0]
    monkeypatch.setattr(politeness.time, "time", lambda: clock[0])
    monkeypatch.setattr(politeness.time, "sleep", slept.append)
    for _ in range(4):  # four workers asking at the same moment
        politeness.wait_for_turn("https://news.example/a", interval=2.0)
    politeness.wait_for_turn("https://other.example/a", interval=2.0)
    assert slept == [2.0, 4.0, 6.0]  # the first goes at once, the others take their turns
    clock[0] += 100  # long after: at once again
    politeness.wait_for_turn("https://news.example/b", interval=2.0)
    assert slept == [2.0, 4.0, 6.0]


def test_a_turn_too_far_away_is_a_temporary_failure(monkeypatch):
    from claims.ingest.errors import TemporaryFailure

    monkeypatch.setattr(politeness.time, "time", lambda: 5000.0)
    monkeypatch.setattr(politeness.time, "sleep", lambda seconds: None)
    with pytest.raises(TemporaryFailure, match="asked too often"):
        for _ in range(40):
            politeness.wait_for_turn("https://busy.example/", interval=1.0)


def test_editors_manage_feeds_in_the_admin(site, client, django_capture_on_commit_callbacks, monkeypatch):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    polled = []
    monkeypatch.setattr("claims.ingest.tasks.poll_feed.delay", polled.append)
    editor = UserFactory(username="feed-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    ok, failing = add_feed(site, "/rss"), add_feed(site, "/missing")
    feeds.poll_feed(failing.pk)
    page = client.get(reverse("admin:claims_feed_changelist")).content.decode()
    assert "Failing (1 in a row)" in page and "answered 404" in page and "Not polled yet" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:claims_feed_changelist"), {"action": "poll_now", "_selected_action": [ok.pk]}
        )
    assert polled == [ok.pk]
    response = client.post(
        reverse("admin:claims_feed_add"),
        {"url": f"{site.base}/atom", "kind": "atom", "interval_minutes": 5, "active": "on"},
    )
    assert response.status_code == 302 and Feed.objects.filter(url=f"{site.base}/atom").exists()


BROKEN_BUT_READABLE = {
    # A bare ampersand in a title, an HTML entity XML does not know, a feed cut off mid-item.
    "ampersand": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Port & harbour</title>'
    b"<item><title>Tolls & fares</title><link>/news/1</link></item></channel></rss>",
    "nbsp": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Port&nbsp;news</title>'
    b"<item><title>Story&nbsp;two</title><link>/news/2</link></item></channel></rss>",
    "cut-off": b'<?xml version="1.0"?><rss version="2.0"><channel><title>Port</title>'
    b"<item><title>Three</title><link>/news/3</link></item><item><title>Fo",
    "atom-ampersand": b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A & B</title>'
    b'<entry><title>Four</title><link rel="alternate" href="/news/4"/></entry></feed>',
}


@pytest.mark.parametrize("name", BROKEN_BUT_READABLE)
def test_a_broken_rss_or_atom_feed_is_read_loosely_instead_of_lost(name):
    from claims.ingest import feedparsing

    body = BROKEN_BUT_READABLE[name]
    with pytest.raises(feedparsing.etree.XMLSyntaxError):
        feedparsing.etree.fromstring(body, feedparsing._parser())  # strict parsing fails on each
    parsed = feedparsing.parse(body, base_url="http://port.example/feed")
    assert [item.url for item in parsed.items] == [
        f"http://port.example/news/{list(BROKEN_BUT_READABLE).index(name) + 1}"
    ]


def test_the_loose_reader_opens_no_file_a_feed_names():
    from claims.ingest import feedparsing

    # feedparser opens bytes that name a file: handed a stream, it never does.
    with pytest.raises(feedparsing.FeedError):
        feedparsing.parse(b"<rss>/etc/passwd", base_url="http://port.example/feed")


def test_any_failure_of_a_poll_ends_in_the_feeds_error(site, monkeypatch):
    from claims.ingest import feedparsing

    def crash(body, base_url):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(feedparsing, "parse", crash)
    feed = add_feed(site, "/rss")
    result = feeds.poll_feed(feed.pk)
    feed.refresh_from_db()
    assert not result.ok
    assert "RuntimeError: parser bug" in feed.last_error
    assert feed.consecutive_errors == 1 and feed.next_poll_at > timezone.now()


@pytest.mark.parametrize(
    ("fields", "health"),
    [
        ({"active": False, "disabled_reason": ""}, "Switched off"),
        (
            {"active": False, "disabled_reason": "Switched off after 3 failures in a row"},
            "Switched off (after failures)",
        ),
        ({"consecutive_errors": 2}, "Failing (2 in a row)"),
        ({}, "Not polled yet"),
        ({"last_success_at": dt.datetime(2026, 5, 1, tzinfo=dt.UTC)}, "OK"),
    ],
)
def test_a_feed_says_its_health_in_words(fields, health):
    assert Feed(url="https://gazette.example/feed", **fields).health == health


@pytest.fixture
def dispatched(monkeypatch):
    sent: list[int] = []
    monkeypatch.setattr(feeds, "_enqueue_poll", sent.append)
    return sent


def test_a_feeds_interval_is_read_within_a_minute_and_a_week_whatever_its_row_holds():
    """The scheduler reads an interval through Feed.interval_of: one stored past the cap (before
    migration 0047, which caps them) is a week, not an overflow that stopped every dispatch."""
    assert Feed.interval_of(2**63 - 1) == dt.timedelta(days=7)
    assert Feed.interval_of(0) == dt.timedelta(minutes=1)
    assert Feed.interval_of(15) == dt.timedelta(minutes=15)


def test_one_feed_that_cannot_be_scheduled_does_not_stop_the_others(
    dispatched, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    now = timezone.now()
    bad = Feed.objects.create(
        url="https://a.example/rss", next_poll_at=now - dt.timedelta(minutes=2), interval_minutes=13
    )
    good = Feed.objects.create(url="https://b.example/rss", next_poll_at=now - dt.timedelta(minutes=1))
    interval_of = Feed.interval_of

    def failing(minutes: int) -> dt.timedelta:
        if minutes == 13:
            raise OverflowError("date value out of range")
        return interval_of(minutes)

    monkeypatch.setattr(Feed, "interval_of", staticmethod(failing))
    with django_capture_on_commit_callbacks(execute=True):
        assert feeds.dispatch_due_feeds(now=now) == 1
    assert dispatched == [good.pk]
    assert f"feed {bad.pk}" in caplog.text and "date value out of range" in caplog.text
