import datetime as dt
import math
import re

from django.db import models
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination

# The largest number a position may hold: the database's integers are 64-bit.
_INTEGER = re.compile(r"-?[0-9]{1,19}", re.ASCII)
_INTEGER_RANGE = range(-(2**63), 2**63)


class NewestFirst(CursorPagination):
    """Cursor paging on the primary key: unique, indexed, stable under inserts, no COUNT(*).

    A cursor is the API's own: one whose position is not a value of the field the page is
    ordered by (a forged one) is a 404 saying so (as the schema documents), never a query that
    fails in the database; a NUL character in the parameter is a 400 naming it, as in any other."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_cursor_message = "This page cursor is not one this API issued: follow a list's `next` and `previous` links as they are."

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request) -> Cursor | None:
        if "\x00" in request.query_params.get(self.cursor_query_param, ""):
            raise ValidationError({self.cursor_query_param: ["A page cursor holds no NUL character."]})
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None and not self._is_position(str(cursor.position)):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def _is_position(self, position: str) -> bool:
        """Whether `position` is a value of the ordering's first field, as encode_cursor writes one."""
        name = self.ordering[0].lstrip("-")
        field = self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)
        if "\x00" in position:
            return False
        if isinstance(field, models.IntegerField):
            return bool(_INTEGER.fullmatch(position)) and int(position) in _INTEGER_RANGE
        if isinstance(field, models.FloatField):
            try:
                return math.isfinite(float(position))
            except ValueError:
                return False
        if isinstance(field, models.DateTimeField):
            try:
                moment = parse_datetime(position)
                # Aware, as every position written is, and one the database can hold in UTC.
                return moment is not None and moment.tzinfo is not None and bool(moment.astimezone(dt.UTC))
            except (ValueError, OverflowError):
                return False
        return True
