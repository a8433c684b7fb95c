"""Search draws its candidates only from the claims the caller may see and the filters it asked
for. A newsroom holds far more drafts than published fact checks: 800 drafts about the harbour
bridge, each a better match for "harbour bridge" than the one published fact check about it,
must not hide that fact check from an anonymous reader, from claims:search, from a speaker=
filter or from the admin's state filter. Runs on whichever database the suite uses (SQLite, or
PostgreSQL with DATABASE_URL)."""

import numpy as np
import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import Appearance, Claim, Rating
from claims.retrieval import lexical
from claims.retrieval import service as retrieval
from tests.conftest import staff_member
from tests.factories import AppearanceFactory, ClaimFactory, SourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

DRAFTS = 800
QUERY = "harbour bridge"
_VECTORS: dict[str, np.ndarray] = {}


@pytest.fixture(autouse=True)
def _encode_each_text_once(monkeypatch):
    """The model's own vectors, each text encoded once for the whole module (801 claims a test
    would take most of its time)."""
    real = retrieval.encoder()

    class Remembering:
        def encode(self, texts: list[str], **options) -> np.ndarray:
            new = [t for t in dict.fromkeys(texts) if t not in _VECTORS]
            if new:
                _VECTORS.update(zip(new, real.encode(new), strict=True))
            return np.array([_VECTORS[t] for t in texts], dtype=np.float32)

    monkeypatch.setattr(retrieval, "encoder", Remembering)


@pytest.fixture
def harbour(db):
    """800 draft claims about the harbour bridge by one speaker, and one published fact check
    about it by another."""
    drafter = SpeakerFactory(name="Otto Brack")
    source = SourceFactory(title="The harbour bridge, again")
    drafts = [
        ClaimFactory(
            text=f"The harbour bridge, the harbour bridge: bridge works on the harbour bridge, item {n}",
            speaker=drafter,
            state=Claim.State.NEW,
            indexed=False,
        )
        for n in range(DRAFTS)
    ]
    Appearance.objects.bulk_create(
        Appearance(claim=claim, source=source, text=claim.text, start=n, end=n + len(claim.text))
        for n, claim in enumerate(drafts)
    )
    checked = ClaimFactory(
        text="Tolls on the harbour bridge have doubled since the last election",
        speaker=SpeakerFactory(name="Ada Quill"),
        state=Claim.State.PUBLISHED,
        verdict=Rating.objects.get(value=2),
        verdict_explanation="They rose by a third.",
        headline="Did harbour bridge tolls double?",
        published_at=timezone.now(),
        indexed=False,
    )
    AppearanceFactory(claim=checked, text=checked.text, end=len(checked.text))
    retrieval.index_claims(claim_ids=[checked.pk, *(c.pk for c in drafts)])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claimsearchentry")
        lexical.forget_statistics()
    return {"checked": checked, "drafts": drafts, "drafter": drafter}


def test_the_drafts_outrank_the_fact_check_among_all_claims(harbour):
    """What makes the case hard: among every claim, the drafts are the better matches, in both
    stages, so a search that kept only the visible claims after ranking would lose it."""
    hits = retrieval.search(text=QUERY, claims=Claim.objects.all(), limit=100)
    assert len(hits) == 100
    assert harbour["checked"].pk not in {hit.claim_id for hit in hits}


def test_service_search_ranks_only_the_claims_given(harbour):
    hits = retrieval.search(text=QUERY, claims=Claim.objects.published(), limit=10)
    assert [hit.claim_id for hit in hits] == [harbour["checked"].pk]
    assert hits[0].lexical > 0 and hits[0].dense > 0.3


def test_anonymous_public_search_page_finds_the_fact_check(client, harbour):
    page = client.get("/search/", {"q": QUERY})
    assert page.status_code == 200
    assert f"/claims/{harbour['checked'].pk}/" in page.content.decode()


def test_fact_check_tools_search_finds_the_fact_check(harbour):
    found = APIClient().get("/v1alpha1/claims:search", {"query": QUERY}).json()["claims"]
    assert [claim["text"] for claim in found] == [harbour["checked"].text]


def test_anonymous_api_q_finds_the_fact_check(harbour):
    found = APIClient().get("/api/claims/", {"q": QUERY}).json()["results"]
    assert [row["id"] for row in found] == [harbour["checked"].pk]


def test_anonymous_similar_finds_the_fact_check(harbour):
    found = APIClient().get("/api/claims/similar/", {"text": QUERY}).json()
    assert [row["claim"]["id"] for row in found] == [harbour["checked"].pk]


def test_an_editor_filtering_by_speaker_finds_that_speakers_claim(harbour):
    editor = APIClient()
    editor.force_login(staff_member("desk-editor", "Editor"))
    speaker = harbour["checked"].speaker_id
    found = editor.get("/api/claims/", {"q": QUERY, "speaker": speaker}).json()["results"]
    assert [row["id"] for row in found] == [harbour["checked"].pk]
    # Without the filter the editor sees the drafts too, the better matches first.
    everything = editor.get("/api/claims/", {"q": QUERY, "page_size": 100}).json()
    assert everything["results"][0]["id"] != harbour["checked"].pk


def test_the_admin_state_filter_finds_the_published_claim(client, harbour):
    client.force_login(staff_member("desk-editor", "Editor"))
    page = client.get("/admin/claims/claim/", {"q": QUERY, "state__exact": "published"})
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [harbour["checked"]]


def test_a_filter_that_leaves_nothing_finds_nothing(harbour):
    assert retrieval.search(text=QUERY, claims=Claim.objects.none(), limit=10) == []
    assert retrieval.search(text=QUERY, claims=Claim.objects.filter(pk=-1), limit=10) == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 query plan")
def test_sqlite_matches_once_and_then_keeps_the_visible_claims(harbour):
    """Handed the visible claims' ids as rowid constraints, FTS5 would run the whole match once
    for each of them (seconds a search at a few thousand claims): the plan must scan the match
    once ('INDEX 0:M...', not '0:=M...') and filter after."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as searched:
        found = lexical.candidates(["harbour", "bridge"], limit=10, among=_published_sql())
    [match] = [q["sql"] for q in searched.captured_queries if "MATCH" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {match}")
        plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
    assert "INDEX 0:M" in plan, plan
    assert found and set(found) <= set(Claim.objects.published().values_list("pk", flat=True))


def _published_sql():
    return Claim.objects.published().order_by().values("pk").query.sql_with_params()
