"""Store the anchors of claims that have none (claims created before the index, or by COPY), so
that variants of their statements find them. Idempotent; shows progress."""

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef

from claims.models import Claim, ClaimAnchor
from claims.services import matching


class Command(BaseCommand):
    help = "Index every claim's text for similar-claim matching (only those not indexed yet)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=10_000)

    def handle(self, *args, batch: int, **options):
        pending = Claim.objects.filter(~Exists(ClaimAnchor.objects.filter(claim=OuterRef("pk"))))
        total = pending.count()
        self.stdout.write(f"{total:,} claims to index")
        done, last = 0, 0
        while True:
            rows = list(
                Claim.objects.filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", "text", "speaker_id")[:batch]
            )
            if not rows:
                break
            last = rows[-1][0]
            have = set(
                ClaimAnchor.objects.filter(claim_id__gte=rows[0][0], claim_id__lte=last)
                .values_list("claim_id", flat=True)
                .distinct()
            )
            todo = [row for row in rows if row[0] not in have]
            matching.index(todo)
            done += len(todo)
            if todo:
                self.stdout.write(f"\r{done:,}/{total:,} claims indexed", ending="")
                self.stdout.flush()
        self.stdout.write(f"\n{done:,} claims indexed")
