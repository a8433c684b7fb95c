"""schema.org ClaimReview for a reviewed claim, with Google's required and recommended fields.

https://developers.google.com/search/docs/appearance/structured-data/factcheck : claimReviewed,
reviewRating (ratingValue, bestRating, worstRating, alternateName), url, author, datePublished,
itemReviewed (a Claim with author, datePublished, appearance, firstAppearance).
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings

from claims.models import Appearance, Claim, Rating, Speaker
from claims.serve import statements


def public_claim_url(claim: Claim) -> str:
    return f"{settings.CLAIMS_PUBLIC_BASE_URL}/claims/{claim.pk}/"


def _speaker(speaker: Speaker | None, role: str) -> dict | None:
    if speaker is None:
        return None
    person = speaker.kind == Speaker.Kind.PERSON
    author: dict = {"@type": "Person" if person else "Organization", "name": speaker.name}
    if role and person:
        author["jobTitle"] = role
    if speaker.wikidata_id:
        author["sameAs"] = f"https://www.wikidata.org/wiki/{speaker.wikidata_id}"
    return author


def _appearance(appearance) -> dict:
    source = appearance.source
    work: dict = {"@type": "CreativeWork", "headline": source.title or None, "url": source.url or None}
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    if source.publisher_id:
        work["publisher"] = {"@type": "Organization", "name": source.publisher.name}
    return {k: v for k, v in work.items() if v is not None}


def claim_review(
    claim: Claim,
    *,
    appearances: Iterable[Appearance] | None = None,
    scale: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """The JSON-LD object. `claim` needs its verdict and speaker; `appearances` (with their sources
    and publishers) default to all of the claim's."""
    verdict = claim.verdict  # None without a query when there is none
    if verdict is None:
        raise ValueError("Only a claim with a verdict has a ClaimReview.")
    worst, best = scale or _scale()
    appearances = sorted(
        claim.appearances.all() if appearances is None else appearances,
        key=lambda a: (a.said_on or a.source.published_on or claim.first_seen.date(), a.pk),
    )
    first = appearances[0] if appearances else None
    item: dict = {"@type": "Claim"}
    author = _speaker(claim.speaker, first.role if first else "")
    if author:
        item["author"] = author
    if first is not None:
        said = first.said_on or first.source.published_on
        if said:
            item["datePublished"] = said.isoformat()
        item["firstAppearance"] = _appearance(first)
        item["appearance"] = [_appearance(a) for a in appearances]
    reviewed = claim.published_at or claim.reviewed_at or claim.updated_at
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_claim_url(claim),
        # The statement with its stance: a denial reviewed is "X denied that ...", never the bare words.
        "claimReviewed": statements.statement(claim, cue=first.cue if first else None),
        **({"headline": claim.headline, "name": claim.headline} if claim.headline else {}),
        "author": {
            "@type": "Organization",
            "name": settings.CLAIMS_ORGANISATION_NAME,
            "url": settings.CLAIMS_PUBLIC_BASE_URL,
        },
        "datePublished": reviewed.date().isoformat(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.value,
            "bestRating": best,
            "worstRating": worst,
            "alternateName": verdict.label,
            **({"ratingExplanation": claim.verdict_explanation} if claim.verdict_explanation else {}),
        },
        **({"inLanguage": language} if (language := _language(appearances)) else {}),
        "itemReviewed": item,
        **({"dateModified": modified.isoformat()} if (modified := _modified(claim)) else {}),
    }


def _language(appearances: list[Appearance]) -> str:
    """The language of the claim's first source that says one (the review is written in it),
    else the site's (LANGUAGE_CODE, written as BCP 47: "en-US")."""
    found = next((a.source.language for a in appearances if a.source.language), "")
    if found:
        return found
    language, _, region = settings.LANGUAGE_CODE.partition("-")
    return f"{language}-{region.upper()}" if region else language


def _modified(claim: Claim):
    """The date of the claim's latest public correction, if it has one (read from the prefetched
    corrections when the caller has them, as the public claim page does)."""
    latest = max((correction.at for correction in claim.corrections.all()), default=None)
    return latest.date() if latest else None


def _scale() -> tuple[int, int]:
    values = list(Rating.objects.order_by("value").values_list("value", flat=True))
    return (values[0], values[-1]) if values else (1, 1)
