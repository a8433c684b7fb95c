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


@pytest.mark.parametrize(
    ("component", "target", "method", "error"),
    [
        ("database", connection, "cursor", OperationalError("connection refused")),
        ("cache", cache, "set", ConnectionError("redis refused the connection")),
    ],
)
def test_a_component_that_does_not_answer_is_a_503_that_names_it(
    client, monkeypatch, component, target, method, error
):
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(target, method, refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "ok", component: f"unavailable ({type(error).__name__})"},
    }
    assert "refused" not in response.content.decode()  # details go to the log, not to the public


def test_only_reads_are_answered(client):
    assert client.post("/health/").status_code == 405
    assert client.head("/health/").status_code == 200
