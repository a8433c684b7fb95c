"""What retrieval reads (a claim's search entry) and other fact-checkers' verdicts linked to
our claims (ClaimReview imported)."""

from django.conf import settings
from django.db import models

from claims.models.claims import Claim


class ClaimSearchEntry(models.Model):
    """What retrieval reads of a claim (claims.retrieval): the words searched (its text, its
    speaker's name, its fact check's headline) and its sentence embedding, computed when the claim
    is stored or re-indexed, never at request time. Derived data: `index_claims` rebuilds it."""

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    document = models.TextField()
    embedding = models.BinaryField(help_text="float16 unit vector, little-endian")
    model = models.CharField(max_length=64, help_text="The embedding model that made it")
    indexed_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"search entry of claim {self.claim_id}"


# --- Other fact-checkers' verdicts (ClaimReview imported) ------------------------------------
class ExternalReviewQuerySet(models.QuerySet):
    def listed(self) -> "ExternalReviewQuerySet":
        """Without `document` (up to CLAIMS_EXTERNAL_REVIEW_MAX_BYTES each): what every list and
        page of reviews reads. The review's own admin page loads it when it shows it."""
        return self.defer("document", "embedding")


class ExternalReview(models.Model):
    """A verdict another fact-checker published, as schema.org ClaimReview: imported from a
    DataFeed, JSON lines or a page's embedded JSON-LD (claims.ingest.claimreview). One per URL:
    importing it again updates it."""

    class Origin(models.TextChoices):
        IMPORT = "import", "Imported file or feed"
        PAGE = "page", "Embedded in an ingested page"

    url = models.URLField(max_length=2000, unique=True)
    publisher = models.CharField(max_length=300, blank=True, help_text="Who published the review")
    publisher_url = models.URLField(max_length=2000, blank=True)
    author = models.CharField(
        max_length=300, blank=True, help_text="Who wrote the review (author), when not its publisher"
    )
    claim_reviewed = models.TextField()
    headline = models.CharField(max_length=500, blank=True)
    rating_text = models.CharField(
        max_length=300, blank=True, help_text="The rating in words (alternateName)"
    )
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    rating_explanation = models.TextField(blank=True)
    claim_author = models.CharField(max_length=300, blank=True, help_text="Who made the claim reviewed")
    claim_author_title = models.CharField(max_length=300, blank=True, help_text="Their job title (jobTitle)")
    claim_author_same_as = models.URLField(
        max_length=2000, blank=True, help_text="Who they are (sameAs: Wikidata)"
    )
    claim_date = models.DateField(null=True, blank=True, help_text="When the claim was made")
    appearance_url = models.URLField(max_length=2000, blank=True, help_text="Where the claim appeared first")
    published_on = models.DateField(null=True, blank=True, help_text="When the review was published")
    modified_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=20, blank=True)
    # The claim reviewed as the search's sentence encoder reads it (float32, claims.retrieval):
    # made when the review is linked, so that claims stored later find the reviews they match.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_model = models.CharField(max_length=50, blank=True, editable=False)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.IMPORT)
    found_at = models.CharField(max_length=2000, blank=True, help_text="The file, feed or page it came from")
    merged = models.BooleanField(
        default=False,
        help_text="Its input held the address more than once: the records were merged "
        "(the later modified, then the greater document), and are again when it is read again",
    )
    # At most CLAIMS_EXTERNAL_REVIEW_MAX_BYTES (document_refusal); lists defer it (`listed`).
    document = models.JSONField(help_text="The ClaimReview as read")
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExternalReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["publisher", "-published_on"])]

    def __str__(self) -> str:
        by = self.publisher or "someone"
        return f"{by}: {self.rating_text or 'rated'} ({self.claim_reviewed[:80]})"

    @staticmethod
    def document_limit() -> int:
        """The most bytes of JSON (compact, UTF-8) a review's document may hold. Lists never read
        `document`, but an import compares it and the admin shows it: one review must not hold
        megabytes."""
        return settings.CLAIMS_EXTERNAL_REVIEW_MAX_BYTES

    @classmethod
    def document_refusal(cls, *, size: int, exact: bool = True) -> str:
        """Why a ClaimReview of `size` bytes of JSON is not kept, "" when it is. `exact=False`:
        `size` is only what was read of it so far."""
        limit = cls.document_limit()
        if size <= limit:
            return ""
        if not exact:
            return f"the review is over the {limit:,} bytes of JSON kept (CLAIMS_EXTERNAL_REVIEW_MAX_BYTES)"
        return f"the review is {size:,} bytes of JSON, over the {limit:,} kept (CLAIMS_EXTERNAL_REVIEW_MAX_BYTES)"


class ExternalReviewLinkQuerySet(models.QuerySet):
    def with_reviews(self) -> "ExternalReviewLinkQuerySet":
        """Each link with its review, read as lists read reviews (ExternalReview.objects.listed)."""
        return self.select_related("review").defer("review__document", "review__embedding")


class ExternalReviewLink(models.Model):
    """An external review matched to one of our claims by the retrieval service: suggested (an
    editor confirms or removes it) or, when the match is strong, made automatically; the score and
    the reason recorded either way."""

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REMOVED = "removed", "Removed"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="external_links")
    review = models.ForeignKey(ExternalReview, on_delete=models.CASCADE, related_name="links")
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    automatic = models.BooleanField(default=False, help_text="Confirmed by the score alone, not by an editor")
    score = models.FloatField()
    reason = models.CharField(max_length=300)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExternalReviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["claim", "review"], name="external_link_once")]
        indexes = [models.Index(fields=["review", "state"])]

    def __str__(self) -> str:
        return f"claim {self.claim_id} ↔ review {self.review_id} ({self.state})"
