"""Fetching refuses internal addresses, however they are spelled or reached. Blocked addresses are
refused before any connection is made, so these tests send nothing beyond 127.0.0.1."""

import re

import pytest

from claims.ingest import fetching
from claims.ingest.errors import TemporaryFailure, UnusableInput
from tests.servers import Route

LOCAL = fetching.parse_networks(["127.0.0.1/32"])


def get(url: str, allowed=()):
    return fetching.fetch(url, timeout=5, max_bytes=1024 * 1024, user_agent="test", allowed_networks=allowed)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/admin/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
        "http://[fe80::1]/",
        "http://[2002:7f00:1::]/",  # 6to4 carrying 127.0.0.1
        "http://[2002:c0a8:101::1]/",  # 6to4 carrying 192.168.1.1
        "http://[fec0::1]/",  # site-local
        "http://[64:ff9b::a00:1]/",  # NAT64 carrying 10.0.0.1
        "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/",  # Teredo whose client is 10.0.0.1
        "http://2130706433/",  # 127.0.0.1 as one decimal number
        "http://0x7f000001/",  # ... in hexadecimal
        "http://127.1/",  # ... shortened
    ],
)
def test_internal_addresses_are_refused(url):
    with pytest.raises(UnusableInput, match="is not a public address") as refused:
        get(url)
    assert "a loopback, private or reserved address" in refused.value.detail


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "file:///etc/passwd", "gopher://127.0.0.1/", "http:///nohost"]
)
def test_only_http_urls_with_a_host(url):
    with pytest.raises(UnusableInput):
        get(url)


@pytest.fixture
def server(http_server):
    return http_server(
        {
            "/article": Route(200, b"<p>Hello</p>", "text/html; charset=utf-8"),
            "/to-metadata": Route(
                302, content_type="", headers={"Location": "http://169.254.169.254/latest/meta-data/"}
            ),
            "/to-other-loopback": Route(301, content_type="", headers={"Location": "http://127.0.0.2:9/"}),
            "/relative": Route(302, content_type="", headers={"Location": "/article"}),
            "/loop": Route(302, content_type="", headers={"Location": "/loop"}),
            "/image": Route(200, b"\x89PNG", "image/png"),
            "/gone": Route(410, b"gone", "text/html"),
            "/busy": Route(503, b"busy", "text/html"),
        }
    )


def test_an_allowed_network_is_fetched_and_relative_redirects_followed(server):
    fetched = get(f"{server.base}/relative", allowed=LOCAL)
    assert fetched.body == b"<p>Hello</p>" and fetched.url == f"{server.base}/article"
    assert fetched.content_type == "text/html"


def test_the_allowlist_is_needed_even_for_the_tests_own_server(server):
    with pytest.raises(UnusableInput) as refused:
        get(f"{server.base}/article")
    assert "resolves to 127.0.0.1" in refused.value.detail


@pytest.mark.parametrize(
    ("path", "blocked"), [("/to-metadata", "169.254.169.254"), ("/to-other-loopback", "127.0.0.2")]
)
def test_a_redirect_to_an_internal_address_is_refused(server, path, blocked):
    with pytest.raises(UnusableInput, match="is not a public address") as refused:
        get(f"{server.base}{path}", allowed=LOCAL)
    assert re.search(f"resolves to {re.escape(blocked)}, a loopback", refused.value.detail)


def test_redirect_loops_end(server):
    with pytest.raises(UnusableInput, match="redirects more than 5 times"):
        get(f"{server.base}/loop", allowed=LOCAL)


def test_errors_say_what_went_wrong(server):
    with pytest.raises(UnusableInput, match="image/png, not an HTML page"):
        get(f"{server.base}/image", allowed=LOCAL)
    with pytest.raises(UnusableInput, match="410"):
        get(f"{server.base}/gone", allowed=LOCAL)
    with pytest.raises(TemporaryFailure, match="503"):
        get(f"{server.base}/busy", allowed=LOCAL)


@pytest.mark.django_db
def test_an_api_or_editor_url_to_an_internal_address_fails_its_job(settings):
    from claims.ingest import submission
    from claims.ingest.jobs import run_inline
    from claims.models import IngestJob

    settings.CLAIMS_FETCH_ALLOWED_NETWORKS = []
    job = submission.submit_url("http://169.254.169.254/latest/meta-data/", enqueue=False)
    run_inline(job.pk)
    job.refresh_from_db()
    assert job.state == IngestJob.State.FAILED and job.attempts == 1
    assert (
        job.error
        == "http://169.254.169.254/latest/meta-data/ is not fetched: 169.254.169.254 is not a public address."
    )
    assert "a loopback, private or reserved address" in job.error_detail


def test_compressed_bodies_are_limited_after_decompression_too(server):
    import gzip

    bomb = gzip.compress(b"a" * (5 * 1024 * 1024))  # 5 MB of "a" in about 5 KB
    small = gzip.compress(b"<p>Hello, compressed</p>")
    gzipped = {"Content-Encoding": "gzip"}
    server.routes["/bomb"] = Route(200, bomb, "text/html", headers=gzipped)
    server.routes["/small"] = Route(200, small, "text/html", headers=gzipped)
    server.routes["/corrupt"] = Route(200, small[:20] + b"xx", "text/html", headers=gzipped)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(UnusableInput, match="decompresses to more than the 1 MB limit"):
        get(f"{server.base}/bomb", allowed=LOCAL)
    assert get(f"{server.base}/small", allowed=LOCAL).body == b"<p>Hello, compressed</p>"
    with pytest.raises(UnusableInput, match="corrupt"):
        get(f"{server.base}/corrupt", allowed=LOCAL)


def test_a_declared_length_over_the_limit_is_refused_before_reading(server):
    server.routes["/big"] = Route(200, b"x" * (1024 * 1024 + 1), "text/html")
    with pytest.raises(UnusableInput, match="larger than the 1 MB limit"):
        get(f"{server.base}/big", allowed=LOCAL)


def test_a_6to4_address_carrying_a_public_ipv4_address_is_allowed():
    # Resolving a literal sends nothing; 2002:808:808:: carries 8.8.8.8.
    address = fetching.resolve("http://[2002:808:808::1]/", allowed_networks=())[3]
    assert address == "2002:808:808::1"


def test_an_allowed_host_and_port_admits_that_port_only_on_every_hop(http_server):
    """Allowing the tests' own listener must not open every loopback service: a redirect to
    another port of 127.0.0.1 (Redis's 6379, here a second listener) is refused on that hop."""
    redis = http_server({"/": Route(200, b"+OK", "text/plain")})
    site = http_server(
        {
            "/article": Route(200, b"<p>Hello</p>", "text/html"),
            "/to-redis": Route(302, content_type="", headers={"Location": f"{redis.base}/"}),
        }
    )
    allowed = fetching.parse_networks([f"127.0.0.1:{site.server_port}"])
    assert get(f"{site.base}/article", allowed=allowed).body == b"<p>Hello</p>"
    with pytest.raises(UnusableInput, match="not a public address") as refused:
        get(f"{site.base}/to-redis", allowed=allowed)
    assert redis.requests == []
    assert f"on port {redis.server_port}" in refused.value.detail
    with pytest.raises(UnusableInput, match="not a public address"):
        get(f"{redis.base}/", allowed=allowed)
    # A network without a port admits every port of it.
    assert get(f"{site.base}/to-redis", allowed=LOCAL).body == b"+OK"


@pytest.mark.parametrize(
    ("entry", "address", "port", "admitted"),
    [
        ("10.0.0.0/8", "10.1.2.3", 6379, True),
        ("10.0.0.0/8:8080", "10.1.2.3", 8080, True),
        ("10.0.0.0/8:8080", "10.1.2.3", 6379, False),
        ("127.0.0.1:8123", "127.0.0.1", 8123, True),
        ("127.0.0.1:8123", "127.0.0.2", 8123, False),
        ("[::1]:8123", "::1", 8123, True),
        ("[::1]:8123", "::1", 6379, False),
        ("::1", "::1", 6379, True),
        ("[fd00::/8]:443", "fd12::1", 443, True),
    ],
)
def test_allowed_entries_are_networks_with_or_without_a_port(entry, address, port, admitted):
    import ipaddress

    [allowed] = fetching.parse_networks([entry])
    assert allowed.admits(ipaddress.ip_address(address), port) is admitted


@pytest.mark.parametrize(
    "entry", ["127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:http", "example.org:80", "[::1", "10.0.0.0/33"]
)
def test_an_invalid_allowed_entry_is_refused_in_words(entry):
    with pytest.raises(ValueError, match=r"127\.0\.0\.1:8123"):
        fetching.parse_networks([entry])
