import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()


def _warm_search_index() -> None:
    # Each web process holds its own copy of the claims' embeddings (claims.retrieval.dense); it
    # is read in the background at start-up rather than by the first search. Imported in each
    # worker after the fork (gunicorn without --preload), so each worker's thread is its own.
    from django.conf import settings

    if settings.CLAIMS_SEARCH_WARM:
        from claims.retrieval import dense

        dense.warm_in_background()


_warm_search_index()
