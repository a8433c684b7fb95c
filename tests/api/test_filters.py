"""ClaimFilter skips django-filter's per-request deep copies (claims.api.filters.LeanFilterSet):
it must validate, label and filter exactly as plain django-filter would."""

import django_filters
from django.core.exceptions import EmptyResultSet
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.api.filters import ClaimFilter
from claims.models import Claim


class PlainClaimFilter(ClaimFilter):
    """The same filters, set up the way django-filter itself does it for every request."""

    __init__ = django_filters.FilterSet.__init__
    get_form_class = django_filters.FilterSet.get_form_class


VALUES = st.one_of(
    st.sampled_from(
        ["", "direct", "indirect", "published", "new", "0.5", "1", "-3", "2", "7", "x", "2024-02-30"]
    ),
    st.sampled_from(["2024-01-02", "2024-01-02T10:00:00+05:30", "9" * 25, "harbour fuel"]),
    st.text(max_size=12),
)
PARAMS = st.lists(st.tuples(st.sampled_from([*ClaimFilter.base_filters, "unknown"]), VALUES), max_size=6)


def query(pairs: list[tuple[str, str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in pairs:
        data.appendlist(name, value)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=PARAMS)
def test_lean_filterset_equals_plain_django_filter(db, pairs):
    data = query(pairs)
    lean = ClaimFilter(data, queryset=Claim.objects.all())
    plain = PlainClaimFilter(data, queryset=Claim.objects.all())
    assert lean.is_valid() == plain.is_valid()
    assert lean.errors.get_json_data() == plain.errors.get_json_data()
    assert [(n, f.label, f.required) for n, f in lean.form.fields.items()] == [
        (n, f.label, f.required) for n, f in plain.form.fields.items()
    ]
    if plain.is_valid():
        assert sql(lean.qs) == sql(plain.qs)


def sql(queryset) -> str:
    try:
        return str(queryset.query)
    except EmptyResultSet:  # a search that matched nothing: no SQL to compare, on either side
        return "EMPTY"


def test_each_filterset_has_its_own_filters_bound_to_itself(db):
    # Method filters find their method through `parent`: a copy shared between two requests (or
    # bound to the declared filter) would run one request's filter on the other's FilterSet.
    first = ClaimFilter(QueryDict("publisher=1"), queryset=Claim.objects.all())
    second = ClaimFilter(QueryDict("publisher=2"), queryset=Claim.objects.all())
    for name, declared in ClaimFilter.base_filters.items():
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name] is not declared
        assert first.filters[name].parent is first and second.filters[name].parent is second
    assert first.filters["publisher"].filter.f is first.filters["publisher"]
    assert "= 1" in str(first.qs.query) and "= 2" in str(second.qs.query)
