from django.core.management.base import BaseCommand

from claims.ingest.submission import recover_stalled_jobs


class Command(BaseCommand):
    help = "Send again ingest jobs that are queued or running past their lease (what beat does every minute)."

    def handle(self, *args, **options):
        count = recover_stalled_jobs()
        self.stdout.write(f"Re-sent {count} stalled job(s).")
