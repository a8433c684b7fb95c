"""The editors' desk, round two: a merge from the review page asks first and shows both
statements with their speakers; two speakers' claims merge only when the editor says so; merge
suggestions are the same speaker's first; a split restores what each appearance had; a statement
the extractor missed is added from a selection of the text as an ordinary claim. Articles
written for the project."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from claims.admin import display
from claims.curation import workflow
from claims.curation.adding import EDITOR_RULE
from claims.ingest import articles, pipeline
from claims.models import Appearance, Claim, ClaimEvent, Notification, Source, Subscription
from claims.retrieval import service as retrieval
from claims.serve import statements

ARTICLE = """date 2024-06-11
Ferry talks stall over the winter timetable

PORT ELLEN, June 11 - Talks on the winter ferry timetable stalled on Tuesday.

Ada Quill, the transport minister, said the ferry would sail twice a day all winter.

Bo Hale, who chairs the harbour board, said the ferry would sail twice a day all winter long.

Hale later denied that the board had been told of the new timetable. The minister's office
declined to comment, and the board meets again on Friday.
"""
MISSED = "the board had been told of the new timetable"


@pytest.fixture
def article(db):
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    retrieval.index_claims(claim_ids=Claim.objects.values_list("pk", flat=True))
    source = Source.objects.get()
    quill = Claim.objects.select_related("speaker").get(speaker__name="Ada Quill")
    hale = Claim.objects.select_related("speaker").get(speaker__name="Bo Hale", stance="asserted")
    return source, quill, hale


def _review(client, source, **data):
    return client.post(f"/admin/claims/source/{source.pk}/review/", data)


def test_two_speakers_claims_merge_only_when_the_editor_says_so(article, editor_user):
    _, quill, hale = article
    with pytest.raises(ValidationError, match="different speakers"):
        workflow.claim_merge(target_id=hale.pk, other_ids=[quill.pk], user=editor_user)
    assert Claim.objects.filter(pk=quill.pk).exists()
    kept = workflow.claim_merge(
        target_id=hale.pk, other_ids=[quill.pk], user=editor_user, across_speakers=True
    )
    assert kept.appearances.count() == 2
    assert ClaimEvent.objects.get(claim=kept, action="merge").details["across_speakers"] is True


def test_a_merge_from_the_review_page_asks_first_with_both_speakers(article, editor_user, client):
    source, quill, hale = article
    client.force_login(editor_user)
    # The `m` key's button: nothing is merged, the page asks.
    asked = _review(client, source, decision="merge", claim=quill.pk, target=hale.pk)
    assert asked.status_code == 302 and f"merge={hale.pk}" in asked["Location"]
    assert Claim.objects.filter(pk=quill.pk).exists()
    page = client.get(asked["Location"]).content.decode()
    assert f"Merge claim {quill.pk} into claim {hale.pk}?" in page
    assert "Ada Quill" in page and "Bo Hale" in page and "Two different speakers" in page
    # Confirmed, but not said to be across speakers: refused.
    refused = _review(client, source, decision="merge", claim=quill.pk, target=hale.pk, confirm="1")
    assert Claim.objects.filter(pk=quill.pk).exists()
    messages = client.get(refused["Location"]).content.decode()
    assert "claims of different speakers are merged only when you say" in messages
    # Said so: merged.
    _review(
        client, source, decision="merge", claim=quill.pk, target=hale.pk, confirm="1", across_speakers="1"
    )
    assert not Claim.objects.filter(pk=quill.pk).exists()
    assert Claim.objects.get(pk=hale.pk).appearances.count() == 2


def test_merge_suggestions_are_the_same_speakers_first(article):
    _, quill, hale = article
    own = Claim.objects.create(
        text="the ferry will sail each day of the winter",
        fingerprint="own-ferry",
        speaker=quill.speaker,
        kind="indirect",
    )
    retrieval.index_claims(claim_ids=[own.pk])
    found = display.similar(quill)
    assert found[0].claim.pk == own.pk  # Hale's near-identical words come after Quill's own
    assert hale.pk in [s.claim.pk for s in found]


def test_a_split_restores_what_each_appearance_had(article, editor_user):
    _, quill, hale = article
    quill_appearance = quill.appearances.get()
    kept = workflow.claim_merge(
        target_id=hale.pk, other_ids=[quill.pk], user=editor_user, across_speakers=True
    )
    new = workflow.claim_split(claim_id=kept.pk, appearance_ids=[quill_appearance.pk], user=editor_user)
    assert new.speaker_id == quill.speaker_id and new.stance == quill.stance and new.text == quill.text
    assert Claim.objects.get(pk=hale.pk).speaker.name == "Bo Hale"


def test_a_split_restores_the_stance_too(db, editor_user):
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    denial = Claim.objects.get(stance="denied")
    assertion = Claim.objects.get(speaker__name="Bo Hale", stance="asserted")
    moved = denial.appearances.get()
    workflow.claim_merge(target_id=assertion.pk, other_ids=[denial.pk], user=editor_user)  # one speaker
    new = workflow.claim_split(claim_id=assertion.pk, appearance_ids=[moved.pk], user=editor_user)
    assert (new.stance, new.speaker_id, new.text) == ("denied", denial.speaker_id, denial.text)


def test_a_missed_statement_is_added_from_the_text_as_an_ordinary_claim(
    db, editor_user, client, django_capture_on_commit_callbacks
):
    # Written so that the extractor misses it: the denial is a gesture, not a verb of speech.
    text = ARTICLE.replace(
        "Hale later denied that the board had been told of the new timetable.",
        "Later, asked whether the board had been told of the new timetable, Hale shook his head.",
    )
    pipeline.store_article(articles.parse_text(text), raw=text)
    source = Source.objects.get()
    hale = Claim.objects.get(speaker__name="Bo Hale", stance="asserted").speaker
    Subscription.objects.create(user=editor_user, kind="speaker", speaker=hale)
    assert not Claim.objects.filter(text__contains="told of the new timetable").exists()
    start = source.text.index(MISSED)
    client.force_login(editor_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _review(
            client,
            source,
            decision="add",
            start=start - 1,  # a space selected with the words is not part of them
            end=start + len(MISSED),
            speaker="Bo Hale",  # as the autocomplete offers it
            stance="denied",
        )
    assert "Claim" in client.get(response["Location"]).content.decode()
    claim = Claim.objects.select_related("speaker").get(text=MISSED)
    assert (claim.speaker_id, claim.stance, claim.state) == (hale.pk, "denied", "new")
    assert f"focus={claim.pk}" in response["Location"]
    appearance = claim.appearances.get()
    assert (appearance.start, appearance.end, appearance.rule) == (start, start + len(MISSED), EDITOR_RULE)
    assert appearance.resolution == "chosen by editor"
    assert ClaimEvent.objects.get(claim=claim, action="add").user == editor_user  # its history
    assert not retrieval.pending().filter(pk=claim.pk).exists()  # in the search index
    assert Notification.objects.filter(user=editor_user, claim=claim).exists()  # subscribers told
    assert statements.statement(claim) == f"Bo Hale denied that {MISSED}"
    # The same words again: refused in words, nothing added.
    again = _review(client, source, decision="add", start=start, end=start + len(MISSED), speaker="Bo Hale")
    assert "already claim" in client.get(again["Location"]).content.decode()
    assert Appearance.objects.filter(source=source, start=start).count() == 1


def test_adding_needs_a_selection_and_a_speaker(db, editor_user, client):
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    source = Source.objects.get()
    client.force_login(editor_user)
    before = Claim.objects.count()
    response = _review(client, source, decision="add", speaker="Bo Hale", stance="denied")
    assert "Select the statement" in client.get(response["Location"]).content.decode()
    response = _review(client, source, decision="add", start=0, end=10**6, speaker="Bo Hale")
    assert "not within the article" in client.get(response["Location"]).content.decode()
    response = _review(client, source, decision="add", start=0, end=20, speaker="Nobody Known")
    assert "Nobody called Nobody Known is known" in client.get(response["Location"]).content.decode()
    assert Claim.objects.count() == before


@pytest.fixture
def published_hale(article):
    """Hale's statement published, and a draft of the same words by him in another article."""
    hale = article[2]
    Claim.objects.filter(pk=hale.pk).update(state="published", published_at=timezone.now(), verdict_id=2)
    draft = Claim.objects.create(
        text="the ferry will sail twice a day all winter",
        fingerprint="hale-draft",
        speaker=hale.speaker,
        kind="indirect",
    )
    return Claim.objects.get(pk=hale.pk), draft


def test_an_editor_cannot_merge_drafts_into_a_published_fact_check(published_hale, editor_user, client):
    hale, draft = published_hale
    with pytest.raises(PermissionDenied, match="only a reviewer may merge"):
        workflow.claim_merge(target_id=hale.pk, other_ids=[draft.pk], user=editor_user)
    assert Claim.objects.filter(pk=draft.pk).exists() and hale.appearances.count() == 1
    # The API says so too, and leaves the public record as it was.
    client.force_login(editor_user)
    answer = client.post(
        f"/api/claims/{hale.pk}/merge/", {"claims": [draft.pk]}, content_type="application/json"
    )
    assert answer.status_code == 403 and Claim.objects.filter(pk=draft.pk).exists()


def test_a_reviewer_merges_the_same_statement_into_a_published_fact_check(published_hale, reviewer_user):
    hale, draft = published_hale
    kept = workflow.claim_merge(target_id=hale.pk, other_ids=[draft.pk], user=reviewer_user)
    assert kept.is_published and not Claim.objects.filter(pk=draft.pk).exists()


def test_a_published_fact_check_takes_no_claim_of_another_stance(published_hale, reviewer_user):
    hale, draft = published_hale
    Claim.objects.filter(pk=draft.pk).update(stance="denied")
    with pytest.raises(ValidationError, match="a published verdict covers one stance"):
        workflow.claim_merge(target_id=hale.pk, other_ids=[draft.pk], user=reviewer_user)
    assert Claim.objects.filter(pk=draft.pk).exists()
