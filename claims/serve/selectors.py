"""Read-side queries shared by the admin, the API and the pages."""

import datetime as dt

from django.db.models import Exists, FloatField, OuterRef, QuerySet, Value
from django.utils import timezone

from claims import retrieval
from claims.expressions import ValueById
from claims.models import Appearance, Claim


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight of `day` in the site's time zone: date filters compare instants, so an index on a
    date-time column serves them (casting every row to a date would not)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


MAX_SPEAKERS = 200  # a search matching more speakers' names than this is too broad to mean them all


RANKED = 200  # a text search lists at most this many claims, the most relevant


def search_claims(claims: QuerySet[Claim], query: str, *, limit: int | None = None) -> QuerySet[Claim]:
    """The claims among `claims` matching `query` in their text, their speaker's name or their
    fact check's headline, annotated with `relevance` and most relevant first (claims.retrieval:
    stemmed any-word full-text ranking fused with sentence embeddings). A claim shares a word with
    the query, or means nearly the same (see retrieval.service.MIN_SEMANTIC)."""
    query = query.strip()
    if not query:
        return claims.annotate(relevance=Value(0.0, output_field=FloatField()))
    hits = retrieval.search(
        text=query, claims=claims, limit=limit or RANKED, min_semantic=retrieval.MIN_SEMANTIC
    )
    if not hits:
        return claims.none().annotate(relevance=Value(0.0, output_field=FloatField()))
    return (
        claims.filter(pk__in=[hit.claim_id for hit in hits])
        .annotate(
            relevance=ValueById(
                {hit.claim_id: hit.score for hit in hits}, output_field=FloatField(), default=0.0
            )
        )
        .order_by("-relevance", "-pk")
    )


def appearing_in(claims: QuerySet[Claim], **appearance_filters) -> QuerySet[Claim]:
    """Claims with an appearance matching the filters, as EXISTS: no join, no duplicate rows."""
    return claims.filter(Exists(Appearance.objects.filter(claim=OuterRef("pk"), **appearance_filters)))
