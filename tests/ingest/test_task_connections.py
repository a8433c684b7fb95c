"""config/celery.py closes old database connections around each task, as Django does around a
request, but not for a task run eagerly inside its caller, whose connection (and perhaps open
transaction) is the caller's. Connection reuse by real workers: tests/integration."""

from types import SimpleNamespace

from config import celery as celery_app


def _task(eager: bool) -> SimpleNamespace:
    return SimpleNamespace(request=SimpleNamespace(is_eager=eager))


def test_old_connections_are_closed_around_worker_tasks_only(monkeypatch):
    calls = []
    monkeypatch.setattr("django.db.close_old_connections", lambda: calls.append("closed"))
    celery_app._close_old_connections(sender=_task(eager=True))
    assert calls == []
    celery_app._close_old_connections(sender=_task(eager=False))
    assert calls == ["closed"]
