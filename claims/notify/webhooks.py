"""Other tools told of claim events by webhook, the Standard Webhooks way
(https://www.standardwebhooks.com): a JSON body {"type", "timestamp", "data": {"claims": [...]}}
POSTed with `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, signed with the
endpoint's secret by the `standardwebhooks` package, so a receiver verifies it with the same
package. A batch's new claims reach each endpoint together, in lists of MAX_CLAIMS_PER_DELIVERY.

A delivery row is written in the transaction of the change it reports (the row is the record of
work to do); a Celery task sends it once that commits, and again with growing delays while the
endpoint fails (5xx, 408, 429, no answer), up to MAX_ATTEMPTS. Unpublished claims' events go
only to endpoints whose owner may see drafts.
"""

import http.client
import json
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from standardwebhooks.webhooks import Webhook as Signer

from claims import crypto, net
from claims.models import Claim, Webhook, WebhookDelivery
from claims.notify.payloads import claim_data
from claims.oncommit import after_commit

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
TIMEOUT = 10.0
MAX_RESPONSE = 2000  # characters of the endpoint's answer kept on the delivery
# Claims one delivery tells of: a batch's new claims go to each endpoint in lists of this many,
# so a body stays a few hundred kilobytes however large the batch.
MAX_CLAIMS_PER_DELIVERY = 100


def backoff(attempts: int) -> int:
    """Seconds before the next try after `attempts` failed ones: 10 s, 20 s, 40 s, ... up to an hour."""
    return min(3600, 10 * 2 ** max(0, attempts - 1))


def may_receive(webhook: Webhook, claim: Claim) -> bool:
    """An endpoint receives what its owner may see (no owner: what the public sees)."""
    return claim.is_visible_to(webhook.owner)


def _wanting(event: str) -> list[Webhook]:
    """The active endpoints that want this event."""
    return [hook for hook in Webhook.objects.filter(active=True).select_related("owner") if hook.wants(event)]


def emit_for_ids(*, event: str, claim_ids: Iterable[int]) -> list[WebhookDelivery]:
    """emit() for claims known by their ids, read only when some endpoint wants the event (an
    ingest worker storing articles for a newsroom without webhooks reads nothing)."""
    hooks = _wanting(event)
    if not hooks:
        return []
    claims = list(Claim.objects.select_related("speaker", "verdict").filter(pk__in=list(claim_ids)))
    return _deliveries(event=event, hooks=hooks, claims=claims)


def emit(*, event: str, claims: list[Claim]) -> list[WebhookDelivery]:
    """Record the deliveries of `event` for these claims: to each endpoint that wants it, the
    claims it may see, in lists of up to MAX_CLAIMS_PER_DELIVERY (one body, signed once, retried
    as one: a batch of new claims is a few messages, not one per claim and endpoint); each is
    sent once the caller's transaction commits."""
    return _deliveries(event=event, hooks=_wanting(event), claims=claims)


def _deliveries(*, event: str, hooks: list[Webhook], claims: list[Claim]) -> list[WebhookDelivery]:
    if not hooks or not claims:
        return []
    now = timezone.now()
    data = {claim.pk: claim_data(claim) for claim in claims}
    rows = []
    for hook in hooks:
        told = [claim.pk for claim in claims if may_receive(hook, claim)]
        for start in range(0, len(told), MAX_CLAIMS_PER_DELIVERY):
            ids = told[start : start + MAX_CLAIMS_PER_DELIVERY]
            rows.append(
                WebhookDelivery(
                    webhook=hook,
                    event=event,
                    claim_ids=ids,
                    message_id=f"msg_{uuid.uuid4().hex}",
                    payload=payload(event=event, at=now, claims=[data[pk] for pk in ids]),
                    next_attempt_at=now,
                )
            )
    made = WebhookDelivery.objects.bulk_create(rows)
    if made:
        after_commit(_send_later, [d.pk for d in made])
    return made


def payload(*, event: str, at: datetime, claims: list[dict[str, Any]]) -> dict[str, Any]:
    """The body of every delivery, whatever the event: the Standard Webhooks envelope, its data a
    list of the claims it tells of (one for an editor's change, up to MAX_CLAIMS_PER_DELIVERY for
    a batch's new claims), so that a receiver reads every event one way."""
    return {"type": event, "timestamp": at.isoformat(), "data": {"claims": claims}}


def _send_later(delivery_ids: list[int]) -> None:
    from claims.notify.tasks import deliver_webhook  # the task module imports this one

    for delivery_id in delivery_ids:
        deliver_webhook.delay(delivery_id)


def sign(*, secret: str, message_id: str, at: datetime, body: bytes) -> dict[str, str]:
    """The Standard Webhooks headers for this body."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Signer(secret).sign(message_id, at, body),
        "Content-Type": "application/json",
    }


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one try came to: delivered, or the seconds until the next one (None: given up, or
    not this run's to send)."""

    delivered: bool
    retry_in: int | None = None


def deliver(delivery_id: int) -> Attempt:
    """Try to send one delivery. Claimed with a conditional UPDATE (a fresh lease), so a message
    delivered twice sends it once; the answer is recorded either way."""
    lease = uuid.uuid4()
    claimed = WebhookDelivery.objects.filter(pk=delivery_id, state=WebhookDelivery.State.PENDING).update(
        lease=lease, next_attempt_at=timezone.now() + timedelta(seconds=TIMEOUT * 3)
    )
    if claimed != 1:
        return Attempt(False)
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    try:
        secret = delivery.webhook.signing_secret()
    except crypto.Unreadable as exc:
        # Signing with anything else would be refused by the receiver: not worth trying again.
        status, answer, error, refused = None, "", f"not sent: {exc}", True
    else:
        headers = sign(secret=secret, message_id=delivery.message_id, at=timezone.now(), body=body)
        status, answer, error, refused = _post(delivery.webhook.url, body=body, headers=headers)
    attempts = delivery.attempts + 1
    ok = status is not None and 200 <= status < 300
    permanent = refused or (status is not None and 400 <= status < 500 and status not in (408, 425, 429))
    if ok:
        state, retry_in = WebhookDelivery.State.DELIVERED, None
    elif permanent or attempts >= MAX_ATTEMPTS:
        state, retry_in = WebhookDelivery.State.FAILED, None
    else:
        state, retry_in = WebhookDelivery.State.PENDING, backoff(attempts)
    now = timezone.now()
    WebhookDelivery.objects.filter(pk=delivery_id, lease=lease).update(
        state=state,
        attempts=attempts,
        lease=None,
        response_status=status,
        response_body=answer[:MAX_RESPONSE],
        error=error,
        delivered_at=now if ok else None,
        next_attempt_at=now + timedelta(seconds=retry_in) if retry_in is not None else None,
    )
    if not ok:
        logger.info("webhook delivery %s: %s (attempt %d)", delivery_id, error or status, attempts)
    return Attempt(ok, retry_in)


def due_deliveries(*, now: datetime | None = None) -> list[int]:
    """Pending deliveries whose time has come (their message lost, or a worker died while sending)."""
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )


def _post(url: str, *, body: bytes, headers: dict[str, str]) -> tuple[int | None, str, str, bool]:
    """(status, the answer's first characters, error in words, refused): POST to a checked
    address only; `refused`: the URL may not be reached at all (not worth trying again)."""
    try:
        conn, host, target = net.connection(
            url, allowed_networks=net.allowed_by_settings(), connect_timeout=TIMEOUT, read_timeout=TIMEOUT
        )
    except net.Refused as exc:
        return None, "", exc.detail, True  # shown in the admin only
    except net.Unreachable as exc:
        return None, "", str(exc), False
    try:
        conn.request("POST", target, body=body, headers={"Host": host, "User-Agent": _agent(), **headers})
        response = conn.getresponse()
        answer = response.read(MAX_RESPONSE * 4).decode("utf-8", "replace")
        error = "" if response.status < 300 else f"answered {response.status} {response.reason}"
        return response.status, answer, error, False
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        return None, "", f"could not reach {url}: {exc}", False
    finally:
        conn.close()


def _agent() -> str:
    return f"{settings.CLAIMS_FETCH_USER_AGENT} webhooks"
