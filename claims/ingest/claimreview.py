"""Other fact-checkers' verdicts, read from schema.org ClaimReview: a `DataFeed` JSON-LD document
(as Google's Fact Check Explorer and Data Commons publish them), JSON lines of ClaimReview objects,
or a web page's embedded `<script type="application/ld+json">`.

JSON-LD is read as the JSON it is, in the shapes schema.org documents take: a single object, an
array, `@graph`, a DataFeed's `dataFeedElement` (items bare or wrapped in a DataFeedItem's `item`),
`@type` as a string, a prefixed name or an array, arrays where single values are usual. No JSON-LD
processor is used: expanding or compacting needs the schema.org context, a remote document, and
nothing here touches the network. A large DataFeed is streamed element by element with `ijson`
(a maintained incremental JSON parser), never held whole in memory.

Each record becomes a Review or is skipped with a reason ("record 17: no url"); importing
(`import_reviews`) upserts by URL, so reading the same file again changes nothing.
"""

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any
from urllib.parse import urlsplit

import ijson
from django.db import transaction

from claims.models import ExternalReview

MAX_TEXT = 5000
_SCRIPT = re.compile(
    rb"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.I | re.S
)


class BadRecord(ValueError):
    """A record that is not a usable ClaimReview, with the reason in words."""


@dataclass(frozen=True, slots=True)
class Review:
    url: str
    claim_reviewed: str
    publisher: str = ""
    publisher_url: str = ""
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


def claim_reviews(value: Any) -> Iterator[dict]:
    """Every ClaimReview object in a JSON-LD value, however it is wrapped."""
    if isinstance(value, list):
        for element in value:
            yield from claim_reviews(element)
        return
    if not isinstance(value, dict):
        return
    if "ClaimReview" in _types(value):
        yield value
        return
    for key in ("@graph", "dataFeedElement", "item", "mainEntity", "review"):
        if key in value:
            yield from claim_reviews(value[key])


def _one(value: Any) -> Any:
    """A single value where one is usual: the first of an array."""
    while isinstance(value, list):
        value = value[0] if value else None
    return value


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    value = _one(value)
    if isinstance(value, dict):
        value = value.get("@value", value.get("name", ""))
    return " ".join(str(value).split())[:limit] if value is not None else ""


def _name(value: Any) -> str:
    value = _one(value)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("legalName") or "", 300)
    return _text(value, 300)


def _url(value: Any) -> str:
    value = _one(value)
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or ""
    text = _text(value, 2000)
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else ""


def _number(value: Any) -> float | None:
    value = _one(value)
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if number == number and abs(number) < 1e9 else None  # not NaN, not absurd


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


def review(obj: dict) -> Review:
    """The Review a ClaimReview object says; BadRecord if it has no URL or no claim reviewed."""
    url = _url(obj.get("url") or obj.get("@id"))
    if not url:
        raise BadRecord("no url (an http or https address)")
    claimed = _text(obj.get("claimReviewed"))
    item = _one(obj.get("itemReviewed"))
    item = item if isinstance(item, dict) else {}
    if not claimed:
        claimed = _text(item.get("text") or item.get("name"))
    if not claimed:
        raise BadRecord("no claimReviewed")
    rating = _one(obj.get("reviewRating"))
    rating = rating if isinstance(rating, dict) else {}
    author = _one(obj.get("author"))
    claimant = _one(item.get("author"))
    claimant = claimant if isinstance(claimant, dict) else {}
    appearance = item.get("firstAppearance") or item.get("appearance")
    return Review(
        url=url,
        claim_reviewed=claimed,
        publisher=_name(author) or _name(obj.get("publisher")),
        publisher_url=_url(author) if isinstance(author, dict) else "",
        headline=_text(obj.get("headline") or obj.get("name"), 500),
        rating_text=_text(rating.get("alternateName") or rating.get("name"), 300),
        rating_value=_number(rating.get("ratingValue")),
        best_rating=_number(rating.get("bestRating")),
        worst_rating=_number(rating.get("worstRating")),
        rating_explanation=_text(rating.get("ratingExplanation")),
        claim_author=_name(item.get("author")),
        claim_author_title=_text(claimant.get("jobTitle"), 300),
        claim_author_same_as=_url(claimant.get("sameAs")),
        claim_date=_date(item.get("datePublished")),
        appearance_url=_url(appearance),
        published_on=_date(obj.get("datePublished")),
        modified_on=_date(obj.get("dateModified")),
        language=_text(obj.get("inLanguage"), 20),
        document=obj,
    )


# --- Reading inputs ------------------------------------------------------------------------
Record = tuple[str, Review | BadRecord]  # (where: "record 12", "line 3", ...), what it gave


def _records(where: str, value: Any) -> Iterator[Record]:
    found = list(claim_reviews(value))
    if not found:
        yield where, BadRecord("no ClaimReview in it")
    for number, obj in enumerate(found, 1):
        label = where if len(found) == 1 else f"{where}, review {number}"
        try:
            yield label, review(obj)
        except BadRecord as exc:
            yield label, exc


def from_json_lines(lines: Iterable[bytes]) -> Iterator[Record]:
    """One JSON value a line (blank lines skipped)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield f"line {number}", BadRecord(f"not JSON ({exc})")
            continue
        yield from _records(f"line {number}", value)


# Arrays of a JSON-LD document that may hold very many reviews: streamed element by element. (A
# DataFeed nested in a @graph is read as one element of the @graph.)
_STREAMED = ("dataFeedElement.item", "@graph.item", "item")


def from_json_document(stream: IO[bytes]) -> Iterator[Record]:
    """A JSON-LD document (a DataFeed, an array, a @graph, or one ClaimReview), streamed: each
    element of its large arrays is built and read on its own, the rest of the document kept."""
    builders: dict[str, ijson.ObjectBuilder] = {}
    top = ijson.ObjectBuilder()
    depth_of: dict[str, int] = {}
    number = 0
    try:
        for prefix, event, value in ijson.parse(stream, use_float=True):
            open_prefix = next((p for p in builders if prefix == p or prefix.startswith(p + ".")), None)
            if open_prefix is not None:
                builder = builders[open_prefix]
                builder.event(event, value)
                if prefix == open_prefix and event in ("start_map", "start_array"):
                    depth_of[open_prefix] += 1
                elif prefix == open_prefix and event in ("end_map", "end_array"):
                    depth_of[open_prefix] -= 1
                if depth_of[open_prefix] == 0:
                    del builders[open_prefix], depth_of[open_prefix]
                    number += 1
                    yield from _records(f"record {number}", builder.value)
                continue
            if prefix in _STREAMED and event in ("start_map", "start_array"):
                builders[prefix] = ijson.ObjectBuilder()
                builders[prefix].event(event, value)
                depth_of[prefix] = 1
                continue
            if prefix in _STREAMED and event not in ("end_array", "start_array"):
                number += 1  # a bare value in a streamed array: not a review
                yield f"record {number}", BadRecord("not an object")
                continue
            top.event(event, value)
    except ijson.JSONError as exc:
        yield f"after record {number}", BadRecord(f"the document is not valid JSON: {exc}")
        return
    rest = getattr(top, "value", None)
    if isinstance(rest, dict) and "ClaimReview" in _types(rest):
        yield from _records("the document", rest)
    elif number == 0:
        yield from _records("the document", rest)


def from_html(page: bytes) -> Iterator[Record]:
    """The ClaimReview objects a web page embeds as JSON-LD (none is no error: most pages have none)."""
    for number, match in enumerate(_SCRIPT.finditer(page), 1):
        body = match.group(1).strip()
        try:
            value = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield f"script {number}", BadRecord(f"its JSON-LD is not JSON ({exc})")
            continue
        for label, result in _records(f"script {number}", value):
            if not (isinstance(result, BadRecord) and str(result) == "no ClaimReview in it"):
                yield label, result


def sniff(head: bytes) -> str:
    """'html', 'lines' or 'json' from a document's first bytes."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype", b"<html", b"<head", b"<")):
        return "html"
    first_line = text.split(b"\n", 1)
    if (
        len(first_line) > 1
        and first_line[0].rstrip().endswith(b"}")
        and first_line[1].strip().startswith(b"{")
    ):
        return "lines"
    return "json"


def records(open_input: Callable[[], IO[bytes]]) -> Iterator[Record]:
    """The records of an input of any accepted shape (`open_input` opens it, at its start)."""
    with open_input() as stream:
        kind = sniff(stream.read(4096))
    with open_input() as stream:
        if kind == "html":
            yield from from_html(stream.read())
        elif kind == "lines":
            yield from from_json_lines(stream)
        else:
            yield from from_json_document(stream)


# --- Importing -----------------------------------------------------------------------------
@dataclass(slots=True)
class Imported:
    """What an import did: rows created and updated, reviews already as read, records skipped."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    reasons: list[str] = field(default_factory=list)  # the first 100 skips, "where: why"
    review_ids: list[int] = field(default_factory=list)  # created or updated, for linking

    @property
    def read(self) -> int:
        return self.created + self.updated + self.unchanged + self.skipped


FIELDS = [f for f in Review.__dataclass_fields__ if f != "url"]


def import_reviews(
    found: Iterable[Record],
    *,
    origin: str = ExternalReview.Origin.IMPORT,
    found_at: str = "",
    batch: int = 1000,
    progress: Callable[[Imported], None] | None = None,
) -> Imported:
    """Upsert each review by its URL, `batch` at a time (one read and at most two writes each);
    skipped records are counted with their reasons. Idempotent: the same input again changes
    nothing."""
    out = Imported()
    pending: dict[str, Review] = {}

    def flush() -> None:
        if not pending:
            return
        with transaction.atomic():
            existing = {r.url: r for r in ExternalReview.objects.filter(url__in=list(pending))}
            new, changed = [], []
            for url, item in pending.items():
                values = {name: getattr(item, name) for name in FIELDS}
                row = existing.get(url)
                if row is None:
                    new.append(ExternalReview(url=url, origin=origin, found_at=found_at[:2000], **values))
                elif any(getattr(row, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(row, name, value)
                    changed.append(row)
                else:
                    out.unchanged += 1
            ExternalReview.objects.bulk_create(new, batch_size=batch)
            if changed:
                ExternalReview.objects.bulk_update(changed, [*FIELDS, "updated_at"], batch_size=batch)
        out.created += len(new)
        out.updated += len(changed)
        out.review_ids += [r.pk for r in (*new, *changed) if r.pk]
        pending.clear()
        if progress is not None:
            progress(out)

    for where, result in found:
        if isinstance(result, BadRecord):
            out.skipped += 1
            if len(out.reasons) < 100:
                out.reasons.append(f"{where}: {result}")
            continue
        pending[result.url] = result  # the same URL twice in a batch: the later wins
        if len(pending) >= batch:
            flush()
    flush()
    return out
