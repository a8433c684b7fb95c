"""Views that belong to no part of the site: the health check."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from claims.serve import health


@never_cache
@require_safe
def health_check(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache answer, 503 (saying which does not) otherwise."""
    checks = health.statuses()
    healthy = all(status == health.OK for status in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
