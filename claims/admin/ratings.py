"""The rating scale verdicts are chosen from."""

from django.contrib import admin

from claims.admin.base import FastChangeList
from claims.models import Rating


@admin.register(Rating)
class RatingAdmin(FastChangeList):
    list_display = ["value", "label", "description"]
