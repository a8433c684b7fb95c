import pytest

from claims.retrieval import dense
from tests.factories import UserFactory


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staff", is_staff=True, is_superuser=True)


@pytest.fixture
def plain_user(db):
    return UserFactory(username="reader")


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def _fresh_dense_index():
    """Each test's database starts empty (its transaction is rolled back, ids are reused): so does
    this process's copy of the embeddings."""
    dense.reset()
    yield
    dense.reset()


@pytest.fixture
def http_server():
    """Start a test HTTP server on 127.0.0.1 with the routes given (tests.servers.Route by path);
    it stops as soon as the test ends. Its port, and only its port, is added to
    CLAIMS_FETCH_ALLOWED_NETWORKS while the test runs, as a deployment would allow one service."""
    from contextlib import ExitStack

    from django.conf import settings
    from django.test import override_settings

    from tests.servers import Server

    with ExitStack() as running:

        def start(routes: dict) -> Server:
            server = running.enter_context(Server(routes))
            allowed = [*settings.CLAIMS_FETCH_ALLOWED_NETWORKS, f"127.0.0.1:{server.server_port}"]
            running.enter_context(override_settings(CLAIMS_FETCH_ALLOWED_NETWORKS=allowed))
            return server

        yield start


def staff_member(username: str, group: str):
    """A staff account in one of the desk's groups (Editor, Reviewer), with an email address."""
    from django.contrib.auth.models import Group

    user = UserFactory(username=username, is_staff=True, email=f"{username}@newsroom.example")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_user(db):
    return staff_member("editor", "Editor")


@pytest.fixture
def reviewer_user(db):
    return staff_member("reviewer", "Reviewer")
