"""What a claim looks like to those told of it: the same words the public pages use."""

from typing import Any

from django.conf import settings
from django.urls import reverse

from claims.models import Claim
from claims.serve import statements
from claims.serve.claimreview import public_claim_url


def admin_url(claim: Claim) -> str:
    return f"{settings.CLAIMS_PUBLIC_BASE_URL}{reverse('admin:claims_claim_change', args=[claim.pk])}"


def claim_data(claim: Claim) -> dict[str, Any]:
    """The claim as webhook data (its speaker and verdict loaded, or none)."""
    published = claim.is_published
    return {
        "id": claim.pk,
        "text": claim.text,
        "statement": statements.statement(claim),
        "speaker": claim.speaker.name if claim.speaker is not None else None,
        "kind": claim.kind,
        "stance": claim.stance,
        "state": claim.state,
        "verdict": claim.verdict.label if claim.verdict is not None else None,
        "checkworthiness": round(claim.checkworthiness, 3),
        "first_seen": claim.first_seen.isoformat() if claim.first_seen else None,
        "published_at": claim.published_at.isoformat() if claim.published_at else None,
        "url": public_claim_url(claim) if published else None,
        "admin_url": admin_url(claim),
    }
