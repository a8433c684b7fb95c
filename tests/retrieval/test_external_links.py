"""Other fact-checkers' reviews linked to our claims: who said it counts (a review of another named
person's words is at most a suggestion, ranked below), links are made when claims arrive after
the review, and the import reports its progress while linking. Texts written for the project."""

import io
import json

import pytest
from django.core.management import call_command

from claims.ingest import claimreview
from claims.models import Claim, ExternalReview, ExternalReviewLink, Speaker
from claims.retrieval import external
from tests.factories import ClaimFactory, SpeakerFactory

TESTS = "Washington is preparing to resume nuclear weapons tests in the Nevada desert"


def review(n: int, text: str, claimant: str | None, kind: str = "Person") -> dict:
    doc = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checkers.example/reviews/{n}",
        "claimReviewed": text,
        "author": {"@type": "Organization", "name": "Desert Checkers"},
        "reviewRating": {"@type": "Rating", "alternateName": "Misleading"},
    }
    if claimant:
        doc["itemReviewed"] = {"@type": "Claim", "author": {"@type": kind, "name": claimant}}
    return doc


def imported(*docs: dict) -> list[int]:
    lines = [json.dumps(d).encode() for d in docs]
    return claimreview.import_reviews(claimreview.from_json_lines(lines)).review_ids


def test_who_made_a_claim_reviewed_is_a_person_only_when_it_reads_as_one():
    assert external.claimant_person(claimant="Vladimir Putin", document={}) == "Vladimir Putin"
    typed_org = {"itemReviewed": {"author": {"@type": "Organization", "name": "Kremlin Press"}}}
    assert external.claimant_person(claimant="Kremlin Press", document=typed_org) == ""
    typed_person = {"itemReviewed": {"author": [{"@type": ["Person"], "name": "Putin"}]}}
    assert external.claimant_person(claimant="Putin", document=typed_person) == "Putin"
    for group in ("Facebook posts", "Multiple sources", "Viral image shared 2,000 times", "", "Putin"):
        assert external.claimant_person(claimant=group, document={}) == "", group


def test_another_person_is_one_whose_name_does_not_fit():
    assert not external.other_person(claimant="Vladimir Putin", speaker="Vladimir Putin")
    assert not external.other_person(claimant="Putin", speaker="Vladimir Putin")
    assert not external.other_person(claimant="V. Putin", speaker="Vladimir Vladimirovich Putin")
    assert not external.other_person(claimant="Vova Putin", speaker="Sergei Ryabkov", aliases=["Vova Putin"])
    assert external.other_person(claimant="Vladimir Putin", speaker="Sergei Ryabkov")
    assert external.other_person(claimant="Sergei Putin", speaker="Vladimir Putin")
    assert not external.other_person(claimant="Vladimir Putin", speaker="")


@pytest.mark.django_db
def test_a_review_of_another_persons_words_is_at_most_a_suggestion_below_the_right_one():
    ryabkov = SpeakerFactory(name="Sergei Ryabkov")
    claim = ClaimFactory(text=TESTS, speaker=ryabkov, indexed=True)
    putins, ryabkovs = imported(
        review(1, TESTS, "Vladimir Putin"),
        review(2, "Ryabkov: Washington prepares to resume nuclear tests in Nevada", "Sergei Ryabkov"),
    )
    linked = external.link_reviews(review_ids=[putins, ryabkovs])
    links = {link.review_id: link for link in ExternalReviewLink.objects.filter(claim=claim)}
    wrong, right = links[putins], links[ryabkovs]
    # The same words, so the search alone would confirm Putin's review and rank it first.
    assert float(wrong.reason.split()[2]) >= external.STRONG
    assert wrong.state == ExternalReviewLink.State.SUGGESTED and not wrong.automatic
    assert "Vladimir Putin's words" in wrong.reason and "Sergei Ryabkov's" in wrong.reason
    assert right.score > wrong.score
    assert [link.review_id for link in claim.external_links.order_by("-score")] == [ryabkovs, putins]
    assert linked.suggested >= 1


@pytest.mark.django_db
def test_an_organisation_or_an_unknown_speaker_does_not_hold_a_link_back():
    agency = SpeakerFactory(name="Nevada Test Agency", kind=Speaker.Kind.ORGANISATION)
    claim = ClaimFactory(text=TESTS, speaker=agency, indexed=True)
    (pk,) = imported(review(1, TESTS, "Vladimir Putin"))
    external.link_reviews(review_ids=[pk])
    link = ExternalReviewLink.objects.get(claim=claim)
    assert link.state == ExternalReviewLink.State.CONFIRMED and link.automatic


@pytest.mark.django_db
def test_a_claim_stored_after_the_review_is_linked_to_it():
    (pk,) = imported(review(1, TESTS, "Sergei Ryabkov"))
    assert external.link_reviews(review_ids=[pk]).confirmed == 0  # nothing to link to yet
    ClaimFactory(text="The library will open on Sunday mornings from next month", indexed=True)
    assert not ExternalReviewLink.objects.exists()
    # Indexed as ingestion indexes the claims it stores: the link follows.
    claim = ClaimFactory(text=TESTS, speaker=SpeakerFactory(name="Sergei Ryabkov"), indexed=True)
    link = ExternalReviewLink.objects.get()
    assert (link.claim, link.review_id, link.state) == (claim, pk, ExternalReviewLink.State.CONFIRMED)


@pytest.mark.django_db
def test_reviews_imported_before_their_embeddings_were_kept_are_linked_to_new_claims():
    (pk,) = imported(review(1, TESTS, None))
    ExternalReview.objects.filter(pk=pk).update(embedding=None, embedding_model="")
    claim = ClaimFactory(text=TESTS, indexed=True)
    assert ExternalReviewLink.objects.get().claim == claim
    assert ExternalReview.objects.get(pk=pk).embedding_model == external.MODEL_NAME


@pytest.mark.django_db
def test_import_claimreview_reports_progress_while_linking(tmp_path, monkeypatch):
    monkeypatch.setattr(external, "BATCH", 2)
    ClaimFactory(text=TESTS, speaker=SpeakerFactory(name="Sergei Ryabkov"), indexed=True)
    path = tmp_path / "reviews.jsonl"
    docs = [review(n, f"{TESTS} ({n})", "Sergei Ryabkov") for n in range(5)]
    path.write_text("\n".join(json.dumps(d) for d in docs))
    out = io.StringIO()
    call_command("import_claimreview", str(path), stdout=out)
    text = out.getvalue()
    assert (
        "linking: 2/5 reviews" in text and "linking: 4/5 reviews" in text and "linking: 5/5 reviews" in text
    )
    assert "(5 reviews in" in text
    assert Claim.objects.get().external_links.count() == 5


@pytest.mark.django_db
def test_a_claim_ingested_after_the_review_is_linked_once_its_embedding_is_made():
    """Ingestion writes a new claim's words at once and its embedding later, on the indexing
    queue: the claim is new to the reviews when its embedding is made."""
    from claims.retrieval import service

    (pk,) = imported(review(1, TESTS, "Sergei Ryabkov"))
    claim = ClaimFactory(text=TESTS, speaker=SpeakerFactory(name="Sergei Ryabkov"), indexed=False)
    service.write_documents(claim_ids=[claim.pk])
    assert not ExternalReviewLink.objects.exists()
    assert service.embed_pending(claim_ids=[claim.pk]) == 1
    link = ExternalReviewLink.objects.get()
    assert (link.claim, link.review_id, link.state) == (claim, pk, ExternalReviewLink.State.CONFIRMED)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stance", "words"), [("denied", "denied"), ("negated", "did not say"), ("questioned", "asked")]
)
def test_a_review_of_the_words_as_said_is_at_most_a_suggestion_for_a_claim_that_denies_them(stance, words):
    """A review rated the words as said ("True"); our claim records the speaker denying (or asking)
    them. Confirmed and shown together, the verdict would read as the verdict on the denial."""
    ryabkov = SpeakerFactory(name="Sergei Ryabkov")
    denial = ClaimFactory(text=TESTS, speaker=ryabkov, stance=stance, indexed=True)
    [pk] = imported(review(1, TESTS, "Sergei Ryabkov"))
    external.link_reviews(review_ids=[pk])
    link = ExternalReviewLink.objects.get(claim=denial, review_id=pk)
    assert link.state == ExternalReviewLink.State.SUGGESTED and not link.automatic
    assert f"this claim's speaker {words} them" in link.reason


@pytest.mark.django_db
def test_the_same_review_is_confirmed_for_the_claim_that_asserts_the_words():
    ryabkov = SpeakerFactory(name="Sergei Ryabkov")
    claim = ClaimFactory(text=TESTS, speaker=ryabkov, indexed=True)
    [pk] = imported(review(1, TESTS, "Sergei Ryabkov"))
    external.link_reviews(review_ids=[pk])
    link = ExternalReviewLink.objects.get(claim=claim, review_id=pk)
    assert link.state == ExternalReviewLink.State.CONFIRMED and link.automatic
