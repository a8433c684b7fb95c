from django.urls import path
from rest_framework import permissions, routers
from rest_framework.reverse import reverse

from . import export, views


class ApiRoot(routers.APIRootView):
    """The API's endpoints, for anyone: `make run` prints /api/ as the API's address. Anonymous
    clients read the published record (claims, speakers, sources, publishers, ratings, exports);
    the rest answer 401 without a token (Authorization: Token <key>)."""

    permission_classes = [permissions.AllowAny]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data = {
            **response.data,
            "claims-export-ndjson": reverse("claims-export-ndjson", request=request),
            "docs": request.build_absolute_uri("/api/docs/"),
            "schema": request.build_absolute_uri("/api/schema/"),
        }
        return response


class Router(routers.DefaultRouter):
    APIRootView = ApiRoot


router = Router()
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("sources", views.SourceViewSet, basename="source")
router.register("publishers", views.PublisherViewSet, basename="publisher")
router.register("ratings", views.RatingViewSet, basename="rating")
router.register("ingest-jobs", views.IngestJobViewSet, basename="ingestjob")
router.register("external-reviews", views.ExternalReviewViewSet, basename="externalreview")

urlpatterns = [
    path("claims/export.ndjson", export.ExportNDJSON.as_view(), name="claims-export-ndjson"),
    path("claims/export.csv", export.ExportCSV.as_view(), name="claims-export-csv"),
    *router.urls,
]
