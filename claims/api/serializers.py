from rest_framework import serializers

from claims.models import Appearance, Claim, IngestJob, Publisher, Source, Speaker


class PublisherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name"]


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["id", "name", "kind", "aliases", "description", "wikidata_id"]


class SourceSerializer(serializers.ModelSerializer):
    publisher = PublisherSerializer(read_only=True)

    class Meta:
        model = Source
        fields = ["id", "url", "title", "authors", "publisher", "published_on", "language", "text"]


class AppearanceSerializer(serializers.ModelSerializer):
    source_url = serializers.CharField(source="source.url", read_only=True, allow_null=True)
    source_published_on = serializers.DateField(source="source.published_on", read_only=True, allow_null=True)

    class Meta:
        model = Appearance
        fields = [
            "id",
            "source",
            "source_url",
            "source_published_on",
            "text",
            "start",
            "end",
            "parts",
            "speaker_mention",
            "role",
            "cue",
            "said_on",
        ]


class ClaimSerializer(serializers.ModelSerializer):
    speaker = SpeakerSerializer(read_only=True)
    appearances = AppearanceSerializer(many=True, read_only=True)
    verdict = serializers.CharField(source="verdict.label", read_only=True, allow_null=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "text",
            "kind",
            "state",
            "speaker",
            "verdict",
            "verdict_explanation",
            "checkworthiness",
            "first_seen",
            "appearances",
        ]


class IngestJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = IngestJob
        fields = [
            "id",
            "kind",
            "url",
            "filename",
            "state",
            "error",
            "attempts",
            "source",
            "claims_created",
            "appearances_created",
            "speakers_created",
            "created_at",
            "started_at",
            "finished_at",
        ]
