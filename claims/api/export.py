"""Bulk export of the claims a client may read, as NDJSON or CSV, streamed in chunks: the table
is never held in memory, whatever its size. The claims list's filters apply."""

import csv
import io
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.views import APIView

from claims.models import Claim
from claims.serve import statements

from .filters import ClaimFilter
from .views import ClaimReadPermission

FIELDS = [
    "id",
    "text",
    "kind",
    "state",
    "speaker_id",
    "speaker__name",
    "verdict__value",
    "verdict__label",
    "checkworthiness",
    "first_seen",
    "published_at",
    "stance",
    "first_cue",
]
HEADER = [
    "id",
    "text",
    "kind",
    "state",
    "speaker_id",
    "speaker",
    "verdict",
    "verdict_label",
    "checkworthiness",
    "first_seen",
    "published_at",
    # Added last, so that a reader of the columns by position keeps working: the stance, and the
    # statement as every surface shows it ("X denied that ..."): the words alone beside a speaker
    # and a verdict would read as said.
    "stance",
    "statement",
]
CHUNK = 2000


def _rows(request) -> Iterator[tuple]:
    claims = ClaimFilter(
        request.query_params, queryset=Claim.objects.visible_to(request.user), request=request
    )
    if not claims.is_valid():
        from rest_framework.exceptions import ValidationError

        raise ValidationError(claims.errors)
    rows = (
        claims.qs.annotate(first_cue=statements.first_cue_column())
        .order_by("pk")
        .values_list(*FIELDS)
        .iterator(chunk_size=CHUNK)
    )
    return _with_statements(rows)  # a generator apart, so that bad filters fail here, as a 400


def _with_statements(rows: Iterator[tuple]) -> Iterator[tuple]:
    text, stance, speaker = FIELDS.index("text"), FIELDS.index("stance"), FIELDS.index("speaker__name")
    for row in rows:
        said = statements.checkable(text=row[text], stance=row[stance], speaker=row[speaker], cue=row[-1])
        yield (*row[:-1], said)


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


# A cell a spreadsheet would run as a formula (CSV injection): =, +, -, @, and a tab or carriage
# return before one of them. A leading apostrophe makes it text, as OWASP recommends.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    value = _plain(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class ExportNDJSON(APIView):
    permission_classes = [ClaimReadPermission]

    @extend_schema(
        tags=["claims"],
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(
                OpenApiTypes.STR, description="One claim a line, as JSON"
            )
        },
    )
    def get(self, request):
        rows = _rows(request)

        def lines():
            for row in rows:
                yield json.dumps(dict(zip(HEADER, map(_plain, row), strict=True)), ensure_ascii=False) + "\n"

        response = StreamingHttpResponse(lines(), content_type="application/x-ndjson")
        response["Content-Disposition"] = 'attachment; filename="claims.ndjson"'
        return response


class ExportCSV(APIView):
    permission_classes = [ClaimReadPermission]

    @extend_schema(
        tags=["claims"],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV with a header row")},
    )
    def get(self, request):
        rows = _rows(request)

        def lines():
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(HEADER)
            for n, row in enumerate(rows, 1):
                writer.writerow([_cell(v) for v in row])
                if n % 500 == 0:
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
            yield buffer.getvalue()

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response
