"""Feeds: their schedule and health, polled now or switched on again."""

from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest

from claims.admin.base import FastChangeList
from claims.ingest import feeds
from claims.models import Feed

_FIELDS = (
    "url",
    "kind",
    "publisher",
    "interval_minutes",
    "active",
    "health",
    "disabled_reason",
    "last_error",
    "consecutive_errors",
    "last_polled_at",
    "last_success_at",
    "last_failure_at",
    "next_poll_at",
    "items_found",
    "jobs_created",
    "etag",
    "last_modified",
    "created_at",
)


@admin.register(Feed)
class FeedAdmin(FastChangeList):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "url",
        "kind",
        "publisher",
        "health",
        "interval_minutes",
        "last_success_at",
        "consecutive_errors",
        "error_summary",
        "next_poll_at",
        "jobs_created",
    ]
    list_filter = ["active", "kind"]
    list_select_related = ["publisher"]
    search_fields = ["url"]
    autocomplete_fields = ["publisher"]
    fields = _FIELDS
    readonly_fields = tuple(
        f for f in _FIELDS if f not in ("url", "kind", "publisher", "interval_minutes", "active")
    )
    actions = ["poll_now", "switch_on"]

    @admin.display(description="health")
    def health(self, feed: Feed) -> str:
        return feed.health

    @admin.display(description="last error")
    def error_summary(self, feed: Feed) -> str:
        return feed.last_error[:100]

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request: HttpRequest, queryset) -> None:
        count = feeds.poll_now(list(queryset.values_list("pk", flat=True)[:200]))
        self.message_user(request, f"{count} feed(s) will be polled now.", messages.SUCCESS)

    @admin.action(description="Switch the selected feeds on again (clears their errors)")
    def switch_on(self, request: HttpRequest, queryset) -> None:
        count = feeds.reactivate(list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{count} feed(s) switched on.", messages.SUCCESS)
