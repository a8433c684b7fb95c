import copy
import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import QueryDict
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter

from claims.api.serializers import MAX_ID
from claims.models import KIND_CHOICES, STANCE_CHOICES, Claim, ExternalReview, ExternalReviewLink, Source
from claims.serve.selectors import appearing_in, search_claims

# Ids are 64-bit in the database: a larger number must be a 400, not an overflow deep in a query.


class UtcIsoDateTimeField(IsoDateTimeField):
    """ISO 8601 with any offset Python accepts, turned into UTC: PostgreSQL refuses offsets past
    ±15:59 (Python allows ±23:59), and a date-time near year 1 or 9999 may not survive the move."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(dt.UTC)
        except OverflowError:
            raise ValidationError("This date-time is out of range.", code="invalid") from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


@extend_schema_field(OpenApiTypes.INT)
class WholeNumberFilter(django_filters.NumberFilter):
    """A number that is whole: an id or a rating value. django-filter's NumberFilter reads a
    decimal, and speaker=1.5 filtered by speaker 1."""

    field_class = forms.IntegerField


class StrictOrdering(OrderingFilter):
    """DRF's ordering, but an ordering the view does not offer is a 400 naming it and listing
    those it does, not silently the default order."""

    def get_ordering(self, request, queryset, view):
        given = request.query_params.get(self.ordering_param)
        if given is not None:
            fields = [field.strip() for field in given.split(",") if field.strip()]
            if len(self.remove_invalid_fields(queryset, fields, view, request)) != len(fields):
                offered = sorted(
                    name for name, _ in self.get_valid_fields(queryset, view, {"request": request})
                )
                raise exceptions.ValidationError(
                    {
                        self.ordering_param: [
                            f"Order by one of {', '.join(offered)} (a leading - reverses it)."
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)


class LeanFilterSet(django_filters.FilterSet):
    """A FilterSet that costs little per request.

    django-filter deep-copies every declared filter and builds a new form class, with new form
    fields, for every request: for ClaimFilter's fourteen filters that took longer than the SQL of a
    list page. A filter keeps no per-request state but `model` and `parent` (and the FilterMethod
    that reads `parent`), so a shallow copy with those set again is enough, and the form class is
    built once per FilterSet class (each form instance still copies its fields, as Django does).
    tests/api/test_filters.py holds this equal to plain django-filter on any query string.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, declared in self.base_filters.items():
            filter_ = copy.copy(declared)
            filter_.model = queryset.model
            filter_.parent = self
            if declared.method is not None:
                filter_.method = declared.method  # a new FilterMethod, bound to this copy
            self.filters[name] = filter_

    @classmethod
    def _form_class(cls):
        # In the class's own __dict__, so that a subclass builds its own.
        if "_built_form_class" not in cls.__dict__:
            for declared in cls.base_filters.values():
                declared.model = cls._meta.model  # for labels derived from the model
            fields = {name: declared.field for name, declared in cls.base_filters.items()}
            cls._built_form_class = type(f"{cls.__name__}Form", (cls._meta.form,), fields)
        return cls.__dict__["_built_form_class"]

    def get_form_class(self):
        return self._form_class()


class ClaimFilter(LeanFilterSet):
    speaker = WholeNumberFilter(field_name="speaker_id", min_value=1, max_value=MAX_ID)
    # distinct=False: these filter the claims table itself and cannot duplicate rows, while
    # django-filter's default SELECT DISTINCT makes PostgreSQL read every match before LIMIT.
    kind = django_filters.MultipleChoiceFilter(choices=KIND_CHOICES, distinct=False)
    state = django_filters.MultipleChoiceFilter(choices=Claim.State.choices, distinct=False)
    stance = django_filters.MultipleChoiceFilter(
        choices=STANCE_CHOICES,
        distinct=False,
        label="What the speaker did with the statement: asserted, denied, questioned (asked), ...",
    )
    verdict = WholeNumberFilter(
        field_name="verdict__value", label="Verdict (rating value)", min_value=0, max_value=32767
    )
    publisher = WholeNumberFilter(method="filter_publisher", min_value=1, max_value=MAX_ID)
    source = WholeNumberFilter(method="filter_source", min_value=1, max_value=MAX_ID)
    language = django_filters.CharFilter(
        method="filter_language",
        max_length=16,
        label="Said in a source in this language (ISO 639-1, e.g. en; a region, en-GB, is ignored)",
    )
    first_seen_after = UtcIsoDateTimeFilter(field_name="first_seen", lookup_expr="gte")
    first_seen_before = UtcIsoDateTimeFilter(field_name="first_seen", lookup_expr="lt")
    said_after = django_filters.DateFilter(method="filter_said_after", label="Said on or after (YYYY-MM-DD)")
    said_before = django_filters.DateFilter(method="filter_said_before", label="Said before (YYYY-MM-DD)")
    checkworthiness_min = django_filters.NumberFilter(
        field_name="checkworthiness", lookup_expr="gte", min_value=0, max_value=1
    )
    checkworthiness_max = django_filters.NumberFilter(
        field_name="checkworthiness", lookup_expr="lte", min_value=0, max_value=1
    )

    # Declared last, so applied last: the search ranks the claims the other filters leave, not
    # the whole record (its best matches could all be another speaker's).
    q = django_filters.CharFilter(
        method="filter_q",
        label="Search the claim text, speaker names and fact-check headlines: most relevant first, each with "
        "its score (any word, stemmed, and alike in meaning); with ordering, newest or as asked",
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_claims(queryset, value)

    def filter_publisher(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return appearing_in(queryset, source__publisher_id=value)

    def filter_source(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return appearing_in(queryset, source_id=value)

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return appearing_in(queryset, source__language__iexact=value.replace("_", "-").split("-")[0])

    def filter_said_after(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return appearing_in(queryset, said_on__gte=value)

    def filter_said_before(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return appearing_in(queryset, said_on__lt=value)


class ExternalReviewFilter(django_filters.FilterSet):
    publisher = django_filters.CharFilter(lookup_expr="iexact", help_text="The reviewing publisher's name")
    rating = django_filters.CharFilter(
        field_name="rating_text", lookup_expr="iexact", help_text="The rating in words"
    )
    language = django_filters.CharFilter(lookup_expr="iexact")
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    claim = WholeNumberFilter(
        method="linked_to", min_value=1, max_value=MAX_ID, help_text="Reviews linked to this claim of ours"
    )

    class Meta:
        model = ExternalReview
        fields: list[str] = []

    def linked_to(self, queryset, name, value):
        # Only through a claim the client may see: a draft's reviews are no one else's to find.
        visible = Claim.objects.visible_to(self.request.user if self.request else None)
        links = ExternalReviewLink.objects.filter(
            review=OuterRef("pk"),
            claim__in=visible.filter(pk=value),
            state=ExternalReviewLink.State.CONFIRMED,
        )
        return queryset.filter(Exists(links))


class SourceFilter(LeanFilterSet):
    language = django_filters.CharFilter(
        method="filter_language", max_length=16, label="The source's language (ISO 639-1, e.g. en)"
    )

    class Meta:
        model = Source
        fields: list[str] = []

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(language__iexact=value.replace("_", "-").split("-")[0])
