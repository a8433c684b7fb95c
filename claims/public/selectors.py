"""What the public pages read. Every query starts from published claims: drafts never leak.

A speaker or a source is public only through a published claim; one with none is not found.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, DateField, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.http import Http404

from claims.extraction.text import paragraphs, quotes, sentences
from claims.models import Appearance, Claim, ExternalReview, ExternalReviewLink, Rating, Source, Speaker
from claims.serve import statements
from claims.serve.highlighting import Segment, segments
from claims.serve.selectors import search_claims

MOST_CHECKED_WINDOW = dt.timedelta(days=365)
MAX_APPEARANCES_SHOWN = 100


def published_claims() -> QuerySet[Claim]:
    return Claim.objects.published()


def with_dates(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Each claim with the dates a list shows (said_shown: the earliest day it was said;
    published_shown: the earliest date of a source it appeared in), so that a list never shows
    the day the record first saw it as if it were when it was said."""
    mine = Appearance.objects.filter(claim=OuterRef("pk"))
    return claims.annotate(
        said_shown=Subquery(mine.exclude(said_on=None).order_by("said_on").values("said_on")[:1]),
        published_shown=Subquery(
            mine.exclude(source__published_on=None)
            .order_by("source__published_on")
            .values("source__published_on")[:1]
        ),
    )


def latest_published(limit: int = 20) -> list[Claim]:
    claims = list(
        with_dates(published_claims())
        .select_related("speaker", "verdict")
        .order_by("-published_at", "-pk")[:limit]
    )
    statements.prime(claims)  # the cues their statements need, in one query
    return claims


def most_checked_speakers(now: dt.datetime, limit: int = 10) -> list[tuple[Speaker, int]]:
    """Speakers with the most claims published in the last year (the index on published_at keeps
    this to a year's rows rather than every published claim)."""
    counts = list(
        published_claims()
        .filter(published_at__gte=now - MOST_CHECKED_WINDOW, speaker__isnull=False)
        .values("speaker")
        .annotate(n=Count("pk"))
        .order_by("-n", "speaker")[:limit]
    )
    speakers = Speaker.objects.in_bulk([row["speaker"] for row in counts])
    return [(speakers[row["speaker"]], row["n"]) for row in counts]


def published_claim(claim_id: int) -> tuple[Claim, list[Appearance]]:
    """The claim (its corrections prefetched, oldest first) and its first appearances, in the order
    they were said."""
    claim = (
        published_claims()
        .select_related("speaker", "verdict")
        .prefetch_related("corrections")
        .filter(pk=claim_id)
        .first()
    )
    if claim is None:
        raise Http404("No published claim has this number.")
    appearances = list(
        Appearance.objects.filter(claim=claim)
        .select_related("source__publisher")
        .order_by("said_on", "source__published_on", "pk")[:MAX_APPEARANCES_SHOWN]
    )
    return claim, appearances


def also_checked_by(claim: Claim) -> list[ExternalReview]:
    """Other fact-checkers' reviews of this claim: the links an editor or a strong match confirmed."""
    return list(
        ExternalReview.objects.listed()
        .filter(links__claim=claim, links__state=ExternalReviewLink.State.CONFIRMED)
        .order_by("-published_on", "-pk")[:20]
    )


@dataclass(frozen=True)
class SpeakerRecord:
    speaker: Speaker
    claims: list[Claim]  # the latest published, newest first
    total: int
    per_month: list[tuple[dt.date, int]]  # every month from the first to the last, gaps as 0
    per_verdict: list[tuple[str, int]]  # every step of the scale, then "Not rated"


def speaker_record(speaker_id: int, latest: int = 50) -> SpeakerRecord:
    speaker = Speaker.objects.filter(pk=speaker_id).first()
    if speaker is None:
        raise Http404("No such speaker.")
    theirs = published_claims().filter(speaker=speaker)
    # Plotted by when each claim was said, else when its source was published (as the claim
    # pages and lists date it), and only failing both by when the record first saw it.
    shown = with_dates(theirs).annotate(
        shown_on=Coalesce("said_shown", "published_shown", TruncDate("first_seen"), output_field=DateField())
    )
    months = dict(
        shown.annotate(month=TruncMonth("shown_on", output_field=DateField()))
        .values_list("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    if not months:
        raise Http404("This speaker has no published claims.")
    verdicts: dict[int | None, int] = dict(
        theirs.values_list("verdict").annotate(n=Count("pk")).values_list("verdict", "n")
    )
    scale = list(Rating.objects.order_by("value"))
    per_verdict = [(rating.label, verdicts.get(rating.pk, 0)) for rating in scale]
    if verdicts.get(None):
        per_verdict.append(("Not rated", verdicts[None]))
    claims: list[Claim] = list(
        shown.select_related("speaker", "verdict").order_by("-shown_on", "-pk")[:latest]
    )
    statements.prime(claims)
    return SpeakerRecord(speaker, claims, theirs.count(), _every_month(months), per_verdict)


def _every_month(counts: dict) -> list[tuple[dt.date, int]]:
    by_month = {(m.year, m.month): n for m, n in counts.items()}
    first, last = min(by_month), max(by_month)
    out = []
    year, month = first
    while (year, month) <= last:
        out.append((dt.date(year, month, 1), by_month.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


@dataclass(frozen=True)
class Excerpt:
    """A published claim in its source: the sentence that says it and its neighbours, never more."""

    claim: Claim
    segments: list[Segment]  # the excerpt, published claims' words highlighted (mark = claim id)
    cut_before: bool  # the article goes on before the excerpt
    cut_after: bool


@dataclass(frozen=True)
class SourceRecord:
    source: Source
    claims: list[Claim]  # the published claims appearing in it, in reading order
    excerpts: list[Excerpt]  # each claim with the sentences around it (the text is not republished)


# Of a neighbouring sentence, at most this much is shown (a run-on paragraph is not republished).
NEIGHBOUR_CHARS = 400


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The text's sentences, as the extractor cuts them (quotations and abbreviations kept whole)."""
    paras = paragraphs(text)
    quoted = quotes(text, paras)
    return [span for start, end in paras for span in sentences(text, start, end, quoted)]


def excerpt_span(text: str, spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """From the sentence before the words at start..end to the sentence after them (each
    neighbour at most NEIGHBOUR_CHARS): the context a reader needs, not the article."""
    inside = [n for n, (s_start, s_end) in enumerate(spans) if s_end > start and s_start < end]
    if not inside:
        return start, end
    first, last = inside[0], inside[-1]
    lo, hi = spans[first][0], spans[last][1]
    if first > 0:
        lo = max(spans[first - 1][0], lo - NEIGHBOUR_CHARS)
    if last + 1 < len(spans):
        hi = min(spans[last + 1][1], hi + NEIGHBOUR_CHARS)
    return min(lo, start), max(hi, end)


def source_record(source_id: int) -> SourceRecord:
    source = Source.objects.select_related("publisher").filter(pk=source_id).first()
    if source is None:
        raise Http404("No such source.")
    appearances = list(
        Appearance.objects.filter(source=source, claim__in=Claim.objects.published())
        .select_related("claim__speaker", "claim__verdict")
        .order_by("start", "pk")
    )
    if not appearances:
        raise Http404("This source has no published claims.")
    spans = []
    for appearance in appearances:
        for start, end in appearance.parts or [(appearance.start, appearance.end)]:
            spans.append((start, end, appearance.claim_id))
    text = source.text
    spans_of_sentences = sentence_spans(text)
    first: dict[int, Appearance] = {}
    for appearance in appearances:
        first.setdefault(appearance.claim_id, appearance)
    # Each claim with the dates a list shows (said, else published): never first seen here.
    dated = (
        with_dates(Claim.objects.filter(pk__in=list(first))).select_related("speaker", "verdict").in_bulk()
    )
    excerpts = []
    for appearance in first.values():
        lo, hi = excerpt_span(text, spans_of_sentences, appearance.start, appearance.end)
        marked = [(max(s, lo) - lo, min(e, hi) - lo, m) for s, e, m in spans if s < hi and e > lo]
        excerpts.append(
            Excerpt(
                dated[appearance.claim_id], segments(text[lo:hi], marked), lo > 0, bool(text[hi:].strip())
            )
        )
    claims = [dated[claim_id] for claim_id in first]
    statements.prime(claims)
    return SourceRecord(source, claims, excerpts)


@dataclass(frozen=True)
class SearchFilters:
    query: str = ""
    speaker: str = ""
    verdict: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def search_published(filters: SearchFilters, page: int, per_page: int = 20) -> tuple[list[Claim], bool]:
    """One page of published claims matching the filters, newest first (most relevant first with a
    query), and whether a next page
    exists (one more row is read instead of counting every match)."""
    claims = published_claims()
    if filters.speaker:
        claims = claims.filter(
            speaker__in=Speaker.objects.filter(name__icontains=filters.speaker).values("pk")
        )
    if filters.verdict is not None:
        claims = claims.filter(verdict__value=filters.verdict)
    # "Said from / until": the day an appearance was said, else its source's date (never the day
    # the record first saw it).
    if filters.since or filters.until:
        said, published = Q(), Q(said_on=None)
        if filters.since:
            said &= Q(said_on__gte=filters.since)
            published &= Q(source__published_on__gte=filters.since)
        if filters.until:
            said &= Q(said_on__lte=filters.until)
            published &= Q(source__published_on__lte=filters.until)
        claims = claims.filter(Exists(Appearance.objects.filter(said | published, claim=OuterRef("pk"))))
    # A query ranks by relevance (claims.retrieval); without one, the newest first.
    ordering = ("-published_at", "-pk")
    if filters.query:
        claims, ordering = search_claims(claims, filters.query), ("-relevance", "-pk")
    offset = (page - 1) * per_page
    rows = list(
        with_dates(claims)
        .select_related("speaker", "verdict")
        .order_by(*ordering)[offset : offset + per_page + 1]
    )
    statements.prime(rows)
    return rows[:per_page], len(rows) > per_page
