"""Run the extractor again over a stored source without undoing any editor's work.

A claim is curated once an editor has touched it: it left the "new" state, or its history holds
any event (an edit, an assignment, a merge, a verdict). Curated claims and their appearances in
the source stay exactly as they are. The machine's own earlier output (appearances of claims no
one has touched) is replaced by what the current extractor finds; such a claim left with no
appearance anywhere is deleted. New findings on spans a curated appearance already covers are
skipped.
"""

import logging

from django.db import transaction

from claims import extraction
from claims.models import Appearance, Claim, ClaimEvent, Source
from claims.services.permissions import require
from claims.services.storing import store_extracted

logger = logging.getLogger(__name__)


def reextract_source(source_id: int, user) -> dict[str, int]:
    require(user, "claims.change_claim")
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source_id)
        in_source = dict(Appearance.objects.filter(source=source).values_list("pk", "claim_id"))
        claim_ids = set(in_source.values())
        curated = set(
            Claim.objects.filter(pk__in=claim_ids).exclude(state=Claim.State.NEW).values_list("pk", flat=True)
        )
        curated |= set(ClaimEvent.objects.filter(claim_id__in=claim_ids).values_list("claim_id", flat=True))
        stale = [pk for pk, claim_id in in_source.items() if claim_id not in curated]
        Appearance.objects.filter(pk__in=stale).delete()
        orphans = Claim.objects.filter(pk__in=claim_ids - curated, appearances__isnull=True)
        removed_claims = orphans.delete()[1].get("claims.Claim", 0)
        found = extraction.extract(source.text, published=source.published_on)
        counts = store_extracted(source, found)
        source.extractor_version = extraction.ENGINE_VERSION
        source.save(update_fields=["extractor_version"])
    result = {
        "kept_curated": len(curated),
        "appearances_replaced": len(stale),
        "claims_removed": removed_claims,
        "claims_created": counts["claims"],
        "appearances_created": counts["appearances"],
    }
    logger.info("source %s re-extracted by %s: %s", source_id, getattr(user, "pk", None), result)
    return result
