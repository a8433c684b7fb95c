"""The rating scale verdicts are chosen from."""

from django.contrib import admin

from claims.models import Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["value", "label", "description"]
