"""The one HTTP client every fetch goes through (articles, feeds, robots.txt).

Transport (`fetch`, pure Python): no loopback, private, link-local or metadata addresses (every
address the host name resolves to is checked, and the connection goes to the checked address, so
a second DNS answer cannot swap in another); redirects followed by hand, each checked the same
way, at most MAX_REDIRECTS; separate connect and read timeouts; the size limit enforced while
reading, compressed and decompressed; the content type checked against what the caller accepts;
conditional GET (ETag, Last-Modified) answered by 304. Addresses in `allowed_networks`
(CLAIMS_FETCH_ALLOWED_NETWORKS: networks, or an address's or network's one port) pass, checked on
every hop: the tests allow their own servers' ports.

Politeness (`polite_fetch`, with Django settings): robots.txt obeyed (CLAIMS_FETCH_OBEY_ROBOTS)
and at most one request per host every CLAIMS_FETCH_MIN_INTERVAL seconds, shared by every worker
process through the database (claims.ingest.politeness).
"""

import contextlib
import http.client
import socket
import ssl
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from claims import net
from claims.ingest.decoding import charset_of
from claims.ingest.errors import TemporaryFailure, UnusableInput

ARTICLE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/json",
    "application/x-rss+xml",
    # Some servers say so of XML; the parser decides what it is (and names an HTML page as such).
    "text/plain",
    "text/html",
)
# Caption files and subtitles (transcripts); a plain-text transcript comes as text/plain.
TRANSCRIPT_TYPES = ("text/vtt", "application/x-subrip", "text/srt", "text/plain")
# What an ingest job reads from a URL: an article or a transcript.
DOCUMENT_TYPES = (*ARTICLE_TYPES, *TRANSCRIPT_TYPES[:-1])
ANY_TYPE = ("*",)
# What a refused type is said not to be, by what was accepted.
_WANTED = {
    ARTICLE_TYPES: "an HTML page or plain text",
    DOCUMENT_TYPES: "an HTML page, plain text or a transcript",
    TRANSCRIPT_TYPES: "a transcript (WebVTT, SubRip or plain text)",
}
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
Allowed = net.Allowed
parse_networks = net.parse_networks


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    body: bytes  # decompressed; empty when not_modified
    content_type: str
    status: int = 200
    etag: str = ""
    last_modified: str = ""
    charset: str = ""  # as the Content-Type header declares it ("" when it does not)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@contextlib.contextmanager
def _checked() -> Iterator[None]:
    """claims.net's refusals as this module's errors: a URL that may not be fetched is unusable
    input; a name that does not resolve just now is a temporary failure."""
    try:
        yield
    except net.Refused as exc:
        raise UnusableInput(str(exc), detail=exc.detail) from None
    except net.Unreachable as exc:
        raise TemporaryFailure(str(exc)) from None


def resolve(url: str, *, allowed_networks: tuple[Allowed, ...]) -> tuple[str, int, str, str]:
    """(scheme, port, host, address to connect to) of url (claims.net.resolve), or UnusableInput
    (TemporaryFailure when the name does not resolve just now) saying why not."""
    with _checked():
        return net.resolve(url, allowed_networks=allowed_networks)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def _read_body(response: http.client.HTTPResponse, url: str, max_bytes: int) -> bytes:
    """The body, decompressed, never holding more than max_bytes (+ one chunk) in memory."""
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding in ("identity", ""):
        inflater = None
    else:
        raise UnusableInput(f"{url} is sent with a {encoding} encoding, which is not supported.")
    received, out = 0, bytearray()
    # read1: at most one read from the socket a call, so a slow sender cannot hold a call (and
    # the total deadline's check between calls) for a whole chunk's worth of waits.
    while chunk := response.read1(CHUNK):
        received += len(chunk)
        if received > max_bytes:
            raise UnusableInput(f"{url} is larger than the {_megabytes(max_bytes)} limit.")
        if inflater is None:
            out += chunk
        else:
            try:
                # max_length bounds each step: a small "zip bomb" cannot balloon in memory.
                out += inflater.decompress(chunk, max_bytes + 1 - len(out))
                while inflater.unconsumed_tail and len(out) <= max_bytes:
                    out += inflater.decompress(inflater.unconsumed_tail, max_bytes + 1 - len(out))
            except zlib.error as exc:
                raise UnusableInput(f"{url}: its {encoding} content is corrupt ({exc}).") from None
        if len(out) > max_bytes:
            raise UnusableInput(f"{url} decompresses to more than the {_megabytes(max_bytes)} limit.")
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and received < int(declared) and encoding in ("identity", ""):
        raise TemporaryFailure(
            f"{url}: the connection closed after {received} of the {declared} bytes its "
            "Content-Length announced; will try again."
        )
    if inflater is not None and not inflater.eof:
        raise UnusableInput(f"{url}: its {encoding} content is cut short or corrupt.")
    return bytes(out)


def _cut_off(url: str, seconds: float | None) -> TemporaryFailure:
    return TemporaryFailure(
        f"{url} took longer than {seconds:g} seconds in all and was cut off; will try again."
    )


class _Deadline:
    """Closes the connection when the whole fetch has taken `seconds`: per-read timeouts alone
    let a server that sends a byte every few seconds hold a worker for as long as it likes."""

    def __init__(self, seconds: float | None, conn: http.client.HTTPConnection) -> None:
        self.passed = False
        self._conn = conn
        self._timer = threading.Timer(seconds, self._expire) if seconds else None
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()

    def _expire(self) -> None:
        self.passed = True
        sock = self._conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


def fetch(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    user_agent: str,
    allowed_networks: tuple[Allowed, ...] = (),
    accept: tuple[str, ...] = ARTICLE_TYPES,
    etag: str = "",
    last_modified: str = "",
    connect_timeout: float | None = None,
    total_timeout: float | None = None,
    before_each: Callable[[str], None] | None = None,
) -> Fetched:
    """GET url. `timeout` is the read timeout (per socket operation); `connect_timeout` defaults to it;
    `total_timeout` bounds each request as a whole, from connecting to the last byte.
    With `etag` or `last_modified`, an unchanged resource comes back as a Fetched with status 304.
    `before_each(url)` runs before every request, redirects included (robots.txt, rate limits)."""
    for _ in range(MAX_REDIRECTS + 1):
        with _checked():  # resolved and checked here; connected only when the request is sent
            conn, host, target = net.connection(
                url,
                allowed_networks=allowed_networks,
                connect_timeout=connect_timeout or timeout,
                read_timeout=timeout,
            )
        if before_each is not None:
            before_each(url)
        headers = {
            "Host": host,
            "User-Agent": user_agent,
            "Accept": "*/*" if accept == ANY_TYPE else ", ".join(accept),
            "Accept-Encoding": "gzip, deflate",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = _Deadline(total_timeout, conn)
        try:
            conn.request("GET", target, headers=headers)
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise UnusableInput(f"{url} redirects without saying where to.")
                url = urljoin(url, location)
                continue
            if response.status == 304 and (etag or last_modified):
                return Fetched(url, b"", "", 304, response.getheader("ETag") or etag, last_modified)
            if response.status >= 400:
                if response.status in (408, 425, 429) or response.status >= 500:
                    raise TemporaryFailure(
                        f"{url} answered {response.status} {response.reason}; will try again."
                    )
                raise UnusableInput(f"{url} answered {response.status} {response.reason}.")
            header = response.getheader("Content-Type") or ""
            content_type = header.split(";")[0].strip().lower()
            if accept != ANY_TYPE and content_type not in accept:
                wanted = _WANTED.get(accept, "a feed")
                raise UnusableInput(f"{url} is {content_type or 'of no stated type'}, not {wanted}.")
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise UnusableInput(f"{url} is larger than the {_megabytes(max_bytes)} limit.")
            # The cut-off connection reads as an early end (or a short body): not a body either way.
            try:
                body = _read_body(response, url, max_bytes)
            except (TemporaryFailure, UnusableInput):
                if deadline.passed:
                    raise _cut_off(url, total_timeout) from None
                raise
            if deadline.passed:
                raise _cut_off(url, total_timeout)
            return Fetched(
                url,
                body,
                content_type,
                response.status,
                response.getheader("ETag") or "",
                response.getheader("Last-Modified") or "",
                charset_of(header),
            )
        except (TimeoutError, ConnectionError, OSError, http.client.HTTPException) as exc:
            if deadline.passed:
                raise _cut_off(url, total_timeout) from None
            if isinstance(exc, TimeoutError):
                raise TemporaryFailure(f"{url} did not answer within {timeout:g} seconds.") from None
            if isinstance(exc, ssl.SSLError):
                raise UnusableInput(f"{url}: the TLS connection failed ({exc.reason}).") from None
            raise TemporaryFailure(f"Could not reach {url}: {exc}.") from None
        finally:
            deadline.cancel()
            conn.close()
    raise UnusableInput(f"{url} redirects more than {MAX_REDIRECTS} times.")


def polite_fetch(
    url: str,
    *,
    accept: tuple[str, ...] = ARTICLE_TYPES,
    max_bytes: int | None = None,
    etag: str = "",
    last_modified: str = "",
) -> Fetched:
    """fetch() with the settings, after robots.txt allows it and the host's turn has come."""
    from django.conf import settings

    from claims.ingest import politeness

    options: dict[str, Any] = {
        "timeout": settings.CLAIMS_FETCH_TIMEOUT,
        "connect_timeout": settings.CLAIMS_FETCH_CONNECT_TIMEOUT,
        "total_timeout": settings.CLAIMS_FETCH_TOTAL_TIMEOUT,
        "user_agent": settings.CLAIMS_FETCH_USER_AGENT,
        "allowed_networks": net.allowed_by_settings(),
    }

    def be_polite(target: str) -> None:
        crawl_delay = 0.0
        if settings.CLAIMS_FETCH_OBEY_ROBOTS:
            crawl_delay = politeness.check_robots(
                target,
                fetch_robots=lambda robots_url: fetch(
                    robots_url, max_bytes=512 * 1024, accept=ANY_TYPE, **options
                ),
            )
        # The site's Crawl-delay, when it asks for more than our own interval.
        politeness.wait_for_turn(target, interval=max(settings.CLAIMS_FETCH_MIN_INTERVAL, crawl_delay))

    return fetch(
        url,
        max_bytes=max_bytes or settings.CLAIMS_INGEST_MAX_BYTES,
        accept=accept,
        etag=etag,
        last_modified=last_modified,
        before_each=be_polite,
        **options,
    )
