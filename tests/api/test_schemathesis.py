"""The API against its own OpenAPI schema: schemathesis generates requests for every operation
(a bounded number each) and checks there is no server error, every status is one the schema
documents, and every response matches the schema. `make test` runs 15 examples an operation;
`make bench` runs bench/schemathesis.py, which sets CLAIMS_SCHEMATHESIS_EXAMPLES to 200.

Requests carry a Reviewer's token so the write operations are exercised past authentication."""

import os

import pytest
import schemathesis
from django.contrib.auth.models import Group
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from claims.models import ApiToken, Source
from tests.factories import AppearanceFactory, UserFactory

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
EXAMPLES = int(os.environ.get("CLAIMS_SCHEMATHESIS_EXAMPLES", "15"))


@pytest.fixture
def keep_the_test_connection():
    """Requests here go straight to the WSGI app, not through Django's test client, which would
    stop Django closing "old" connections at each request's end: do what it does, or the first
    request closes the connection the test's transaction lives on."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def reviewer_token(db, monkeypatch, keep_the_test_connection):
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"}
    )
    user = UserFactory(username="schemathesis")
    user.groups.add(Group.objects.get(name="Reviewer"))
    for _ in range(3):
        AppearanceFactory()
    # What the schema must allow to be null: a claim with no speaker, a source with no publisher.
    unattributed = AppearanceFactory(claim__speaker=None, claim__kind="assertion")
    Source.objects.filter(pk=unattributed.source_id).update(publisher=None)
    return ApiToken.objects.issue(user=user, name="schemathesis").key


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, reviewer_token):
    case.call_and_validate(
        headers={"Authorization": f"Token {reviewer_token}"},
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
