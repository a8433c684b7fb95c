"""Give stored sources without a language one (claims.store.language): the language their page
declares, else the one their text reads as. Sources stored before languages were identified have
none, so `claims:search?languageCode=en` could not find their claims. Idempotent; shows progress."""

import time

from django.core.management.base import BaseCommand

from claims.store import language


class Command(BaseCommand):
    help = "Detect the language of every source that has none (declared by its page, else identified)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch: int, **options):
        started = time.perf_counter()
        examined = given = total = 0
        for examined, given, total in language.fill_missing(batch=batch):
            rate = examined / max(time.perf_counter() - started, 1e-9)
            self.stdout.write(
                f"\r{examined:,}/{total:,} sources examined, {given:,} given a language ({rate:.0f}/s)",
                ending="",
            )
            self.stdout.flush()
        self.stdout.write(
            f"\n{given:,} of {examined:,} sources without a language were given one "
            f"in {time.perf_counter() - started:.1f} s"
        )
