"""Our fact checks for other tools: the ClaimReview DataFeed, RSS and Atom feeds, the sitemap and the
methodology page; drafts never appear in any of them; and what we export, another instance's
import_claimreview reads back without loss."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, Rating
from claims.public import exports
from tests.factories import AppearanceFactory, ClaimFactory

ROOT = Path(__file__).resolve().parents[2]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Google's ClaimReview documentation: required, then recommended properties.
REQUIRED = ["claimReviewed", "reviewRating", "url"]
RECOMMENDED = ["author", "datePublished", "itemReviewed"]
RATING_REQUIRED = ["alternateName"]
RATING_RECOMMENDED = ["bestRating", "ratingValue", "worstRating"]


def data_feed(client, **params) -> dict:
    response = client.get(reverse("claimreview-feed"), params)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/ld+json")
    return json.loads(b"".join(response.streaming_content))


def test_the_data_feed_holds_every_published_fact_check_with_googles_fields(client, record):
    feed = data_feed(client)
    assert feed["@type"] == "DataFeed"
    [review] = feed["dataFeedElement"]
    assert all(review.get(name) for name in REQUIRED + RECOMMENDED)
    rating = review["reviewRating"]
    assert all(name in rating for name in RATING_REQUIRED + RATING_RECOMMENDED)
    assert rating["ratingExplanation"] == "Tolls fall by a quarter, not a third."
    item = review["itemReviewed"]
    assert item["author"]["name"] == "Ada Quill" and item["author"]["jobTitle"] == "minister"
    assert item["firstAppearance"] and item["appearance"]
    assert review["url"].endswith(f"/claims/{record['published'].pk}/")


def test_updated_since(client, record):
    assert data_feed(client, updated_since="2000-01-01")["dataFeedElement"]
    tomorrow = (timezone.now() + timezone.timedelta(days=1)).date().isoformat()
    assert data_feed(client, updated_since=tomorrow)["dataFeedElement"] == []
    assert client.get(reverse("claimreview-feed"), {"updated_since": "soon"}).status_code == 400


def test_rss_and_atom_parse_back(client, record):
    for name in ("fact-checks-rss", "fact-checks-atom"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        [entry] = parsed.entries
        assert "Ada Quill" in entry.title or "Harbour tolls" in entry.title
        assert entry.link.endswith(f"/claims/{record['published'].pk}/")
        assert "Verdict:" in entry.summary
    assert feedparser.parse(client.get(reverse("fact-checks-atom")).content).version == "atom10"


def test_drafts_never_appear_in_a_feed_or_the_sitemap(client, record):
    everything = json.dumps(data_feed(client))
    everything += client.get(reverse("fact-checks-rss")).content.decode()
    everything += client.get(reverse("fact-checks-atom")).content.decode()
    for section in exports.SITEMAPS:
        everything += client.get(f"/sitemap-{section}.xml").content.decode()
    assert "Draft words" not in everything and "Secret plan" not in everything
    for hidden in [*record["drafts"], record["hidden_claim"]]:
        assert f"/claims/{hidden.pk}/" not in everything
    assert f"/speakers/{record['hidden_speaker'].pk}/" not in everything
    assert f"/sources/{record['hidden_source'].pk}/" not in everything
    assert f"/speakers/{record['speaker'].pk}/" in everything
    assert f"/sources/{record['source'].pk}/" in everything


def urls_in(xml: bytes) -> list[str]:
    return [loc.text for loc in ElementTree.fromstring(xml).iter(f"{SITEMAP}loc")]


def test_the_sitemap_is_an_index_of_files_of_at_most_the_limit(client, record, monkeypatch):
    for _ in range(4):
        ClaimFactory(
            state=Claim.State.PUBLISHED, verdict=Rating.objects.get(value=3), published_at=timezone.now()
        )
    assert exports.ClaimSitemap.limit == 50_000  # the protocol's limit a file
    monkeypatch.setattr(exports.ClaimSitemap, "limit", 2)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    files = urls_in(index.content)
    claim_files = [u for u in files if "sitemap-claims.xml" in u]
    assert len(claim_files) == 3  # 5 published claims, 2 a file
    seen = []
    for url in claim_files:
        path = url.split("testserver", 1)[1]
        urls = urls_in(client.get(path).content)
        assert 1 <= len(urls) <= 2
        seen += urls
    assert len(set(seen)) == 5


def test_the_methodology_page_shows_the_rating_scale(client, db):
    html = client.get(reverse("methodology")).content.decode()
    for rating in Rating.objects.all():
        assert rating.label in html
    assert reverse("claimreview-feed") in html


@pytest.mark.django_db(transaction=True)
def test_what_we_export_another_instance_imports_without_loss(client, tmp_path):
    from importlib import import_module

    from django.apps import apps

    # A transactional test's database may have been flushed by another: the scale comes back.
    if not Rating.objects.exists():
        import_module("claims.migrations.0002_default_rating_scale").create_scale(apps, None)
        import_module("claims.migrations.0045_common_rating_scale").common_scale(apps, None)
    claim = AppearanceFactory(
        claim__state=Claim.State.PUBLISHED,
        claim__verdict=Rating.objects.get(value=2),
        claim__verdict_explanation="The accounts say otherwise.",
        claim__headline="No, the toll did not rise",
        claim__published_at=timezone.now(),
        claim__speaker__name="Ada Quill",
        claim__speaker__wikidata_id="Q42",
        role="Councillor",
        source__language="en",
    ).claim
    exported = data_feed(client)
    path = tmp_path / "ours.json"
    path.write_text(json.dumps(exported))
    other = tmp_path / "other.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{other}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    for command in (["migrate", "-v", "0"], ["import_claimreview", str(path), "--no-link"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    with sqlite3.connect(other) as db:
        db.row_factory = sqlite3.Row
        [row] = db.execute("SELECT * FROM claims_externalreview").fetchall()
    [ours] = exported["dataFeedElement"]
    assert json.loads(row["document"]) == ours  # every field, as exported
    assert row["url"] == ours["url"] and row["url"].endswith(f"/claims/{claim.pk}/")
    assert row["claim_reviewed"] == ours["claimReviewed"]
    assert row["headline"] == "No, the toll did not rise"
    assert (row["rating_text"], row["rating_value"]) == (ours["reviewRating"]["alternateName"], 2.0)
    assert (row["best_rating"], row["worst_rating"]) == (
        ours["reviewRating"]["bestRating"],
        ours["reviewRating"]["worstRating"],
    )
    assert row["rating_explanation"] == "The accounts say otherwise."
    assert (row["claim_author"], row["claim_author_title"]) == ("Ada Quill", "Councillor")
    assert row["claim_author_same_as"] == "https://www.wikidata.org/wiki/Q42"
    assert row["language"] == "en" and row["published_on"] == ours["datePublished"]


def test_a_feed_item_says_whose_assertion_it_checked(client, record):
    """Away from the claim's page, an assertion's bare words would be no one's."""
    claim = record["published"]
    Claim.objects.filter(pk=claim.pk).update(stance="asserted", headline="")
    [entry] = feedparser.parse(client.get(reverse("fact-checks-rss")).content).entries
    assert entry.summary.startswith(f"{claim.speaker.name}: ")
    # One the article named no one for says so rather than reading as a fact.
    Claim.objects.filter(pk=claim.pk).update(speaker=None)
    [entry] = feedparser.parse(client.get(reverse("fact-checks-rss")).content).entries
    assert entry.summary.startswith("Speaker unknown: ")
