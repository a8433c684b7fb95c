"""API tokens: only a digest is stored, a user holds several named tokens, each may expire, the
key is shown once in the admin, and keys issued before digests keep working after migration."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def answer(key: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/sources/").status_code


def test_only_a_digest_of_the_key_is_stored():
    issued = ApiToken.objects.issue(user=UserFactory(), name="newsroom CMS")
    row = ApiToken.objects.get(pk=issued.token.pk)
    values = [str(v) for v in ApiToken.objects.filter(pk=row.pk).values().get().values()]
    assert issued.key not in values
    assert row.prefix == issued.key[:8] and len(row.digest) == 64
    assert answer(issued.key) == 200


def test_a_user_holds_several_named_tokens_and_each_is_revoked_alone():
    user = UserFactory()
    cms, bot = ApiToken.objects.issue(user=user, name="CMS"), ApiToken.objects.issue(user=user, name="bot")
    assert answer(cms.key) == answer(bot.key) == 200
    cms.token.delete()
    assert answer(cms.key) == 401 and answer(bot.key) == 200


def test_an_expired_token_is_refused_and_use_is_recorded():
    user = UserFactory()
    old = ApiToken.objects.issue(user=user, name="old", expires_at=timezone.now() - timedelta(seconds=1))
    assert answer(old.key) == 401
    live = ApiToken.objects.issue(user=user, name="live", expires_at=timezone.now() + timedelta(days=1))
    assert answer(live.key) == 200
    live.token.refresh_from_db()
    assert live.token.last_used_at is not None


def test_a_wrong_key_with_a_right_prefix_is_refused():
    issued = ApiToken.objects.issue(user=UserFactory(), name="CMS")
    assert answer(issued.key[:8] + "x" * (len(issued.key) - 8)) == 401


def test_the_admin_shows_the_key_once_at_creation(admin_client, staff_user):
    response = admin_client.post(
        "/admin/claims/apitoken/add/",
        {
            "user": staff_user.pk,
            "name": "fact-check desk",
            "expires_at_0": "2030-01-01",
            "expires_at_1": "00:00:00",
        },
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="fact-check desk")
    shown = [str(m) for m in response.context["messages"]]
    key = next(word for m in shown for word in m.split() if word.startswith(token.prefix))
    assert answer(key) == 200
    page = admin_client.get(f"/admin/claims/apitoken/{token.pk}/change/").content.decode()
    assert key not in page and token.prefix in page


def test_keys_issued_before_digests_keep_working_and_leave_no_plain_copy():
    user = UserFactory()
    plain = Token.objects.create(user=user).key
    migration = __import__("claims.migrations.0023_api_tokens_from_plain_keys", fromlist=["adopt_plain_keys"])
    migration.adopt_plain_keys(apps, None)
    assert not Token.objects.exists()
    assert answer(plain) == 200
