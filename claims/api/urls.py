from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("sources", views.SourceViewSet, basename="source")
router.register("publishers", views.PublisherViewSet, basename="publisher")
router.register("ingest-jobs", views.IngestJobViewSet, basename="ingestjob")

urlpatterns = router.urls
