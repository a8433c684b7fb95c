"""GET /v1alpha1/claims:search, shaped like Google's Fact Check Tools API, so tools written for
that API can point at this one. Published claims with a verdict only; anyone may read them.

Parameters as Google's: query, languageCode, reviewPublisherSiteFilter, maxAgeDays, pageSize,
pageToken. Pages are keyset pages (newest review first): the token names the last claim seen.
"""

import base64
import binascii
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Claim
from claims.serve import statements
from claims.serve.selectors import appearing_in, search_claims

MAX_PAGE_SIZE = 100


class SearchParameters(serializers.Serializer):
    query = serializers.CharField(required=False, allow_blank=True, max_length=500)
    languageCode = serializers.CharField(required=False, max_length=16)
    reviewPublisherSiteFilter = serializers.CharField(required=False, max_length=253)
    maxAgeDays = serializers.IntegerField(required=False, min_value=1, max_value=36500)
    pageSize = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=10)
    pageToken = serializers.CharField(required=False, max_length=200)


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
        "title": serializers.CharField(),
        "reviewDate": serializers.DateTimeField(),
        "textualRating": serializers.CharField(),
        "languageCode": serializers.CharField(),
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
        claims = Claim.objects.public().filter(verdict__isnull=False, published_at__isnull=False)
        if not p.get("query") and not p.get("reviewPublisherSiteFilter"):
            raise ValidationError(
                {"query": "Give a query or a reviewPublisherSiteFilter (as Google's API requires)."}
            )
        if (wanted := p.get("reviewPublisherSiteFilter")) and wanted.lower().removeprefix("www.") != site:
            claims = claims.none()  # every review here is published by this site
        if p.get("query"):
            claims = search_claims(claims, p["query"])
        if p.get("languageCode"):
            claims = appearing_in(claims, source__language__istartswith=p["languageCode"].split("-")[0])
        if p.get("maxAgeDays"):
            claims = claims.filter(published_at__gte=timezone.now() - timedelta(days=p["maxAgeDays"]))
        if p.get("pageToken"):
            when, pk = _decode(p["pageToken"])
            claims = claims.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))
        page = list(
            claims.select_related("speaker", "verdict")
            .prefetch_related("appearances__source")
            .order_by("-published_at", "-pk")[: p["pageSize"] + 1]
        )
        more = len(page) > p["pageSize"]
        page = page[: p["pageSize"]]
        body: dict = {"claims": [self._claim(claim, site) for claim in page]}
        if more:
            body["nextPageToken"] = _encode(page[-1])
        return Response(body)

    def _claim(self, claim: Claim, site: str) -> dict:
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
                {
                    "publisher": {"name": settings.CLAIMS_ORGANISATION_NAME, "site": site},
                    "url": f"{settings.CLAIMS_PUBLIC_BASE_URL}/claims/{claim.pk}/",
                    "title": statement if len(statement) <= 200 else statement[:199] + "…",
                    "reviewDate": claim.published_at.isoformat().replace("+00:00", "Z"),
                    "textualRating": claim.verdict.label,
                    "languageCode": languages[0] if languages else "en",
                }
            ],
        }
