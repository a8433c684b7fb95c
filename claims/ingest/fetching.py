"""The one HTTP client every fetch goes through (articles, feeds, robots.txt).

Transport (`fetch`, pure Python): no loopback, private, link-local or metadata addresses (every
address the host name resolves to is checked, and the connection goes to the checked address, so
a second DNS answer cannot swap in another); redirects followed by hand, each checked the same
way, at most MAX_REDIRECTS; separate connect and read timeouts; the size limit enforced while
reading, compressed and decompressed; the content type checked against what the caller accepts;
conditional GET (ETag, Last-Modified) answered by 304. Addresses in `allowed_networks`
(CLAIMS_FETCH_ALLOWED_NETWORKS) pass: tests and development use 127.0.0.1.

Politeness (`polite_fetch`, with Django settings): robots.txt obeyed (CLAIMS_FETCH_OBEY_ROBOTS)
and at most one request per host every CLAIMS_FETCH_MIN_INTERVAL seconds, shared by every worker
process through the database (claims.ingest.politeness).
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

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
ANY_TYPE = ("*",)
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


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


def parse_networks(values: Sequence[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip())


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries and routes to, if any: IPv4-mapped (::ffff:a.b.c.d),
    6to4 (2002:AABB:CCDD::), Teredo (its client) and NAT64 (64:ff9b::a.b.c.d)."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_site_local:  # fec0::/10, deprecated but still routed inside some networks
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None and not _public(embedded):
            return False  # ::ffff:127.0.0.1, 2002:7f00:1::, 64:ff9b::10.0.0.1 reach what they carry
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        # 100.64.0.0/10 (carrier-grade NAT) is not "private" to ipaddress but is not public either.
        or (isinstance(address, ipaddress.IPv4Address) and address in ipaddress.ip_network("100.64.0.0/10"))
    )


def resolve(url: str, *, allowed_networks: tuple[Network, ...]) -> tuple[str, int, str, str]:
    """(scheme, port, host, address to connect to), or UnusableInput saying why not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnusableInput(f"{url} is not an http or https URL.")
    host = parts.hostname
    if not host:
        raise UnusableInput(f"{url} has no host name.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UnusableInput(f"{url} has an invalid port.") from None
    try:
        # getaddrinfo also reads the odd spellings ("2130706433", "0x7f.1") the way a connection would.
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise TemporaryFailure(f"Could not resolve {host}: {exc.strerror}.") from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if not _public(address) and not any(address in network for network in allowed_networks):
            raise UnusableInput(
                f"{url} is not fetched: {host} resolves to {address}, a loopback, private or reserved address "
                f"(to allow it, add its network to CLAIMS_FETCH_ALLOWED_NETWORKS, e.g. {address}/{address.max_prefixlen})."
            )
    return parts.scheme, port, host, str(addresses[0])


class _PinnedHTTP(http.client.HTTPConnection):
    """HTTP to a given (checked) address, with separate connect and read timeouts."""

    def __init__(self, address: str, port: int, connect_timeout: float, read_timeout: float):
        super().__init__(address, port, timeout=connect_timeout)
        self._read_timeout = read_timeout

    def connect(self) -> None:
        super().connect()
        self.sock.settimeout(self._read_timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a given address, with the host name for SNI and certificate checks."""

    def __init__(self, host: str, address: str, port: int, connect_timeout: float, read_timeout: float):
        super().__init__(host, port, timeout=connect_timeout, context=ssl.create_default_context())
        self._address = address
        self._read_timeout = read_timeout

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        sock.settimeout(self._read_timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


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
    allowed_networks: tuple[Network, ...] = (),
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
        scheme, port, host, address = resolve(url, allowed_networks=allowed_networks)
        if before_each is not None:
            before_each(url)
        connecting = connect_timeout or timeout
        if scheme == "https":
            conn: http.client.HTTPConnection = _PinnedHTTPS(host, address, port, connecting, timeout)
        else:
            conn = _PinnedHTTP(address, port, connecting, timeout)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {
            "Host": host if port in (80, 443) else f"{host}:{port}",
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
                wanted = "an HTML page or plain text" if accept == ARTICLE_TYPES else "a feed"
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
        "allowed_networks": parse_networks(settings.CLAIMS_FETCH_ALLOWED_NETWORKS),
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
