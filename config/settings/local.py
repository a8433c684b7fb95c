"""Development on one machine: `make run`. DEBUG on unless the environment says otherwise."""

from config.env import env_bool

from .base import *  # noqa: F403
from .base import SECRET_KEY

DEBUG = env_bool("DJANGO_DEBUG", True)
# Only for a developer's own machine; production.py refuses to start without a real key.
SECRET_KEY = SECRET_KEY or "django-insecure-local-development-only"
