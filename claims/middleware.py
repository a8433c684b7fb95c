"""Server-Timing headers: how long each request spent in SQL and in all, server side.

API clients and browser developer tools show them; bench/api_load.py reads them to tell the API's
own SQL time from the rest. On when CLAIMS_SERVER_TIMING is set (by default with DEBUG): the
timings say a little about the data behind a request, which a public deployment may not want.

And addresses with a NUL character, refused before any view reads them (NulInAddressMiddleware).
"""

import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection
from django.http import HttpResponseBadRequest

from claims.models import printable


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


class NulInAddressMiddleware:
    """A query string holding a NUL character is answered 400, naming the parameter, before any
    view reads it. No parameter of any page takes one, and PostgreSQL cannot compare text with it:
    wherever a view filtered by the value as given (the admin's list filters and autocomplete, a
    search) the query failed with a DataError, a server error. The API is left to itself: its
    fields refuse NUL characters with their own 400s, in its JSON error shape."""

    API = ("/api/", "/v1alpha1/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if ("%00" in query or "\x00" in query) and not request.path_info.startswith(self.API):
            named = [key for key, values in request.GET.lists() if "\x00" in "".join([key, *values])]
            if named:
                return self._refused(named)
        return self.get_response(request)

    @staticmethod
    def _refused(named: list[str]) -> HttpResponseBadRequest:
        shown = ", ".join(f"“{printable(key)}”" for key in named)
        return HttpResponseBadRequest(
            f"This address holds a NUL character (in {shown}), which no page takes: remove it and try again.\n",
            content_type="text/plain; charset=utf-8",
        )
