"""Connections out that cannot reach in: the address checks every outbound request goes through.

A URL's host is resolved, and every address it resolves to is checked: no loopback, private,
link-local, multicast, reserved or metadata address (nor an IPv6 address that carries one), unless
it is allowed (CLAIMS_FETCH_ALLOWED_NETWORKS: a network, any port of it, or one port of an address
or network, "127.0.0.1:8123"; checked again on every redirect, so allowing one local server lets no
redirect reach another service on the same machine). The connection then goes to the checked
address (pinned), so a second DNS answer cannot swap in another. Used by the fetcher
(claims.ingest.fetching) and by webhook deliveries (claims.notify.webhooks).
"""

import http.client
import ipaddress
import re
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(ValueError):
    """The URL may not be requested (its scheme, host or address), in words. The message names
    nothing the caller did not give (it may reach an API client); `detail` adds what was found
    (the address a host resolved to), for the log and administrators."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


class Unreachable(OSError):
    """The host could not be resolved just now (worth trying again later)."""


@dataclass(frozen=True, slots=True)
class Allowed:
    """Addresses that may be reached although they are not public: a network, on one port or any."""

    network: Network
    port: int | None = None  # None: every port

    def admits(self, address: Address, port: int) -> bool:
        return address in self.network and (self.port is None or self.port == port)

    def __str__(self) -> str:
        if self.port is None:
            return str(self.network)
        host = str(self.network.network_address) if self.network.num_addresses == 1 else str(self.network)
        return f"[{host}]:{self.port}" if self.network.version == 6 else f"{host}:{self.port}"


# "[v6 address or network]:port", "[v6...]", "v4 address or network:port"; anything else is taken whole.
_BRACKETED = re.compile(r"\[(?P<host>[^\]]*)\](?::(?P<port>[^:]*))?")
_V4_WITH_PORT = re.compile(r"(?P<host>[^:]*):(?P<port>[^:]*)")
_FORMS = "a network (10.0.0.0/8), or an address or network and a port (127.0.0.1:8123, [::1]:8123)"


def parse_allowed(entry: str) -> Allowed:
    """One CLAIMS_FETCH_ALLOWED_NETWORKS entry, or ValueError saying what the entry may be."""
    text = entry.strip()
    match = _BRACKETED.fullmatch(text) or _V4_WITH_PORT.fullmatch(text)
    host, port = (match["host"], match["port"]) if match else (text, None)
    try:
        network = ipaddress.ip_network(host, strict=False)
    except ValueError:
        raise ValueError(f"{entry!r} is not {_FORMS}; host names are not accepted.") from None
    if port is None:
        return Allowed(network)
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"{entry!r}: the port must be a number from 1 to 65535 ({_FORMS}).")
    return Allowed(network, int(port))


def parse_networks(values: Sequence[str]) -> tuple[Allowed, ...]:
    """CLAIMS_FETCH_ALLOWED_NETWORKS read: ValueError naming the first entry that is not one."""
    return tuple(parse_allowed(v) for v in values if v.strip())


def allowed_by_settings() -> tuple[Allowed, ...]:
    """CLAIMS_FETCH_ALLOWED_NETWORKS, as every outbound request (fetches, webhooks) reads it.
    Django's settings are read here only, when called: the settings themselves import this module."""
    from django.conf import settings

    return parse_networks(settings.CLAIMS_FETCH_ALLOWED_NETWORKS)


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


def _public(address: Address) -> bool:
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


def resolve(url: str, *, allowed_networks: tuple[Allowed, ...]) -> tuple[str, int, str, str]:
    """(scheme, port, host, address to connect to), or UnusableInput saying why not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"{url} is not an http or https URL.")
    host = parts.hostname
    if not host:
        raise Refused(f"{url} has no host name.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused(f"{url} has an invalid port.") from None
    try:
        # getaddrinfo also reads the odd spellings ("2130706433", "0x7f.1") the way a connection would.
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise Unreachable(f"Could not resolve {host}: {exc.strerror}.") from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if not _public(address) and not any(allowed.admits(address, port) for allowed in allowed_networks):
            wanted = Allowed(ipaddress.ip_network(address), port)
            raise Refused(
                f"{url} is not fetched: {host} is not a public address.",
                detail=f"{url} is not fetched: {host} resolves to {address}, a loopback, private or "
                f"reserved address, on port {port} (to allow it, add {wanted} or its network to "
                "CLAIMS_FETCH_ALLOWED_NETWORKS).",
            )
    return parts.scheme, port, host, str(addresses[0])


class PinnedHTTP(http.client.HTTPConnection):
    """HTTP to a given (checked) address, with separate connect and read timeouts."""

    def __init__(self, address: str, port: int, connect_timeout: float, read_timeout: float):
        super().__init__(address, port, timeout=connect_timeout)
        self._read_timeout = read_timeout

    def connect(self) -> None:
        super().connect()
        self.sock.settimeout(self._read_timeout)


class PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a given address, with the host name for SNI and certificate checks."""

    def __init__(self, host: str, address: str, port: int, connect_timeout: float, read_timeout: float):
        super().__init__(host, port, timeout=connect_timeout, context=ssl.create_default_context())
        self._address = address
        self._read_timeout = read_timeout

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        sock.settimeout(self._read_timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def connection(
    url: str, *, allowed_networks: tuple[Allowed, ...], connect_timeout: float, read_timeout: float
) -> tuple[http.client.HTTPConnection, str, str]:
    """A connection to the checked address of url's host, unopened, with the Host header's value
    and the request target (path and query)."""
    scheme, port, host, address = resolve(url, allowed_networks=allowed_networks)
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = PinnedHTTPS(host, address, port, connect_timeout, read_timeout)
    else:
        conn = PinnedHTTP(address, port, connect_timeout, read_timeout)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return conn, host if port in (80, 443) else f"{host}:{port}", target
