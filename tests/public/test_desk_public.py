"""The public record, round two: a source page shows each published claim with the sentences
around it, never the article's whole text; a speaker's chart and list date claims by when they
were said, else when their source was published; the common rating scale ships and is explained
on /methodology/. Articles written for the project."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from claims.ingest import articles, pipeline
from claims.models import Claim, Rating, Source
from tests.factories import AppearanceFactory, ClaimFactory, SpeakerFactory

ARTICLE = """date 2022-01-12
Harbour board and ministry trade blame over ferry delays

PORT ELLEN, Jan 12 - The ferry to the outer isles was late on nine days in ten last month.

Ada Quill, the transport minister, said the new timetable would cut delays by half.

The harbour board has asked for a meeting. Its chair, Bo Hale, was not available.

Repairs to the north pier began in November and are due to end in March.

The island's council meets on Thursday to discuss the winter fares, which rose in October.

Freight volumes, the board said in a report, are at their highest in a decade.
"""
FAR = "Freight volumes"
NEAR = "The harbour board has asked for a meeting"


@pytest.fixture
def published(db):
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    claim = Claim.objects.get(speaker__name="Ada Quill")
    Claim.objects.filter(pk=claim.pk).update(
        state="published", published_at=timezone.now(), verdict=Rating.objects.get(label="Misleading")
    )
    return claim


def test_the_source_page_shows_each_claim_in_context_never_the_whole_text(client, published):
    source = Source.objects.get()
    html = client.get(f"/sources/{source.pk}/").content.decode()
    assert "the new timetable would cut delays by half" in html
    assert "late on nine days in ten" in html and NEAR in html  # the sentences around it
    assert FAR not in html and "north pier" not in html  # not the rest of the article
    assert "first seen here" not in html and "12 Jan 2022" in html  # dated as it was said


def test_editors_still_see_the_full_text(admin_client, published):
    source = Source.objects.get()
    html = admin_client.get(f"/admin/claims/source/{source.pk}/change/").content.decode()
    assert FAR in html and "north pier" in html


@pytest.mark.django_db
def test_the_speaker_chart_plots_when_claims_were_said(client):
    speaker = SpeakerFactory(name="Rosa Lind")
    claim = ClaimFactory(speaker=speaker, state="published", published_at=timezone.now())
    AppearanceFactory(claim=claim, said_on=dt.date(2022, 1, 10), source__published_on=dt.date(2022, 1, 12))
    undated = ClaimFactory(speaker=speaker, state="published", published_at=timezone.now())
    AppearanceFactory(claim=undated, said_on=None, source__published_on=dt.date(2022, 3, 2))
    html = client.get(f"/speakers/{speaker.pk}/").content.decode()
    assert "Jan 2022" in html and "Mar 2022" in html  # said; else published
    this_month = timezone.now().strftime("%b %Y")
    assert this_month not in html.split("Latest claims")[0]  # never when the record saw them


@pytest.mark.django_db
def test_the_common_rating_scale_ships_and_is_explained(client):
    assert list(Rating.objects.order_by("value").values_list("value", "label")) == [
        (1, "False"),
        (2, "Mostly false"),
        (3, "Misleading"),
        (4, "Missing context"),
        (5, "Half true"),
        (6, "Mostly true"),
        (7, "True"),
    ]
    html = client.get("/methodology/").content.decode()
    assert "Misleading" in html and "Missing context" in html and "most fact-checkers use" in html


@pytest.mark.django_db
def test_the_scale_migration_keeps_each_verdict_and_an_edited_scale():
    migration = import_module("claims.migrations.0045_common_rating_scale")
    Rating.objects.all().delete()
    for value, label in enumerate(migration.OLD_SCALE, start=1):
        Rating.objects.create(value=value, label=label)
    claim = ClaimFactory(verdict=Rating.objects.get(label="True"))
    migration.common_scale(apps, None)
    claim.refresh_from_db()
    assert (claim.verdict.label, claim.verdict.value) == ("True", 7)
    assert Rating.objects.get(label="Misleading").value == 3
    migration.five_steps(apps, None)
    assert list(Rating.objects.order_by("value").values_list("label", flat=True)) == migration.OLD_SCALE
    # A scale an editor changed keeps its numbers; the missing steps come after its last.
    Rating.objects.filter(label="True").update(label="Accurate")
    migration.common_scale(apps, None)
    assert Rating.objects.get(label="Accurate").value == 5
    assert Rating.objects.get(label="Misleading").value > 5
