"""The Celery application. Settings come from Django's, under the CELERY_ prefix."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("claims")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The tasks live with the stage they serve (claims.ingest.tasks), not in an app's tasks.py.
app.autodiscover_tasks(["claims.ingest", "claims.notify"])


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
