"""Read-side queries shared by the admin, the API and the pages."""

import datetime as dt

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from claims.models import Appearance, Claim, Speaker


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight of `day` in the site's time zone: date filters compare instants, so an index on a
    date-time column serves them (casting every row to a date would not)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


MAX_SPEAKERS = 200  # a search matching more speakers' names than this is too broad to mean them all


def claims_visible_to(user) -> QuerySet[Claim]:
    """Signed-in clients (session or token) read every claim; anonymous ones only published claims."""
    if user is not None and user.is_authenticated:
        return Claim.objects.all()
    return Claim.objects.filter(state=Claim.State.PUBLISHED)


def _text_matches(claims: QuerySet[Claim], query: str) -> tuple[QuerySet[Claim], Q]:
    """The claims (annotated as the condition needs) and the condition for text matching `query`.

    PostgreSQL: full-text search on exactly the expression migration 0005 indexes
    (to_tsvector('english', text)), with web-search syntax ("quoted phrases", -not, or).
    Elsewhere: a case-insensitive substring match.
    """
    if connection.vendor == "postgresql":
        matches = SearchQuery(query, config="english", search_type="websearch")
        return claims.annotate(_document=SearchVector("text", config="english")), Q(_document=matches)
    return claims, Q(text__icontains=query)


def search_claims(claims: QuerySet[Claim], query: str) -> QuerySet[Claim]:
    """Claims whose text matches `query` (see _text_matches), or whose speaker's name does."""
    query = query.strip()
    if not query:
        return claims
    claims, condition = _text_matches(claims, query)
    if connection.vendor != "postgresql":
        return claims.filter(condition | Q(speaker__name__icontains=query))
    # The speakers' ids as a list, not a subquery: PostgreSQL then ORs two index scans (the GIN
    # index and the speaker index) instead of filtering every claim (300 ms on a million).
    speakers = list(Speaker.objects.filter(name__icontains=query).values_list("pk", flat=True)[:MAX_SPEAKERS])
    if speakers:
        condition |= Q(speaker_id__in=speakers)
    return claims.filter(condition)


def search_text(claims: QuerySet[Claim], query: str) -> QuerySet[Claim]:
    """Claims whose text matches `query` (see _text_matches); speakers' names aside."""
    query = query.strip()
    if not query:
        return claims
    claims, condition = _text_matches(claims, query)
    return claims.filter(condition)


def appearing_in(claims: QuerySet[Claim], **appearance_filters) -> QuerySet[Claim]:
    """Claims with an appearance matching the filters, as EXISTS: no join, no duplicate rows."""
    return claims.filter(Exists(Appearance.objects.filter(claim=OuterRef("pk"), **appearance_filters)))
