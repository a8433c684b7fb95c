"""API tokens: created with a key shown once, stored as a digest, checked in constant time.

Keys are 256 random bits, so one SHA-256 is enough to store them safely (a slow password hash
protects guessable secrets; nobody guesses a random 43-character key) and cheap enough to check
on every request.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from claims.models import ApiToken

PREFIX_LENGTH = 8
# What a key can be: secrets.token_urlsafe's alphabet (and DRF's hex keys, which migration 0023
# kept as digests). Anything else is no key, refused before it reaches a query (a NUL character
# there is a DataError on PostgreSQL).
_KEY = re.compile(r"[A-Za-z0-9_-]{1,200}")
# last_used_at is written at most this often per token, not on every request.
USE_RECORDED_EVERY = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Issued:
    token: ApiToken
    key: str  # shown to the user once; never stored


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def assign_new_key(token: ApiToken) -> str:
    """Give an unsaved token a fresh key (its prefix and digest): the key is returned, to be shown
    once, and is not kept anywhere."""
    key = secrets.token_urlsafe(32)
    token.prefix, token.digest = key[:PREFIX_LENGTH], _digest(key)
    return key


def issue(*, user, name: str, expires_at: datetime | None = None) -> Issued:
    token = ApiToken(user=user, name=name, expires_at=expires_at)
    key = assign_new_key(token)
    token.save()
    return Issued(token, key)


def authenticate(*, key: str) -> ApiToken | None:
    """The live token this key belongs to, or None (unknown, or expired, or no key at all)."""
    if not _KEY.fullmatch(key):
        return None
    digest = _digest(key)
    now = timezone.now()
    for token in ApiToken.objects.select_related("user").filter(prefix=key[:PREFIX_LENGTH]):
        if hmac.compare_digest(token.digest, digest):
            if token.expires_at is not None and token.expires_at <= now:
                return None
            if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            return token
    return None
