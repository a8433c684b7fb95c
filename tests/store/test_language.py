"""Each source's language: declared by its page first, else identified from its text; stored at
ingestion, shown and filterable in the API and the admin, and what `claims:search`'s languageCode
compares; sources stored before are given one by `manage.py detect_languages`."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from claims.ingest import articles, pipeline
from claims.models import Claim, Rating, Source
from claims.store import language
from tests.factories import AppearanceFactory, SourceFactory

ENGLISH = (
    "The harbour authority said on Monday that the ferry to the island would keep running until "
    "2030, although the council had voted to close the pier two years ago."
)
GERMAN = (
    "Der Bürgermeister sagte am Montag, die Brücke über den Fluss bleibe zwei Jahre lang gesperrt, "
    "weil die Pfeiler marode seien und niemand die Sanierung bezahlen wolle."
)
PORTUGUESE = (
    "O prefeito disse na segunda-feira que a ponte sobre o rio ficará fechada por dois anos, porque "
    "os pilares estão em mau estado e ninguém quer pagar a reforma."
)


@pytest.fixture
def anonymous():
    return APIClient()


def page(body: str, *, lang: str | None) -> str:
    declared = f' lang="{lang}"' if lang else ""
    paragraphs = "".join(f"<p>{body}</p>" for _ in range(3))
    return (
        f"<!doctype html><html{declared}><head><title>Harbour news</title></head>"
        f"<body><article><h1>Harbour news</h1>{paragraphs}"
        '<p>"The ferry will keep running until 2030," the harbour master, Ines Albers, said.</p>'
        "</article></body></html>"
    )


def test_a_declared_tag_names_its_primary_language():
    assert language.declared("en-GB") == "en"
    assert language.declared("pt_BR") == "pt"
    assert language.declared(" FR ") == "fr"
    assert language.declared("und") == language.declared("x") == language.declared(None) == ""


def test_the_text_is_identified_only_when_long_enough_to_tell():
    assert language.identified(ENGLISH) == "en"
    assert language.identified(GERMAN) == "de"
    assert language.identified(PORTUGUESE) == "pt"
    assert language.identified("yes") == ""
    assert language.identified("Obama " * 8) == ""  # a name repeated reads as no language


def test_the_declared_language_comes_before_the_text():
    assert language.of_source(declared_tag="de-AT", text=ENGLISH) == "de"
    assert language.of_source(declared_tag="", text=ENGLISH) == "en"


@pytest.mark.django_db
def test_an_ingested_page_stores_its_declared_language_else_the_one_its_text_reads_as():
    declared = articles.parse_html(page(ENGLISH, lang="pt-BR"), url="https://news.example/a")
    assert declared.language == "pt-BR"
    stored = pipeline.store_article(declared, raw="<html>", url="https://news.example/a")
    assert Source.objects.get(pk=stored.source_id).language == "pt"

    undeclared = articles.parse_html(page(GERMAN, lang=None), url="https://news.example/b")
    stored = pipeline.store_article(undeclared, raw="<html>", url="https://news.example/b")
    assert Source.objects.get(pk=stored.source_id).language == "de"

    text = articles.parse_text(ENGLISH + '\n\n"We will win," the mayor, Jane Doe, said on Monday.')
    stored = pipeline.store_article(text, raw=text.text)
    assert Source.objects.get(pk=stored.source_id).language == "en"


def published(text: str, source: Source) -> Claim:
    claim = AppearanceFactory(claim__state=Claim.State.PUBLISHED, claim__text=text, source=source).claim
    claim.verdict, claim.published_at = Rating.objects.get(value=1), timezone.now()
    claim.save()
    return claim


@pytest.mark.django_db
def test_claims_search_answers_a_language_code(anonymous):
    text = articles.parse_text(ENGLISH + '\n\n"The pier cost nine million," the mayor, Jane Doe, said.')
    english = Source.objects.get(pk=pipeline.store_article(text, raw=text.text).source_id)
    german = SourceFactory(text=GERMAN, language="de")
    published('"The harbour pier cost nine million euros,"', english)
    published('"Der Hafen kostete neun Millionen,"', german)

    def found(**params):
        answer = anonymous.get("/v1alpha1/claims:search", {"query": "harbour pier", **params})
        assert answer.status_code == 200
        return [(c["text"], c["claimReview"][0]["languageCode"]) for c in answer.json()["claims"]]

    assert found(languageCode="en") == [('"The harbour pier cost nine million euros,"', "en")]
    assert found(languageCode="en-GB") == found(languageCode="en")
    assert found(languageCode="fr") == []


@pytest.mark.django_db
def test_sources_and_claims_filter_by_language(anonymous, admin_client):
    english = SourceFactory(text=ENGLISH, language="en")
    german = SourceFactory(text=GERMAN, language="de")
    claim = AppearanceFactory(source=english, claim__state=Claim.State.PUBLISHED).claim
    AppearanceFactory(source=german, claim__state=Claim.State.PUBLISHED)
    sources = anonymous.get("/api/sources/", {"language": "en"}).json()["results"]
    assert [(s["id"], s["language"]) for s in sources] == [(english.pk, "en")]
    claims = anonymous.get("/api/claims/", {"language": "EN-us"}).json()["results"]
    assert [c["id"] for c in claims] == [claim.pk]
    listing = admin_client.get("/admin/claims/source/", {"language__exact": "de"})
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [german]


@pytest.mark.django_db
def test_detect_languages_fills_sources_stored_without_one_with_progress():
    declared = SourceFactory(text=ENGLISH, raw=page(ENGLISH, lang="de"), raw_format="html")
    undeclared = SourceFactory(text=PORTUGUESE)
    too_short = SourceFactory(text="Yes.")
    kept = SourceFactory(text=ENGLISH + " (kept)", language="fr")
    out = io.StringIO()
    call_command("detect_languages", batch=2, stdout=out)
    languages = dict(Source.objects.values_list("pk", "language"))
    assert languages[declared.pk] == "de"
    assert languages[undeclared.pk] == "pt"
    assert languages[too_short.pk] == ""
    assert languages[kept.pk] == "fr"
    assert "2/3 sources examined" in out.getvalue() and "3/3 sources examined" in out.getvalue()
    assert "2 of 3 sources without a language were given one" in out.getvalue()
