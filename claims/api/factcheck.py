"""GET /v1alpha1/claims:search, shaped like Google's Fact Check Tools API, so tools written for
that API can point at this one. Published claims with a verdict only; anyone may read them.

Parameters as Google's: query, languageCode, reviewPublisherSiteFilter, maxAgeDays, pageSize,
pageToken, offset (where to start when there is no pageToken). Pages are keyset pages (newest
review first): the token names the last claim seen.

As Google's API lists every publisher's reviews of a claim, each claim lists ours and the other
fact-checkers' reviews linked to it and confirmed (ExternalReviewLink); reviewPublisherSiteFilter
keeps the claims one site reviewed, with that site's reviews only.
"""

import base64
import binascii
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Claim, ExternalReview, ExternalReviewLink
from claims.serve import statements
from claims.serve.selectors import appearing_in, search_claims

MAX_PAGE_SIZE = 100
MAX_OFFSET = 10_000  # deeper than that, page with pageToken


class SearchParameters(serializers.Serializer):
    query = serializers.CharField(required=False, allow_blank=True, max_length=500)
    languageCode = serializers.CharField(required=False, max_length=16)
    reviewPublisherSiteFilter = serializers.CharField(required=False, max_length=253)
    maxAgeDays = serializers.IntegerField(required=False, min_value=1, max_value=36500)
    pageSize = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=10)
    pageToken = serializers.CharField(required=False, max_length=200)
    offset = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_OFFSET,
        default=0,
        help_text="How many results to skip; only read without a pageToken",
    )


def _encode(claim: Claim) -> str:
    assert claim.published_at is not None  # the feed lists published claims only
    raw = f"{claim.published_at.isoformat()}|{claim.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(token: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        when, pk = raw.rsplit("|", 1)
        parsed = datetime.fromisoformat(when), int(pk)
        if not 0 < parsed[1] < 2**63:
            raise ValueError
        return parsed
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ValidationError({"pageToken": "This page token was not issued by this API."}) from None


ClaimReviewShape = inline_serializer(
    "FactCheckClaimReview",
    {
        "publisher": inline_serializer(
            "FactCheckPublisher", {"name": serializers.CharField(), "site": serializers.CharField()}
        ),
        "url": serializers.URLField(),
        "title": serializers.CharField(required=False),
        "reviewDate": serializers.DateTimeField(required=False),
        "textualRating": serializers.CharField(),
        "languageCode": serializers.CharField(required=False),
    },
)
SearchResponse = inline_serializer(
    "FactCheckSearchResponse",
    {
        "claims": inline_serializer(
            "FactCheckClaim",
            {
                "text": serializers.CharField(),
                "claimant": serializers.CharField(),
                "claimDate": serializers.DateTimeField(allow_null=True),
                "claimReview": ClaimReviewShape.__class__(many=True),
            },
            many=True,
        ),
        "nextPageToken": serializers.CharField(required=False),
    },
)


class FactCheckSearch(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        tags=["fact check tools"],
        parameters=[SearchParameters, OpenApiParameter("pageToken", OpenApiTypes.STR)],
        responses=SearchResponse,
        operation_id="claims_search",
    )
    def get(self, request):
        params = SearchParameters(data=request.query_params)
        params.is_valid(raise_exception=True)
        p = params.validated_data
        site = urlsplit(settings.CLAIMS_PUBLIC_BASE_URL).hostname or ""
        claims: QuerySet[Claim] = Claim.objects.published().filter(
            verdict__isnull=False, published_at__isnull=False
        )
        if not p.get("query") and not p.get("reviewPublisherSiteFilter"):
            raise ValidationError(
                {"query": "Give a query or a reviewPublisherSiteFilter (as Google's API requires)."}
            )
        wanted = _site(p.get("reviewPublisherSiteFilter", ""))
        if wanted and wanted != _site(site):
            claims = claims.filter(Exists(_confirmed().filter(_reviewed_on(wanted), claim=OuterRef("pk"))))
        if p.get("query"):
            claims = search_claims(claims, p["query"])
        if p.get("languageCode"):
            claims = appearing_in(claims, source__language__istartswith=p["languageCode"].split("-")[0])
        if p.get("maxAgeDays"):
            claims = claims.filter(published_at__gte=timezone.now() - timedelta(days=p["maxAgeDays"]))
        start = 0
        if p.get("pageToken"):
            when, pk = _decode(p["pageToken"])
            claims = claims.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))
        else:
            start = p["offset"]
        others = _confirmed().with_reviews().order_by("-review__published_on", "-review_id")
        if wanted:
            others = others.filter(_reviewed_on(wanted))
        page = list(
            claims.select_related("speaker", "verdict")
            .prefetch_related(
                "appearances__source", Prefetch("external_links", queryset=others, to_attr="confirmed_links")
            )
            .order_by("-published_at", "-pk")[start : start + p["pageSize"] + 1]
        )
        more = len(page) > p["pageSize"]
        page = page[: p["pageSize"]]
        ours = not wanted or wanted == _site(site)
        body: dict = {"claims": [self._claim(claim, site, ours=ours) for claim in page]}
        if more:
            body["nextPageToken"] = _encode(page[-1])
        return Response(body)

    def _claim(self, claim: Claim, site: str, *, ours: bool) -> dict:
        # Published claims with a verdict only: the queryset above filters them.
        assert claim.published_at is not None and claim.verdict is not None
        dates = [d for d in (a.said_on or a.source.published_on for a in claim.appearances.all()) if d]
        languages = [a.source.language for a in claim.appearances.all() if a.source.language]
        # With its stance: a denial is "X denied that ...", never the words it denies.
        statement = statements.statement(claim, cue=statements.first_cue(claim.appearances.all()))
        return {
            "text": statement,
            "claimant": claim.speaker.name if claim.speaker else "",
            "claimDate": f"{min(dates).isoformat()}T00:00:00Z" if dates else None,
            "claimReview": [
                *(
                    [
                        {
                            "publisher": {"name": settings.CLAIMS_ORGANISATION_NAME, "site": site},
                            "url": f"{settings.CLAIMS_PUBLIC_BASE_URL}/claims/{claim.pk}/",
                            "title": statement if len(statement) <= 200 else statement[:199] + "…",
                            "reviewDate": claim.published_at.isoformat().replace("+00:00", "Z"),
                            "textualRating": claim.verdict.label,
                            "languageCode": languages[0] if languages else "en",
                        }
                    ]
                    if ours
                    else []
                ),
                *(_external(link.review) for link in getattr(claim, "confirmed_links", [])),
            ],
        }


def _site(value: str) -> str:
    """A site as Google's API names one: its host, lower case, without "www."."""
    value = value.strip().lower()
    host = urlsplit(value if "//" in value else f"//{value}").hostname or ""
    return host.removeprefix("www.")


def _confirmed():
    return ExternalReviewLink.objects.filter(state=ExternalReviewLink.State.CONFIRMED)


def _reviewed_on(site: str) -> Q:
    """Links to a review published on `site` (its address or its publisher's, with or without www.)."""
    found = Q()
    for field in ("review__url", "review__publisher_url"):
        for scheme in ("https", "http"):
            for host in (site, f"www.{site}"):
                found |= Q(**{f"{field}__iexact": f"{scheme}://{host}"})
                found |= Q(**{f"{field}__istartswith": f"{scheme}://{host}/"})
    return found


def _external(review: ExternalReview) -> dict:
    """Another fact-checker's review, in the API's shape (what it does not say is left out)."""
    shown = {
        "publisher": {"name": review.publisher, "site": _site(review.publisher_url or review.url)},
        "url": review.url,
        "title": review.headline or review.claim_reviewed[:200],
        "textualRating": review.rating_text,
    }
    if review.published_on:
        shown["reviewDate"] = f"{review.published_on.isoformat()}T00:00:00Z"
    if review.language:
        shown["languageCode"] = review.language
    return shown
