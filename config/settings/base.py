"""Settings shared by every environment.

The environment is read here, once. local.py, test.py and production.py only adjust
what differs between them. Every variable is listed in README.md.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from claims import net as _net  # the standard library only: the address checks, read here once
from config.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("CLAIMS_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or ""
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "claims",
]

MIDDLEWARE = [
    "claims.middleware.ServerTimingMiddleware",  # first, to time everything after it
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "claims.middleware.NulInAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "claims.public.context.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# With no DATABASE_URL the project runs on SQLite, so `make run` needs no services.
_database_url = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
if _database_url.startswith("sqlite:///"):
    # The embedded defaults keep their files under var/; create it so a fresh clone just runs.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
except (ValueError, KeyError) as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL Django can use: {exc}") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write at the same time: WAL lets readers go on,
    # IMMEDIATE transactions take the write lock up front instead of failing midway,
    # and the timeout makes a writer wait rather than raise "database is locked".
    _database["CONN_MAX_AGE"] = 0
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
elif _database["ENGINE"] == "django.db.backends.postgresql":
    _database["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Celery ---------------------------------------------------------------------------
# With no CELERY_BROKER_URL, kombu's filesystem transport: a broker that needs no server.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("queue", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A message a killed worker had taken comes back after this many seconds. The
    # database row stays the record of the work; the sweeper re-enqueues sooner.
    # A worker reads its queues in order of their names, not in turn: ingestion's first,
    # so that claims' embeddings (the -index queue, claims.retrieval.tasks) are made while no
    # article waits, and a burst of articles is stored (searchable by their words) before them.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
        "queue_order_strategy": "sorted",  # "claims" before "claims-index"
    }
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE") or "claims"
CELERY_TASK_IGNORE_RESULT = True
# Connections are recycled by config/celery.py like a request's, not after every task.
CELERY_DB_REUSE_MAX = 1_000_000
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "recover-stalled-ingest-jobs": {
        "task": "claims.tasks.recover_stalled_jobs",
        "schedule": 60.0,
    },
    # Polls the feeds that are due; each feed's interval lives on its row, edited in the admin.
    "dispatch-due-feeds": {
        "task": "claims.tasks.dispatch_feeds",
        "schedule": 30.0,
    },
    # Claims an ingestion run stored but did not index for search (its worker killed, or out of
    # time) are indexed, a bounded number each run: never left out of search.
    "index-pending-claims": {
        "task": "claims.tasks.index_pending_claims",
        "schedule": 300.0,
    },
    # Webhook deliveries whose message was lost are sent again (the row is the record of work).
    "resend-due-webhooks": {
        "task": "claims.notify.tasks.resend_due_webhooks",
        "schedule": 60.0,
    },
}

# --- Email (notifications): SMTP where EMAIL_HOST is set, else printed on the console ------
EMAIL_HOST = env_str("EMAIL_HOST") or ""
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = EMAIL_PORT == 587
# Notifications are emailed by the worker that stored the claims: a mail server that hangs must
# not hold it for long (the inbox keeps every notification either way).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "claims@localhost"

# --- The claims app -------------------------------------------------------------------
CLAIMS_INGEST_MAX_BYTES = env_int("CLAIMS_INGEST_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# A request body may hold the largest article, JSON-escaped (\u escapes can double it), with room to
# spare; past that the API answers 413 in its JSON error shape (claims.api.errors).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * CLAIMS_INGEST_MAX_BYTES + 1024 * 1024
CLAIMS_FETCH_TIMEOUT = env_int("CLAIMS_FETCH_TIMEOUT", 20, minimum=1)  # read timeout, seconds
CLAIMS_FETCH_CONNECT_TIMEOUT = env_int("CLAIMS_FETCH_CONNECT_TIMEOUT", 5, minimum=1)
# The most one request may take in all, from connecting to its last byte (each redirect and the
# robots.txt read are requests of their own).
CLAIMS_FETCH_TOTAL_TIMEOUT = env_int("CLAIMS_FETCH_TOTAL_TIMEOUT", 60, minimum=1)
CLAIMS_FETCH_OBEY_ROBOTS = env_bool("CLAIMS_FETCH_OBEY_ROBOTS", True)
# Seconds between two requests to one host, across all workers.
CLAIMS_FETCH_MIN_INTERVAL = env_float("CLAIMS_FETCH_MIN_INTERVAL", 1.0, minimum=0.0)
CLAIMS_FEED_MAX_BYTES = env_int("CLAIMS_FEED_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
# The largest ClaimReview kept from another fact-checker (its JSON, compact): a larger one is
# skipped with the reason, the rest of its file or feed imported.
CLAIMS_EXTERNAL_REVIEW_MAX_BYTES = env_int("CLAIMS_EXTERNAL_REVIEW_MAX_BYTES", 256 * 1024, minimum=1024)
# After this many failures in a row a feed is switched off, with the reason shown in the admin.
CLAIMS_FEED_MAX_ERRORS = env_int("CLAIMS_FEED_MAX_ERRORS", 10, minimum=1)
CLAIMS_FETCH_USER_AGENT = (
    env_str("CLAIMS_FETCH_USER_AGENT") or "claimtracker/0.1 (+https://github.com/claimtracker/claimtracker)"
)
# Addresses fetching and webhooks may reach although they are not public (loopback, private,
# link-local): networks (any port) or "address:port" / "network:port" / "[v6]:port" entries,
# checked on every redirect. None by default: no URL from a feed, an editor or an API client
# reaches internal services.
CLAIMS_FETCH_ALLOWED_NETWORKS = env_list("CLAIMS_FETCH_ALLOWED_NETWORKS", [])
try:
    _net.parse_networks(CLAIMS_FETCH_ALLOWED_NETWORKS)
except ValueError as _exc:
    raise ImproperlyConfigured(f"CLAIMS_FETCH_ALLOWED_NETWORKS: {_exc}") from None
# The most claims one article may hold (different statements the extractor finds: one said again is
# one claim): beyond it the job fails in words and nothing of the article is stored. No news article
# holds thousands; a page that seems to would flood the record, the webhooks and the inboxes.
CLAIMS_MAX_CLAIMS_PER_ARTICLE = env_int("CLAIMS_MAX_CLAIMS_PER_ARTICLE", 500, minimum=1)
# A job that has been running this long without finishing is taken to be lost
# (its worker died) and is queued again by the sweeper.
CLAIMS_JOB_LEASE_SECONDS = env_int("CLAIMS_JOB_LEASE_SECONDS", 600, minimum=5)
CLAIMS_JOB_MAX_ATTEMPTS = env_int("CLAIMS_JOB_MAX_ATTEMPTS", 5, minimum=1)
# Jobs sent together (a feed's new items, the sweeper's re-sends) travel in messages of up to
# this many, and a worker stores their articles in one transaction: far fewer statements per
# article. 1 sends every job on its own.
CLAIMS_INGEST_BATCH = env_int("CLAIMS_INGEST_BATCH", 20, minimum=1)

# --- Auth, i18n, static ---------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("DJANGO_TIME_ZONE") or "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Cache -----------------------------------------------------------------------------
# API throttling counts requests here: with several web processes it must be shared (Redis).
_cache_url = env_str("CLAIMS_CACHE_URL") or ""
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
elif _cache_url:
    raise ImproperlyConfigured(f"CLAIMS_CACHE_URL must be a redis:// URL, got {_cache_url!r}")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- API ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.ApiSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.NewestFirst",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("CLAIMS_API_ANON_RATE") or "120/minute",
        "user": env_str("CLAIMS_API_USER_RATE") or "1200/minute",
    },
    "EXCEPTION_HANDLER": "claims.api.errors.handle_exception",
    # How many proxies in front of the app append to X-Forwarded-For. With 0 the header is ignored
    # and the client is the connection's address: a header any client can write is no identity,
    # and with it unset a new X-Forwarded-For on every request escaped throttling.
    "NUM_PROXIES": env_int("CLAIMS_TRUSTED_PROXIES", 0, minimum=0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claim tracker API",
    "DESCRIPTION": (
        "Claims (quotations, reported statements and checkable assertions), their speakers, "
        "sources and publishers, and ingestion. Anonymous clients read published claims; a token "
        "(issued in the admin) acts with its user's rights: it reads drafts only if its user may see "
        "them (claims.view_claim), and writes what its user's permissions allow."
    ),
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.document_errors",
        "claims.api.schema.integer_ids",
    ],
    # Swagger UI and ReDoc from our own static files (drf-spectacular-sidecar), not a CDN: the docs
    # work offline and behind a strict Content-Security-Policy.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimStateEnum": "claims.models.ClaimState",
        "ClaimKindEnum": "claims.models.ClaimKind",
        "IngestJobStateEnum": "claims.models.JobState",
        "IngestJobKindEnum": "claims.models.JobKind",
        # Without it the speakers' kinds, a field "kind" in several components, are named "Kind46cEnum".
        "SpeakerKindEnum": "claims.models.Speaker.Kind",
    },
}
CORS_ALLOWED_ORIGINS = env_list("CLAIMS_CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/(api|v1alpha1)/.*$"

# The key webhook secrets are encrypted with at rest (claims.crypto). Unset, one is derived from
# DJANGO_SECRET_KEY; production should set its own, so that rotating DJANGO_SECRET_KEY leaves the
# stored secrets readable.
CLAIMS_SECRETS_KEY = env_str("CLAIMS_SECRETS_KEY") or ""

# Who publishes the fact checks (ClaimReview `author`) and where the public pages live.
CLAIMS_ORGANISATION_NAME = env_str("CLAIMS_ORGANISATION_NAME") or "Claim tracker"
# By default the address `make run` serves (scripts/run_dev.py: HOST and PORT), so the links in
# emails, webhook payloads and ClaimReview lead to it; behind a real domain, set it.
_served_host = env_str("HOST") or "127.0.0.1"
if _served_host in ("0.0.0.0", "::", "[::]"):
    _served_host = "127.0.0.1"  # every interface: this machine reaches it at its loopback address
elif ":" in _served_host and not _served_host.startswith("["):
    _served_host = f"[{_served_host}]"
_served_at = f"http://{_served_host}:{env_int('PORT', 8000, minimum=1)}"
CLAIMS_PUBLIC_BASE_URL = (env_str("CLAIMS_PUBLIC_BASE_URL") or _served_at).rstrip("/")

# Retrieval: from this many indexed claims, each process searches embeddings through an
# approximate index (claims.retrieval.dense) instead of exactly.
CLAIMS_SEARCH_ANN_MIN = env_int("CLAIMS_SEARCH_ANN_MIN", 50_000, minimum=1)
# From this many indexed claims, the embeddings web processes search are a snapshot shared by
# every process on the machine (memory-mapped files in this folder, built from the search
# entries; claims.retrieval.dense), each process holding only those indexed since.
CLAIMS_SEARCH_SHARED_MIN = env_int("CLAIMS_SEARCH_SHARED_MIN", 50_000, minimum=1)
CLAIMS_SEARCH_VECTORS_DIR = Path(env_str("CLAIMS_SEARCH_VECTORS_DIR") or VAR_DIR / "search")
# Web processes read that copy of the embeddings when they start, not at their first search.
CLAIMS_SEARCH_WARM = env_bool("CLAIMS_SEARCH_WARM", True)

# Server-Timing headers (SQL time and total, server side) on every response.
CLAIMS_SERVER_TIMING = env_bool("CLAIMS_SERVER_TIMING", DEBUG)

# --- Logging --------------------------------------------------------------------------
LOG_LEVEL = (env_str("DJANGO_LOG_LEVEL") or "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_LEVEL must be a logging level name, got {LOG_LEVEL!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "claims": {"level": LOG_LEVEL},
        "celery": {"level": LOG_LEVEL},
    },
}
