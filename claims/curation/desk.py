"""The editors' desk: what needs attention today, as counts that each link into a filtered list.

Every count is capped (COUNT over at most CAP + 1 rows, read from an index), so the dashboard
costs the same at a million claims as at a thousand: "1,000+" is all an editor needs to know.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, Feed, IngestJob, Notification

CAP = 1000


@dataclass(frozen=True, slots=True)
class Count:
    """One line of the dashboard: how many, in words, and the list that shows them."""

    label: str
    count: int
    url: str
    capped: bool = False

    @property
    def shown(self) -> str:
        return f"{CAP:,}+" if self.capped else f"{self.count:,}"


@dataclass(slots=True)
class Desk:
    queue: list[Claim] = field(default_factory=list)  # the most check-worthy new claims
    counts: list[Count] = field(default_factory=list)
    by_state: list[Count] = field(default_factory=list)


def capped(queryset: QuerySet) -> tuple[int, bool]:
    """(count, capped): the number of rows, counting no further than CAP."""
    found = queryset.order_by()[: CAP + 1].count()
    return min(found, CAP), found > CAP


def count(label: str, queryset: QuerySet, url: str) -> Count:
    number, over = capped(queryset)
    return Count(label, number, url, over)


def curators() -> QuerySet[User]:
    """Who may be given claims: active staff who may change claims (through a group or directly)."""
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="change_claim")
            | Q(user_permissions__codename="change_claim")
        )
        .distinct()
        .order_by("username")
    )


def desk(*, user: User) -> Desk:
    claims = reverse("admin:claims_claim_changelist")
    jobs = reverse("admin:claims_ingestjob_changelist")
    feeds = reverse("admin:claims_feed_changelist")
    inbox = reverse("admin:claims_notification_changelist")
    now = timezone.now()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    lease = now - timedelta(seconds=settings.CLAIMS_JOB_LEASE_SECONDS)
    new = Claim.objects.filter(state=Claim.State.NEW)
    out = Desk(queue=list(new.select_related("speaker").order_by("-checkworthiness", "-pk")[:10]))
    out.counts = [
        count("New claims to triage", new, f"{claims}?state__exact=new&o=-6"),
        count(
            "Assigned to me, not yet reviewed",
            Claim.objects.filter(assigned_to=user, state__in=[Claim.State.NEW, Claim.State.ACCEPTED]),
            f"{claims}?assigned=me",
        ),
        count(
            "Unread in my inbox",
            Notification.objects.filter(user=user, read_at__isnull=True),
            f"{inbox}?read=unread",
        ),
        count(
            "Failed ingest jobs",
            IngestJob.objects.filter(state=IngestJob.State.FAILED),
            f"{jobs}?state__exact=failed",
        ),
        count(
            "Stalled ingest jobs (past their lease)",
            IngestJob.objects.filter(state=IngestJob.State.RUNNING, started_at__lt=lease),
            f"{jobs}?state__exact=running",
        ),
        count("Feeds switched off", Feed.objects.filter(active=False), f"{feeds}?active__exact=0"),
        count(
            "Articles ingested today",
            IngestJob.objects.filter(state=IngestJob.State.DONE, created_at__gte=today),
            f"{jobs}?state__exact=done",
        ),
    ]
    out.by_state = [
        count(label, Claim.objects.filter(state=state), f"{claims}?state__exact={state}")
        for state, label in Claim.State.choices
    ]
    return out
