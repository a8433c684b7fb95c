"""What every list and custom page of the editors' admin shares.

FastChangeList: lists that stay fast at millions of rows (no full COUNT(*), no COUNT per filter
choice, a capped page count). call_service: run a service for an admin page or action and tell the
editor, in words, what was done or why it was refused. confirm_page: the page an action shows before
it acts."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.template.response import TemplateResponse

from claims.admin.filters import CappedCountPaginator

T = TypeVar("T")


class Refused:
    """What call_service returns when the service refused (the editor has been told why)."""

    __slots__ = ()


REFUSED = Refused()


def messages_of(exc: Exception) -> str:
    """What a refusal says, in words: a ValidationError's messages, or the exception's text."""
    return " ".join(getattr(exc, "messages", [str(exc)]))


class FastChangeList(admin.ModelAdmin):
    """A model admin whose change list reads only the page it shows."""

    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows

    def call_service(
        self, request: HttpRequest, call: Callable[[], T], done: str | Callable[[T], str]
    ) -> "T | Refused":
        """Run call(); on success say `done` (or done(result)) and return the result; on a refusal
        (ValidationError, PermissionDenied) say why and return REFUSED."""
        try:
            result = call()
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(request, messages_of(exc), messages.ERROR)
            return REFUSED
        self.message_user(request, done(result) if callable(done) else done, messages.SUCCESS)
        return result

    def page(self, request: HttpRequest, template: str, title: str, **context) -> TemplateResponse:
        """One of the admin's own pages (templates/admin/claims/page.html and those extending it)."""
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            **context,
        }
        return TemplateResponse(request, template, context)


def confirm_page(
    modeladmin: FastChangeList, request: HttpRequest, queryset, form, title: str
) -> TemplateResponse:
    """The page an admin action shows before it acts (merges): the chosen rows and a form."""
    return modeladmin.page(
        request,
        "admin/claims/merge.html",
        title,
        objects=list(queryset[:50]),
        form=form,
        action=request.POST.get("action", ""),
        action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
    )
