"""What every list and custom page of the editors' admin shares.

FastChangeList: lists that stay fast at millions of rows (no full COUNT(*), no COUNT per filter
choice, a capped page count). refused: the permissions of the admin's own pages, checked first.
call_service: run a service for an admin page or action and tell the editor, in words, what was done
or why it was refused. merge_selected: the merge action, its confirmation page first."""

import copy
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, IGNORED_PARAMS
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse

from claims.admin.filters import CappedCountPaginator
from claims.admin.forms import MergeForm, StoredJSONField
from claims.curation import permissions
from claims.models import printable, within_ids

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)
_DIGITS = re.compile(r"[0-9]+")


class Refused:
    """What call_service returns when the service refused (the editor has been told why)."""

    __slots__ = ()


REFUSED = Refused()


def plural(count: int, noun: str) -> str:
    """'1 claim', '14 claims', '2 deliveries': what the editor is told, in plain English."""
    if count == 1:
        return f"{count} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


def messages_of(exc: Exception) -> str:
    """What a refusal says, in words: a ValidationError's messages, or the exception's text."""
    return " ".join(getattr(exc, "messages", [str(exc)]))


def _filter_params(request: HttpRequest) -> list[tuple[str, str]]:
    """The query's filters: its parameters but the search, ordering, paging and the like."""
    return [(key, str(value)) for key, value in request.GET.items() if key not in IGNORED_PARAMS]


def _past_the_database(value: str) -> bool:
    """Whether a filter's value holds a number no database id or integer reaches (an id list
    such as "1,99999999999999999999" included)."""
    return not all(within_ids(digits) for digits in _DIGITS.findall(value))


class FastChangeList(admin.ModelAdmin):
    """A model admin whose change list reads only the page it shows."""

    paginator = CappedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # a COUNT per filter choice: too slow at millions of rows

    def refused(
        self, request: HttpRequest, *, view: bool, post: Iterable[str], back: str | None = None
    ) -> HttpResponseRedirect | None:
        """The permissions of one of this admin's own pages (get_urls), checked before it reads
        anything. Without `view` (the caller's right to see what the page shows), 403 whatever the
        method: being staff is not enough, and the refusal comes before anything says whether the
        row exists. A POST without every permission in `post` (its action's) changes nothing and
        goes `back` (to the page by default), saying which permission is missing; else None."""
        if not view:
            raise PermissionDenied
        if request.method != "POST":
            return None
        try:
            permissions.require(request.user, *post)
        except PermissionDenied as exc:
            self.message_user(request, messages_of(exc), messages.ERROR)
            return HttpResponseRedirect(back or request.get_full_path())
        return None

    def history_view(self, request: HttpRequest, object_id, extra_context=None):
        # Django looks the row up before it checks the permission (a missing row is a redirect, an
        # existing one a 403): whether a row exists is for those who may view them to learn.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.JSONField):
            kwargs.setdefault("form_class", StoredJSONField)  # refuses what the database cannot store
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if any(_past_the_database(value) for key, value in _filter_params(request)):
            return self._without_unknown_filters(request)  # before any query: SQLite overflows on it
        response = super().changelist_view(request, extra_context)
        if isinstance(response, HttpResponseRedirect) and response.url.endswith(f"?{ERROR_FLAG}=1"):
            return self._without_unknown_filters(request)
        return response

    def _without_unknown_filters(self, request: HttpRequest) -> HttpResponseRedirect:
        """Django answers a filter it does not know by a bare redirect (?e=1, every row shown);
        here the editor is told which filter, and sees the list with the rest of the query."""
        params = _filter_params(request)
        bad = [(key, value) for key, value in params if not self._filters_alone(request, key, value)]
        if not bad:
            bad = params  # together they fail: drop them all
        named = ", ".join(f"“{printable(key)}={printable(value)}”" for key, value in bad)
        self.message_user(
            request,
            f"This list cannot be filtered by {named}: no such filter, or a value it does not take. "
            "Shown without it.",
            messages.ERROR,
        )
        kept = request.GET.copy()
        for key, _ in bad:
            kept.pop(key, None)
        kept.pop(ERROR_FLAG, None)
        return HttpResponseRedirect(f"{request.path}?{kept.urlencode()}" if kept else request.path)

    def _filters_alone(self, request: HttpRequest, key: str, value: str) -> bool:
        if _past_the_database(value):
            return False
        alone = copy.copy(request)
        query = QueryDict(mutable=True)
        query[key] = value
        alone.GET = query  # type: ignore[assignment]  # a request's own GET is immutable; this copy's need not be
        try:
            self.get_changelist_instance(alone)
        except IncorrectLookupParameters:
            return False
        return True

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

    def merge_selected(
        self,
        request: HttpRequest,
        queryset,
        *,
        merge: Callable[[int, list[int]], M],
        done: Callable[[M, int], str],
        title: str,
    ) -> HttpResponse | None:
        """The merge action: first a page asking which of the selected rows is kept (with `title`),
        then merge(kept id, the others' ids) through its service, and the kept row's page. `done`
        says what was merged, given the kept row and how many others went into it."""
        form = MergeForm(request.POST if "confirm" in request.POST else None, choices=queryset)
        if not (form.is_bound and form.is_valid()):
            return self.page(
                request,
                "admin/claims/merge.html",
                title,
                objects=list(queryset[:50]),
                form=form,
                action=request.POST.get("action", ""),
                action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
            )
        keep = int(form.cleaned_data["keep"])
        others = [pk for pk in queryset.values_list("pk", flat=True) if pk != keep]
        kept = self.call_service(request, lambda: merge(keep, others), lambda kept: done(kept, len(others)))
        if isinstance(kept, Refused):
            return None
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[kept.pk])
        )
