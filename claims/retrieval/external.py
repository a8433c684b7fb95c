"""Other fact-checkers' reviews linked to our claims through the search service: for each review,
the claims most like the claim it reviewed. A strong match is linked at once (confirmed, marked
automatic); a fair one is suggested for an editor to confirm or remove (claims.curation.external).
Each link records its score and the reason in words. An editor's decision is never undone here.

Who said it counts: a review of what one named person said (its claimant) is at most a suggestion
for a claim another named person made, ranked below the reviews of our speaker's words (its score
scaled by OTHER_SPEAKER), so that a review of Putin's words is not offered for Ryabkov's claim above
the review of Ryabkov's. So does what they did with the words: a review rates them as said, so
it is at most a suggestion for a claim that denies, questions or urges them (OTHER_STANCE). Links
are made both ways: when reviews are imported (link_reviews), and
when new claims are stored, with the reviews already imported (link_new_claims)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from claims.identity.names import name_key, resolve_name
from claims.models import STANCE_CHOICES, Claim, ClaimSearchEntry, ExternalReview, ExternalReviewLink, Speaker
from claims.retrieval import dense, query, service
from claims.retrieval.embeddings import MODEL_NAME, encoder

# Fused scores (service.search, 0 to 1); a strong match needs the meaning's cosine as high too.
# Measured with bench/external_links.py on the CLEF-2020 tweets (a link right when the claim is
# one the tweet repeats). Strong, chosen on train with a step of margin (a wrong link shown is
# worse than a missing one): every link at 0.75 or more was right on train (166 of 166), and at
# 0.80 on train 73 of 73 and on dev 21 of 21. Suggested, for an editor: precision 0.69 on train,
# 0.63 on dev, at 0.55, where most right links still are.
STRONG = 0.80
SUGGEST = 0.55
PER_REVIEW = 3
# A link between a review of one named person's words and a claim of another's: its score scaled
# down, so that it ranks below links whose speakers agree (or are unknown), and never confirmed.
OTHER_SPEAKER = 0.8
# Likewise a link to a claim whose speaker did not assert its words (denied, asked, urged them):
# the review's verdict is on the words as said, which may be the opposite of what our claim
# records ("True" under a denial), so at most a suggestion, ranked below.
OTHER_STANCE = 0.8
BATCH = 64  # reviews encoded and searched at a time
# The lowest cosine at which a claim can reach SUGGEST at all (with the best lexical score, 1).
_MIN_COSINE = SUGGEST * (service.WEIGHTS.lexical + service.WEIGHTS.dense) / service.WEIGHTS.dense - (
    service.WEIGHTS.lexical / service.WEIGHTS.dense
)
_ORGANISATION_TYPES = {"organization", "organisation", "newsmediaorganization", "governmentorganization"}


@dataclass(slots=True)
class Linked:
    confirmed: int = 0
    suggested: int = 0
    reviews: int = 0  # reviews looked at


def reason(hit: service.Hit) -> str:
    return f"search score {hit.score:.2f} (words {hit.lexical:.2f}, meaning {hit.dense:.2f})"


def claimant_person(*, claimant: str, document: Any) -> str:
    """The person whose words a review reviewed, by name; "" when it names an organisation (its
    itemReviewed.author typed so), a group ("Facebook posts", "Multiple sources") or no one."""
    name = " ".join(claimant.split())
    if not name:
        return ""
    item = document.get("itemReviewed") if isinstance(document, dict) else None
    author = item.get("author") if isinstance(item, dict) else None
    if isinstance(author, list):
        author = author[0] if author else None
    typed = author.get("@type") if isinstance(author, dict) else None
    if isinstance(typed, list):
        typed = typed[0] if typed else None
    if isinstance(typed, str) and typed:
        return name if typed.casefold() == "person" else ""
    # Untyped: a person's name is two to four capitalised words, no digits, no plural nouns.
    words = name.split()
    if not 2 <= len(words) <= 4 or any(ch.isdigit() for ch in name):
        return ""
    if not all(w[:1].isupper() for w in words if len(w) > 3):
        return ""
    if words[-1].casefold().endswith(("posts", "sources", "users", "media", "websites", "ministry")):
        return ""
    return name


def other_person(*, claimant: str, speaker: str, aliases: Iterable[str] = ()) -> bool:
    """Is the review's claimant (a person, by name) someone other than our claim's speaker? Not
    when either name fits the other ("Putin" and "Vladimir Putin", "V. Putin")."""
    if not claimant or not speaker or not name_key(claimant):
        return False
    return not any(
        resolve_name(claimant, [known]) or resolve_name(known, [claimant]) for known in [speaker, *aliases]
    )


def link_reviews(
    *, review_ids: Iterable[int], progress: Callable[[int, int, Linked], None] | None = None
) -> Linked:
    """Link each review to the claims it matches (none already decided is changed). The claims
    reviewed are encoded a batch at a time (and kept on the review, for link_new_claims);
    `progress(done, total, linked)` is told after each batch."""
    out = Linked()
    ids = sorted(set(review_ids))
    claims = Claim.objects.exclude(state=Claim.State.REJECTED)
    for start in range(0, len(ids), BATCH):
        reviews = list(
            ExternalReview.objects.filter(pk__in=ids[start : start + BATCH]).only(
                "pk", "claim_reviewed", "claim_author", "document", "embedding", "embedding_model"
            )
        )
        vectors = _vectors_of(reviews)
        found = {
            review.pk: [
                h
                for h in service.search(
                    text=review.claim_reviewed, claims=claims, limit=PER_REVIEW, vector=vectors[review.pk]
                )
                if h.score >= SUGGEST
            ]
            for review in reviews
        }
        _link(reviews=reviews, found=found, out=out)
        out.reviews += len(reviews)
        if progress is not None:
            progress(min(start + BATCH, len(ids)), len(ids), out)
    return out


def link_new_claims(*, claim_ids: Iterable[int]) -> Linked:
    """Link newly stored (and embedded) claims to the reviews already imported that match them: the
    reviews whose claim lies near enough one of theirs in meaning to reach a suggestion are
    searched again, as at import, and their links made (none decided is changed)."""
    ids = list(claim_ids)
    blobs = list(ClaimSearchEntry.objects.filter(claim_id__in=ids).values_list("embedding", flat=True))
    if not blobs or not ExternalReview.objects.exists():
        return Linked()
    claims = np.stack([dense.from_bytes(bytes(b)) for b in blobs])
    _embed_missing()
    near: list[int] = []
    kept = ExternalReview.objects.filter(embedding_model=MODEL_NAME, embedding__isnull=False)
    last = 0
    while chunk := [
        (pk, blob)
        for pk, blob in kept.filter(pk__gt=last).order_by("pk").values_list("pk", "embedding")[:10_000]
        if blob is not None
    ]:
        last = chunk[-1][0]
        matrix = np.stack([dense.from_bytes(bytes(blob)) for _, blob in chunk])
        best = (matrix @ claims.T).max(axis=1)
        near.extend(pk for (pk, _), cosine in zip(chunk, best, strict=True) if cosine >= _MIN_COSINE)
    return link_reviews(review_ids=near) if near else Linked()


def _embed_missing(*, limit: int = 256) -> None:
    """Encode some reviews imported without an embedding of the current model (before it existed,
    or under another model): at most `limit` a call, so that a backlog never stalls the claims
    being indexed, and is worked off as they arrive."""
    ids = list(
        ExternalReview.objects.exclude(embedding_model=MODEL_NAME).values_list("pk", flat=True)[:limit]
    )
    if ids:
        _vectors_of(list(ExternalReview.objects.filter(pk__in=ids).only("pk", "claim_reviewed")))


def _vectors_of(reviews: list[ExternalReview]) -> dict[int, np.ndarray]:
    """Each review's vector: the one kept, else encoded now (in one batch) and kept."""
    out = {
        r.pk: dense.from_bytes(bytes(r.embedding))
        for r in reviews
        if r.embedding is not None and r.embedding_model == MODEL_NAME
    }
    missing = [r for r in reviews if r.pk not in out]
    if missing:
        vectors = encoder().encode([query.for_embedding(r.claim_reviewed) for r in missing])
        for review, vector in zip(missing, vectors, strict=True):
            review.embedding, review.embedding_model = dense.to_bytes(vector), MODEL_NAME
            out[review.pk] = vector
        ExternalReview.objects.bulk_update(missing, ["embedding", "embedding_model"])
    return out


def _link(*, reviews: list[ExternalReview], found: dict[int, list[service.Hit]], out: Linked) -> None:
    wanted = {h.claim_id for hits in found.values() for h in hits}
    if not wanted:
        return
    decided: set[tuple[int, int]] = set(
        ExternalReviewLink.objects.filter(review_id__in=list(found), claim_id__in=wanted).values_list(
            "review_id", "claim_id"
        )
    )
    speakers, stances = {}, {}
    for pk, stance, kind, name, aliases in Claim.objects.filter(pk__in=wanted).values_list(
        "pk", "stance", "speaker__kind", "speaker__name", "speaker__aliases"
    ):
        stances[pk] = stance
        if kind == Speaker.Kind.PERSON:
            speakers[pk] = (name or "", aliases or [])
    labels = dict(STANCE_CHOICES)
    rows = []
    for review in reviews:
        claimant = claimant_person(claimant=review.claim_author, document=review.document)
        for hit in found[review.pk]:
            if (review.pk, hit.claim_id) in decided:
                continue
            speaker, aliases = speakers.get(hit.claim_id, ("", []))
            why, score = reason(hit), hit.score
            strong = hit.score >= STRONG and hit.dense >= STRONG
            if claimant and other_person(claimant=claimant, speaker=speaker, aliases=aliases):
                strong = False
                score = round(hit.score * OTHER_SPEAKER, 4)
                why += f"; the review is of {claimant}'s words, this claim is {speaker}'s"
            stance = stances.get(hit.claim_id, Claim.Stance.ASSERTED)
            if stance != Claim.Stance.ASSERTED:
                strong = False
                score = round(score * OTHER_STANCE, 4)
                why += f"; the review rated the words as said, this claim's speaker {labels[stance].lower()} them"
            rows.append(
                ExternalReviewLink(
                    claim_id=hit.claim_id,
                    review=review,
                    score=score,
                    reason=why[:300],
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
