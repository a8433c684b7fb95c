"""Fetch one URL safely: no loopback, private, link-local or metadata addresses, time and size
limits, readable errors.

Every address the host name resolves to is checked before any connection is made, and the
connection then goes to the checked address itself (a second DNS answer cannot swap in
another). Redirects are followed by hand, each one checked the same way. Addresses in
`allowed_networks` (CLAIMS_FETCH_ALLOWED_NETWORKS) pass: tests and development use 127.0.0.1.

Issue 6 grows this into the shared client (per-domain rate limits, robots.txt, conditional GET).
"""

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .errors import TemporaryFailure, UnusableInput

_ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
MAX_REDIRECTS = 5
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str


def parse_networks(values: Sequence[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip())


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
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


def resolve(url: str, allowed_networks: tuple[Network, ...]) -> tuple[str, int, str, str]:
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
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        if not _public(address) and not any(address in network for network in allowed_networks):
            raise UnusableInput(
                f"{url} is not fetched: {host} resolves to {address}, a loopback, private or reserved address."
            )
    return parts.scheme, port, host, str(addresses[0])


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a given address, with the host name for SNI and certificate checks."""

    def __init__(self, host: str, address: str, port: int, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(
    url: str, *, timeout: float, max_bytes: int, user_agent: str, allowed_networks: tuple[Network, ...] = ()
) -> Fetched:
    for _ in range(MAX_REDIRECTS + 1):
        scheme, port, host, address = resolve(url, allowed_networks)
        if scheme == "https":
            conn: http.client.HTTPConnection = _PinnedHTTPS(host, address, port, timeout)
        else:
            conn = http.client.HTTPConnection(address, port, timeout=timeout)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host_header = host if port in (80, 443) else f"{host}:{port}"
        try:
            conn.request(
                "GET",
                target,
                headers={
                    "Host": host_header,
                    "User-Agent": user_agent,
                    "Accept": ", ".join(_ACCEPTED_TYPES),
                    "Accept-Encoding": "identity",
                },
            )
            response = conn.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise UnusableInput(f"{url} redirects without saying where to.")
                url = urljoin(url, location)
                continue
            if response.status >= 400:
                if response.status in (408, 425, 429) or response.status >= 500:
                    raise TemporaryFailure(
                        f"{url} answered {response.status} {response.reason}; will try again."
                    )
                raise UnusableInput(f"{url} answered {response.status} {response.reason}.")
            content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            if content_type not in _ACCEPTED_TYPES:
                raise UnusableInput(
                    f"{url} is {content_type or 'of no stated type'}, not an HTML page or plain text."
                )
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise UnusableInput(f"{url} is larger than the {max_bytes // (1024 * 1024)} MB limit.")
            return Fetched(url, body, content_type)
        except TimeoutError:
            raise TemporaryFailure(f"{url} did not answer within {timeout:g} seconds.") from None
        except ssl.SSLError as exc:
            raise UnusableInput(f"{url}: the TLS connection failed ({exc.reason}).") from None
        except (ConnectionError, OSError, http.client.HTTPException) as exc:
            raise TemporaryFailure(f"Could not reach {url}: {exc}.") from None
        finally:
            conn.close()
    raise UnusableInput(f"{url} redirects more than {MAX_REDIRECTS} times.")
