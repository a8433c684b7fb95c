"""Server-Timing headers: how long each request spent in SQL and in all, server side.

API clients and browser developer tools show them; bench/api_load.py reads them to tell the API's
own SQL time from the rest. On when CLAIMS_SERVER_TIMING is set (by default with DEBUG): the
timings say a little about the data behind a request, which a public deployment may not want.
"""

import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection


class _SqlTimer:
    """A database execute wrapper that adds up the time and number of statements run."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.statements += 1


class ServerTimingMiddleware:
    def __init__(self, get_response):
        if not settings.CLAIMS_SERVER_TIMING:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        timer = _SqlTimer()
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            response = self.get_response(request)
        total = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = (
            f'sql;desc="{timer.statements} statements";dur={timer.seconds * 1000:.3f}, total;dur={total:.3f}'
        )
        return response
