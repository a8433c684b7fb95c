"""The test suite. Uses DATABASE_URL / CELERY_BROKER_URL when given (PostgreSQL and Redis in CI)."""

from config.env import env_list

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Nothing internal may be fetched: each test server's own port is allowed while its test runs
# (the http_server fixture), so a redirect to any other local service is refused as it would be
# in production. The worker processes the integration tests start, before their servers, are
# given 127.0.0.1 in their environment (tests/integration/conftest.py).
CLAIMS_FETCH_ALLOWED_NETWORKS = env_list("CLAIMS_FETCH_ALLOWED_NETWORKS", [])
# No waiting between requests to the tests' own servers; the rate-limit tests set it themselves.
CLAIMS_FETCH_MIN_INTERVAL = 0.0
