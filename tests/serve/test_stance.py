"""A faithful record keeps each statement's stance: a denial is stored, listed, searched, shown and
reviewed as a denial ("Ada Quill denied that ..."), never as the proposition it denies; an
assertion and a denial of the same words are two claims. Articles written for the project."""

import json

import pytest
from django.utils import timezone

from claims.curation import workflow
from claims.extraction import Stance, extract
from claims.extraction.lexicon import SPEECH_CUES, cues
from claims.extraction.lexicon.cues import STANCE_OF
from claims.ingest import articles, pipeline
from claims.models import Claim, Rating
from claims.retrieval import service as retrieval
from claims.serve.claimreview import claim_review
from claims.serve.statements import checkable, statement, statements
from tests.factories import AppearanceFactory, ClaimFactory, UserFactory

ARTICLE = """date 2024-03-04
Navy and harbour at odds over closure

PORT ELLEN, March 4 - The deputy defence minister, Ada Quill, met harbour officials on Monday.

Quill denied that the navy had plans to close the harbour to fishing boats.

Bo Hale, who chairs the harbour board, said the navy had plans to close the harbour to fishing boats.
"""


def stances(text: str) -> list[tuple[str, str]]:
    return [(str(c.stance), c.text) for c in extract(text)]


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Ada Quill denied that the navy had plans to close the harbour.", Stance.DENIED),
        ("Ada Quill disputed that the tolls had doubled in a year.", Stance.DENIED),
        ("“Will the tolls rise again next year?” asked Bo Hale.", Stance.QUESTIONED),
        ("“Why should islanders pay twice for one bridge?” Bo Hale said.", Stance.QUESTIONED),
        ("The minister predicted that fares would fall by a fifth.", Stance.PREDICTED),
        ("The harbour master warned that the pier could collapse within a year.", Stance.WARNED),
        ("Ada Quill promised to build a second bridge by 2026.", Stance.PROMISED),
        ("Fishermen fear that the new tolls will drive the fleet away.", Stance.BELIEVED),
        ("The council wants to sell the old ferry terminal.", Stance.INTENDED),
        ("Ada Quill urged the council to cut the harbour tolls.", Stance.URGED),
        ("Bo Hale described the talks as “difficult” and long.", Stance.CHARACTERISED),
        ("Bo Hale rejected the council's demands in public.", Stance.CHARACTERISED),
        ("Ada Quill has never said that the tolls would be cut.", Stance.NEGATED),
        ("The harbour board said the tolls would fall by a third.", Stance.ASSERTED),
    ],
)
def test_the_cue_gives_the_stance(sentence, stance):
    found = extract(sentence)
    assert found and found[0].stance is stance


def test_a_sentence_with_two_verbs_of_saying_gives_two_statements_each_in_its_stance():
    found = extract(
        "The minister has denied planning to close the harbour this winter but has threatened to cut "
        "the ferry subsidy."
    )
    assert [(str(c.stance), c.text) for c in found] == [
        ("denied", "planning to close the harbour this winter"),
        ("warned", "to cut the ferry subsidy"),
    ]


def test_every_cue_word_of_the_engine_is_in_the_cue_table_once():
    from claims.extraction import mentions
    from claims.extraction.rules import patterns

    words = set(SPEECH_CUES) | set(mentions.PHRASAL_CUES) | set(mentions.INVERSION_CUES)
    words |= patterns.BELIEF_VERBS | patterns.CHARACTERISING
    assert words <= set(STANCE_OF)
    with pytest.raises(ValueError, match="listed twice"):
        cues._read("said | say | asserted | speech\nsaid | say | denied | speech")


def test_the_models_stances_are_the_extractors():
    assert {value for value, _ in Claim._meta.get_field("stance").choices} == {str(s) for s in Stance}


@pytest.mark.parametrize(
    ("text", "stance", "cue", "shown"),
    [
        (
            "the navy had plans to close the harbour",
            "denied",
            "denied",
            "Ada Quill denied that the navy had plans to close the harbour",
        ),
        ("planning a war", "denied", "denied", "Ada Quill denied planning a war"),
        ("“Will the tolls rise?”", "questioned", "asked", "Ada Quill asked: “Will the tolls rise?”"),
        ("the tolls would rise", "questioned", "asked", "Ada Quill asked whether the tolls would rise"),
        ("to build a bridge", "promised", "promised", "Ada Quill promised to build a bridge"),
        (
            "those demands in public",
            "characterised",
            "Rejected",
            "Ada Quill rejected those demands in public",
        ),
        ("the council to cut the tolls", "urged", "urged", "Ada Quill urged the council to cut the tolls"),
        ("the tolls would be cut", "negated", "said", "Ada Quill did not say that the tolls would be cut"),
        ("to comment", "negated", "declined", "Ada Quill did not say to comment"),
        # Not denying is not "not saying": the negation keeps its own verb.
        (
            "that the tolls had been cut",
            "negated",
            "deny",
            "Ada Quill did not deny that the tolls had been cut",
        ),
        (
            "that the ferry was sold",
            "negated",
            "confirm",
            "Ada Quill did not confirm that the ferry was sold",
        ),
        ("The tolls will fall.", "asserted", "said", "The tolls will fall."),
    ],
)
def test_a_statement_is_shown_with_its_stance(text, stance, cue, shown):
    assert checkable(text=text, stance=stance, speaker="Ada Quill", cue=cue) == shown


@pytest.mark.django_db
def test_a_denial_and_an_assertion_of_the_same_words_are_two_claims_each_in_its_stance():
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    claims = {
        c.speaker.name: c
        for c in Claim.objects.filter(text__contains="plans to close").select_related("speaker")
    }
    denial, assertion = claims["Ada Quill"], claims["Bo Hale"]
    assert denial.stance == "denied" and denial.appearances.get().stance == "denied"
    assert assertion.stance == "asserted"
    # The same words and speaker in another stance: another fingerprint, so another claim.
    assert (
        Claim.fingerprint_of(text=denial.text, speaker_key=denial.speaker.name_key, stance="asserted")
        != denial.fingerprint
    )
    assert (
        Claim.fingerprint_of(text=denial.text, speaker_key=denial.speaker.name_key, stance="denied")
        == denial.fingerprint
    )


@pytest.mark.django_db
def test_a_published_denial_is_shown_and_reviewed_as_a_denial(client):
    from rest_framework.test import APIClient

    anonymous = APIClient()
    pipeline.store_article(articles.parse_text(ARTICLE), raw=ARTICLE)
    denial = Claim.objects.get(speaker__name="Ada Quill", text__contains="plans to close")
    retrieval.index_claims(
        claim_ids=Claim.objects.values_list("pk", flat=True)
    )  # as ingestion does after commit
    Claim.objects.filter(pk=denial.pk).update(
        state="published",
        published_at=timezone.now(),
        verdict=Rating.objects.get(value=1),
        reviewed_at=timezone.now(),
    )
    said = "Ada Quill denied that the navy had plans to close the harbour to fishing boats"
    page = client.get(f"/claims/{denial.pk}/").content.decode()
    assert said in page
    assert f"<blockquote><p>{denial.text}</p></blockquote>" not in page  # never the bare proposition
    listed = client.get("/").content.decode()
    assert "Ada Quill denied that the navy" in listed
    review = claim_review(Claim.objects.select_related("speaker", "verdict").get(pk=denial.pk))
    assert review["claimReviewed"] == said
    found = anonymous.get("/api/claims/", {"stance": "denied"}).json()["results"]
    assert [c["id"] for c in found] == [denial.pk]
    assert found[0]["statement"] == said and found[0]["stance"] == "denied"
    assert (
        anonymous.get("/api/claims/", {"stance": "asserted"}).json()["results"] == []
    )  # Hale's is not published
    fact_checks = anonymous.get("/v1alpha1/claims:search", {"query": "navy harbour"}).json()
    assert fact_checks["claims"][0]["text"] == said


@pytest.mark.django_db
def test_editors_filter_and_correct_the_stance_in_the_admin(admin_client):
    denial = AppearanceFactory(cue="denied", stance="denied", claim__stance="denied").claim
    ClaimFactory(text="Something asserted")
    listing = admin_client.get("/admin/claims/claim/", {"stance__exact": "denied"}).content.decode()
    assert f"/admin/claims/claim/{denial.pk}/change/" in listing and "Something asserted" not in listing
    editor = UserFactory(is_staff=True, is_superuser=True)
    corrected = workflow.claim_edit(claim_id=denial.pk, changes={"stance": "asserted"}, user=editor)
    assert corrected.stance == "asserted"
    assert corrected.fingerprint == Claim.fingerprint_of(
        text=corrected.text, speaker_key=corrected.speaker.name_key
    )
    event = corrected.events.get()
    assert event.details["stance"] == {"from": "denied", "to": "asserted"}


@pytest.mark.django_db
def test_claims_stored_before_stances_get_theirs_from_their_cues():
    from importlib import import_module

    from django.apps import apps

    denial = AppearanceFactory(cue="Denied", claim__text="the tolls doubled").claim
    plain = AppearanceFactory(cue="said").claim
    old_fingerprint = denial.fingerprint
    import_module("claims.migrations.0029_stance_from_cues").forwards(apps, None)
    denial.refresh_from_db()
    plain.refresh_from_db()
    assert denial.stance == "denied" and denial.appearances.get().stance == "denied"
    assert (
        denial.fingerprint
        == Claim.fingerprint_of(text=denial.text, speaker_key=denial.speaker.name_key, stance="denied")
        != old_fingerprint
    )
    assert plain.stance == "asserted" and plain.fingerprint == Claim.fingerprint_of(
        text=plain.text, speaker_key=plain.speaker.name_key
    )
    assert json.dumps(denial.stance)  # a plain string, as the API sends it


@pytest.mark.django_db
def test_a_stored_negation_reads_with_its_own_verb_everywhere(client):
    text = "date 2024-06-11\nRail review\n\nRail director Henrike Mbeki did not deny that the new signalling system had failed twice.\n"
    pipeline.store_article(articles.parse_text(text), raw=text)
    claim = Claim.objects.select_related("speaker").get()
    assert claim.stance == "negated"
    shown = "Henrike Mbeki did not deny that the new signalling system had failed twice"
    assert statement(claim) == shown
    assert statements([claim]) == {claim.pk: shown}
