"""Claims already checked elsewhere, brought into the record to be found: a statement and the
headline of its fact check, stored published with no speaker (the checker names none), indexed
for retrieval. Idempotent: the same statement again is the same claim."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from claims.models import Claim
from claims.retrieval import service as retrieval
from claims.store.fingerprints import claim_fingerprint


@dataclass(frozen=True, slots=True)
class Checked:
    text: str
    headline: str = ""


def import_checked(*, items: Iterable[Checked], batch: int = 2000) -> list[int | None]:
    """The claim id of each item, in order (an item seen before keeps its claim)."""
    items = [Checked(" ".join(i.text.split()), " ".join(i.headline.split())[:500]) for i in items]
    prints = [claim_fingerprint(i.text, "") for i in items]
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, len(items), batch):
            Claim.objects.bulk_create(
                [
                    Claim(
                        text=i.text,
                        headline=i.headline,
                        fingerprint=fp,
                        kind=Claim.Kind.ASSERTION,
                        state=Claim.State.PUBLISHED,
                        published_at=now,
                    )
                    for i, fp in zip(items[start : start + batch], prints[start : start + batch], strict=True)
                    if i.text
                ],
                ignore_conflicts=True,
            )
    ids = dict(Claim.objects.filter(fingerprint__in=set(prints)).values_list("fingerprint", "pk"))
    found = [ids[fp] for fp in prints if fp in ids]
    retrieval.index_claims(claim_ids=retrieval.pending().filter(pk__in=found).values_list("pk", flat=True))
    return [ids.get(fp) for fp in prints]
