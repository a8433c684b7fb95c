"""Read-side queries shared by the admin, the API and the pages."""

import datetime as dt
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Exists, F, FloatField, Func, OuterRef, QuerySet, Value
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from claims import retrieval
from claims.models import Appearance, Claim


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight of `day` in the site's time zone: date filters compare instants, so an index on a
    date-time column serves them (casting every row to a date would not)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


MAX_SPEAKERS = 200  # a search matching more speakers' names than this is too broad to mean them all


RANKED = 200  # a text search lists at most this many claims, the most relevant


class ScoreOf(Func):
    """A claim's score from {claim id: score}, in SQL: CASE id WHEN 7 THEN 0.93 ... ELSE 0 END.
    Written out because Case(When(pk=...)) resolves a Q object a hit: 13 ms for 200 of them."""

    output_field = FloatField()

    def __init__(self, scores: dict[int, float]) -> None:
        super().__init__(F("pk"))
        self.scores = scores

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        whens = " ".join(["WHEN %s THEN %s"] * len(self.scores))
        params = [value for pair in self.scores.items() for value in pair]
        return f"CASE {pk_sql} {whens} ELSE 0.0 END", (*pk_params, *params)


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
        .annotate(relevance=ScoreOf({hit.claim_id: hit.score for hit in hits}))
        .order_by("-relevance", "-pk")
    )


def appearing_in(claims: QuerySet[Claim], **appearance_filters) -> QuerySet[Claim]:
    """Claims with an appearance matching the filters, as EXISTS: no join, no duplicate rows."""
    return claims.filter(Exists(Appearance.objects.filter(claim=OuterRef("pk"), **appearance_filters)))
