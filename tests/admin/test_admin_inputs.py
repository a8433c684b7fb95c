"""Every admin page answers bad input in words, never with a server error: a NUL character in an
address (PostgreSQL cannot compare text with one: a DataError wherever a list filter or a search
used it), a number past the database's, and JSON that PostgreSQL's jsonb cannot hold (a NUL
character, NaN or Infinity)."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.test import Client, RequestFactory
from django.urls import reverse

from claims.admin.forms import StoredJSONField
from claims.models import Appearance, Source
from tests.factories import AppearanceFactory

pytestmark = pytest.mark.django_db

NUL = "\x00"
HUGE = "9" * 30
ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
OURS = [(model, model_admin) for model, model_admin in ADMINS if model._meta.app_label == "claims"]


def opts_of(model) -> str:
    return f"{model._meta.app_label}_{model._meta.model_name}"


@pytest.fixture
def superuser_client(staff_user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    AppearanceFactory()  # a row in most lists
    return client


def parameters_of(model_admin, user) -> list[str]:
    """Every query parameter the admin's change list reads: its filters', its search, its paging
    and ordering, and an id list."""
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = {"q", "o", "p", "id__in", "id__exact"}
    for spec in changelist.filter_specs:
        names.update(spec.expected_parameters())
    return sorted(names)


@pytest.mark.parametrize(("model", "model_admin"), OURS, ids=lambda v: getattr(v, "__name__", ""))
def test_no_change_list_answers_a_server_error_to_a_bad_parameter(
    superuser_client, staff_user, model, model_admin
):
    url = reverse(f"admin:{opts_of(model)}_changelist")
    for name in parameters_of(model_admin, staff_user):
        for value in (NUL, f"a{NUL}b", HUGE, f"-{HUGE}", "9" * 5000, "\u00b2", "1,\u00b2"):
            response = superuser_client.get(url, {name: value})
            assert response.status_code in (200, 302, 400), (name, value, response.status_code)
            if response.status_code == 400:
                assert "NUL" in response.content.decode()
            if response.status_code == 302:  # named and dropped, in words
                assert response["Location"].startswith(url) and f"{ERROR_FLAG}=1" not in response["Location"]


@pytest.mark.parametrize(("model", "model_admin"), OURS, ids=lambda v: getattr(v, "__name__", ""))
def test_no_change_page_answers_a_server_error_to_a_bad_id(superuser_client, model, model_admin):
    for object_id in (HUGE, "\u00b2", "1\u00b2"):
        for view in ("change", "history", "delete"):
            response = superuser_client.get(reverse(f"admin:{opts_of(model)}_{view}", args=[object_id]))
            assert response.status_code in (302, 403, 404), (view, object_id, response.status_code)


AUTOCOMPLETES = [(model, name) for model, model_admin in ADMINS for name in model_admin.autocomplete_fields]


@pytest.mark.parametrize(("model", "field"), AUTOCOMPLETES, ids=lambda v: getattr(v, "__name__", v))
def test_autocomplete_takes_no_nul(superuser_client, model, field):
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {
            "term": f"a{NUL}",
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field,
        },
    )
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_a_nul_in_an_address_is_refused_naming_the_parameter(superuser_client):
    response = superuser_client.get(reverse("admin:claims_claim_changelist"), {"kind__exact": NUL})
    assert response.status_code == 400
    assert "“kind__exact”" in response.content.decode()


def test_an_id_list_of_digits_python_reads_but_the_database_does_not(superuser_client):
    """("²".isdigit() is true; int("²") fails.)"""
    response = superuser_client.get(reverse("admin:claims_ingestjob_changelist"), {"id__in": "1,\u00b2"})
    assert response.status_code in (200, 302)


def editable_json_fields(model_admin, user) -> list:
    request = RequestFactory().get("/")
    request.user = user
    form = model_admin.get_form(request)
    return [field for field in form.base_fields.values() if isinstance(field, forms.JSONField)]


@pytest.mark.parametrize(("model", "model_admin"), ADMINS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_json_field_an_admin_form_edits_holds_only_what_the_database_stores(
    staff_user, model, model_admin
):
    for field in editable_json_fields(model_admin, staff_user):
        assert isinstance(field, StoredJSONField), (model, field)


@pytest.mark.parametrize(
    ("authors", "why"),
    [
        ('["Ada\\u0000Quill"]', "NUL"),
        ("[NaN]", "NaN"),
        ("[1e400]", "Infinity"),
        ("[-Infinity]", "Infinity"),
        ('{"\\u0000": 1}', "NUL"),
        ("[" * 100_000 + "]" * 100_000, "nested"),
    ],
)
def test_json_the_database_cannot_hold_is_refused_in_words(superuser_client, authors, why):
    before = Source.objects.count()
    response = superuser_client.post(
        reverse("admin:claims_source_add"), {"title": "A story", "authors": authors, "language": "en"}
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["authors"]
    assert any(why in error for error in errors), errors
    assert Source.objects.count() == before


def test_an_appearances_parts_refuse_infinity(superuser_client):
    appearance = Appearance.objects.get()
    response = superuser_client.post(
        reverse("admin:claims_appearance_change", args=[appearance.pk]),
        {
            "claim": appearance.claim_id,
            "source": appearance.source_id,
            "text": appearance.text,
            "start": 0,
            "end": 5,
            "parts": "[[0, 1e400]]",
            "stance": "asserted",
        },
    )
    assert response.status_code == 200
    assert "Infinity" in " ".join(response.context["adminform"].form.errors["parts"])
    appearance.refresh_from_db()
    assert appearance.parts == []


def add_form_fields(model_admin, user) -> dict:
    request = RequestFactory().get("/")
    request.user = user
    return dict(model_admin.get_form(request).base_fields)


def _superuser_request():
    from django.contrib.auth.models import User

    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)  # unsaved: no database yet
    return request


# The admins that have an add page (claims come from articles, jobs from Submit material, ...).
ADD_FORMS = [
    (model, model_admin)
    for model, model_admin in OURS
    if model_admin.has_add_permission(_superuser_request())
]


@pytest.mark.parametrize(("model", "model_admin"), ADD_FORMS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_add_form_refuses_a_nul_and_a_number_past_the_database_in_words(
    superuser_client, staff_user, model, model_admin
):
    """Each text field posted with a NUL character and each number field with a number past the
    database's: the form again, that field refused, nothing stored (subscriptions' saved searches,
    webhooks' names, tokens' names and every other field an editor types)."""
    url = reverse(f"admin:{opts_of(model)}_add")
    for name, field in add_form_fields(model_admin, staff_user).items():
        if isinstance(field, (forms.ModelChoiceField, forms.ChoiceField, forms.BooleanField)):
            continue  # chosen, not typed (their refusals are Django's own)
        if isinstance(field, (forms.FloatField, forms.DecimalField)):  # (a FloatField is an IntegerField)
            values = ["1e400", "-1e400", "NaN"]
        elif isinstance(field, forms.IntegerField):
            values = [HUGE, f"-{HUGE}", "1.5"]
        elif isinstance(field, forms.CharField):
            values = [f"a{NUL}b"]
        else:
            continue
        before = model.objects.count()
        for value in values:
            response = superuser_client.post(url, {name: value})
            assert response.status_code == 200, (name, value, response.status_code)
            errors = response.context["adminform"].form.errors
            assert name in errors, (name, value, errors)
        assert model.objects.count() == before


def test_a_speakers_name_and_aliases_refuse_control_characters(superuser_client):
    from claims.models import Speaker

    response = superuser_client.post(
        reverse("admin:claims_speaker_add"),
        {"name": "Ada\x07Quill", "kind": "person", "aliases_text": "The\x1bCouncillor"},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "control character (U+0007)" in errors["name"][0]
    assert "control character (U+001B)" in errors["aliases_text"][0]
    assert not Speaker.objects.filter(name__startswith="Ada").exists()


@pytest.mark.parametrize(
    ("interval", "said"),
    [
        ("9223372036854775807", "10080"),
        ("10081", "10080"),
        ("0", "at least 1"),
        ("-5", "greater than or equal to 0"),
    ],
)
def test_a_feeds_interval_outside_a_minute_to_a_week_is_refused_in_words(superuser_client, interval, said):
    from claims.models import Feed

    response = superuser_client.post(
        reverse("admin:claims_feed_add"),
        {"url": "https://news.example/feed", "kind": "rss", "interval_minutes": interval, "active": "on"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert said in page and "Constraint" not in page
    assert not Feed.objects.exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("speaker", "abc"),
        ("speaker", "-1"),
        ("source", "-1"),
        ("source", "1.5"),
        ("publisher", "x"),
        ("assigned", "someone"),
        ("checkworthiness", "extreme"),
        ("seen_from", "yesterday"),
        ("seen_until", "2026-02-30"),
    ],
)
def test_a_claim_filter_given_a_value_it_does_not_take_is_named_and_dropped(superuser_client, name, value):
    """Never the whole list as if filtered: the editor is told which filter, and sees the list without it."""
    from django.contrib.messages import get_messages

    url = reverse("admin:claims_claim_changelist")
    response = superuser_client.get(url, {name: value, "state__exact": "new"})
    assert response.status_code == 302, response.status_code
    assert response["Location"] == f"{url}?state__exact=new"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert f"{name}={value}" in message and "Shown without it" in message


@pytest.mark.parametrize("name", ["speaker", "source", "publisher"])
def test_a_claim_filter_by_an_id_no_row_has_lists_no_claim(superuser_client, name):
    response = superuser_client.get(reverse("admin:claims_claim_changelist"), {name: "999999"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


def test_the_submit_page_refuses_a_url_holding_credentials():
    from claims.admin.forms import SubmitMaterialForm

    form = SubmitMaterialForm(data={"urls": "https://news.example/a\nhttp://user:pass@news.example/b"})
    assert not form.is_valid()
    assert "user name or password" in str(form.errors["urls"])
