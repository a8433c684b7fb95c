"""python manage.py ingest URL_OR_PATH... [--wait] [--inline] [--skip-ingested]"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.ingest import submission
from claims.ingest.jobs import run_inline
from claims.models import IngestJob


class Command(BaseCommand):
    help = "Ingest articles from URLs or files (plain text or HTML). Jobs go to the worker unless --inline."

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="URL_OR_PATH")
        parser.add_argument("--wait", action="store_true", help="follow the queued jobs until they end")
        parser.add_argument(
            "--inline", action="store_true", help="run the jobs in this process, not a worker"
        )
        parser.add_argument("--timeout", type=float, default=600, help="seconds --wait waits (default 600)")
        parser.add_argument(
            "--skip-ingested",
            action="store_true",
            help="skip a file whose bytes an ingest job already took in (done or under way)",
        )

    def handle(self, *args, inputs, wait, inline, timeout, skip_ingested, **options):
        if skip_ingested:
            inputs = [item for item in inputs if not self._ingested(item)]
            if not inputs:
                self.stdout.write("Every input was ingested before: nothing to do.")
                return
        jobs = [self._submit(item) for item in inputs]
        self.stdout.write(f"Created {len(jobs)} ingest job(s): {', '.join(str(j.pk) for j in jobs)}")
        if inline:
            for n, job in enumerate(jobs, 1):
                if job.state == IngestJob.State.FAILED:
                    self._report(n, len(jobs), job)
                    continue
                run_inline(job.pk)
                job.refresh_from_db()
                self._report(n, len(jobs), job)
        elif wait:
            self._wait([j.pk for j in jobs], timeout)
        failed = IngestJob.objects.filter(pk__in=[j.pk for j in jobs], state=IngestJob.State.FAILED).count()
        if failed and (inline or wait):
            raise CommandError(f"{failed} of {len(jobs)} job(s) failed")

    def _ingested(self, item: str) -> bool:
        """A file whose very bytes a job already holds, not failed (named on the output)."""
        path = Path(item)
        if item.startswith(("http://", "https://")) or not path.is_file():
            return False
        if path.stat().st_size > settings.CLAIMS_INGEST_MAX_BYTES:
            return False
        earlier = (
            IngestJob.objects.filter(filename=path.name, payload=path.read_bytes())
            .exclude(state=IngestJob.State.FAILED)
            .order_by("pk")
            .first()
        )
        if earlier is not None:
            self.stdout.write(f"Skipped {path.name}: ingested before, job {earlier.pk} ({earlier.state}).")
        return earlier is not None

    def _submit(self, item: str) -> IngestJob:
        if item.startswith(("http://", "https://")):
            return submission.submit_url(item)
        path = Path(item)
        if not path.is_file():
            raise CommandError(f"{item} is neither an http(s) URL nor a readable file")
        kind = IngestJob.Kind.HTML if path.suffix.lower() in (".html", ".htm") else IngestJob.Kind.FILE
        with path.open("rb") as handle:
            # One byte past the limit is enough to know a file is too large without reading it whole.
            data = handle.read(settings.CLAIMS_INGEST_MAX_BYTES + 1)
        return submission.submit_bytes(data, kind=kind, filename=path.name, size=path.stat().st_size)

    def _report(self, n: int, total: int, job: IngestJob) -> None:
        if job.state == IngestJob.State.DONE:
            self.stdout.write(
                self.style.SUCCESS(f"[{n}/{total}] job {job.pk} done: ")
                + f"{job.claims_created} new claims, {job.appearances_created} appearances, "
                f"{job.speakers_created} new speakers"
            )
        else:
            self.stdout.write(self.style.ERROR(f"[{n}/{total}] job {job.pk} {job.state}: {job.error}"))

    def _wait(self, ids: list[int], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        reported: set[int] = set()
        while len(reported) < len(ids):
            finished = IngestJob.objects.filter(
                pk__in=ids, state__in=[IngestJob.State.DONE, IngestJob.State.FAILED]
            ).exclude(pk__in=reported)
            for job in finished:
                reported.add(job.pk)
                self._report(len(reported), len(ids), job)
            if len(reported) == len(ids):
                break
            if time.monotonic() > deadline:
                raise CommandError(
                    f"{len(ids) - len(reported)} job(s) still unfinished after {timeout:g}s: is a worker running?"
                )
            time.sleep(0.5)
