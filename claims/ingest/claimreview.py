"""Other fact-checkers' verdicts, read from schema.org ClaimReview: a `DataFeed` JSON-LD document
(as Google's Fact Check Explorer and Data Commons publish them), JSON lines of ClaimReview objects,
or a web page's embedded `<script type="application/ld+json">`.

JSON-LD is read as the JSON it is, in the shapes schema.org documents take: a single object, an
array, `@graph`, a DataFeed's `dataFeedElement` (items bare or wrapped in a DataFeedItem's `item`),
`@type` as a string, a prefixed name or an array, arrays where single values are usual. No JSON-LD
processor is used: expanding or compacting needs the schema.org context, a remote document, and
nothing here touches the network. A large DataFeed is streamed element by element with `ijson`
(a maintained incremental JSON parser), never held whole in memory.

Hostile input is refused record by record, in time and memory linear in its size: nesting deeper
than MAX_DEPTH levels (counted before any JSON parser recurses into it), a review larger than
CLAIMS_EXTERNAL_REVIEW_MAX_BYTES (ExternalReview.document_refusal), and a page's scripts are found
by a scan that never backtracks.

Each record becomes a Review or is skipped with a reason ("record 17: no url"); importing
(`import_reviews`) upserts by URL, so reading the same file again changes nothing.
"""

import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

import ijson
from django.db import transaction
from django.utils import timezone

from claims.models import ExternalReview

MAX_TEXT = 5000
# The deepest arrays and objects may nest in a document, a line or a script, counted from its top
# (a ClaimReview in a DataFeed sits about 5 deep, its own fields 3 more). Deeper input is refused
# before any parser recurses into it: json.loads raises RecursionError past about 1,000, and every
# level costs memory to read. Documented in README.md (ClaimReview in and out).
MAX_DEPTH = 100
TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels"


class BadRecord(ValueError):
    """A record that is not a usable ClaimReview, with the reason in words."""


# A JSON text's strings and brackets. A string runs to its closing quote or, unterminated, to the
# end of the text; the quantifiers are possessive, so nothing is tried twice and each match starts
# where the last ended: one pass over the text, whatever it holds.
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)|[\[\]{}]', re.S)
_OPENING, _CLOSING = b"[{", b"]}"


def nesting_depth(data: bytes, *, limit: int = MAX_DEPTH) -> int:
    """How deep arrays and objects nest in a JSON text (brackets inside strings are text), read
    only until it is known to pass `limit`: min(depth, limit + 1)."""
    depth = deepest = 0
    for token in _JSON_TOKEN.finditer(data):
        char = data[token.start()]
        if char in _OPENING:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return limit + 1
        elif char in _CLOSING:
            depth -= 1
    return deepest


def _too_deep(data: bytes) -> bool:
    # Counting brackets is C-fast and bounds the depth from above: most records need no scan.
    return data.count(b"[") + data.count(b"{") > MAX_DEPTH and nesting_depth(data) > MAX_DEPTH


@dataclass(frozen=True, slots=True)
class Review:
    url: str
    claim_reviewed: str
    publisher: str = ""
    publisher_url: str = ""
    author: str = ""
    headline: str = ""
    rating_text: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    rating_explanation: str = ""
    claim_author: str = ""
    claim_author_title: str = ""
    claim_author_same_as: str = ""
    claim_date: date | None = None
    appearance_url: str = ""
    published_on: date | None = None
    modified_on: date | None = None
    language: str = ""
    document: dict[str, Any] = field(default_factory=dict, compare=False)


# --- The shapes of JSON-LD ---------------------------------------------------------------
def _types(obj: dict) -> set[str]:
    value = obj.get("@type", obj.get("type", ""))
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values}


def _fact_check_claim(value: dict) -> bool:
    """A claim as Google's Fact Check Tools API answers it (`claims:search`, ours too): its text,
    claimant and date, and a `claimReview` array of {publisher{name, site}, url, title, reviewDate,
    textualRating, languageCode}."""
    return isinstance(value.get("claimReview"), list) and ("text" in value or "claimant" in value)


def _from_fact_check(claim: dict, review: dict) -> dict:
    """A Fact Check API review of a claim, said as the schema.org ClaimReview it stands for (so one
    reading serves both, and the document kept is a ClaimReview)."""
    publisher = review.get("publisher")
    publisher = publisher if isinstance(publisher, dict) else {}
    site = _text(publisher.get("site"), 253)
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review.get("url"),
        "claimReviewed": claim.get("text"),
        "headline": review.get("title"),
        "datePublished": review.get("reviewDate"),
        "publisher": {
            "@type": "Organization",
            "name": publisher.get("name") or site,
            **({"url": site if "://" in site else f"https://{site}/"} if site else {}),
        },
        "reviewRating": {"@type": "Rating", "alternateName": review.get("textualRating")},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"name": claim.get("claimant")},
            "datePublished": claim.get("claimDate"),
        },
        "inLanguage": review.get("languageCode"),
    }
    return _without_empty(document)


def _without_empty(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {k: _without_empty(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", {}, [])}
    return value


def claim_reviews(value: Any) -> Iterator[dict]:
    """Every ClaimReview object in a JSON-LD value, however it is wrapped; and each review of a
    claim in the Fact Check API's shape (`{"claims": [...]}` or one claim), as a ClaimReview."""
    if isinstance(value, list):
        for element in value:
            yield from claim_reviews(element)
        return
    if not isinstance(value, dict):
        return
    if "ClaimReview" in _types(value):
        yield value
        return
    if _fact_check_claim(value):
        for review in value["claimReview"]:
            if isinstance(review, dict):
                yield _from_fact_check(value, review)
        return
    for key in ("@graph", "dataFeedElement", "item", "mainEntity", "review", "claims"):
        if key in value:
            yield from claim_reviews(value[key])


def _one(value: Any) -> Any:
    """A single value where one is usual: the first of an array."""
    while isinstance(value, list):
        value = value[0] if value else None
    return value


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    """Text as a reader sees it: HTML's character references (`&#039;`, `&amp;`), which pages'
    JSON-LD often keeps from their HTML, read; runs of white space one space."""
    value = _one(value)
    if isinstance(value, dict):
        value = value.get("@value", value.get("name", ""))
    if value is None:
        return ""
    text = str(value)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())[:limit]


def _name(value: Any) -> str:
    value = _one(value)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("legalName") or "", 300)
    return _text(value, 300)


# A host name opening an address written without its scheme ("aosfatos.org/noticias/..."): labels
# of letters, digits and hyphens, the last of letters, and a port perhaps.
_SPACE = re.compile(r"\s")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]{1,5})?", re.I)


def absolute_url(text: str, *, base: str = "") -> str:
    """An http(s) address from what a page wrote: absolute as it is; scheme-relative
    ("//host/x") or scheme-less ("host.example/x") with the base's scheme (https without one);
    relative ("/x", "x") resolved against `base`. "" when no http(s) address can be made of it."""
    if not text or _SPACE.search(text):
        return ""
    parts = urlsplit(text)
    if parts.scheme:
        return text if parts.scheme in ("http", "https") and parts.netloc else ""
    scheme = urlsplit(base).scheme if base else "https"
    if text.startswith("//"):
        resolved = f"{scheme}:{text}"
    elif _HOST.fullmatch(text.split("/", 1)[0]) and ("/" in text or not base):
        resolved = f"{scheme}://{text}"
    elif base:
        resolved = urljoin(base, text)
    else:
        return ""
    parts = urlsplit(resolved)
    return resolved if parts.scheme in ("http", "https") and parts.netloc else ""


def _url(value: Any, base: str = "") -> str:
    value = _one(value)
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or ""
    return absolute_url(_text(value, 2000), base=base)


def _number(value: Any) -> float | None:
    value = _one(value)
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if number == number and abs(number) < 1e9 else None  # not NaN, not absurd


def _rating(rating: dict) -> tuple[float | None, float | None, float | None]:
    """(ratingValue, bestRating, worstRating), or none of them when they are no scale: a negative
    number (-1 is how a rating in words alone is written), best and worst the same, or a value
    outside its scale."""
    value, best, worst = (
        _number(rating.get("ratingValue")),
        _number(rating.get("bestRating")),
        _number(rating.get("worstRating")),
    )
    if (
        (value is not None and value < 0)
        or (best is not None and (best < 0 or best == worst))
        or (worst is not None and worst < 0)
    ):
        return None, None, None
    if (
        value is not None
        and best is not None
        and worst is not None
        and not (min(best, worst) <= value <= max(best, worst))
    ):
        return None, None, None
    return value, best, worst


def _language(value: Any) -> str:
    """inLanguage: a code ("pt-BR"), or a Language with its code as alternateName."""
    value = _one(value)
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return _text(value, 20)


def _date(value: Any) -> date | None:
    """An ISO 8601 date (or date and time), written as a string; anything else is no date."""
    value = _one(value)
    if not isinstance(value, str):
        return None
    text = _text(value, 40)
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


# A NUL in JSON text: the escape \u0000, not preceded by a backslash that is itself escaped.
# PostgreSQL's text and jsonb refuse it (and would fail the batch of reviews written with it).
_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


def review(obj: dict, *, base: str = "", language: str = "") -> Review:
    """The Review a ClaimReview object says; BadRecord if it has no URL or no claim reviewed, holds
    what no database text may, or is too large to keep. Addresses written relative or without a
    scheme are resolved against `base` (the page's own address); `language` is the page's
    (`<html lang>`), for a review that does not say its own."""
    url = _url(obj.get("url") or obj.get("@id"), base)
    if not url:
        raise BadRecord("no url (an http or https address)")
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    if _NUL.search(text):
        raise BadRecord("it holds a NUL character (\\u0000), which no text in the database may hold")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise BadRecord("it holds a lone surrogate (\\ud800 to \\udfff), which no text may hold") from None
    if refusal := ExternalReview.document_refusal(size=size):
        raise BadRecord(refusal)
    claimed = _text(obj.get("claimReviewed"))
    item = _one(obj.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    if not claimed:
        claimed = _text(item.get("text") or item.get("name"))
    if not claimed:
        raise BadRecord("no claimReviewed")
    rating = _one(obj.get("reviewRating"))
    rating = rating if isinstance(rating, dict) else {}
    value, best, worst = _rating(rating)
    # The organisation that publishes the review is its publisher; `author` is often the
    # journalist who wrote it (a Person), kept as the review's author. Without a publisher, the
    # author is taken for it (Google's documentation names the organisation `author`).
    author, publisher = _one(obj.get("author")), _one(obj.get("publisher"))
    author_name = _name(author)
    publisher_name = _name(publisher) if publisher is not None else ""
    by, by_name = (publisher, publisher_name) if publisher_name else (author, author_name)
    claimant = _one(item.get("author"))
    claimant = claimant if isinstance(claimant, dict) else {}
    appearance = item.get("firstAppearance") or item.get("appearance")
    return Review(
        url=url,
        claim_reviewed=claimed,
        publisher=by_name,
        publisher_url=_url(by, base) if isinstance(by, dict) else "",
        author=author_name if author_name != by_name else "",
        headline=_text(obj.get("headline") or obj.get("name"), 500),
        rating_text=_text(rating.get("alternateName") or rating.get("name"), 300),
        rating_value=value,
        best_rating=best,
        worst_rating=worst,
        rating_explanation=_text(rating.get("ratingExplanation")),
        claim_author=_name(item.get("author")),
        claim_author_title=_text(claimant.get("jobTitle"), 300),
        claim_author_same_as=_url(claimant.get("sameAs")),
        claim_date=_date(item.get("datePublished")),
        appearance_url=_url(appearance, base),
        published_on=_date(obj.get("datePublished")),
        modified_on=_date(obj.get("dateModified")),
        language=_language(obj.get("inLanguage")) or _text(language, 20),
        document=obj,
    )


# --- Reading inputs ------------------------------------------------------------------------
Record = tuple[str, Review | BadRecord]  # (where: "record 12", "line 3", ...), what it gave


def _records(where: str, value: Any, *, base: str = "", language: str = "") -> Iterator[Record]:
    found = list(claim_reviews(value))
    if not found:
        yield where, BadRecord("no ClaimReview in it")
    for number, obj in enumerate(found, 1):
        label = where if len(found) == 1 else f"{where}, review {number}"
        try:
            yield label, review(obj, base=base, language=language)
        except BadRecord as exc:
            yield label, exc


def from_json_lines(lines: Iterable[bytes], *, base: str = "") -> Iterator[Record]:
    """One JSON value a line (blank lines skipped); relative addresses resolved against `base`."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if _too_deep(line):
            yield f"line {number}", BadRecord(TOO_DEEP)
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield f"line {number}", BadRecord(f"not JSON ({exc})")
            continue
        yield from _records(f"line {number}", value, base=base)


Event = tuple[str, Any]
_STARTS, _ENDS = ("start_map", "start_array"), ("end_map", "end_array")


def _skip(events: Iterator[Event]) -> None:
    """Reads past the rest of an array or object whose start was just read, counting only its
    depth: constant memory however deep it goes."""
    depth = 1
    for event, _ in events:
        if event in _STARTS:
            depth += 1
        elif event in _ENDS:
            depth -= 1
            if depth == 0:
                return


def _element(event: str, value: Any, events: Iterator[Event], *, room: int) -> Any:
    """One element of a streamed array, built from its first event and the rest of it read from
    `events`, in which it may open `room` levels; a BadRecord when it is not an object or array,
    nests deeper, or is too large to keep. Once refused it is no longer built (only its end is
    looked for), so an element of any depth or size costs at most MAX_DEPTH levels and
    CLAIMS_EXTERNAL_REVIEW_MAX_BYTES of memory."""
    if event not in _STARTS:
        return BadRecord("not an object")
    if room < 1:
        _skip(events)
        return BadRecord(TOO_DEEP)
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    limit = ExternalReview.document_limit()
    depth, size = 1, 0
    for event, value in events:
        if event in _STARTS:
            depth += 1
            if depth > room:
                _skip(events)
                _skip_rest(events, depth - 1)
                return BadRecord(TOO_DEEP)
        elif event in _ENDS:
            depth -= 1
        elif isinstance(value, str):
            # Keys and strings only: less than the JSON's size, so passing the limit is certain.
            size += len(value)
            if size > limit:
                _skip_rest(events, depth)
                return BadRecord(ExternalReview.document_refusal(size=size, exact=False))
        builder.event(event, value)
        if depth == 0:
            return builder.value
    return builder.value  # the document ended inside it: ijson raises its error next


def _skip_rest(events: Iterator[Event], depth: int) -> None:
    """Reads past the rest of `depth` arrays and objects open one inside the other."""
    for _ in range(depth):
        _skip(events)


# The arrays that may hold very many reviews: the document itself, a DataFeed's dataFeedElement,
# a @graph, the Fact Check API's `claims`. Each of their elements is built and read on its own; the
# rest of the document is kept.
_STREAMED_KEYS = ("dataFeedElement", "@graph", "claims")


def _streamed(path: list[str | None]) -> bool:
    """Whether the next value sits in a streamed array (`path`: for each open array None, for
    each open object its current key)."""
    return path == [None] or (len(path) == 2 and path[0] in _STREAMED_KEYS and path[1] is None)


def from_json_document(stream: IO[bytes], *, base: str = "") -> Iterator[Record]:
    """A JSON-LD document (a DataFeed, an array, a @graph, or one ClaimReview) or a Fact Check API
    response, streamed: each element of its large arrays is built and read on its own, the rest of
    the document kept. Relative addresses are resolved against `base`.

    ijson's basic events are read, not its prefixed ones: a prefix spells the path to each value
    ("a.a.a…"), so a document nested n deep made n prefixes of up to n names, memory growing with
    the square of the depth (16 KB of brackets took 236 MB). Here the path is kept only to
    MAX_DEPTH levels; deeper arrays and objects are read past, counting their depth alone."""
    top = ijson.ObjectBuilder()
    path: list[str | None] = []
    number = 0
    deep = False
    events = iter(ijson.basic_parse(stream, use_float=True))
    try:
        for event, value in events:
            if _streamed(path) and event != "end_array":
                number += 1
                found = _element(event, value, events, room=MAX_DEPTH - len(path))
                if isinstance(found, BadRecord):
                    yield f"record {number}", found
                else:
                    yield from _records(f"record {number}", found, base=base)
                continue
            if event in _STARTS and len(path) == MAX_DEPTH:
                _skip(events)
                deep = True  # left out of what is kept; the document is refused below
                continue
            top.event(event, value)
            if event == "start_map":
                path.append("")
            elif event == "start_array":
                path.append(None)
            elif event == "map_key":
                path[-1] = value
            elif event in _ENDS:
                path.pop()
    except ijson.JSONError as exc:
        # yajl's message goes on to draw where it stopped, over several lines: its first says what.
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        yield f"after record {number}", BadRecord(f"the document is not valid JSON: {reason}")
        return
    if deep:
        yield "the document", BadRecord(TOO_DEEP)
        return
    rest = getattr(top, "value", None)
    if isinstance(rest, dict) and ("ClaimReview" in _types(rest) or _fact_check_claim(rest)):
        yield from _records("the document", rest, base=base)
    elif number == 0:
        yield from _records("the document", rest, base=base)


# A page's scripts, found as a browser's tokenizer finds them: comments skipped, a quoted attribute
# value may hold ">", a script's text runs to "</script" (a "<script" inside it is text). Each
# pattern is matched once, from where the last match ended, with possessive quantifiers (nothing is
# tried twice), and a search that fails ends the scan: one pass over the page, whatever it holds.
# (Other tags' attributes are not read: a "<script" written inside one is taken for a tag.) The
# same pass reads the page's language (`<html lang>`) and its canonical address
# (`<link rel="canonical" href>`), which its reviews may rely on.
_SCRIPT_OR_COMMENT = re.compile(rb"<!--|<(script|html|link)(?=[\s/>])", re.I)
_ATTRIBUTE = re.compile(rb"""[\s/]*+(?:([^\s/>][^\s/>=]*+)(?:\s*+=\s*+("[^"]*+"?|'[^']*+'?|[^\s>]*+))?)?""")
_SCRIPT_END = re.compile(rb"</script(?=[\s/>])", re.I)


@dataclass(slots=True)
class Page:
    """What a page says of itself, and the text of each of its JSON-LD scripts."""

    scripts: list[bytes] = field(default_factory=list)
    language: str = ""
    canonical: str = ""


def _attribute_text(value: bytes | None) -> str:
    text = (value or b"").strip(b"\"'").decode("utf-8", "replace")
    return html.unescape(text).strip() if "&" in text else text.strip()


def read_page(page: bytes) -> Page:
    """The page's JSON-LD scripts (in order), its language and its canonical link."""
    found = Page()
    at = 0
    while (opening := _SCRIPT_OR_COMMENT.search(page, at)) is not None:
        if opening.group() == b"<!--":
            end = page.find(b"-->", opening.start() + 2)  # "<!-->" is a whole (empty) comment
            if end < 0:
                return found
            at = end + 3
            continue
        tag = (opening.group(1) or b"").lower()
        at = opening.end()
        attributes: dict[bytes, bytes | None] = {}
        while (attribute := _ATTRIBUTE.match(page, at)) is not None:  # it matches "" at least
            at = attribute.end()
            if attribute.group(1) is None:
                break  # at ">" or the end of the page
            attributes.setdefault(attribute.group(1).lower(), attribute.group(2))
        if at >= len(page):
            return found  # the tag never ends
        if tag == b"html":
            found.language = found.language or _attribute_text(attributes.get(b"lang"))[:20]
            continue
        if tag == b"link":
            rel = _attribute_text(attributes.get(b"rel")).lower().split()
            if "canonical" in rel and not found.canonical:
                found.canonical = _attribute_text(attributes.get(b"href"))[:2000]
            continue
        kind = attributes.get(b"type")
        closing = _SCRIPT_END.search(page, at + 1)
        if kind is not None and kind.strip(b"\"'").split(b";")[0].strip().lower() == b"application/ld+json":
            found.scripts.append(page[at + 1 : closing.start() if closing else len(page)])
        if closing is None:
            return found  # the script runs to the end of the page
        at = closing.end()
    return found


def from_html(page: bytes, *, url: str = "") -> Iterator[Record]:
    """The ClaimReview objects a web page embeds as JSON-LD (none is no error: most pages have none).
    Addresses in them are resolved against the page's own: its canonical link, else `url` (where
    it was read from); a review that does not say its language has the page's (`<html lang>`)."""
    read = read_page(page)
    base = absolute_url(read.canonical, base=url) or url
    for number, script in enumerate(read.scripts, 1):
        body = script.strip()
        if _too_deep(body):
            yield f"script {number}", BadRecord(TOO_DEEP)
            continue
        try:
            value = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield f"script {number}", BadRecord(f"its JSON-LD is not JSON ({exc})")
            continue
        for label, result in _records(f"script {number}", value, base=base, language=read.language):
            if not (isinstance(result, BadRecord) and str(result) == "no ClaimReview in it"):
                yield label, result


def sniff(stream: IO[bytes], *, chunk: int = 64 * 1024) -> str:
    """'html', 'lines' or 'json' from a document's start, read a chunk at a time up to the first
    character of its second non-blank line: JSON lines when the first line ends an object and the
    next starts one (never a single JSON document: there a "}" is followed by ",", "}", "]" or
    nothing). The first line may be as long as the document; only its last character is kept.
    'empty' for an input of nothing but white space (and a byte order mark)."""
    started = ended = False
    last = b""
    while data := stream.read(chunk):
        if not started:
            data = data.lstrip(b"\xef\xbb\xbf \t\r\n")
            if not data:
                continue
            started = True
            if data.startswith(b"<"):
                return "html"
        if not ended:
            first, newline, data = data.partition(b"\n")
            last = first.rstrip()[-1:] or last
            if not newline:
                continue
            if last != b"}":
                return "json"
            ended = True
        data = data.lstrip()
        if data:
            return "lines" if data.startswith(b"{") else "json"
    return "json" if started else "empty"


BOM = b"\xef\xbb\xbf"


def _past_bom(stream: IO[bytes]) -> None:
    """Move the stream to its first character: past a UTF-8 byte order mark, which editors and
    Windows tools write and JSON parsers refuse."""
    if stream.read(len(BOM)) != BOM:
        stream.seek(0)


def records(open_input: Callable[[], IO[bytes]], *, url: str = "") -> Iterator[Record]:
    """The records of an input of any accepted shape (`open_input` opens it, at its start);
    `url`, where it was read from (if it was), to resolve relative addresses against. An empty
    input holds no record."""
    with open_input() as stream:
        kind = sniff(stream)
    if kind == "empty":
        return
    with open_input() as stream:
        _past_bom(stream)
        if kind == "html":
            yield from from_html(stream.read(), url=url)
        elif kind == "lines":
            yield from from_json_lines(stream, base=url)
        else:
            yield from from_json_document(stream, base=url)


# --- Importing -----------------------------------------------------------------------------
@dataclass(slots=True)
class Imported:
    """What an import did, each record counted once: rows created and updated, reviews already as
    read, records repeating an address read before in the same input (merged), records skipped."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    skipped: int = 0
    reasons: list[str] = field(default_factory=list)  # the first 100 skips, "where: why"
    review_ids: list[int] = field(default_factory=list)  # created or updated, for linking

    @property
    def read(self) -> int:
        return self.created + self.updated + self.unchanged + self.merged + self.skipped


FIELDS = [f for f in Review.__dataclass_fields__ if f != "url"]


def _rank(item: Review) -> tuple[date, str]:
    """Which of two records of one address is kept: the later modified (else published), then the
    greater document (compact JSON, keys sorted). It depends on the records alone, never on
    their order, so an input read again keeps the same one."""
    when = item.modified_on or item.published_on or date.min
    return when, json.dumps(item.document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def preferred(first: Review, second: Review) -> Review:
    """The one of two records of the same address an import keeps (_rank)."""
    return second if _rank(second) > _rank(first) else first


def _as_review(row: ExternalReview) -> Review:
    return Review(url=row.url, **{name: getattr(row, name) for name in FIELDS})


def import_reviews(
    found: Iterable[Record],
    *,
    origin: str = ExternalReview.Origin.IMPORT,
    found_at: str = "",
    batch: int = 1000,
    progress: Callable[[Imported], None] | None = None,
) -> Imported:
    """Upsert each review by its URL, `batch` at a time (one read and at most two writes each);
    skipped records are counted with their reasons.

    Records repeating an address within one input are merged: the one `preferred` is kept,
    whichever comes first, and the row remembers it was merged (ExternalReview.merged). Against
    a row of an earlier import the record read wins (a correction replaces what was there),
    except a merged row read again from the same input, which is merged again. So the same input
    again changes nothing, however its duplicates fall across batches."""
    out = Imported()
    pending: dict[str, Review] = {}
    repeated: set[str] = set()  # addresses read more than once in the pending batch
    started = timezone.now()
    source = found_at[:2000]

    def flush() -> None:
        if not pending:
            return
        now = timezone.now()
        with transaction.atomic():
            existing = {r.url: r for r in ExternalReview.objects.filter(url__in=list(pending))}
            new, changed = [], []
            for url, item in pending.items():
                merged = url in repeated
                row = existing.get(url)
                if row is None:
                    values = {name: getattr(item, name) for name in FIELDS}
                    new.append(
                        ExternalReview(url=url, origin=origin, found_at=source, merged=merged, **values)
                    )
                    continue
                # Written earlier in this import (a repeat in an earlier batch), or merged from
                # this same input before: merged with what it holds.
                written_now = row.updated_at >= started
                if written_now or (row.merged and row.found_at == source):
                    item = preferred(_as_review(row), item)
                    merged = True
                values = {name: getattr(item, name) for name in FIELDS}
                differs = row.merged != merged or any(getattr(row, n) != v for n, v in values.items())
                if differs:
                    for name, value in values.items():
                        setattr(row, name, value)
                    row.merged, row.updated_at = merged, now
                    changed.append(row)
                if written_now:
                    out.merged += 1  # this record repeats one read in an earlier batch
                elif differs:
                    out.updated += 1
                else:
                    out.unchanged += 1
            ExternalReview.objects.bulk_create(new, batch_size=batch)
            if changed:
                ExternalReview.objects.bulk_update(
                    changed, [*FIELDS, "merged", "updated_at"], batch_size=batch
                )
        out.created += len(new)
        out.review_ids += [r.pk for r in (*new, *changed) if r.pk]
        pending.clear()
        repeated.clear()
        if progress is not None:
            progress(out)

    for where, result in found:
        if isinstance(result, BadRecord):
            out.skipped += 1
            if len(out.reasons) < 100:
                out.reasons.append(f"{where}: {result}")
            continue
        earlier = pending.get(result.url)
        if earlier is not None:
            out.merged += 1
            repeated.add(result.url)
            result = preferred(earlier, result)
        pending[result.url] = result
        if len(pending) >= batch:
            flush()
    flush()
    return out
