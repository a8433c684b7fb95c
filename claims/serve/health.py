"""Whether this web process can serve requests: its database and its cache answer.

Load balancers and `docker compose` ask this every few seconds, so it must stay cheap: one
`SELECT 1` and one small cache write and read, nothing that grows with the data.
"""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

_CACHE_KEY = "claims:health"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    cache.set(_CACHE_KEY, "ok", timeout=30)
    if cache.get(_CACHE_KEY) != "ok":
        raise RuntimeError("the value written was not read back")


OK = "ok"


def statuses() -> dict[str, str]:
    """Each component ("database", "cache") with OK or a short reason it does not answer.

    The reason names the error's type only: the response is public; the details go to the log.
    """
    found: dict[str, str] = {}
    checks = {"database": (_database, DatabaseError), "cache": (_cache, Exception)}
    for name, (check, errors) in checks.items():
        try:
            check()
        except errors as exc:  # the Redis cache raises redis-py's own errors, hence Exception
            logger.warning("health check: %s does not answer: %s", name, exc, exc_info=True)
            found[name] = f"unavailable ({type(exc).__name__})"
        else:
            found[name] = OK
    return found
