import pytest

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
