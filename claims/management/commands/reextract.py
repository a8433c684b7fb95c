"""Run the current extractor again over the sources an earlier version read, after an upgrade.

Every claim an editor touched is kept as it is (claims.curation.reextraction); the machine's own
earlier output is replaced. Each source is its own transaction and records the version that read
it, so an interrupted run is simply started again.
"""

from django.core.management.base import BaseCommand, CommandError

from claims import extraction
from claims.curation import reextraction


class Command(BaseCommand):
    help = "Re-extract the sources an earlier extractor version read (editors' work is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="stop after this many sources")
        parser.add_argument(
            "--dry-run", action="store_true", help="only count the outdated sources, by version"
        )

    def handle(self, *args, limit: int | None, dry_run: bool, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1")
        outdated = reextraction.outdated_sources()
        by_version = sorted(outdated.values_list("extractor_version", flat=True).distinct())
        total = outdated.count()
        self.stdout.write(
            f"{total:,} sources read by an earlier extractor ({', '.join(by_version) or 'none'}); "
            f"this one is {extraction.ENGINE_VERSION}"
        )
        if dry_run or not total:
            return
        goal = min(total, limit) if limit else total

        def progress(source_id: int, totals: reextraction.Reextracted) -> None:
            self.stdout.write(f"\r{totals.sources:,}/{goal:,} sources re-extracted", ending="")
            self.stdout.flush()

        totals = reextraction.reextract_outdated(limit=limit, progress=progress)
        self.stdout.write(
            f"\n{totals.sources:,} sources re-extracted: {totals.claims_created:,} claims and "
            f"{totals.appearances_created:,} appearances added, {totals.appearances_replaced:,} "
            f"machine appearances replaced, {totals.claims_removed:,} claims left with none removed, "
            f"{totals.kept_curated:,} curated claims kept"
        )
