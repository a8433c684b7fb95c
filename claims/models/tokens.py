"""API keys: created with a key shown once, stored as a digest, checked in constant time.

Keys are 256 random bits, so one SHA-256 is enough to store them safely (a slow password hash
protects guessable secrets; nobody guesses a random 43-character key) and cheap enough to check
on every request.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX_LENGTH = 8
# What a key can be: secrets.token_urlsafe's alphabet (and DRF's hex keys, which migration 0023
# kept as digests). Anything else is no key, refused before it reaches a query (a NUL character
# there is a DataError on PostgreSQL).
_KEY = re.compile(r"[A-Za-z0-9_-]{1,200}")
# last_used_at is written at most this often per token, not on every request.
USE_RECORDED_EVERY = timedelta(minutes=5)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Issued:
    token: ApiToken
    key: str  # shown to the user once; never stored


class ApiTokenManager(models.Manager["ApiToken"]):
    def issue(self, *, user, name: str, expires_at: datetime | None = None) -> Issued:
        """A new token of the user's, saved, and its key (to be shown once)."""
        token = self.model(user=user, name=name, expires_at=expires_at)
        key = token.assign_new_key()
        token.save()
        return Issued(token, key)

    def authenticate(self, *, key: str) -> ApiToken | None:
        """The live token this key belongs to, or None (unknown, or expired, or no key at all)."""
        if not _KEY.fullmatch(key):
            return None
        digest = _digest(key)
        now = timezone.now()
        for token in self.select_related("user").filter(prefix=key[:PREFIX_LENGTH]):
            if hmac.compare_digest(token.digest, digest):
                if token.expires_at is not None and token.expires_at <= now:
                    return None
                if token.last_used_at is None or now - token.last_used_at > USE_RECORDED_EVERY:
                    self.filter(pk=token.pk).update(last_used_at=now)
                return token
        return None


class ApiToken(models.Model):
    """A named API key of a user's. Only a digest of the key is kept: the key itself is shown
    once, when it is created (`ApiToken.objects.issue`, or the admin), and cannot be read back
    from the database, a backup or an image. A user may hold several (one per client), each with
    its own expiry."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What uses it, e.g. “newsroom CMS”.")
    # The key's first characters, shown in lists so a token can be recognised, and used to find
    # the row before the digest is compared.
    prefix = models.CharField(max_length=12, db_index=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)  # SHA-256 of the key, hex
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: never expires.")
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenManager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="api_token_name_unique_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def assign_new_key(self) -> str:
        """Give this (unsaved) token a fresh key, its prefix and digest: the key is returned, to be
        shown once, and is not kept anywhere."""
        key = secrets.token_urlsafe(32)
        self.prefix, self.digest = key[:PREFIX_LENGTH], _digest(key)
        return key
