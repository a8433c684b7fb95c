"""The test suite. Uses DATABASE_URL / CELERY_BROKER_URL when given (PostgreSQL and Redis in CI)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The tests' own article servers listen on 127.0.0.1; the SSRF tests take this away again.
CLAIMS_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
# No waiting between requests to the tests' own servers; the rate-limit tests set it themselves.
CLAIMS_FETCH_MIN_INTERVAL = 0.0
