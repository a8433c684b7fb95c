"""The editors' desk in the admin: each editor's inbox (claims assigned to them, new claims they
follow) and subscriptions, which every curator manages for themselves; webhooks for other tools
and their deliveries, which need the webhook permissions (administrators by default)."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from claims.admin.base import FastChangeList, plural
from claims.models import Notification, Subscription, Webhook, WebhookDelivery, WebhookEvent, may_see_drafts
from claims.notify import inbox, tasks


def _curates(request: HttpRequest) -> bool:
    return request.user.is_staff and may_see_drafts(request.user)


class ReadFilter(admin.SimpleListFilter):
    title = "read"
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return [("unread", "Unread"), ("read", "Read")]

    def queryset(self, request, queryset):
        if self.value() == "unread":
            return queryset.filter(read_at__isnull=True)
        if self.value() == "read":
            return queryset.filter(read_at__isnull=False)
        return queryset


class OwnRows(FastChangeList):
    """Rows that belong to one editor: each sees and manages only their own."""

    def has_module_permission(self, request):
        return _curates(request)

    def has_view_permission(self, request, obj=None):
        return _curates(request) and (obj is None or obj.user_id == request.user.pk)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)


@admin.register(Notification)
class InboxAdmin(OwnRows):
    list_display = ["message_link", "reason", "created_at", "read_at"]
    list_filter = [ReadFilter, "reason"]
    list_select_related = ["claim"]
    actions = ["mark_read"]
    ordering = ["-created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="message")
    def message_link(self, notification: Notification):
        url = reverse("admin:claims_claim_change", args=[notification.claim_id])
        style = "" if notification.read_at else "font-weight: bold"
        return format_html('<a href="{}" style="{}">{}</a>', url, style, notification.message)

    @admin.action(description="Mark as read")
    def mark_read(self, request: HttpRequest, queryset):
        self.call_service(
            request,
            lambda: inbox.mark_read(
                user=request.user, notification_ids=queryset.values_list("pk", flat=True)
            ),
            lambda n: f"Marked {plural(n, 'notification')} read.",
        )


@admin.register(Subscription)
class SubscriptionAdmin(OwnRows):
    list_display = ["subject", "email", "created_at"]
    fields = ["kind", "speaker", "publisher", "feed", "query", "email"]
    autocomplete_fields = ["speaker", "publisher"]
    raw_id_fields = ["feed"]

    def has_add_permission(self, request):
        return _curates(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.user = request.user
        super().save_model(request, obj, form, change)


class WebhookForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https", label="URL")
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None ticked: every event.",
    )

    class Meta:
        model = Webhook
        fields = ["name", "url", "events", "owner", "active"]


@admin.register(Webhook)
class WebhookAdmin(FastChangeList):
    """A webhook's secret is made when it is saved the first time and shown then, once, as an API
    token's key is: it is kept encrypted and no page shows it again."""

    form = WebhookForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "url", "active", "owner", "created_at"]
    fields = ["name", "url", "events", "owner", "active"]
    autocomplete_fields = ["owner"]

    def get_changeform_initial_data(self, request):
        return {"owner": request.user.pk, "events": []}

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        secret = obj.new_secret()
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            f"The secret of “{obj.name}” is {secret} . Copy it now and give it to the receiver, which "
            "verifies each delivery's webhook-signature header with it (e.g. with the standardwebhooks "
            "package): it is stored encrypted and will not be shown again.",
        )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(FastChangeList):
    list_display = [
        "event",
        "webhook",
        "claims_told",
        "state",
        "attempts",
        "response_status",
        "created_at",
        "delivered_at",
    ]
    list_filter = ["state", "event"]
    list_select_related = ["webhook"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="claims")
    def claims_told(self, delivery: WebhookDelivery) -> str:
        ids = delivery.claim_ids or []
        shown = ", ".join(str(pk) for pk in ids[:5]) + (", …" if len(ids) > 5 else "")
        return f"{plural(len(ids), 'claim')}: {shown}" if ids else "none"

    @admin.action(description="Send again now")
    def send_again(self, request: HttpRequest, queryset):
        ids = list(queryset.values_list("pk", flat=True)[:200])
        WebhookDelivery.objects.filter(pk__in=ids).update(
            state=WebhookDelivery.State.PENDING, next_attempt_at=timezone.now(), lease=None
        )
        for delivery_id in ids:
            tasks.deliver_webhook.delay(delivery_id)
        self.message_user(request, f"Sending {plural(len(ids), 'delivery')} again.")
