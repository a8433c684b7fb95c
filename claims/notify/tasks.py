"""Celery tasks of claims.notify: thin callers that take ids."""

from celery import shared_task
from django.db import DatabaseError

from claims.notify import webhooks


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=60,
    time_limit=90,
    autoretry_for=(DatabaseError,),
    retry_backoff=5,
    max_retries=8,
)
def deliver_webhook(self, delivery_id: int) -> str:
    """Send one delivery; while the endpoint fails, try again after webhooks.backoff()."""
    attempt = webhooks.deliver(delivery_id)
    if attempt.retry_in is not None:
        raise self.retry(countdown=attempt.retry_in, max_retries=None)
    return "delivered" if attempt.delivered else "not sent"


@shared_task(
    soft_time_limit=50, time_limit=60, autoretry_for=(DatabaseError,), max_retries=3, retry_backoff=5
)
def resend_due_webhooks() -> int:
    """Deliveries whose message was lost (a broker restart, a worker killed): sent again."""
    due = webhooks.due_deliveries()
    for delivery_id in due:
        deliver_webhook.delay(delivery_id)
    return len(due)
