"""Other fact-checkers' reviews linked to our claims through the search service: for each review,
the claims most like the claim it reviewed. A strong match is linked at once (confirmed, marked
automatic); a fair one is suggested for an editor to confirm or remove (claims.curation.external).
Each link records its score and the reason in words. An editor's decision is never undone here."""

from collections.abc import Iterable
from dataclasses import dataclass

from claims.models import Claim, ExternalReview, ExternalReviewLink
from claims.retrieval import service

# Fused scores (service.search, 0 to 1); a strong match needs the meaning's cosine as high too.
# Measured with bench/external_links.py on the CLEF-2020 tweets (a link right when the claim is
# one the tweet repeats). Strong, chosen on train with a step of margin (a wrong link shown is
# worse than a missing one): every link at 0.75 or more was right on train (166 of 166), and at
# 0.80 on train 73 of 73 and on dev 21 of 21. Suggested, for an editor: precision 0.69 on train,
# 0.63 on dev, at 0.55, where most right links still are.
STRONG = 0.80
SUGGEST = 0.55
PER_REVIEW = 3


@dataclass(slots=True)
class Linked:
    confirmed: int = 0
    suggested: int = 0


def reason(hit: service.Hit) -> str:
    return f"search score {hit.score:.2f} (words {hit.lexical:.2f}, meaning {hit.dense:.2f})"


def link_reviews(*, review_ids: Iterable[int]) -> Linked:
    """Link each review to the claims it matches (none already decided is changed)."""
    out = Linked()
    claims = Claim.objects.exclude(state=Claim.State.REJECTED)
    for review in ExternalReview.objects.filter(pk__in=list(review_ids)).only("pk", "claim_reviewed"):
        hits = [
            h
            for h in service.search(text=review.claim_reviewed, claims=claims, limit=PER_REVIEW)
            if h.score >= SUGGEST
        ]
        if not hits:
            continue
        decided = set(ExternalReviewLink.objects.filter(review=review).values_list("claim_id", flat=True))
        rows = []
        for hit in hits:
            if hit.claim_id in decided:
                continue
            strong = hit.score >= STRONG and hit.dense >= STRONG
            rows.append(
                ExternalReviewLink(
                    claim_id=hit.claim_id,
                    review=review,
                    score=hit.score,
                    reason=reason(hit),
                    automatic=strong,
                    state=ExternalReviewLink.State.CONFIRMED
                    if strong
                    else ExternalReviewLink.State.SUGGESTED,
                )
            )
            if strong:
                out.confirmed += 1
            else:
                out.suggested += 1
        ExternalReviewLink.objects.bulk_create(rows, ignore_conflicts=True)
    return out
