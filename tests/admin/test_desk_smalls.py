"""The smaller faults of the editors' day: one readable history (the History button leads to it,
in words, not JSON); check-worthiness to two places; the token form's expiry help says what it
does; the ingest form says "URLs"; a pronoun's speaker is "named in" the paragraph that names
them; /api/ lists the public endpoints to anonymous visitors."""

import re

import pytest
from rest_framework.test import APIClient

from claims.curation import workflow
from claims.extraction import extract
from tests.factories import AppearanceFactory


@pytest.mark.django_db
def test_one_readable_history(admin_client, staff_user):
    claim = AppearanceFactory(claim__checkworthiness=0.16798161486607552).claim
    workflow.claim_edit(claim_id=claim.pk, changes={"text": "The pier will reopen in May"}, user=staff_user)
    workflow.claim_transition(claim_id=claim.pk, to_state="accepted", user=staff_user)
    history = admin_client.get(f"/admin/claims/claim/{claim.pk}/history/")
    assert history.status_code == 302 and history["Location"].endswith(
        f"/admin/claims/claim/{claim.pk}/change/#events-group"
    )
    page = admin_client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    assert "new → accepted" in page
    assert "text: “" in page and "→ “The pier will reopen in May”" in page
    assert '{"text": {"from"' not in page and "&quot;from&quot;" not in page
    # Check-worthiness to two places.
    assert re.search(r'name="checkworthiness"[^>]*value="0\.17"', page)
    assert "0.16798161486607552" not in page


@pytest.mark.django_db
def test_the_token_form_says_what_its_expiry_does(admin_client):
    page = admin_client.get("/admin/claims/apitoken/add/").content.decode()
    assert "expires in a year unless you change this" in page and "Empty: never expires." not in page


@pytest.mark.django_db
def test_the_ingest_form_says_urls(admin_client):
    page = admin_client.get("/admin/claims/ingestjob/submit/").content.decode()
    assert ">URLs:</label>" in page or ">URLs</label>" in page
    assert "Urls" not in page


def test_a_pronoun_is_named_in_the_paragraph_that_names_its_speaker():
    text = """date 2024-05-02
Pier repairs to take longer

Ada Quill, the transport minister, visited the north pier on Monday.

She said the repairs would take until March.

Workers on the pier were told on Tuesday of the delay.

She said the cost had risen by a fifth.
"""
    how = [c.speaker.resolution for c in extract(text)]
    assert how[0] == "pronoun resolved to Ada Quill, the subject of a sentence in paragraph 3"
    assert how[1] == "pronoun resolved to Ada Quill, named in paragraph 3"  # not 4: she is named in 3


@pytest.mark.django_db
def test_the_api_root_shows_the_public_endpoints_to_anyone():
    response = APIClient().get("/api/")
    assert response.status_code == 200
    body = response.json()
    assert body["claims"].endswith("/api/claims/") and body["docs"].endswith("/api/docs/")
