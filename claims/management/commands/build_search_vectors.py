"""python manage.py build_search_vectors: build the shared snapshot of the claims' embeddings
(claims.retrieval.dense) again from the search entries, the record of truth. The web processes
load it at their next search, in the background. They build it themselves when there is none; run
this after restoring or regenerating the database."""

from django.core.management.base import BaseCommand

from claims.retrieval import dense


class Command(BaseCommand):
    help = "Build the shared snapshot of the claims' embeddings again from the search entries."

    def handle(self, *args, **options):
        snapshot = dense.build_shared()
        self.stdout.write(
            f"{snapshot.count:,} claims' vectors written to {dense.directory()} in {snapshot.seconds:.1f} s"
        )
