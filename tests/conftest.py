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
