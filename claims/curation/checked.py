"""Claims already checked elsewhere, brought into the record to be found: a statement and the
headline of its fact check, stored published with no speaker (the checker names none), indexed
for retrieval. Idempotent: the same statement again is the same claim."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from claims import retrieval
from claims.models import Claim


@dataclass(frozen=True, slots=True)
class Checked:
    text: str
    headline: str = ""


def import_checked(*, items: Iterable[Checked], batch: int = 2000) -> list[int | None]:
    """The claim id of each item, in order (an item seen before keeps its claim)."""
    items = [Checked(" ".join(i.text.split()), " ".join(i.headline.split())[:500]) for i in items]
    now = timezone.now()
    claims = [
        Claim(
            text=i.text,
            headline=i.headline,
            kind=Claim.Kind.ASSERTION,
            state=Claim.State.PUBLISHED,
            published_at=now,
        )
        for i in items
    ]
    prints = [claim.rekey() for claim in claims]
    with transaction.atomic():
        for start in range(0, len(claims), batch):
            Claim.objects.bulk_create(
                [claim for claim in claims[start : start + batch] if claim.text], ignore_conflicts=True
            )
    ids = dict(Claim.objects.filter(fingerprint__in=set(prints)).values_list("fingerprint", "pk"))
    found = [ids[fp] for fp in prints if fp in ids]
    retrieval.index_claims(claim_ids=retrieval.pending().filter(pk__in=found).values_list("pk", flat=True))
    return [ids.get(fp) for fp in prints]
