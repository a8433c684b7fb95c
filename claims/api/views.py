"""The REST API: thin views over claims.serve.selectors (reads), the curation services
(claims.curation: workflow, review) and ingestion's submission (writes)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import retrieval
from claims.curation import workflow
from claims.ingest import submission
from claims.ingest.errors import UnusableInput
from claims.models import (
    Claim,
    ExternalReview,
    ExternalReviewLink,
    IngestJob,
    Publisher,
    Rating,
    Source,
    Speaker,
)
from claims.serve import claimreview
from claims.store import matching

from . import representations, serializers
from .errors import KeyReused
from .filters import ClaimFilter, ExternalReviewFilter, SourceFilter, StrictOrdering
from .pagination import NewestFirst
from .schema import CLAIM_REVIEW_SCHEMA

# Ids in paths: digits that fit in the database's 64-bit integers; anything else is a 404.
ID_PATTERN = r"[0-9]{1,18}"


class ClaimReadPermission(permissions.BasePermission):
    """Anyone reads (what they may see is decided by the queryset, Claim.objects.visible_to); writes
    go through the workflow service, which checks the user's permissions itself."""

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


def claims_with_everything(user):
    """Claims with speaker and verdict, for claims.api.representations (which reads the
    appearances of a whole page in one more query): a fixed number of queries."""
    return Claim.objects.visible_to(user).select_related("speaker", "verdict")


@extend_schema(tags=["claims"])
class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN
    serializer_class = serializers.ClaimSerializer
    permission_classes = [ClaimReadPermission]
    filterset_class = ClaimFilter
    filter_backends = [*viewsets.ReadOnlyModelViewSet.filter_backends, StrictOrdering]  # type: ignore[misc]
    ordering_fields = ["first_seen", "checkworthiness", "id"]

    def get_queryset(self):
        return claims_with_everything(self.request.user)

    def filter_queryset(self, queryset):
        # Filters and ordering are for the list; a detail request needs none of their per-request cost.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request, *args, **kwargs):
        filtered = self.filter_queryset(self.get_queryset())
        if request.query_params.get("q", "").strip() and not request.query_params.get("ordering"):
            return self._by_relevance(filtered)
        page = self.paginate_queryset(filtered.values(*representations.CLAIM_COLUMNS))
        assert page is not None  # every list is paged (NewestFirst, the API's default)
        return self.get_paginated_response(representations.claim_rows(page))

    def _by_relevance(self, filtered):
        """A text search, most relevant first (the filter ranked it), in one page of the usual shape:
        relevance has no cursor to page by, and a search's best matches are what is asked for."""
        paginator = self.paginator
        assert isinstance(paginator, NewestFirst)  # the API's default paging
        size = paginator.get_page_size(self.request) or paginator.page_size
        rows = list(
            filtered.order_by("-relevance", "-pk").values(*representations.CLAIM_COLUMNS, "relevance")[:size]
        )
        shown = representations.claim_rows(rows)
        for claim, row in zip(shown, rows, strict=True):
            claim["score"] = row["relevance"]
        return Response({"next": None, "previous": None, "results": shown})

    def retrieve(self, request, *args, **kwargs):
        return Response(representations.claim(self.get_object()))

    def _respond(self, claim_id: int) -> Response:
        return Response(
            representations.claim(get_object_or_404(claims_with_everything(self.request.user), pk=claim_id))
        )

    def _change(self, body_class, change) -> Response:
        """Validate the body, hand it to a workflow service (which checks permissions), answer the claim."""
        claim = self.get_object()
        body = body_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        change(claim.pk, body.validated_data)
        return self._respond(claim.pk)

    @extend_schema(request=serializers.TransitionSerializer, responses=serializers.ClaimSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the claim to another review state (new, accepted, rejected, reviewed, published)."""
        return self._change(
            serializers.TransitionSerializer,
            lambda claim, data: workflow.claim_transition(
                claim_id=claim, to_state=data["state"], user=request.user
            ),
        )

    @extend_schema(request=serializers.VerdictSerializer, responses=serializers.ClaimSerializer)
    @action(detail=True, methods=["post"])
    def verdict(self, request, pk=None):
        """Rate the claim on the rating scale, with an explanation."""
        return self._change(
            serializers.VerdictSerializer,
            lambda claim, data: workflow.claim_set_verdict(
                claim_id=claim,
                rating_value=data["rating"],
                explanation=data["explanation"],
                user=request.user,
            ),
        )

    @extend_schema(request=serializers.MergeSerializer, responses=serializers.ClaimSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Mark other claims as the same statement as this one: their appearances move here."""
        return self._change(
            serializers.MergeSerializer,
            lambda claim, data: workflow.claim_merge(
                target_id=claim,
                other_ids=data["claims"],
                user=request.user,
                across_speakers=data["across_speakers"],
            ),
        )

    @extend_schema(
        parameters=[serializers.SimilarQuerySerializer],
        responses=serializers.SimilarClaimSerializer(many=True),
        description="The claims most like a text (already checked?), best first. Suggestions only: "
        "short texts are never merged automatically.",
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def similar(self, request):
        query = serializers.SimilarQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        claims = Claim.objects.visible_to(request.user)
        if data.get("days"):
            claims = claims.filter(first_seen__gte=timezone.now() - dt.timedelta(days=data["days"]))
        hits = retrieval.search(text=data["text"], claims=claims, limit=data["limit"])
        loaded = {
            c.pk: c for c in claims_with_everything(request.user).filter(pk__in=[h.claim_id for h in hits])
        }
        full = {shown["id"]: shown for shown in representations.claims(list(loaded.values()))}
        return Response(
            [
                {
                    "score": hit.score,
                    "lexical": hit.lexical,
                    "semantic": hit.dense,
                    "would_merge": matching.would_merge(
                        data["text"], loaded[hit.claim_id], data.get("speaker")
                    ),
                    "claim": full[hit.claim_id],
                }
                for hit in hits
                if hit.claim_id in full
            ]
        )

    @extend_schema(
        responses={200: serializers.ExternalReviewSerializer(many=True), 404: None},
        description="Other fact-checkers' verdicts linked to this claim (confirmed links): "
        "“also checked by”.",
    )
    @action(detail=True, methods=["get"], url_path="external-reviews", pagination_class=None)
    def external_reviews(self, request, pk=None):
        claim = get_object_or_404(Claim.objects.visible_to(request.user), pk=pk)
        reviews = (
            ExternalReview.objects.listed()
            .filter(links__claim=claim, links__state=ExternalReviewLink.State.CONFIRMED)
            .order_by("-published_on", "-pk")[:100]
        )
        found = external_reviews_for(request.user, reviews)
        return Response(serializers.ExternalReviewSerializer(found, many=True).data)

    @extend_schema(
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                CLAIM_REVIEW_SCHEMA, description="schema.org ClaimReview JSON-LD"
            ),
            404: None,
        },
        description="ClaimReview JSON-LD for a claim with a verdict (published ones for anonymous clients).",
    )
    @action(detail=True, methods=["get"], url_path="claim-review")
    def claim_review(self, request, pk=None):
        claim = self.get_object()
        if claim.verdict_id is None:
            return Response(
                {
                    "error": {
                        "status": 404,
                        "code": "not_found",
                        "message": "This claim has no verdict yet.",
                        "details": None,
                    }
                },
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(claimreview.claim_review(claim), content_type="application/ld+json")


def external_reviews_for(user, reviews):
    """The reviews, each with the ids of the claims it is linked to (confirmed) that `user` sees."""
    from collections import defaultdict

    reviews = list(reviews)
    visible = Claim.objects.visible_to(user)
    links = ExternalReviewLink.objects.filter(
        review__in=reviews, state=ExternalReviewLink.State.CONFIRMED, claim__in=visible
    ).values_list("review_id", "claim_id")
    by_review: dict[int, list[int]] = defaultdict(list)
    for review_id, claim_id in links:
        by_review[review_id].append(claim_id)
    for review in reviews:
        review.visible_claims = by_review.get(review.pk, [])
    return reviews


@extend_schema(tags=["external reviews"])
class ExternalReviewViewSet(viewsets.ReadOnlyModelViewSet):
    """Other fact-checkers' verdicts (imported ClaimReview), with the claims of ours each is linked to."""

    lookup_value_regex = ID_PATTERN
    queryset = ExternalReview.objects.listed().order_by("-published_on", "-pk")
    serializer_class = serializers.ExternalReviewSerializer
    filterset_class = ExternalReviewFilter
    permission_classes = [permissions.AllowAny]

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return external_reviews_for(self.request.user, page) if page is not None else None

    def get_object(self):
        return external_reviews_for(self.request.user, [super().get_object()])[0]


# Speakers, sources and publishers: as on the public pages, one is public only through a published
# claim; those who may see drafts read them all (Speaker.objects.visible_to and its kin).
@extend_schema(tags=["speakers"])
class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN
    queryset = Speaker.objects.all()
    serializer_class = serializers.SpeakerSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return Speaker.objects.visible_to(self.request.user)


class IngestPermission(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or request.user.has_perm("claims.add_ingestjob")


@extend_schema(tags=["sources"])
class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN
    queryset = Source.objects.all()
    serializer_class = serializers.SourceSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = SourceFilter

    def get_queryset(self):
        return Source.objects.visible_to(self.request.user).select_related("publisher")

    @extend_schema(
        request=serializers.AppendSerializer,
        responses={202: serializers.IngestJobSerializer},
        description=(
            "Append turns to a growing transcript (WebVTT, SubRip or plain text): 202 with the job. Only "
            "cues or paragraphs the transcript does not hold yet are added, so a caption file may be sent "
            "whole each time."
        ),
    )
    @action(detail=True, methods=["post"], permission_classes=[IngestPermission])
    def append(self, request, pk=None):
        source = self.get_object()
        body = serializers.AppendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            job = submission.submit_append(
                source=source, data=body.validated_data["text"].encode("utf-8"), user=request.user
            )
        except UnusableInput as exc:
            raise exceptions.ValidationError({"text": [str(exc)]}) from None
        data = serializers.IngestJobSerializer(job, context=self.get_serializer_context()).data
        return Response(
            data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": request.build_absolute_uri(f"/api/ingest-jobs/{job.pk}/")},
        )


@extend_schema(tags=["publishers"])
class PublisherViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN
    queryset = Publisher.objects.all()
    serializer_class = serializers.PublisherSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return Publisher.objects.visible_to(self.request.user)


@extend_schema(tags=["ratings"])
class RatingViewSet(viewsets.ReadOnlyModelViewSet):
    """The verdict scale."""

    queryset = Rating.objects.order_by("value")
    serializer_class = serializers.RatingSerializer
    permission_classes = [permissions.AllowAny]
    pagination_class = None


@extend_schema(tags=["ingestion"])
class IngestJobViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Jobs: all of them for those who may view ingest jobs, else only the client's own."""

    queryset = IngestJob.objects.all()
    serializer_class = serializers.IngestJobSerializer
    permission_classes = [IngestPermission]

    def get_queryset(self):
        return IngestJob.objects.visible_to(self.request.user)

    @extend_schema(
        request=serializers.IngestRequestSerializer,
        responses={
            202: serializers.IngestJobSerializer,
            200: serializers.IngestJobSerializer,
            422: OpenApiResponse(description="The Idempotency-Key was sent before with another body."),
        },
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)],
        description=(
            "Queue an article for ingestion: 202 with the new job. The same URL again (while its job "
            "has not failed), or the same Idempotency-Key with the same body, answers 200 with the existing "
            "job; the same Idempotency-Key with another body is a 422."
        ),
    )
    def create(self, request):
        body = serializers.IngestRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        key = request.headers.get("Idempotency-Key", "").strip()[:200] or None
        if key is not None and not key.isprintable():
            raise exceptions.ValidationError(
                "The Idempotency-Key header holds a control character: a key is printable text."
            )
        try:
            job, created = submission.submit_request(
                url=body.validated_data.get("url", ""),
                text=body.validated_data.get("text", ""),
                html=body.validated_data.get("format") == "html",
                transcript=body.validated_data.get("format") == "transcript",
                media_url=body.validated_data.get("media_url", ""),
                idempotency_key=key,
                user=request.user,
            )
        except submission.KeyReused as exc:
            raise KeyReused(str(exc)) from None
        data = serializers.IngestJobSerializer(job, context=self.get_serializer_context()).data
        location = request.build_absolute_uri(f"/api/ingest-jobs/{job.pk}/")
        return Response(
            data,
            status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK,
            headers={"Location": location},
        )


@extend_schema(exclude=True)
class NoSuchAddress(APIView):
    """Any address under /api/ that no endpoint has (an id that is no id, an unknown endpoint): a
    404 in the API's error shape, as a missing row is, not Django's HTML page. Routed last and only
    for addresses ending in a slash, so that one without it is still redirected to the endpoint."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise exceptions.NotFound("The API has no such address: see /api/ for its endpoints.")

    options = http_method_not_allowed
