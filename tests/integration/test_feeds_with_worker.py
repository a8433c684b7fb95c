"""Scheduled ingestion through real worker processes: the dispatcher task finds the due feed, a
worker polls it, workers ingest each new article, and a broken feed beside it changes nothing."""

import time

import pytest

from claims.models import Feed, IngestJob, Source
from tests.ingest.test_feeds import XML, article, rss
from tests.servers import Route

from .conftest import wait_for_jobs

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def wait_for(condition, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError("condition not met in time")


def test_a_due_feed_is_polled_and_its_articles_ingested_by_the_workers(worker, http_server):
    from claims.ingest.tasks import dispatch_feeds

    routes = {
        f"/news/{n}": Route(body=article(n), content_type="text/plain; charset=utf-8") for n in (1, 2, 3)
    }
    routes["/rss"] = Route(body=rss("/news/1", "/news/2", "/news/3"), content_type=XML)
    routes["/broken"] = Route(body=b"<rss><channel>", content_type=XML)
    server = http_server(routes)
    good = Feed.objects.create(url=f"{server.base}/rss")
    bad = Feed.objects.create(url=f"{server.base}/broken")
    dispatch_feeds.delay()
    wait_for(
        lambda: IngestJob.objects.filter(feed=good).count() == 3 and Feed.objects.get(pk=bad.pk).last_error
    )
    jobs = wait_for_jobs(list(IngestJob.objects.filter(feed=good).values_list("pk", flat=True)))
    assert [job.state for job in jobs] == ["done"] * 3, [job.error for job in jobs]
    assert Source.objects.count() == 3
    assert "not well-formed XML" in Feed.objects.get(pk=bad.pk).last_error
    # Due again: polled again, nothing new.
    first_poll = Feed.objects.get(pk=good.pk).last_polled_at
    Feed.objects.update(next_poll_at=None)
    dispatch_feeds.delay()
    wait_for(
        lambda: (
            Feed.objects.get(pk=good.pk).last_polled_at > first_poll
            and Feed.objects.get(pk=bad.pk).consecutive_errors == 2
        )
    )
    assert IngestJob.objects.count() == 3
    assert Feed.objects.get(pk=good.pk).jobs_created == 3
