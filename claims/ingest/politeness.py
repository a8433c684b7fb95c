"""Being a good guest: robots.txt, and one request per host at a time interval, across workers.

The interval is kept in the database (HostTurn): every worker process, on any machine, books
its turn with one atomic upsert that returns the booked time, so no cache or lock server must be
shared for the limit to hold. robots.txt is kept in the cache for ROBOTS_TTL.
"""

import time
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from protego import Protego

from claims.ingest.errors import TemporaryFailure, UnusableInput

if TYPE_CHECKING:  # fetching calls this module: its type only, not an import cycle
    from claims.ingest.fetching import Fetched

ROBOTS_TTL = 6 * 3600
MAX_WAIT = 30.0  # a turn further away than this is not waited for: the job is retried later
# A Crawl-delay is honoured up to this: a site asking for an hour between requests gets one a
# minute, which still spaces our visits far beyond what any reader's browser does.
MAX_CRAWL_DELAY = 60.0


def _origin(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def _agent() -> str:
    return settings.CLAIMS_FETCH_USER_AGENT.split("/")[0].strip() or "*"


def check_robots(url: str, *, fetch_robots: "Callable[[str], Fetched]") -> float:
    """UnusableInput when the site's robots.txt disallows url for our user agent; else the
    Crawl-delay it asks of us, in seconds (0 when none).

    Read as RFC 9309 has it (protego): wildcards (`/*?print=`), `$` anchors, and the longest
    matching rule winning, so `Allow` inside a disallowed folder allows. A missing robots.txt
    (4xx) allows everything; one that cannot be read (5xx, timeout) is a temporary failure, as
    RFC 9309 asks: the site may be down, not permissive."""
    origin = _origin(url)
    key = f"claims:robots:{origin}"
    text = cache.get(key)
    if text is None:
        try:
            text = fetch_robots(f"{origin}/robots.txt").body.decode("utf-8", "replace")
        except UnusableInput:  # 404, 410, 403...: no rules
            text = ""
        except TemporaryFailure as exc:
            raise TemporaryFailure(f"{exc} (reading robots.txt first); will try again.") from None
        cache.set(key, text, ROBOTS_TTL)
    rules = Protego.parse(text)
    if not rules.can_fetch(url, _agent()):
        raise UnusableInput(f"{url} is not fetched: the site's robots.txt disallows it for {_agent()}.")
    delay = rules.crawl_delay(_agent())
    return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0


def wait_for_turn(url: str, *, interval: float) -> None:
    """Sleep until this host's next turn, booked atomically in the database."""
    if interval <= 0:
        return
    host = _origin(url)
    now = time.time()
    table = "claims_hostturn"
    if connection.vendor == "postgresql":
        greatest = f"GREATEST({table}.next_at, EXCLUDED.next_at - %s)"
    else:
        greatest = f"MAX({table}.next_at, EXCLUDED.next_at - %s)"
    with connection.cursor() as cursor:
        # A new host gets the turn now (next one at now + interval); a known host gets the later
        # of its booked turn and now, and pushes the next one an interval further.
        cursor.execute(
            f"INSERT INTO {table} (host, next_at) VALUES (%s, %s) "
            f"ON CONFLICT (host) DO UPDATE SET next_at = {greatest} + %s RETURNING next_at",
            [host, now + interval, interval, interval],
        )
        booked = cursor.fetchone()[0] - interval
    delay = booked - now
    if delay > MAX_WAIT:
        raise TemporaryFailure(f"{host} was asked too often; its next turn is in {delay:.0f} seconds.")
    if delay > 0:
        time.sleep(delay)
