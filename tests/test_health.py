"""GET /health/: what load balancers and docker compose ask."""

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def test_healthy_when_the_database_and_the_cache_answer(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_a_database_that_does_not_answer_is_a_503_that_says_so(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {"database": "unavailable (OperationalError)", "cache": "ok"}
    assert "refused" not in response.content.decode()  # details go to the log, not to the public


def test_a_cache_that_does_not_answer_is_a_503_that_says_so(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "set", refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "unavailable (ConnectionError)"}


def test_only_reads_are_answered(client):
    assert client.post("/health/").status_code == 405
    assert client.head("/health/").status_code == 200
