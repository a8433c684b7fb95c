"""Our fact checks for other tools: a schema.org DataFeed of every published ClaimReview
(/feeds/claimreview.json, streamed, `?updated_since=` for what changed), RSS and Atom feeds of
the latest (/feeds/fact-checks/, Django's syndication framework), a sitemap of the public pages
(/sitemap.xml, Django's sitemaps: 50,000 URLs a file at most, an index over them) and the
methodology page. Only published claims with a verdict appear anywhere here: never a draft."""

import json
from collections.abc import Iterator
from datetime import datetime, time

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from claims.models import Appearance, Claim, Correction, Rating, Source, Speaker
from claims.serve import statements
from claims.serve.claimreview import claim_review, public_claim_url

CHUNK = 500


def fact_checks() -> QuerySet[Claim]:
    """Published claims with a verdict: the only ones any feed or sitemap shows."""
    return Claim.objects.published().filter(verdict__isnull=False)


def _with_review_data(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    return claims.select_related("speaker", "verdict").prefetch_related(
        Prefetch(
            "appearances", queryset=Appearance.objects.select_related("source__publisher").order_by("pk")
        ),
        Prefetch("corrections", queryset=Correction.objects.order_by("at")),
    )


def _since(value: str) -> datetime | None:
    moment = parse_datetime(value)
    if moment is None and (day := parse_date(value)) is not None:
        moment = datetime.combine(day, time.min)
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


@require_safe
def claimreview_feed(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """Every published fact check as ClaimReview, in a DataFeed, streamed a chunk at a time."""
    claims = fact_checks()
    raw = request.GET.get("updated_since", "")
    if raw:
        since = _since(raw)
        if since is None:
            return HttpResponseBadRequest("updated_since must be a date (2026-12-01) or a date and time.")
        claims = claims.filter(updated_at__gte=since)
    values = list(Rating.objects.order_by("value").values_list("value", flat=True))
    scale = (values[0], values[-1]) if values else (1, 1)

    def body() -> Iterator[str]:
        head = {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "name": f"{settings.CLAIMS_ORGANISATION_NAME}: fact checks",
            "url": f"{settings.CLAIMS_PUBLIC_BASE_URL}{reverse('claimreview-feed')}",
            "dateModified": timezone.now().isoformat(),
        }
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "dataFeedElement": ['
        first = True
        for claim in _with_review_data(claims.order_by("pk")).iterator(chunk_size=CHUNK):
            review = claim_review(claim, appearances=list(claim.appearances.all()), scale=scale)
            review.pop("@context", None)
            yield ("" if first else ",\n") + json.dumps(review, ensure_ascii=False)
            first = False
        yield "]}\n"

    response = StreamingHttpResponse(body(), content_type="application/ld+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


class FactChecksFeed(Feed):
    """The latest published fact checks, newest first."""

    description = "The latest claims we checked, with their verdicts."

    def title(self) -> str:
        return f"{settings.CLAIMS_ORGANISATION_NAME}: fact checks"

    def link(self) -> str:
        return reverse("public:home")

    def items(self):
        return fact_checks().select_related("speaker", "verdict").order_by("-published_at", "-pk")[:50]

    def item_title(self, claim: Claim) -> str:
        return claim.headline or statements.statement(claim)

    def item_description(self, claim: Claim) -> str:
        verdict = claim.verdict.label if claim.verdict else ""
        said = statements.statement(claim)
        if claim.stance == Claim.Stance.ASSERTED and (
            claim.speaker is None or not said.startswith(claim.speaker.name)
        ):
            # An assertion reads as its bare words: in a reader, away from the page, it says whose.
            said = f"{claim.speaker or 'Speaker unknown'}: {said}"
        return f"{said} Verdict: {verdict}. {claim.verdict_explanation}".strip()

    def item_link(self, claim: Claim) -> str:
        return reverse("public:claim", args=[claim.pk])

    def item_pubdate(self, claim: Claim):
        return claim.published_at

    def item_updateddate(self, claim: Claim):
        return claim.updated_at

    def item_author_name(self, claim: Claim) -> str:
        return settings.CLAIMS_ORGANISATION_NAME


class FactChecksAtom(FactChecksFeed):
    feed_type = Atom1Feed
    subtitle = FactChecksFeed.description


# --- The sitemap ----------------------------------------------------------------------------
class ClaimSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Claim.objects.published().only("pk", "updated_at").order_by("pk")

    def location(self, claim: Claim) -> str:
        return reverse("public:claim", args=[claim.pk])

    def lastmod(self, claim: Claim):
        return claim.updated_at


class SpeakerSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Speaker.objects.published().only("pk").order_by("pk")

    def location(self, speaker: Speaker) -> str:
        return reverse("public:speaker", args=[speaker.pk])


class SourceSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Source.objects.published().only("pk").order_by("pk")

    def location(self, source: Source) -> str:
        return reverse("public:source", args=[source.pk])


SITEMAPS = {"claims": ClaimSitemap, "speakers": SpeakerSitemap, "sources": SourceSitemap}


@require_safe
def methodology(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "public/methodology.html",
        {"ratings": Rating.objects.order_by("value"), "public_claim_url": public_claim_url},
    )


# --- robots.txt -----------------------------------------------------------------------------
@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """What crawlers may read, and where the sitemap is (an absolute URL, as the protocol asks):
    the public pages and feeds; not the admin, nor the API (its answers are the pages' data)."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "",
        f"Sitemap: {settings.CLAIMS_PUBLIC_BASE_URL}{reverse('sitemap-index')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
