from django.urls import path
from rest_framework.routers import DefaultRouter

from . import export, views

router = DefaultRouter()
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
