"""docker-compose.yml cannot run here (no Docker engine): check it refers to things that exist."""

import importlib
import re
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands
from django.urls import resolve

from claims.views import health_check
from config import env

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_services_the_product_needs():
    services = COMPOSE["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    assert "pgdata" in COMPOSE["volumes"]


def test_the_web_health_check_asks_the_health_view():
    command = " ".join(COMPOSE["services"]["web"]["healthcheck"]["test"])
    path = re.search(r"http://127\.0\.0\.1:8000(/[^'\"]*)", command).group(1)
    assert resolve(path).func is health_check


@pytest.mark.parametrize("service", ["web", "worker", "indexer", "beat", "migrate"])
def test_compose_commands_point_at_modules_that_exist(service):
    command = COMPOSE["services"][service]["command"]
    if command[0] == "gunicorn":
        module, attribute = command[1].split(":")
        assert hasattr(importlib.import_module(module), attribute)
    elif command[0] == "celery":
        assert command[1:3] == ["-A", "config"]
        assert importlib.import_module("config").celery_app.main == "claims"
        assert command[3] in ("worker", "beat")
    else:
        assert command[:2] == ["python", "manage.py"]
        assert command[2] in get_commands()


def test_compose_indexer_reads_only_the_indexing_queue():
    from config.celery import app, index_queue

    # The queue compose's workers use: CELERY_QUEUE when compose sets it, else the settings' default.
    queue = COMPOSE["x-app"]["environment"].get("CELERY_QUEUE") or "claims"
    command = COMPOSE["services"]["indexer"]["command"]
    assert command[command.index("-Q") + 1] == f"{queue}-index"
    assert index_queue() == f"{app.conf.task_default_queue}-index"


def test_compose_environment_names_are_the_ones_settings_read():
    compose_env = COMPOSE["x-app"]["environment"]
    base = (ROOT / "config" / "settings" / "base.py").read_text()
    production = (ROOT / "config" / "settings" / "production.py").read_text()
    for name in compose_env:
        if name != "DJANGO_SETTINGS_MODULE":
            assert f'"{name}"' in base + production, name
    assert importlib.util.find_spec(compose_env["DJANGO_SETTINGS_MODULE"]) is not None


@pytest.mark.parametrize(
    ("reader", "value"),
    [(lambda: env.env_bool("X_TEST_FLAG", False), "maybe"), (lambda: env.env_int("X_TEST_FLAG", 1), "ten")],
)
def test_bad_environment_values_raise_improperly_configured(monkeypatch, reader, value):
    monkeypatch.setenv("X_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="X_TEST_FLAG"):
        reader()


def test_env_readers_accept_good_values(monkeypatch):
    monkeypatch.setenv("X_TEST_FLAG", "yes")
    assert env.env_bool("X_TEST_FLAG", False) is True
    monkeypatch.setenv("X_TEST_FLAG", "42")
    assert env.env_int("X_TEST_FLAG", 1, minimum=5) == 42
    with pytest.raises(ImproperlyConfigured, match="at least"):
        env.env_int("X_TEST_FLAG", 1, minimum=100)
    monkeypatch.setenv("X_TEST_FLAG", "a, b,,c")
    assert env.env_list("X_TEST_FLAG", []) == ["a", "b", "c"]


def test_production_settings_refuse_a_missing_secret_key(monkeypatch):
    import sys

    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    sys.modules.pop("config.settings.production", None)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        importlib.import_module("config.settings.production")
    sys.modules.pop("config.settings.production", None)


@pytest.fixture
def fresh_settings(monkeypatch):
    """Loads a settings module anew with the environment given, as a process starting would; the
    modules this process uses are put back afterwards."""
    import sys

    saved = {name: module for name, module in sys.modules.items() if name.startswith("config.settings.")}

    def load(module: str, **environment: str):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        for name in [n for n in sys.modules if n.startswith("config.settings.")]:
            sys.modules.pop(name)
        return importlib.import_module(module)

    yield load
    for name in [n for n in sys.modules if n.startswith("config.settings.")]:
        sys.modules.pop(name)
    sys.modules.update(saved)


def test_allowed_networks_take_ports_and_refuse_bad_entries_at_start(fresh_settings):
    entries = "10.0.0.0/8,127.0.0.1:8123,[::1]:8123"
    settings = fresh_settings("config.settings.base", CLAIMS_FETCH_ALLOWED_NETWORKS=entries)
    assert settings.CLAIMS_FETCH_ALLOWED_NETWORKS == ["10.0.0.0/8", "127.0.0.1:8123", "[::1]:8123"]
    for bad in ("127.0.0.1:99999", "localhost:8123"):
        with pytest.raises(ImproperlyConfigured, match=f"CLAIMS_FETCH_ALLOWED_NETWORKS.*{bad}"):
            fresh_settings("config.settings.base", CLAIMS_FETCH_ALLOWED_NETWORKS=bad)


def test_the_public_base_url_is_where_make_run_serves(fresh_settings, monkeypatch):
    """Links in emails, webhooks and ClaimReview point where `make run` serves: its HOST and PORT."""
    import runpy

    for name in ("CLAIMS_PUBLIC_BASE_URL", "HOST", "PORT"):
        monkeypatch.delenv(name, raising=False)
    assert fresh_settings("config.settings.local").CLAIMS_PUBLIC_BASE_URL == "http://127.0.0.1:8000"
    settings = fresh_settings("config.settings.local", PORT="8123")
    served = runpy.run_path(str(ROOT / "scripts" / "run_dev.py"))  # as `make run PORT=8123` serves
    assert (
        settings.CLAIMS_PUBLIC_BASE_URL
        == f"http://{served['HOST']}:{served['PORT']}"
        == "http://127.0.0.1:8123"
    )
    # Served on every interface, it is reached on this machine at 127.0.0.1.
    assert (
        fresh_settings("config.settings.local", HOST="0.0.0.0").CLAIMS_PUBLIC_BASE_URL
        == "http://127.0.0.1:8123"
    )
    explicit = fresh_settings("config.settings.local", CLAIMS_PUBLIC_BASE_URL="https://claims.example.org/")
    assert explicit.CLAIMS_PUBLIC_BASE_URL == "https://claims.example.org"
    with pytest.raises(ImproperlyConfigured, match="PORT"):
        fresh_settings("config.settings.local", CLAIMS_PUBLIC_BASE_URL="", PORT="eighty")


def compose_value(value: str, environment: dict[str, str]) -> str:
    """A docker-compose.yml value as Compose interpolates it: ${NAME}, ${NAME:-default} and
    ${NAME:?message} (KeyError naming NAME when it is unset or empty)."""

    def one(match: re.Match) -> str:
        name, operator, rest = match.group(1), match.group(2), match.group(3)
        given = environment.get(name, "")
        if given:
            return given
        if operator == ":?":
            raise KeyError(name)
        return rest if operator == ":-" else ""

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", one, value)


def test_compose_defaults_are_the_safe_ones():
    """Secure cookies on, no PostgreSQL password written in the file, the web port published on
    this machine's loopback address unless another is asked for."""
    environment = {"DJANGO_SECRET_KEY": "k" * 50, "POSTGRES_PASSWORD": "a-long-random-password"}
    app = {
        name: compose_value(str(value), environment)
        for name, value in COMPOSE["x-app"]["environment"].items()
    }
    assert app["DJANGO_SECURE_COOKIES"].lower() in {"1", "true", "yes", "on"}
    assert app["DATABASE_URL"] == "postgres://claims:a-long-random-password@postgres:5432/claims"
    postgres = COMPOSE["services"]["postgres"]["environment"]
    assert compose_value(postgres["POSTGRES_PASSWORD"], environment) == "a-long-random-password"
    for value in (postgres["POSTGRES_PASSWORD"], COMPOSE["x-app"]["environment"]["DATABASE_URL"]):
        with pytest.raises(KeyError, match="POSTGRES_PASSWORD"):
            compose_value(value, {})
    [published] = COMPOSE["services"]["web"]["ports"]
    assert compose_value(published, environment) == "127.0.0.1:8000:8000"
    asked = compose_value(published, {**environment, "CLAIMS_WEB_PUBLISH": "0.0.0.0:8080"})
    assert asked == "0.0.0.0:8080:8000"
