"""Publishers and the domains their articles come from."""

from django.contrib import admin

from claims.admin.base import FastChangeList
from claims.models import Publisher, PublisherDomain


class PublisherDomainInline(admin.TabularInline):
    model = PublisherDomain
    extra = 0


@admin.register(Publisher)
class PublisherAdmin(FastChangeList):
    list_display = ["name", "created_at"]
    search_fields = ["name", "domains__domain"]
    inlines = [PublisherDomainInline]
