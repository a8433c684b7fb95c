"""API keys."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A named API key of a user's. Only a digest of the key is kept: the key itself is shown
    once, when it is created (claims.serve.tokens), and cannot be read back from the database,
    a backup or an image. A user may hold several (one per client), each with its own expiry."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What uses it, e.g. “newsroom CMS”.")
    # The key's first characters, shown in lists so a token can be recognised, and used to find
    # the row before the digest is compared.
    prefix = models.CharField(max_length=12, db_index=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)  # SHA-256 of the key, hex
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: never expires.")
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="api_token_name_unique_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
