"""Read endpoints. Issue 5 adds writes, filters, search and tokens; anonymous clients see
published claims only, and everything else needs a signed-in staff user."""

from django.db.models import Prefetch
from rest_framework import permissions, viewsets

from claims.models import Appearance, IngestJob, Publisher, Source, Speaker
from claims.selectors import claims_visible_to

from . import serializers


class StaffOnly(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_staff)


class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ClaimSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        appearances = Appearance.objects.select_related("source")
        return (
            claims_visible_to(self.request.user)
            .select_related("speaker", "verdict")
            .prefetch_related(Prefetch("appearances", queryset=appearances))
        )


class SpeakerViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Speaker.objects.all()
    serializer_class = serializers.SpeakerSerializer
    permission_classes = [StaffOnly]


class SourceViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Source.objects.select_related("publisher")
    serializer_class = serializers.SourceSerializer
    permission_classes = [StaffOnly]


class PublisherViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Publisher.objects.all()
    serializer_class = serializers.PublisherSerializer
    permission_classes = [StaffOnly]


class IngestJobViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = IngestJob.objects.all()
    serializer_class = serializers.IngestJobSerializer
    permission_classes = [StaffOnly]
