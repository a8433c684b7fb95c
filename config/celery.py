"""The Celery application. Settings come from Django's, under the CELERY_ prefix."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("claims")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The tasks live with the stage they serve (claims.ingest.tasks), not in an app's tasks.py.
app.autodiscover_tasks(["claims.ingest", "claims.notify", "claims.retrieval"])

# Claims' embeddings are made on a queue of their own (claims.retrieval.tasks), named after the
# default one; a worker started without -Q reads both (`make run`, `make worker`, docker-compose).
INDEX_TASKS = {"claims.tasks.embed_claims", "claims.tasks.index_pending_claims"}


def index_queue() -> str:
    return f"{app.conf.task_default_queue}-index"


def _route(name, args, kwargs, options, task=None, **kw):
    return {"queue": index_queue()} if name in INDEX_TASKS else None


app.conf.task_routes = (_route,)
app.conf.task_queues = (Queue(app.conf.task_default_queue), Queue(index_queue()))


# Celery's Django fix-up closes the database connection after every task unless
# CELERY_DB_REUSE_MAX is set (config/settings/base.py sets it): a new PostgreSQL connection per
# task, and a backend with cold caches, cost several milliseconds of both cores a job. Instead the
# worker treats each task as Django treats a request: close_old_connections() before and after
# drops a connection past CONN_MAX_AGE or broken by an error (a database restart), and
# CONN_HEALTH_CHECKS tests a reused one before its first query.
@task_prerun.connect
@task_postrun.connect
def _close_old_connections(sender=None, **kwargs) -> None:
    if sender is not None and getattr(sender.request, "is_eager", False):
        return  # run inside the caller, perhaps in its transaction: its connection is not ours
    from django.db import close_old_connections

    close_old_connections()
