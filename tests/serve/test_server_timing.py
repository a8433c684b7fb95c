"""The Server-Timing header (claims.middleware) reports the request's own SQL, when switched on."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

HEADER = re.compile(r'sql;desc="(\d+) statements";dur=([\d.]+), total;dur=([\d.]+)')


def test_each_response_says_how_long_its_sql_took(settings):
    settings.CLAIMS_SERVER_TIMING = True
    client = Client()  # a new client loads the middleware with the setting as it is now
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/ratings/")
    assert response.status_code == 200
    statements, sql_ms, total_ms = HEADER.fullmatch(response["Server-Timing"]).groups()
    assert int(statements) == len(queries) > 0
    assert 0 < float(sql_ms) <= float(total_ms)


def test_off_unless_switched_on(settings):
    settings.CLAIMS_SERVER_TIMING = False
    assert "Server-Timing" not in Client().get("/api/ratings/")
