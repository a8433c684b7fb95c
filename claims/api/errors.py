"""One JSON error shape for the whole API: {"error": {"status", "code", "message", "details"}}."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "request_too_large"


class KeyReused(exceptions.APIException):
    """An Idempotency-Key sent again with another body (claims.ingest.submission.KeyReused)."""

    status_code = 422
    default_code = "idempotency_key_reused"


def handle_exception(exc, context) -> Response | None:
    # Services raise Django's exceptions; the API speaks DRF's.
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
        exc = RequestTooLarge(
            f"The request body is larger than the {limit:g} MB this API reads. "
            "Submit a long article as a URL, or as a file in the admin's Submit material."
        )
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.messages)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's 500 handling and logging take over
    details = response.data
    if isinstance(details, dict) and set(details) == {"detail"}:
        message, details = str(details["detail"]), None
    elif isinstance(details, list):
        message, details = " ".join(str(d) for d in details), None
    else:
        message = "The request is not valid: see details."
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    if not isinstance(code, str):
        code = "invalid"
    response.data = {
        "error": {"status": response.status_code, "code": code, "message": message, "details": details}
    }
    return response
