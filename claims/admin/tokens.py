"""API tokens in the admin: created with a name and an expiry, their key shown once, on the page
that follows creation; afterwards only the first characters, to tell tokens apart."""

from datetime import timedelta

from django.contrib import admin, messages
from django.utils import timezone
from rest_framework.authtoken.models import TokenProxy

from claims.admin.base import FastChangeList
from claims.models import ApiToken

DEFAULT_LIFETIME = timedelta(days=365)

# DRF's own token admin shows keys in plain text; its table is emptied by migration 0023.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(ApiToken)
class ApiTokenAdmin(FastChangeList):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "last_used_at"]
    list_filter = ["expires_at"]
    list_select_related = ["user"]
    search_fields = ["name", "user__username", "prefix"]
    autocomplete_fields = ["user"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]

    def get_readonly_fields(self, request, obj=None):
        # A token's owner and name are fixed once its key exists; revoke (delete) and issue anew.
        return [*self.readonly_fields, "user", "name"] if obj is not None else self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "expires_at" in form.base_fields:
            form.base_fields["expires_at"].help_text = (
                "A new token expires in a year unless you change this; empty it for a token that "
                "never expires."
            )
        return form

    def get_changeform_initial_data(self, request):
        return {"expires_at": timezone.now() + DEFAULT_LIFETIME, "user": request.user.pk}

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["expires_at"])
            return
        key = obj.assign_new_key()
        obj.save()
        messages.warning(
            request,
            f"The key of “{obj.name}” is {key} . Copy it now: it is stored only as a digest and "
            "will not be shown again. Send it as the header Authorization: Token <key>.",
        )
