"""Editors and reviewers curate in the admin through the same workflow service as the API."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from claims.models import Claim, Rating
from tests.factories import AppearanceFactory, ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:claims_claim_changelist"


def staff_in(group: str) -> Client:
    user = UserFactory(username=group.lower(), is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def act(client: Client, action: str, claims) -> str:
    response = client.post(
        reverse(CHANGELIST), {"action": action, "_selected_action": [c.pk for c in claims]}, follow=True
    )
    assert response.status_code == 200
    return " ".join(str(m) for m in response.context["messages"])


def test_an_editor_accepts_in_bulk_but_cannot_publish():
    editor = staff_in("Editor")
    claims = ClaimFactory.create_batch(3, state=Claim.State.NEW)
    assert "Accepted 3 claims." in act(editor, "make_accepted", claims)
    assert set(Claim.objects.values_list("state", flat=True)) == {"accepted"}
    reviewed = ClaimFactory(state=Claim.State.REVIEWED, verdict=Rating.objects.get(value=5))
    # Publishing is not offered to an editor, and posting it anyway changes nothing.
    actions = editor.get(reverse(CHANGELIST)).context["action_form"].fields["action"].choices
    assert "make_accepted" in dict(actions) and "make_published" not in dict(actions)
    assert "make_reviewed" not in dict(actions)
    act(editor, "make_published", [reviewed])
    reviewed.refresh_from_db()
    assert reviewed.state == Claim.State.REVIEWED


def test_an_invalid_transition_is_refused_with_the_reason():
    editor = staff_in("Editor")
    claim = ClaimFactory(state=Claim.State.NEW)
    act(editor, "make_reviewed", [claim])  # not offered to an editor: nothing happens
    claim.refresh_from_db()
    assert claim.state == Claim.State.NEW
    reviewer = staff_in("Reviewer")
    message = act(reviewer, "make_reviewed", [claim])
    assert "A new claim cannot be marked reviewed: accept it and set a verdict first." in message


def test_a_reviewer_rates_and_publishes_and_anonymous_clients_then_see_it():
    reviewer = staff_in("Reviewer")
    claim = AppearanceFactory(claim__state=Claim.State.ACCEPTED).claim
    page = reverse("admin:claims_claim_verdict", args=[claim.pk])
    assert reviewer.get(page).status_code == 200
    response = reviewer.post(page, {"rating": 2, "explanation": "The figures say otherwise."})
    assert response.status_code == 302
    act(reviewer, "make_reviewed", [claim])
    assert "Published 1 claim." in act(reviewer, "make_published", [claim])
    seen = Client().get(f"/api/claims/{claim.pk}/").json()
    assert (seen["state"], seen["verdict"]) == ("published", "Mostly false")


def test_an_editor_cannot_set_a_verdict():
    editor = staff_in("Editor")
    claim = ClaimFactory(state=Claim.State.ACCEPTED)
    response = editor.post(reverse("admin:claims_claim_verdict", args=[claim.pk]), {"rating": 1}, follow=True)
    assert "review claim permission" in " ".join(str(m) for m in response.context["messages"])
    claim.refresh_from_db()
    assert claim.verdict_id is None


def test_the_change_form_cannot_set_the_state():
    editor = staff_in("Editor")
    claim = ClaimFactory(state=Claim.State.NEW)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = editor.post(
        url,
        {
            "text": claim.text + " (corrected)",
            "kind": claim.kind,
            "stance": claim.stance,
            "state": "published",
            "checkworthiness": 0.5,
            "appearances-TOTAL_FORMS": 0,
            "appearances-INITIAL_FORMS": 0,
            "events-TOTAL_FORMS": 0,  # the history inline's management form, as the page renders it
            "events-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302  # the form saved...
    claim.refresh_from_db()
    assert claim.text.endswith("(corrected)")  # ...the text changed...
    assert claim.state == Claim.State.NEW  # ...and the state did not


def test_article_text_is_shown_as_text_never_as_html():
    editor = staff_in("Editor")
    text = 'Intro <b>bold</b>. "We will win," she said. <script>alert("x")</script> More.'
    source = SourceFactory(text=text)
    start = text.index('"We')
    end = text.index("said") - 2
    appearance = AppearanceFactory(source=source, start=start, end=end, text=text[start:end])
    page = editor.get(reverse("admin:claims_claim_change", args=[appearance.claim_id])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert '<script>alert("x")</script>' not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert f"<mark>{text[start:end]}</mark>".replace('"', "&quot;") in page


def test_checkworthiness_bands_filter_the_list():
    editor = staff_in("Editor")
    high = ClaimFactory(checkworthiness=0.9, text="high worth claim text")
    ClaimFactory(checkworthiness=0.1, text="low worth claim text")
    page = editor.get(reverse(CHANGELIST), {"checkworthiness": "high"}).content.decode()
    assert "high worth claim text" in page and "low worth claim text" not in page
    assert f'<td class="field-worth">{high.checkworthiness:.2f}</td>' in page


def test_the_claims_list_stays_cheap_at_scale(django_assert_max_num_queries):
    """No date hierarchy (a DISTINCT over every claim), no facet counts, no full COUNT(*)."""
    from claims.admin import ClaimAdmin

    assert ClaimAdmin.date_hierarchy is None
    assert ClaimAdmin.show_full_result_count is False
    editor = staff_in("Editor")
    for _ in range(30):
        AppearanceFactory()
    with django_assert_max_num_queries(12):
        assert editor.get(reverse(CHANGELIST)).status_code == 200


def test_admin_search_matches_words_and_speaker_names():
    from tests.factories import SpeakerFactory

    editor = staff_in("Editor")
    varga = SpeakerFactory(name="Helena Varga")
    ClaimFactory(text="The fishing quotas will be cut by a third", speaker=varga)
    ClaimFactory(text="Rail fares rise in spring")
    by_word = editor.get(reverse(CHANGELIST), {"q": "quotas"}).content.decode()
    assert "The fishing quotas" in by_word and "Rail fares" not in by_word
    by_speaker = editor.get(reverse(CHANGELIST), {"q": "Varga"}).content.decode()
    assert "The fishing quotas" in by_speaker and "Rail fares" not in by_speaker


@pytest.mark.django_db
def test_each_appearance_says_which_rule_found_it_and_how_its_speaker_was_resolved(admin_client):
    from claims.ingest import articles, pipeline
    from claims.models import Appearance, Claim

    article = (
        "Ferries to run through the winter\n\n"
        "Ada Quill, the transport minister, said the harbour would stay open all year.\n\n"
        "The crossing takes forty minutes. She said the ferries would run every hour from May.\n"
    )
    pipeline.store_article(articles.parse_text(article), raw=article)
    claim = Claim.objects.get(text__contains="ferries would run every hour")
    appearance = Appearance.objects.get(claim=claim)
    assert appearance.rule == "cue-then-content"
    assert appearance.resolution == "pronoun resolved to Ada Quill, named in paragraph 2"
    page = admin_client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert "found by: a speaker and a verb of saying, then what was said" in page
    assert "(cue-then-content), cue “said”" in page
    assert "speaker: pronoun resolved to Ada Quill, named in paragraph 2" in page
    listing = admin_client.get(f"/admin/claims/appearance/{appearance.pk}/change/").content.decode()
    assert "cue-then-content" in listing


@pytest.mark.parametrize(
    "text", ["the tolls will \x00 rise", "the tolls will \x07 rise", "the tolls\x1b will rise"]
)
def test_the_change_form_refuses_a_statement_with_a_control_character(text):
    editor = staff_in("Editor")
    claim = ClaimFactory(state=Claim.State.NEW)
    before = claim.text
    response = editor.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        {
            "text": text,
            "kind": claim.kind,
            "stance": claim.stance,
            "checkworthiness": 0.5,
            "appearances-TOTAL_FORMS": 0,
            "appearances-INITIAL_FORMS": 0,
            "events-TOTAL_FORMS": 0,
            "events-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "control character" in response.content.decode() or "Null characters" in response.content.decode()
    claim.refresh_from_db()
    assert claim.text == before
