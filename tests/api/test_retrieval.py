"""Finding what the record holds, through every door: GET /api/claims/similar/, ?q= on the claims
list, the admin's claim search, the public /search/ and /v1alpha1/claims:search. Multi-word,
stemmed and any-word queries find and rank the right claim; drafts never reach anonymous
clients; empty, huge and binary queries are answered, never a 500."""

import pytest
from django.db import connection
from django.utils import timezone

from claims.models import Claim
from claims.retrieval import lexical, query, service
from tests.factories import ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(db):
    """Published claims on other subjects around the one that matters, and a draft."""
    now = timezone.now()
    published = {"state": "published", "published_at": now, "verdict_id": 2}
    speaker = SpeakerFactory(name="Sergei Ryabkov")
    target = ClaimFactory(
        text="Russia plans to attack Ukraine within weeks",
        speaker=speaker,
        headline="Is Russia about to invade its neighbour?",
        **published,
    )
    others = [
        ClaimFactory(text=text, **published)
        for text in (
            "The harbour tolls for fishing boats will be cut by a third",
            "Rail fares rise by four percent in spring",
            "The council plans a new bridge across the river",
            "A vaccine against the flu is offered free to pensioners",
            "Unemployment fell to its lowest level in ten years",
        )
    ]
    draft = ClaimFactory(text="Russia attacks Ukraine, the draft says")
    return {"target": target, "others": others, "draft": draft}


def ids(rows):
    return [row["id"] for row in rows]


@pytest.mark.parametrize("words", ["plans attack", "attacks", "attacking Ukraine", "RUSSIAN PLANS"])
def test_the_api_search_finds_stemmed_and_any_word_queries_first(anonymous, record, words):
    found = anonymous.get("/api/claims/", {"q": words}).json()["results"]
    assert found and found[0]["id"] == record["target"].pk
    assert 0 < found[0]["score"] <= 1
    assert record["draft"].pk not in ids(found)


def test_the_api_search_finds_by_speaker_and_headline(anonymous, record):
    assert ids(anonymous.get("/api/claims/", {"q": "Ryabkov"}).json()["results"])[0] == record["target"].pk
    assert (
        ids(anonymous.get("/api/claims/", {"q": "invade neighbour"}).json()["results"])[0]
        == record["target"].pk
    )


def test_a_search_ranks_what_the_other_filters_leave(anonymous, record, monkeypatch):
    from claims.serve import selectors

    monkeypatch.setattr(selectors, "RANKED", 2)  # the record's best two matches are not the speaker's
    for n in range(3):
        ClaimFactory(text=f"Russia plans to attack Ukraine, report {n} says", state="published")
    target = record["target"]
    found = anonymous.get("/api/claims/", {"q": "Russia plans attack", "speaker": target.speaker_id}).json()
    assert ids(found["results"]) == [target.pk]


def test_ordering_turns_a_search_back_into_newest_first_pages(editor, record):
    body = editor.get("/api/claims/", {"q": "Russia", "ordering": "-id"}).json()
    assert ids(body["results"]) == sorted(ids(body["results"]), reverse=True)
    assert record["draft"].pk in ids(body["results"])  # signed in: drafts too


def test_already_checked_ranks_a_paraphrase_first(anonymous, record):
    rows = anonymous.get(
        "/api/claims/similar/", {"text": "Moscow is preparing an invasion of Ukraine"}
    ).json()
    assert rows[0]["claim"]["id"] == record["target"].pk
    assert rows[0]["score"] >= rows[-1]["score"] and 0 <= rows[0]["semantic"] <= 1
    assert record["draft"].pk not in [row["claim"]["id"] for row in rows]


def test_the_admin_search_ranks_by_relevance(admin_client, record):
    page = admin_client.get("/admin/claims/claim/", {"q": "plans attack"}).content.decode()
    target = page.index(f"/admin/claims/claim/{record['target'].pk}/change/")
    bridge = next(o for o in record["others"] if "bridge" in o.text)
    assert target < page.index(f"/admin/claims/claim/{bridge.pk}/change/")  # both say "plans"


def test_the_public_search_ranks_and_hides_drafts(client, record):
    page = client.get("/search/", {"q": "attacks"}).content.decode()
    assert "Russia plans to attack Ukraine within weeks" in page
    assert "the draft says" not in page


def test_fact_check_search_finds_stemmed_words_and_hides_drafts(anonymous, record):
    body = anonymous.get("/v1alpha1/claims:search", {"query": "attacks"}).json()
    texts = [c["text"] for c in body["claims"]]
    assert "Russia plans to attack Ukraine within weeks" in texts
    assert not any("draft" in t for t in texts)


def test_the_headline_is_shown_and_sent_as_claimreview(client, anonymous, record):
    target = record["target"]
    assert "Is Russia about to invade its neighbour?" in client.get(f"/claims/{target.pk}/").content.decode()
    review = anonymous.get(f"/api/claims/{target.pk}/claim-review/").json()
    assert review["headline"] == review["name"] == "Is Russia about to invade its neighbour?"


@pytest.mark.parametrize(
    "q",
    [
        " ",
        "the of and",  # stop words only
        "word " * 10_000,
        "\x00\x01\x02 binary \xff\xfe",
        "‮ RTL override ‭ and 🙂 emoji",
    ],
    ids=["blank", "stop words", "10,000 words", "binary", "odd unicode"],
)
def test_odd_queries_are_answered_never_a_500(anonymous, record, q):
    for url, key in (("/api/claims/", "q"), ("/api/claims/similar/", "text"), ("/search/", "q")):
        response = anonymous.get(url, {key: q})
        assert response.status_code in (200, 400), (url, response.status_code)
        if response.status_code == 400 and url.startswith("/api/"):
            assert response.json()["error"]["message"]


def test_an_edited_headline_is_searched_at_once(editor, record, django_capture_on_commit_callbacks):
    from claims.curation import workflow
    from tests.factories import UserFactory

    user = UserFactory(is_superuser=True, is_staff=True)
    claim = record["others"][0]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.claim_edit(
            claim_id=claim.pk, changes={"headline": "Do trawlers pay less at the quay?"}, user=user
        )
    assert ids(editor.get("/api/claims/", {"q": "trawlers quay"}).json()["results"])[0] == claim.pk


def test_query_terms_drop_stop_words_links_and_handles():
    assert query.terms("RT @someone: The plans to ATTACK https://t.co/x the plans") == ["plans", "attack"]
    assert len(query.terms("w" + " w".join(str(n) for n in range(10_000)))) == query.MAX_TERMS


def test_claims_created_without_the_factory_hook_are_found_after_index_claims(anonymous, capsys):
    from django.core.management import call_command

    claim = ClaimFactory(
        text="Lighthouse keepers return to the northern cape", indexed=False, state="published"
    )
    assert ids(anonymous.get("/api/claims/", {"q": "lighthouse"}).json()["results"]) == []
    call_command("index_claims", "--search-only")
    assert "claims indexed for search" in capsys.readouterr().out
    assert ids(anonymous.get("/api/claims/", {"q": "lighthouse"}).json()["results"]) == [claim.pk]
    assert Claim.objects.get(pk=claim.pk).search_entry.model == "all-MiniLM-L6-v2"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the word counts come from PostgreSQL's pg_stats"
)
def test_a_word_most_claims_hold_picks_no_candidates(monkeypatch):
    """At a million claims, ranking every claim that holds "budget" would take a third of a second,
    and even a few rows holding two such words cost the index the whole intersection of their
    lists: common words (by the table's statistics) pick no candidates, rare ones do."""
    monkeypatch.setattr(lexical, "CANDIDATE_ROWS", 10)
    for n in range(40):
        ClaimFactory(text=f"The budget for the year {n} was approved by the council")
    target = ClaimFactory(text="The harbour budget was approved by the council")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claimsearchentry")
    lexical.forget_statistics()
    try:
        assert list(lexical.candidates(query.terms("harbour budget"), limit=100)) == [target.pk]
        assert lexical.candidates(query.terms("budget approved council"), limit=100) == {}
        # The embeddings find claims for common words alone, and the words rank what they found.
        hits = service.search(text="budget approved council", claims=Claim.objects.all(), limit=5)
        assert len(hits) == 5 and all(hit.lexical > 0 for hit in hits)
    finally:
        lexical.forget_statistics()  # the next test's tables are analysed afresh, or not at all


def test_a_dense_candidate_the_lexical_stage_left_out_is_ranked_by_its_words():
    """The lexical stage keeps its best few; a claim past them that the embeddings bring holds the
    query's words all the same, and its words count in its score."""
    ClaimFactory(text="Ferry fares on the northern route rise by a tenth in spring")
    ClaimFactory(text="Ferry fares rise again on the northern route this spring")
    hits = service.search(
        text="ferry fares rise on the northern route",
        claims=Claim.objects.all(),
        weights=service.Weights(lexical_candidates=1),
    )
    assert len(hits) == 2 and all(hit.lexical > 0 for hit in hits)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the word counts come from PostgreSQL's pg_stats"
)
def test_a_words_stems_are_asked_of_the_database_once():
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        ClaimFactory(text=f"The ferry timetable {n} was approved by the council")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claimsearchentry")
    lexical.forget_statistics()
    try:
        first = lexical.candidates(query.terms("ferry timetables"), limit=10)
        with CaptureQueriesContext(connection) as again:
            second = lexical.candidates(query.terms("timetables ferry"), limit=10)
        assert second == first and first
        assert not [q for q in again.captured_queries if "tsvector_to_array" in q["sql"]]
    finally:
        lexical.forget_statistics()
