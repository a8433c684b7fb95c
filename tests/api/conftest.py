import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.models import ApiToken, Claim, Rating
from tests.factories import AppearanceFactory, ClaimFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()  # throttling counts live in the cache: one test must not throttle the next
    yield
    cache.clear()


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        key = ApiToken.objects.issue(user=user, name="tests").key
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def anonymous():
    return APIClient()


@pytest.fixture
def no_rights(db):
    return client_for(UserFactory(username="token-only"))


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get(name="Editor"))
    return client_for(user)


@pytest.fixture
def reviewer(db):
    user = UserFactory(username="reviewer")
    user.groups.add(Group.objects.get(name="Reviewer"))
    return client_for(user)


@pytest.fixture
def signed_in(db):
    """A staff member with no group, signed in to the admin: a session, not a token."""
    client = APIClient()
    client.force_login(UserFactory(username="no-group-staff", is_staff=True))
    return client


@pytest.fixture
def clients(anonymous, no_rights, signed_in, editor, reviewer):
    return {
        "anonymous": anonymous,
        "no_rights": no_rights,
        "signed_in": signed_in,
        "editor": editor,
        "reviewer": reviewer,
    }


@pytest.fixture
def published_claim(db):
    appearance = AppearanceFactory(claim__state=Claim.State.PUBLISHED)
    claim = appearance.claim
    claim.verdict = Rating.objects.get(value=2)
    claim.verdict_explanation = "The figures say otherwise."
    from django.utils import timezone

    claim.published_at = timezone.now()
    claim.save()
    return claim


@pytest.fixture
def new_claim(db):
    return AppearanceFactory(claim__state=Claim.State.NEW).claim


@pytest.fixture
def other_new_claim(db):
    return ClaimFactory(state=Claim.State.NEW)
