"""Index claims that are not indexed yet (created before the index, by COPY, or indexed by another
embedding model): their anchors, so that variants of their statements find them, and their search
entries (claims.retrieval: the words searched and the sentence embedding). Idempotent; shows
progress, and the search pass its speed and memory."""

import resource
import time

from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef

from claims import retrieval
from claims.models import Claim, ClaimAnchor
from claims.store import matching


class Command(BaseCommand):
    help = "Index every claim's text for similar-claim matching (only those not indexed yet)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=10_000)
        parser.add_argument("--search-only", action="store_true", help="only the search entries")

    def handle(self, *args, batch: int, search_only: bool, **options):
        if not search_only:
            self._anchors(batch)
        self._search_entries()

    def _search_entries(self) -> None:
        ids = list(retrieval.pending().order_by("pk").values_list("pk", flat=True))
        self.stdout.write(f"{len(ids):,} claims to index for search")
        started, done = time.perf_counter(), 0
        for start in range(0, len(ids), 1000):
            done += retrieval.index_claims(claim_ids=ids[start : start + 1000])
            rate = done / max(time.perf_counter() - started, 1e-9)
            self.stdout.write(f"\r{done:,}/{len(ids):,} claims indexed for search ({rate:.0f}/s)", ending="")
            self.stdout.flush()
        took = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"\n{done:,} claims indexed for search in {took:.1f} s "
            f"({done / took if took else 0:.0f} claims/s; peak memory {peak:.0f} MB)"
        )

    def _anchors(self, batch: int) -> None:
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
