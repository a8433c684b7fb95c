"""What a transcript's review page shows beside its statements: time codes in words and
"already checked?", the fact checks most like each check-worthy statement (ours, with a verdict,
and other fact-checkers' reviews linked to our claims), found by the one retrieval service."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from claims import retrieval
from claims.models import Claim, ExternalReviewLink
from claims.retrieval import external

# A statement ranked at least this worth checking is looked up; at most MOST of them, the most
# check-worthy first (a long debate's page must stay fast).
WORTH_LOOKING_UP = 0.5
MOST = 40
PER_STATEMENT = 3


@dataclass(frozen=True, slots=True)
class Checked:
    """A fact check like a statement: our claim (its verdict, or the reviews linked to it) and how alike."""

    claim: Claim
    score: float
    reviews: tuple[ExternalReviewLink, ...] = ()


def clock(seconds: float | None) -> str:
    """12.5 as "0:12", 3725 as "1:02:05"."""
    if seconds is None:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def fact_checks() -> QuerySet[Claim]:
    """Claims that are fact checks: ours with a verdict, one imported with its fact check's
    headline, or one another fact-checker's review is linked to."""
    linked = ExternalReviewLink.objects.filter(claim=OuterRef("pk")).exclude(
        state=ExternalReviewLink.State.REMOVED
    )
    return Claim.objects.filter(Q(verdict__isnull=False) | ~Q(headline="") | Exists(linked))


def already_checked(*, claims: list[Claim]) -> dict[int, list[Checked]]:
    """For each check-worthy claim among `claims` (by claim id): the fact checks most like it."""
    wanted = sorted(
        (c for c in claims if c.checkworthiness >= WORTH_LOOKING_UP), key=lambda c: -c.checkworthiness
    )[:MOST]
    if not wanted:
        return {}
    pool = fact_checks().exclude(pk__in=[c.pk for c in claims])
    found: dict[int, list[tuple[int, float]]] = {}
    for claim in wanted:
        hits = retrieval.search(text=claim.text, claims=pool, limit=PER_STATEMENT)
        found[claim.pk] = [(h.claim_id, h.score) for h in hits if h.score >= external.SUGGEST]
    ids = {pk for pairs in found.values() for pk, _ in pairs}
    loaded = Claim.objects.select_related("verdict", "speaker").in_bulk(ids)
    reviews: dict[int, list[ExternalReviewLink]] = {}
    links = ExternalReviewLink.objects.filter(claim_id__in=ids).exclude(
        state=ExternalReviewLink.State.REMOVED
    )
    for link in links.with_reviews().order_by("-score"):
        reviews.setdefault(link.claim_id, []).append(link)
    return {
        pk: [
            Checked(loaded[other], score, tuple(reviews.get(other, ())))
            for other, score in pairs
            if other in loaded
        ]
        for pk, pairs in found.items()
    }
