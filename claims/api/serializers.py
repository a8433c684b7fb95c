from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import (
    MAX_ID,
    Appearance,
    Claim,
    IngestJob,
    Publisher,
    Source,
    Speaker,
    may_see_drafts,
    without_credentials,
)
from claims.serve import statements


class PublisherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["id", "name"]


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["id", "name", "kind", "aliases", "description", "wikidata_id"]


class SourceSerializer(serializers.ModelSerializer):
    publisher = PublisherSerializer(read_only=True, allow_null=True)  # a source of no known publisher
    text = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="The article's whole text, for readers who may see drafts; null for everyone else. "
        "It is the publisher's, and it holds statements no one has reviewed: the public pages show "
        "only the sentences around published claims (their appearances).",
    )

    class Meta:
        model = Source
        fields = ["id", "url", "title", "authors", "publisher", "published_on", "language", "text"]

    def to_representation(self, instance: Source) -> dict:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not may_see_drafts(request.user if request is not None else None):
            data["text"] = None
        return data


class AppearanceSerializer(serializers.ModelSerializer):
    source_url = serializers.CharField(source="source.url", read_only=True, allow_null=True)
    source_published_on = serializers.DateField(source="source.published_on", read_only=True, allow_null=True)
    moment_url = serializers.SerializerMethodField()

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
            "speaker_kind",
            "role",
            "cue",
            "said_on",
            "said_on_basis",
            "stance",
            "rule",
            "resolution",
            "timecode",
            "moment_url",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_moment_url(self, appearance: Appearance) -> str:
        """The recording at the moment it was said, when the transcript has one."""
        return appearance.source.moment_url(appearance.timecode)


class ClaimSerializer(serializers.ModelSerializer):
    speaker = SpeakerSerializer(read_only=True, allow_null=True)  # an author's assertion has none
    appearances = AppearanceSerializer(many=True, read_only=True)
    verdict = serializers.CharField(source="verdict.label", read_only=True, allow_null=True)
    statement = serializers.SerializerMethodField(
        help_text="The statement with its stance, as it may be shown and checked "
        "(e.g. “Ada Quill denied that the tolls would rise”); the same as text for an assertion",
    )
    # Not read-only: drf-spectacular declares every read-only field required, and a claim has a
    # score only in a search's results.
    score = serializers.FloatField(
        required=False, help_text="With `q=` only: the search's relevance, results ranked by it (0 to 1)"
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "text",
            "statement",
            "kind",
            "stance",
            "state",
            "speaker",
            "verdict",
            "verdict_explanation",
            "checkworthiness",
            "first_seen",
            "appearances",
            "score",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_statement(self, claim: Claim) -> str:
        return statements.statement(claim, cue=statements.first_cue(claim.appearances.all()))


class IngestJobSerializer(serializers.ModelSerializer):
    class Meta:
        model = IngestJob
        fields = [
            "id",
            "kind",
            "url",
            "filename",
            "media_url",
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


class IngestRequestSerializer(serializers.Serializer):
    """What a client submits: a URL, or the article itself as text or HTML."""

    url = serializers.URLField(required=False, max_length=2000, validators=[without_credentials])
    text = serializers.CharField(required=False, trim_whitespace=False, max_length=10 * 1024 * 1024)
    format = serializers.ChoiceField(
        choices=["text", "html", "transcript"],
        required=False,
        default="text",
        help_text="transcript: WebVTT, SubRip or plain text with speaker turns (also recognised in text by "
        "its content)",
    )
    media_url = serializers.URLField(
        required=False,
        max_length=2000,
        help_text="A transcript's recording: statements link to their moment",
        validators=[without_credentials],
    )

    def validate_url(self, url: str) -> str:
        if not url.startswith(("http://", "https://")):
            raise serializers.ValidationError("Only http and https URLs can be ingested.")
        return url

    def validate(self, data: dict) -> dict:
        if bool(data.get("url")) == bool(data.get("text")):
            raise serializers.ValidationError("Give either a url or a text, not both and not neither.")
        return data


class AppendSerializer(serializers.Serializer):
    """Turns to append to a transcript: the new part, or the whole of a growing file (turns already
    read are skipped)."""

    text = serializers.CharField(trim_whitespace=False, max_length=10 * 1024 * 1024)


class TransitionSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=Claim.State.choices)


class VerdictSerializer(serializers.Serializer):
    rating = serializers.IntegerField(
        min_value=0, max_value=32767, help_text="A value on the rating scale (see /api/ratings/)"
    )
    explanation = serializers.CharField(required=False, allow_blank=True, default="")


class MergeSerializer(serializers.Serializer):
    claims = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        min_length=1,
        max_length=100,
        help_text="Claims that are the same statement as this one: their appearances move here",
    )
    across_speakers = serializers.BooleanField(
        default=False,
        help_text="Merge claims of different speakers too (refused otherwise: one person's claim is "
        "never made another's by a slip)",
    )


class RatingSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    description = serializers.CharField()


class SimilarQuerySerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000, help_text="The statement to look for")
    limit = serializers.IntegerField(min_value=1, max_value=50, default=10)
    days = serializers.IntegerField(
        min_value=1, max_value=36500, required=False, help_text="Only claims first seen in the last N days"
    )
    speaker = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="Who said it: then would_merge says what ingestion would do",
    )


class SimilarClaimSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text="Relevance, 0 to 1: the fused score the results are ranked by")
    lexical = serializers.FloatField(help_text="Full-text rank, relative to this query's best match (0 to 1)")
    semantic = serializers.FloatField(help_text="Cosine of the sentence embeddings (-1 to 1)")
    would_merge = serializers.BooleanField(
        help_text="Ingestion would attach a statement like this to the claim (same speaker, long and alike enough)"
    )
    claim = ClaimSerializer()


class ExternalReviewSerializer(serializers.Serializer):
    """Another fact-checker's verdict, and our claims it is linked to (confirmed links only, to
    claims the client may see)."""

    id = serializers.IntegerField()
    url = serializers.URLField()
    publisher = serializers.CharField()
    author = serializers.CharField(help_text="Who wrote the review, when not its publisher")
    claim_reviewed = serializers.CharField()
    headline = serializers.CharField()
    rating_text = serializers.CharField()
    rating_value = serializers.FloatField(allow_null=True)
    best_rating = serializers.FloatField(allow_null=True)
    worst_rating = serializers.FloatField(allow_null=True)
    rating_explanation = serializers.CharField()
    claim_author = serializers.CharField()
    claim_date = serializers.DateField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    language = serializers.CharField()
    claims = serializers.SerializerMethodField()

    def get_claims(self, review) -> list[int]:
        return sorted(getattr(review, "visible_claims", []))
