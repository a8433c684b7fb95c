"""Run the extractor again over a stored source without undoing any editor's work.

A claim is curated once an editor has touched it: it left the "new" state, or its history holds
any event (an edit, an assignment, a merge, a verdict). Curated claims and their appearances in
the source stay exactly as they are. The machine's own earlier output (appearances of claims no
one has touched) is replaced by what the current extractor finds; such a claim left with no
appearance anywhere is deleted. New findings on spans a curated appearance already covers are
skipped.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, fields

from django.db import transaction
from django.db.models import QuerySet

from claims import extraction
from claims.curation.permissions import require
from claims.models import Appearance, Claim, Source, Viewer
from claims.store.storing import provenance, store_extracted
from claims.store.turns import source_findings

logger = logging.getLogger(__name__)

_BATCH = 500  # outdated sources read per query


@dataclass(frozen=True)
class Reextracted:
    """What re-extraction did: for one source (sources=1) or, added up, for many."""

    sources: int = 0
    kept_curated: int = 0  # claims an editor had touched, kept as they were
    appearances_replaced: int = 0  # machine appearances removed to be found again
    claims_removed: int = 0  # machine claims left with no appearance
    claims_created: int = 0
    appearances_created: int = 0
    appearances_explained: int = 0  # kept appearances that learned the rule that found them

    def __add__(self, other: "Reextracted") -> "Reextracted":
        return Reextracted(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def reextract_source(*, source_id: int, user: Viewer) -> Reextracted:
    """Re-extract one source for an editor (who needs the change claim permission)."""
    require(user, "claims.change_claim")
    return _reextract(source_id, user)


def outdated_sources() -> QuerySet[Source]:
    """Sources whose claims an earlier version of the extractor found."""
    return Source.objects.exclude(extractor_version=extraction.ENGINE_VERSION)


def reextract_outdated(
    *, limit: int | None = None, progress: Callable[[int, Reextracted], None] | None = None
) -> Reextracted:
    """Re-extract every outdated source, oldest first, each in its own transaction, for an operator
    after an upgrade of the extractor (`manage.py reextract`). A run that stops part way loses
    nothing: each finished source records the new version and is not read again. Returns the
    totals of what each source's re-extraction did; `progress` hears of each source done."""
    totals = Reextracted()
    last = 0
    while limit is None or totals.sources < limit:
        wanted = _BATCH if limit is None else min(_BATCH, limit - totals.sources)
        ids = list(
            outdated_sources().filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:wanted]
        )
        if not ids:
            break
        for source_id in ids:
            totals += _reextract(source_id, None)
            if progress is not None:
                progress(source_id, totals)
        last = ids[-1]
    return totals


def _reextract(source_id: int, user: Viewer) -> Reextracted:
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source_id)
        in_source = dict(Appearance.objects.filter(source=source).values_list("pk", "claim_id"))
        claim_ids = set(in_source.values())
        curated = set(Claim.objects.filter(pk__in=claim_ids).curated().values_list("pk", flat=True))
        stale = [pk for pk, claim_id in in_source.items() if claim_id not in curated]
        Appearance.objects.filter(pk__in=stale).delete()
        orphans = Claim.objects.filter(pk__in=claim_ids - curated, appearances__isnull=True)
        removed_claims = orphans.delete()[1].get("claims.Claim", 0)
        found = source_findings(source)
        counts = store_extracted(source=source, found=found)
        explained = _explain_kept(source, found)
        source.extractor_version = extraction.ENGINE_VERSION
        source.save(update_fields=["extractor_version"])
    result = Reextracted(
        sources=1,
        kept_curated=len(curated),
        appearances_replaced=len(stale),
        claims_removed=removed_claims,
        claims_created=counts.claims,
        appearances_created=counts.appearances,
        appearances_explained=explained,
    )
    by = f"user {user.pk}" if user is not None else "the operator"
    logger.info("source %s re-extracted by %s: %s", source_id, by, result)
    return result


def _explain_kept(source: Source, found: list[extraction.ExtractedClaim]) -> int:
    """Appearances of curated claims are kept as they are, but those the engine finds again at the
    same place learn the rule that found them and how their speaker was resolved."""
    by_span = {(c.start, c.end): c for c in found}
    kept = [a for a in Appearance.objects.filter(source=source, rule="") if (a.start, a.end) in by_span]
    for appearance in kept:
        for field, value in provenance(by_span[(appearance.start, appearance.end)]).items():
            setattr(appearance, field, value)
    Appearance.objects.bulk_update(kept, ["rule", "resolution"])
    return len(kept)
