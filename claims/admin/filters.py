"""Changelist filters and pagination that stay fast at millions of rows.

No filter here lists every speaker or counts its choices; the paginator never counts more than
CAP rows, so a filter matching half a million claims costs no more than one matching ten thousand.
"""

import datetime as dt

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from claims.models import Publisher, Source, Speaker, within_ids
from claims.serve.selectors import appearing_in, start_of_day


def given_id(value: str | None) -> int | None:
    """The id a query string gives, or None: ASCII digits within the database's ids ("²" is a
    digit to str.isdigit but not to int(), and a number past 64 bits is no row's)."""
    if value and value.isascii() and value.isdigit() and within_ids(value):
        return int(value)
    return None


def wanted_id(value: str | None) -> int | None:
    """The id a filter is given, None if it is given none; a value that is no id is refused
    (IncorrectLookupParameters), so that the list names the filter and shows itself without it
    (FastChangeList) instead of showing every row as if filtered."""
    if not value:
        return None
    if (found := given_id(value)) is None:
        raise IncorrectLookupParameters(f"{value!r} is no id")
    return found


def _refused(value: str) -> IncorrectLookupParameters:
    return IncorrectLookupParameters(f"{value!r} is not one of the filter's values")


class CappedCountPaginator(Paginator):
    """Counts at most CAP + 1 rows (SELECT COUNT(*) FROM (… LIMIT CAP + 1)): the changelist shows
    "more than CAP" and pages up to there; filters narrow the rest."""

    CAP = 10_000

    @cached_property
    def count(self) -> int:
        # Without the ordering (it would make PostgreSQL walk an index in that order) and with
        # only the id selected (not, say, a search's to_tsvector of each row).
        queryset: QuerySet = self.object_list  # type: ignore[assignment]  # a change list pages a queryset
        return queryset.order_by().values("pk")[: self.CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.CAP


class CheckworthinessBand(admin.SimpleListFilter):
    title = "check-worthiness"
    parameter_name = "checkworthiness"
    BANDS = {"high": (0.7, 1.01), "medium": (0.4, 0.7), "low": (0.0, 0.4)}

    def lookups(self, request, model_admin):
        return [
            ("high", "High (0.7 and above)"),
            ("medium", "Medium (0.4 to 0.7)"),
            ("low", "Low (below 0.4)"),
        ]

    def queryset(self, request, queryset):
        if not (value := self.value()):
            return queryset
        if (band := self.BANDS.get(value)) is None:
            raise _refused(value)
        low, high = band
        return queryset.filter(checkworthiness__gte=low, checkworthiness__lt=high)


class AssignmentFilter(admin.SimpleListFilter):
    """Assigned to me, to nobody, to anyone, or to one editor or reviewer (those who may curate)."""

    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        from claims.curation.desk import curators

        people = [(str(user.pk), user.get_username()) for user in curators()[:50] if user != request.user]
        return [("me", "Me"), ("nobody", "Nobody"), ("anyone", "Anyone"), *people]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(assigned_to=request.user)
        if value == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        if value == "anyone":
            return queryset.filter(assigned_to__isnull=False)
        if (assignee := wanted_id(value)) is not None:
            return queryset.filter(assigned_to_id=assignee)
        return queryset


class ByIdFilter(admin.SimpleListFilter):
    """A filter by one row's id, which lists only the chosen row as its choice. Django applies a
    filter only if it has choices to show: with an id that names no row (or is no id) the filter
    was left out and every claim shown as if filtered. Given a value, it is always applied."""

    def has_output(self) -> bool:
        return super().has_output() or self.value() is not None


class SourceFilter(ByIdFilter):
    """Claims with an appearance in one source (?source=ID, as the review page links it)."""

    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        source_id = given_id(request.GET.get(self.parameter_name))
        source = Source.objects.filter(pk=source_id).only("pk", "title", "url").first() if source_id else None
        return [(str(source.pk), str(source)[:80])] if source else []

    def queryset(self, request, queryset):
        if (source_id := wanted_id(self.value())) is not None:
            return appearing_in(queryset, source_id=source_id)
        return queryset


class SpeakerFilter(ByIdFilter):
    """By speaker id (?speaker=ID), as the speaker page's "claims" link sets it. Only the chosen
    speaker is listed as a choice: a list of 100,000 speakers helps nobody; search finds one."""

    title = "speaker"
    parameter_name = "speaker"

    def lookups(self, request, model_admin):
        speaker_id = given_id(request.GET.get(self.parameter_name))
        speaker = Speaker.objects.filter(pk=speaker_id).first() if speaker_id else None
        return [(str(speaker.pk), speaker.name)] if speaker else []

    def queryset(self, request, queryset):
        speaker_id = wanted_id(self.value())
        return queryset.filter(speaker_id=speaker_id) if speaker_id is not None else queryset


class PublisherFilter(ByIdFilter):
    """Claims with an appearance in one publisher's sources (EXISTS, not a join that repeats rows)."""

    title = "publisher"
    parameter_name = "publisher"

    def lookups(self, request, model_admin):
        return [
            (str(pk), name) for pk, name in Publisher.objects.order_by("name").values_list("pk", "name")[:200]
        ]

    def queryset(self, request, queryset):
        if (publisher_id := wanted_id(self.value())) is not None:
            return appearing_in(queryset, source__publisher_id=publisher_id)
        return queryset


class FirstSeenFilter(admin.SimpleListFilter):
    """A date range on when the claim was first seen: two date inputs (?seen_from=&seen_until=)."""

    title = "first seen"
    parameter_name = "seen_from"
    until_parameter = "seen_until"
    template = "admin/claims/date_range_filter.html"

    def __init__(self, request, params, model, model_admin):
        self.until = params.pop(self.until_parameter, [""])
        self.until = self.until[-1] if isinstance(self.until, list) else self.until
        super().__init__(request, params, model, model_admin)
        self.request_params = {
            k: v for k, v in request.GET.items() if k not in (self.parameter_name, self.until_parameter)
        }

    def lookups(self, request, model_admin):
        return [("", "")]  # the template draws the inputs

    def has_output(self) -> bool:
        return True

    def expected_parameters(self):
        return [self.parameter_name, self.until_parameter]

    def queryset(self, request, queryset):
        since, until = _date(self.value()), _date(self.until)
        if since:
            queryset = queryset.filter(first_seen__gte=start_of_day(since))
        if until:
            queryset = queryset.filter(first_seen__lt=start_of_day(until + dt.timedelta(days=1)))
        return queryset


def _date(value: str | None) -> dt.date | None:
    """The date a filter is given (YYYY-MM-DD), None if none; another value is refused."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise _refused(value or "") from None
