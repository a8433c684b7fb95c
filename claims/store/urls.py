"""One article, one URL: the canonical form of an article's address, for recognising it again.

Pure functions, no Django. The canonical form is a key, not an address to fetch: http and https
are folded together (as https), and so are "www." and "amp." hosts, AMP paths and the Google AMP
cache, tracking parameters, fragments, default ports and a trailing slash.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
        "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref", "ref_src", "ref_url", "cmpid", "ocid", "smid",
        "s_cid", "cmp", "ito", "sr_share", "share", "at_medium", "at_campaign", "ns_mchannel", "ns_source",
        "ns_campaign", "ns_linkname", "ns_fee", "spm", "guccounter", "outputtype", "amp", "output",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_")
_AMP_PATH = re.compile(r"(?:/amp|\.amp|/amp\.html)/?$", re.IGNORECASE)
_AMP_CACHE = re.compile(r"^/[cv]/(?:s/)?(?P<rest>.+)$")


def _tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The key under which url and its variants are one article. An unparsable URL is itself."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:
        return url.strip()
    if parts.scheme.lower() not in ("http", "https") or not host:
        return url.strip()
    path = parts.path or "/"
    if host.endswith(".cdn.ampproject.org") and (cached := _AMP_CACHE.match(path)):
        # https://example-com.cdn.ampproject.org/c/s/example.com/story/amp -> example.com/story
        return canonical_url("https://" + cached.group("rest") + (f"?{parts.query}" if parts.query else ""))
    for prefix in ("www.", "amp.", "m."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    if port in (80, 443):
        port = None
    path = _AMP_PATH.sub("", path) or "/"
    path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k))
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit(("https", netloc, path, urlencode(query), ""))
