"""python manage.py import_claimreview FILE_OR_URL [--no-link] [--batch N]"""

import io
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.ingest import claimreview, fetching
from claims.ingest.errors import IngestError
from claims.retrieval import external


class Command(BaseCommand):
    help = (
        "Import other fact-checkers' ClaimReview: a DataFeed JSON-LD document, JSON lines of "
        "ClaimReview objects, or a web page's embedded JSON-LD, from a file or a URL. Re-importing "
        "is idempotent; bad records are counted and skipped with their reasons."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", metavar="FILE_OR_URL")
        parser.add_argument("--no-link", action="store_true", help="do not link the reviews to our claims")
        parser.add_argument(
            "--batch", type=int, default=1000, help="reviews written at a time (default 1000)"
        )

    def handle(self, *args, input, no_link, batch, **options):
        if input.startswith(("http://", "https://")):
            try:
                fetched = fetching.polite_fetch(
                    input, accept=fetching.ANY_TYPE, max_bytes=settings.CLAIMS_FEED_MAX_BYTES
                )
            except IngestError as exc:
                raise CommandError(str(exc)) from None

            def open_input():
                return io.BytesIO(fetched.body)

            address = fetched.url
        else:
            path = Path(input)
            if not path.is_file():
                raise CommandError(f"{input} is neither an http(s) URL nor a readable file")

            def open_input():
                return path.open("rb")

            address = ""

        def progress(done: claimreview.Imported) -> None:
            self.stdout.write(
                f"  {done.read:,} records read: {done.created:,} new, {done.updated:,} updated, "
                f"{done.unchanged:,} unchanged, {done.skipped:,} skipped, {done.merged:,} repeats merged"
            )

        try:
            result = claimreview.import_reviews(
                claimreview.records(open_input, url=address), found_at=input, batch=batch, progress=progress
            )
        except OSError as exc:
            raise CommandError(f"{input} cannot be read: {exc.strerror or exc}") from None
        for reason in result.reasons[:20]:
            self.stdout.write(f"  skipped {reason}")
        if result.skipped > 20:
            self.stdout.write(f"  ... and {result.skipped - 20:,} more skipped")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.read:,} records from {input}: {result.created:,} new, {result.updated:,} "
                f"updated, {result.unchanged:,} unchanged, {result.skipped:,} skipped, {result.merged:,} "
                "repeats of an address merged."
            )
        )
        if not no_link and result.review_ids:
            started = time.perf_counter()

            def linking(done: int, total: int, linked: external.Linked) -> None:
                rate = done / max(time.perf_counter() - started, 1e-9)
                self.stdout.write(
                    f"  linking: {done:,}/{total:,} reviews ({rate:.0f}/s), {linked.confirmed:,} confirmed, "
                    f"{linked.suggested:,} suggested"
                )

            linked = external.link_reviews(review_ids=result.review_ids, progress=linking)
            self.stdout.write(
                f"Linked to our claims: {linked.confirmed:,} strong matches confirmed, "
                f"{linked.suggested:,} suggested for an editor "
                f"({linked.reviews:,} reviews in {time.perf_counter() - started:.1f} s)."
            )
