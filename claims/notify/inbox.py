"""Editors' inboxes, and the email that goes with them (Django's mail backend: the console in
`make run`, SMTP where EMAIL_HOST is set)."""

import logging
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.mail import send_mail
from django.utils import timezone

from claims.models import Claim, Notification
from claims.notify.payloads import admin_url
from claims.oncommit import after_commit
from claims.serve import statements

logger = logging.getLogger(__name__)

# Notifications one email lists (a batch may tell an editor of hundreds of claims): the rest are
# counted, and every one is in the inbox.
EMAIL_LISTS = 50


def tell_assigned(*, claims: list[Claim], assignee: User, by: User | None) -> list[Notification]:
    """The assignee is told of the claims given to them (in the inbox, and by email once the
    assignment commits)."""
    who = by.get_username() if by is not None else "The system"
    due = {c.pk: f", due {c.due_on:%d %B %Y}" if c.due_on else "" for c in claims}
    made = Notification.objects.bulk_create(
        [
            Notification(
                user=assignee,
                claim=claim,
                reason=Notification.Reason.ASSIGNED,
                message=f"{who} assigned you claim {claim.pk}{due[claim.pk]}: {short(claim)}"[:500],
            )
            for claim in claims
        ]
    )
    after_commit(email, [n.pk for n in made])
    return made


def email(notification_ids: Iterable[int]) -> int:
    """Send each user one email listing their notifications not emailed yet (of these); how many
    emails were sent. A mail server that fails is logged: the inbox keeps the notifications."""
    pending = (
        Notification.objects.filter(pk__in=list(notification_ids), emailed_at__isnull=True)
        .exclude(user__email="")
        .exclude(subscription__email=False)
        .select_related("user", "claim")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in pending:
        by_user[notification.user_id].append(notification)
    sent = 0
    for notes in by_user.values():
        user = notes[0].user
        lines = [f"- {one_line(n.message)}\n  {admin_url(n.claim)}" for n in notes[:EMAIL_LISTS]]
        if len(notes) > EMAIL_LISTS:
            lines.append(f"- and {len(notes) - EMAIL_LISTS:,} more")
        subject = notes[0].message if len(notes) == 1 else f"{len(notes)} claims for you"
        try:
            send_mail(
                one_line(subject)[:150],
                "\n".join(lines) + "\n\nAll of them are in your inbox in the admin.\n",
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        except SoftTimeLimitExceeded:
            raise  # the task's time is up: it stops (the inbox keeps these)
        except Exception:
            # Whatever this one email's failure (the mail server, a header the mail library
            # refuses), the others are still sent; the inbox keeps these for the user.
            logger.exception("could not email %s their %d notifications", user.get_username(), len(notes))
            continue
        Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=timezone.now())
        sent += 1
    return sent


def one_line(text: str) -> str:
    """The text on one line: control characters and line or paragraph separators become spaces,
    runs of white space one. Saved searches and claims are user text; in a mail header a line
    break is refused by the mail library, or would start a header of its own."""
    spaced = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    return " ".join(spaced.split())


def mark_read(*, user: AbstractBaseUser | AnonymousUser, notification_ids: Iterable[int]) -> int:
    """Mark these of the user's notifications read; how many were unread."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(
        user_id=user.pk, pk__in=list(notification_ids), read_at__isnull=True
    ).update(read_at=timezone.now())


def short(claim: Claim) -> str:
    text = statements.statement(claim)
    return text if len(text) <= 200 else text[:199] + "…"
