"""Sources: the article's text with its claims marked (never edited: appearances point into it by
offset), re-extraction, and the appearances list."""

from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from claims.admin import display
from claims.admin.base import FastChangeList
from claims.curation import reextraction
from claims.models import Appearance, Source


@admin.register(Source)
class SourceAdmin(FastChangeList):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "publisher", "published_on", "extractor_version", "created_at"]
    list_filter = ["raw_format", "extractor_version"]
    list_select_related = ["publisher"]
    search_fields = ["title", "url"]
    autocomplete_fields = ["publisher"]
    # The text is shown with its claims marked, never edited: appearances point into it by offset.
    fields = [
        "title",
        "url",
        "authors",
        "publisher",
        "published_on",
        "language",
        "text_with_claims",
        "content_hash",
        "extractor_version",
        "raw_format",
        "created_at",
    ]
    readonly_fields = ["text_with_claims", "content_hash", "extractor_version", "created_at", "raw_format"]
    actions = ["reextract"]
    change_form_template = "admin/claims/source/change_form.html"

    @admin.display(description="text, with its claims")
    def text_with_claims(self, source: Source):
        return display.source_with_claims(source)

    @admin.action(description="Re-run extraction (keeps every claim an editor touched)")
    def reextract(self, request: HttpRequest, queryset):
        for source_id in queryset.values_list("pk", flat=True)[:50]:
            self._reextract(request, source_id)

    def _reextract(self, request: HttpRequest, source_id: int) -> None:
        self.call_service(
            request,
            lambda: reextraction.reextract_source(source_id=source_id, user=request.user),
            lambda result: (
                f"Source {source_id}: {result.kept_curated} curated claim(s) kept, "
                f"{result.appearances_replaced} machine appearance(s) replaced, "
                f"{result.appearances_created} appearance(s) and {result.claims_created} claim(s) added."
            ),
        )

    def get_urls(self):
        reextract = path(
            "<int:source_id>/reextract/",
            self.admin_site.admin_view(self.reextract_view),
            name="claims_source_reextract",
        )
        return [reextract, *super().get_urls()]

    def reextract_view(self, request: HttpRequest, source_id: int):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:claims_source_change", args=[source_id]))
        get_object_or_404(Source, pk=source_id)
        self._reextract(request, source_id)
        return HttpResponseRedirect(reverse("admin:claims_source_change", args=[source_id]))


@admin.register(Appearance)
class AppearanceAdmin(FastChangeList):
    list_display = ["claim", "source", "speaker_mention", "cue", "stance", "rule", "said_on"]
    readonly_fields = ["found_by", "resolution"]

    @admin.display(description="found by")
    def found_by(self, appearance: Appearance) -> str:
        return display.found_by(appearance)

    list_select_related = ["claim", "source"]
    raw_id_fields = ["claim", "source"]
