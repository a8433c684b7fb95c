"""Read RSS, Atom, JSON Feed and news sitemaps into a list of article URLs. Pure Python (lxml).

The XML parser resolves no entities, loads no DTD and touches no network, so a hostile feed can
neither read local files (XXE) nor expand into gigabytes (billion laughs). A feed that declares
one encoding and is written in another is read again with the bytes' own encoding, as browsers
do; anything else unreadable is a FeedError saying what is wrong, in a sentence.
"""

import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree

from claims.ingest.decoding import decode
from claims.ingest.errors import UnusableInput

MAX_ITEMS = 1000  # per poll: more than any real feed carries

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
RDF = "http://purl.org/rss/1.0/"


class FeedError(UnusableInput):
    """The feed could not be read; the message says why."""


@dataclass(frozen=True, slots=True)
class Item:
    url: str
    title: str = ""
    published: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    kind: str  # rss, atom, json, sitemap
    title: str
    items: list[Item]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )


def parse(body: bytes, *, base_url: str) -> ParsedFeed:
    if not body.strip():
        raise FeedError("The feed is empty.")
    head = body.lstrip()[:1]
    if head in (b"{", b"["):
        return _json_feed(body, base_url)
    if body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
        raise FeedError("This is an HTML page, not a feed (RSS, Atom, JSON Feed or sitemap).")
    try:
        root = _xml(body)
    except FeedError:
        if not _LOOKS_LIKE_RSS_OR_ATOM.search(body[:4096]):
            raise
        # A bare `&`, an HTML entity such as `&nbsp;`, a cut-off end: one flaw must not lose the
        # whole feed. feedparser reads what it can, as feed readers do.
        return _loose(body, base_url)
    tag = etree.QName(root).localname.lower() if isinstance(root.tag, str) else ""
    if tag == "html":
        raise FeedError("This is an HTML page, not a feed (RSS, Atom, JSON Feed or sitemap).")
    if tag in ("rss", "rdf"):
        return _rss(root, base_url)
    if tag == "feed":
        return _atom(root, base_url)
    if tag == "urlset":
        return _sitemap(root, base_url)
    if tag == "sitemapindex":
        raise FeedError("This is a sitemap index: add the news sitemaps it lists as feeds of their own.")
    raise FeedError(f"The document's root element is <{tag}>, not a feed (rss, feed, urlset).")


_LOOKS_LIKE_RSS_OR_ATOM = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def _loose(body: bytes, base_url: str) -> ParsedFeed:
    """A broken RSS or Atom feed, read by feedparser's forgiving parser. It is handed a stream,
    never bytes or a string: feedparser opens a string that looks like a URL, and bytes that name
    a file, instead of parsing them. It drops the DOCTYPE and loads no external entity."""
    import feedparser

    try:
        parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": base_url})
    except Exception as exc:  # feedparser wraps its parsers; anything it raises means unreadable
        raise FeedError(
            f"The feed is not well-formed XML, and could not be read loosely either: {exc}."
        ) from None

    def items():
        for entry in parsed.entries:
            url = _http(entry.get("link") or "", base_url) if entry.get("link") else None
            if url:
                when = entry.get("published_parsed") or entry.get("updated_parsed")
                published = None
                if when:
                    year, month, day, hour, minute, second = when[:6]
                    published = dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
                yield Item(url, " ".join((entry.get("title") or "").split()), published)

    found = _collect(items())
    if not found and parsed.get("bozo"):
        raise FeedError(f"The feed is not well-formed XML: {parsed.get('bozo_exception')}.")
    kind = "atom" if str(parsed.get("version", "")).startswith("atom") else "rss"
    return ParsedFeed(kind, " ".join((parsed.feed.get("title") or "").split()), found)


def _xml(body: bytes) -> etree._Element:
    try:
        return etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as first:
        if "encoding" not in str(first).lower() and "utf-8" not in str(first).lower():
            raise FeedError(f"The feed is not well-formed XML: {first}.") from None
    # Declared (or defaulted to) one encoding, written in another: read the bytes as they are.
    try:
        text = decode(body)
    except UnusableInput as exc:
        raise FeedError(f"The feed's text cannot be decoded: {exc}") from None
    if text.startswith("<?xml"):
        text = text[text.find("?>") + 2 :]  # the declaration names the wrong encoding
    try:
        return etree.fromstring(text.encode("utf-8"), _parser())
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"The feed is not well-formed XML: {exc}.") from None


def _text(element, path: str, namespaces=None) -> str:
    found = element.find(path, namespaces) if element is not None else None
    return " ".join((found.text or "").split()) if found is not None and found.text else ""


def _http(url: str, base_url: str) -> str | None:
    url = urljoin(base_url, url.strip())
    return url if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname else None


def _date(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))  # Atom, sitemaps: ISO 8601
    except ValueError:
        return None


def _collect(items) -> list[Item]:
    seen, out = set(), []
    for item in items:
        if item is not None and item.url not in seen:
            seen.add(item.url)
            out.append(item)
        if len(out) >= MAX_ITEMS:
            break
    return out


def _rss(root, base_url: str) -> ParsedFeed:
    def items():
        for node in root.iter():
            if not isinstance(node.tag, str) or etree.QName(node).localname != "item":
                continue
            link = ""
            for child in node:
                if isinstance(child.tag, str) and etree.QName(child).localname == "link" and child.text:
                    link = child.text
                    break
            if not link:  # some feeds give the article's address only as a permalink guid
                guid = next(
                    (c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == "guid"), None
                )
                if guid is not None and guid.get("isPermaLink", "true") != "false":
                    link = guid.text or ""
            url = _http(link, base_url) if link else None
            if url:
                title = next(
                    (
                        " ".join((c.text or "").split())
                        for c in node
                        if isinstance(c.tag, str) and etree.QName(c).localname == "title"
                    ),
                    "",
                )
                date = next(
                    (
                        c.text or ""
                        for c in node
                        if isinstance(c.tag, str) and etree.QName(c).localname in ("pubDate", "date")
                    ),
                    "",
                )
                yield Item(url, title, _date(date.strip()))

    channel = root.find("channel")
    title = (
        _text(channel, "title") if channel is not None else _text(root, f"{{{RDF}}}channel/{{{RDF}}}title")
    )
    return ParsedFeed("rss", title, _collect(items()))


def _atom(root, base_url: str) -> ParsedFeed:
    ns = {"a": ATOM}

    def items():
        for entry in root.findall("a:entry", ns):
            links = entry.findall("a:link", ns)
            chosen = next((link for link in links if link.get("rel", "alternate") == "alternate"), None)
            url = _http(chosen.get("href", ""), base_url) if chosen is not None else None
            if url:
                date = _text(entry, "a:published", ns) or _text(entry, "a:updated", ns)
                yield Item(url, _text(entry, "a:title", ns), _date(date))

    return ParsedFeed("atom", _text(root, "a:title", ns), _collect(items()))


def _sitemap(root, base_url: str) -> ParsedFeed:
    ns = {"s": SITEMAP, "n": NEWS}

    def items():
        for node in root.findall("s:url", ns):
            url = _http(_text(node, "s:loc", ns), base_url)
            if url:
                news = node.find("n:news", ns)
                title = _text(news, "n:title", ns) if news is not None else ""
                date = (_text(news, "n:publication_date", ns) if news is not None else "") or _text(
                    node, "s:lastmod", ns
                )
                yield Item(url, title, _date(date))

    return ParsedFeed("sitemap", "", _collect(items()))


def _json_feed(body: bytes, base_url: str) -> ParsedFeed:
    try:
        data = json.loads(decode(body))
    except (ValueError, UnusableInput) as exc:
        raise FeedError(f"The feed is not valid JSON: {exc}.") from None
    except RecursionError:
        raise FeedError("The feed is not a JSON Feed: its JSON is nested too deeply to read.") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("This JSON is not a JSON Feed (no https://jsonfeed.org/version/ in its version).")
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        raise FeedError("The JSON Feed has no list of items.")

    def items():
        for entry in raw_items:
            if not isinstance(entry, dict):
                continue
            link = entry.get("url") or entry.get("external_url") or ""
            url = _http(link, base_url) if isinstance(link, str) and link else None
            if url:
                raw_title, raw_date = entry.get("title"), entry.get("date_published")
                title = raw_title if isinstance(raw_title, str) else ""
                date = raw_date if isinstance(raw_date, str) else ""
                yield Item(url, " ".join(title.split()), _date(date))

    raw_title = data.get("title")
    title = raw_title if isinstance(raw_title, str) else ""
    return ParsedFeed("json", title, _collect(items()))
