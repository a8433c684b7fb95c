"""The editors' desk: subscriptions, the inbox, and webhooks for other tools."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from claims import crypto, net
from claims.models.claims import Claim
from claims.models.sources import Publisher
from claims.models.speakers import Speaker


class Subscription(models.Model):
    """An editor asks to be told of new claims by a speaker, from a publisher or a feed, or
    matching a saved search (every word of `query` in the claim's statement or speaker's name).
    Matched when claims are stored (claims.notify.subscriptions)."""

    class Kind(models.TextChoices):
        SPEAKER = "speaker", "A speaker"
        PUBLISHER = "publisher", "A publisher"
        FEED = "feed", "A feed"
        SEARCH = "search", "A saved search"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    publisher = models.ForeignKey(
        Publisher, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    feed = models.ForeignKey("Feed", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    query = models.CharField(max_length=200, blank=True, help_text="For a saved search: its words")
    email = models.BooleanField(default=True, help_text="Also by email (always in the admin inbox)")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="speaker", speaker__isnull=False, publisher__isnull=True, feed__isnull=True)
                    | Q(kind="publisher", publisher__isnull=False, speaker__isnull=True, feed__isnull=True)
                    | Q(kind="feed", feed__isnull=False, speaker__isnull=True, publisher__isnull=True)
                    | (
                        Q(kind="search", speaker__isnull=True, publisher__isnull=True, feed__isnull=True)
                        & ~Q(query="")
                    )
                ),
                name="subscription_names_its_one_subject",
                violation_error_message="A subscription follows one thing: the speaker, publisher or feed "
                "its kind names (and no other), or, for a saved search, its words.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"

    @property
    def subject(self) -> str:
        """What is followed, in words ("speaker Ada Quill", "search “school meals”")."""
        if self.kind == self.Kind.SEARCH:
            return f"search “{self.query}”"
        target = self.speaker or self.publisher or self.feed
        return f"{self.kind} {target}"


class Notification(models.Model):
    """One message in an editor's inbox: a new claim matching a subscription (at most one per
    editor and claim, however many of their subscriptions it matches), or a claim assigned."""

    class Reason(models.TextChoices):
        MATCH = "match", "A new claim you follow"
        ASSIGNED = "assigned", "Assigned to you"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    subscription = models.ForeignKey(
        Subscription, on_delete=models.SET_NULL, null=True, blank=True, related_name="notifications"
    )
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "inbox"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "claim"], condition=Q(reason="match"), name="notification_once_per_claim"
            )
        ]

    def __str__(self) -> str:
        return self.message


class WebhookEvent(models.TextChoices):
    CLAIM_CREATED = "claim.created", "Claim created"
    STATE_CHANGED = "claim.state_changed", "State changed"
    VERDICT_SET = "claim.verdict_set", "Verdict set"
    PUBLISHED = "claim.published", "Published"


def _webhook_secret() -> str:
    import base64
    import secrets

    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def _sealed_webhook_secret() -> str:
    """A secret no one has seen yet, encrypted: a webhook always has one to sign with, and the
    admin gives each new webhook a fresh one that it shows once (Webhook.new_secret)."""
    return crypto.seal(_webhook_secret())


class Webhook(models.Model):
    """Another tool told of claim events: POSTed JSON, signed by the Standard Webhooks scheme
    with its secret. An unpublished claim's events go only to endpoints whose owner may see drafts.
    Its URL must be one deliveries may reach (claims.net: no loopback or private address unless
    CLAIMS_FETCH_ALLOWED_NETWORKS allows it), checked when it is saved and on every delivery."""

    Event = WebhookEvent

    name = models.CharField(max_length=100)
    url = models.URLField(max_length=2000)
    secret = models.TextField(
        default=_sealed_webhook_secret,
        editable=False,
        help_text="The signing secret (whsec_…), encrypted (claims.crypto): shown once, when the webhook "
        "is created",
    )
    events = models.JSONField(default=list, help_text="Which events are sent (empty: all)")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Whose rights decide what it receives: without the right to see claims, published "
        "claims only",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def wants(self, event: str) -> bool:
        return self.active and (not self.events or event in self.events)

    def signing_secret(self) -> str:
        """The secret in clear, to sign with; crypto.Unreadable when the key has changed."""
        return crypto.unseal(self.secret)

    def new_secret(self) -> str:
        """Give the webhook a fresh secret, kept encrypted; returned in clear, to be shown once."""
        plain = _webhook_secret()
        self.secret = crypto.seal(plain)
        return plain

    def clean(self) -> None:
        if not self.url:
            return  # the field's own error says so
        try:
            net.resolve(self.url, allowed_networks=net.allowed_by_settings())
        except net.Refused as exc:
            # An administrator reads this: the detail (the address found) helps them.
            raise ValidationError({"url": exc.detail}) from None
        except net.Unreachable:
            pass  # a name that does not resolve just now: each delivery checks it again


class WebhookDelivery(models.Model):
    """One event for one endpoint, about a list of claims (up to
    claims.notify.webhooks.MAX_CLAIMS_PER_DELIVERY: a batch's new claims travel together): the row
    is the record of work (a Celery task sends it, and tries again with backoff), kept with the
    endpoint's answer."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (gave up)"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30, choices=WebhookEvent.choices)
    claim_ids = models.JSONField(default=list, help_text="The claims it tells of, in the order it lists them")
    message_id = models.CharField(max_length=40, unique=True)
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    lease = models.UUIDField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} to {self.webhook_id} ({self.state})"
