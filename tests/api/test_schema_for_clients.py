"""What clients generated from /api/schema/ rely on: write bodies declared as JSON only (the
browsable API still posts its forms), the exports' real media types, a schema for the
claim-review answer, `score` in the Claim schema, and integer path ids."""

import pytest

from tests.api.conftest import client_for


@pytest.fixture
def schema(client, db) -> dict:
    return client.get("/api/schema/", {"format": "json"}).json()


def operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_write_bodies_are_declared_as_json_only(schema):
    bodies = {
        (path, method): sorted(op["requestBody"]["content"])
        for path, method, op in operations(schema)
        if "requestBody" in op
    }
    assert ("/api/claims/{id}/transition/", "post") in bodies and ("/api/ingest-jobs/", "post") in bodies
    assert set(map(tuple, bodies.values())) == {("application/json",)}


def test_the_exports_declare_their_media_types(schema):
    paths = schema["paths"]
    csv = paths["/api/claims/export.csv"]["get"]["responses"]["200"]["content"]
    ndjson = paths["/api/claims/export.ndjson"]["get"]["responses"]["200"]["content"]
    assert list(csv) == ["text/csv"] and list(ndjson) == ["application/x-ndjson"]


def test_the_claim_review_answer_has_a_schema_and_claims_a_score(schema):
    answer = schema["paths"]["/api/claims/{id}/claim-review/"]["get"]["responses"]["200"]["content"]
    [(media_type, body)] = answer.items()
    assert media_type == "application/ld+json"
    assert {"@type", "url", "claimReviewed", "reviewRating", "itemReviewed"} <= set(
        body["schema"]["required"]
    )
    claim = schema["components"]["schemas"]["Claim"]
    assert claim["properties"]["score"]["type"] == "number" and "score" not in claim["required"]


def test_path_ids_are_integers(schema):
    ids = [
        (path, p["schema"])
        for path, _, op in operations(schema)
        for p in op.get("parameters", [])
        if p["in"] == "path" and p["name"] == "id"
    ]
    assert len(ids) > 10
    assert {path: s["type"] for path, s in ids if s["type"] != "integer"} == {}


def test_the_browsable_api_still_posts_its_form(db):
    from claims.models import Claim
    from tests.factories import ClaimFactory, UserFactory

    user = UserFactory(username="form-user", is_staff=True, is_superuser=True)
    claim = ClaimFactory()
    answer = client_for(user).post(
        f"/api/claims/{claim.pk}/transition/", {"state": "accepted"}, format="multipart"
    )
    assert answer.status_code == 200
    assert Claim.objects.get(pk=claim.pk).state == "accepted"


def test_every_enum_has_a_readable_name(schema):
    """A generated client names its classes after the schema's: a collision resolved with a hash
    ("Kind46cEnum") would be a class no one can guess. Each choice set is named after its field."""
    import re

    names = list(schema["components"]["schemas"])
    assert [name for name in names if re.search(r"[0-9a-f]{3}Enum$", name)] == []
    assert schema["components"]["schemas"]["SpeakerKindEnum"]["enum"][:2] == ["person", "organisation"]
